#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""scipy's integrators on the ODE work-precision problems, with the tolerances, output times and metrics of ModelCompiler's
`dotnet run -c Release --project benchmarks/ModelCompiler.Benchmarks -- ode` (the README of tests/ModelCompiler.Tests/Data/ode):
solve_ivp with RK45 and DOP853 (non-stiff problems), Radau, BDF and LSODA with the analytic Jacobian (banded for LSODA and
sparse for Radau and BDF on the Brusselator), and odeint (LSODA) with and without Dfun. On non-stiff problems LSODA stays
with Adams and never calls the Jacobian. Prints, per run, error, steps (odeint only: solve_ivp does not count them),
f evaluations, Jacobians, LU factorizations and the thread CPU time (best of three, so that other processes on a busy
machine do not inflate it). Run with /usr/bin/python3; installs python3-scipy with apt-get if missing.

    /usr/bin/python3 benchmarks/peers/ode_scipy.py [problem ...] [--rtol 1e-6,1e-10]
"""
import csv
import json
import os
import subprocess
import sys
import time

for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(variable, None)

try:
    import numpy as np
    import scipy
    import scipy.sparse
    from scipy.integrate import odeint, solve_ivp
    from threadpoolctl import threadpool_info
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy", "python3-threadpoolctl"], check=True)
    import numpy as np
    import scipy
    import scipy.sparse
    from scipy.integrate import odeint, solve_ivp
    from threadpoolctl import threadpool_info

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "ModelCompiler.Tests", "Data", "ode")
BRUSS_POINTS = 500


def load(name):
    with open(os.path.join(DATA, name + ".csv")) as f:
        rows = list(csv.reader(f))
    header, values = rows[0], np.array([[float(x) for x in r] for r in rows[1:]])
    return {h: values[:, i] for i, h in enumerate(header)}


def airy(t, y): return [y[1], t * y[0]]
def airy_j(t, y): return [[0, 1], [t, 0]]
def lorenz(t, y): return [10 * (y[1] - y[0]), y[0] * (28 - y[2]) - y[1], y[0] * y[1] - 8.0 / 3.0 * y[2]]
def lorenz_j(t, y): return [[-10, 10, 0], [28 - y[2], -1, -y[0]], [y[1], y[0], -8.0 / 3.0]]
def rob(t, y):
    a, b, c = 0.04 * y[0], 1e4 * y[1] * y[2], 3e7 * y[1] * y[1]
    return [-a + b, a - c - b, c]
def rob_j(t, y): return [[-0.04, 1e4 * y[2], 1e4 * y[1]], [0.04, -6e7 * y[1] - 1e4 * y[2], -1e4 * y[1]], [0, 6e7 * y[1], 0]]
def vdp(t, y): return [y[1], 1000 * (1 - y[0] ** 2) * y[1] - y[0]]
def vdp_j(t, y): return [[0, 1], [-2000 * y[0] * y[1] - 1, 1000 * (1 - y[0] ** 2)]]
def lv(t, y): return [y[0] - 0.1 * y[0] * y[1], 0.075 * y[0] * y[1] - 1.5 * y[1]]
def lv_j(t, y): return [[1 - 0.1 * y[1], -0.1 * y[0]], [0.075 * y[1], 0.075 * y[0] - 1.5]]


# The Brusselator, 1-D, interleaved (u1, v1, u2, v2, ...), alpha = 0.02, u = 1 and v = 3 beyond the ends: a band of 2 on
# each side. Vectorized with numpy, as a scipy user writes it.
BRUSS_C = 0.02 * (BRUSS_POINTS + 1) ** 2


def bruss(t, w):
    u, v = w[0::2], w[1::2]
    ue = np.concatenate(([1.0], u, [1.0]))
    ve = np.concatenate(([3.0], v, [3.0]))
    uuv = u * u * v
    d = np.empty_like(w)
    d[0::2] = 1 + uuv - 4 * u + BRUSS_C * (ue[:-2] - 2 * u + ue[2:])
    d[1::2] = 3 * u - uuv + BRUSS_C * (ve[:-2] - 2 * v + ve[2:])
    return d


def bruss_bands(w):
    """The Jacobian's diagonals by offset (column − row): {−2, −1, 0, 1, 2} → arrays of length n (entry i for row i)."""
    n = w.size
    u, v = w[0::2], w[1::2]
    diag = np.empty(n)
    diag[0::2] = 2 * u * v - 4 - 2 * BRUSS_C
    diag[1::2] = -u * u - 2 * BRUSS_C
    upper1 = np.zeros(n)        # row 2i, column 2i + 1: ∂u'/∂v
    upper1[0::2] = u * u
    lower1 = np.zeros(n)        # row 2i + 1, column 2i: ∂v'/∂u
    lower1[1::2] = 3 - 2 * u * v
    side = np.full(n, BRUSS_C)
    return {-2: side, -1: lower1, 0: diag, 1: upper1, 2: side}


def bruss_sparse(t, w):
    n = w.size
    bands = bruss_bands(w)
    # scipy.sparse.diags takes each diagonal from its first row: offset k > 0 from row 0, k < 0 from row −k.
    data = [bands[k][-k:] if k < 0 else bands[k][: n - k] for k in (-2, -1, 0, 1, 2)]
    return scipy.sparse.diags(data, [-2, -1, 0, 1, 2], format="csc")


def bruss_packed(t, w):
    """LSODA's banded layout: packed[uband + i − j, j] = J[i, j], uband = lband = 2."""
    n = w.size
    bands = bruss_bands(w)
    packed = np.zeros((5, n))
    for k in (-2, -1, 0, 1, 2):          # k = j − i
        rows = np.arange(max(0, -k), min(n, n - k))
        packed[2 - k, rows + k] = bands[k][rows]
    return packed


def bruss_y0():
    x = np.arange(1, BRUSS_POINTS + 1) / (BRUSS_POINTS + 1)
    y = np.empty(2 * BRUSS_POINTS)
    y[0::2] = 1 + np.sin(2 * np.pi * x)
    y[1::2] = 3.0
    return y


def problems(selected):
    """(name, stiff, f, jac, packed jac or None, y0, times, atol(rtol), error metric of the states at the times)."""
    if not selected or "airy" in selected:
        a = load("airy")
        yield ("airy", False, airy, airy_j, None, [a["y"][0], a["yp"][0]], a["t"], lambda r: 1e-4 * r,
               lambda ys: np.max(np.abs(ys[:, 0] - a["y"]) / np.abs(a["y"])))
    if not selected or "lorenz" in selected:
        lz = load("lorenz-beta8over3")
        keep = lz["t"] <= 10
        yield ("lorenz", False, lorenz, lorenz_j, None, [0.0, 1.0, 0.0], lz["t"][keep], lambda r: r,
               lambda ys: max(np.max(np.abs(ys[:, j] - lz[c][keep])) for j, c in enumerate(["x_a", "y_a", "z_a"])))
    if not selected or "lotka" in selected:
        with open(os.path.join(DATA, "lotka-volterra.json")) as f:
            fwd = json.load(f)["forward_reference"]
        t, x, y = (np.array([float(v) for v in fwd[k]]) for k in ("t", "x", "y"))
        yield ("lotka", False, lv, lv_j, None, [10.0, 5.0], t, lambda r: 1e-6 * r,
               lambda ys: max(np.max(np.abs(ys[1:, 0] - x[1:]) / x[1:]), np.max(np.abs(ys[1:, 1] - y[1:]) / y[1:])))
    if not selected or "robertson" in selected:
        rb = load("robertson")
        end = [rb["y1"][-1], rb["y2"][-1], rb["y3"][-1]]
        yield ("robertson", True, rob, rob_j, None, [1.0, 0.0, 0.0], np.array([0.0, 1e11]), lambda r: np.array([1e-8, 1e-14, 1e-8]) * r,
               lambda ys: max(abs(ys[-1, j] - end[j]) / end[j] for j in range(3)))
    if not selected or "vanderpol" in selected:
        vd = load("vanderpol")
        vend = [vd["y"][-1], vd["yp"][-1]]
        yield ("vanderpol", True, vdp, vdp_j, None, [2.0, 0.0], np.array([0.0, 3000.0]), lambda r: 1e-6 * r,
               lambda ys: max(abs(ys[-1, j] - vend[j]) / abs(vend[j]) for j in range(2)))
    if not selected or "brusselator" in selected:
        y0 = bruss_y0()
        # The reference: Radau with the sparse Jacobian at rtol = atol = 1e-13 (the harness uses Rodas5P at 1e-13).
        reference = solve_ivp(bruss, (0, 10), y0, method="Radau", jac=bruss_sparse, rtol=1e-13, atol=1e-13).y[:, -1]
        yield ("brusselator", True, bruss, bruss_sparse, bruss_packed, y0, np.array([0.0, 10.0]), lambda r: r,
               lambda ys: np.max(np.abs(ys[-1] - reference)))


def best_of(run, count=3):
    best = float("inf")
    out = None
    for _ in range(count):
        start = time.thread_time()
        out = run()
        best = min(best, time.thread_time() - start)
    return out, best * 1e3


def line(name, method, rtol, err, steps, nfev, njev, nlu, ms):
    err_text = f"{err:10.2e}" if np.isfinite(err) else f"{'FAILED':>10}"
    print(f"{name:12s} {method:14s} {rtol:6.0e} {err_text} {steps:>8} {nfev:10d} {njev:9d} {nlu:>8} {ms:11.3f}", flush=True)


def main():
    args = sys.argv[1:]
    rtols = [1e-6, 1e-10]
    if "--rtol" in args:
        i = args.index("--rtol")
        rtols = [float(x) for x in args[i + 1].split(",")]
        del args[i:i + 2]
    info = threadpool_info()
    print(f"scipy {scipy.__version__}, numpy {np.__version__}, BLAS: "
          + (", ".join(f"{p.get('internal_api')} {p.get('version')} ({p.get('architecture')}), {p.get('num_threads')} threads"
                       for p in info) or "none loaded"))
    print("problem      method          rtol      error      steps    f-evals  Jacobians     LU     time-ms")
    for name, stiff, f, jac, packed, y0, times, atol_of, metric in problems(args):
        banded = packed is not None
        for rtol in rtols:
            atol = atol_of(rtol)
            methods = ["Radau", "BDF", "LSODA"] if stiff else ["RK45", "DOP853", "Radau", "BDF", "LSODA"]
            for method in methods:
                kwargs = {}
                if method in ("Radau", "BDF"):
                    kwargs["jac"] = jac
                elif method == "LSODA":
                    # scipy < 1.15's solve_ivp LSODA hands the banded Jacobian to Fortran unpadded: it must have 2·lband + uband + 1
                    # rows, the last lband unused (scipy issue 10793, fixed by pull request 22283).
                    padded = lambda t, w: np.vstack((packed(t, w), np.zeros((2, w.size))))
                    kwargs = {"jac": padded, "lband": 2, "uband": 2} if banded else {"jac": jac}
                run = lambda: solve_ivp(f, (times[0], times[-1]), y0, method=method, t_eval=times, rtol=rtol, atol=atol, **kwargs)
                try:
                    sol, ms = best_of(run)
                    err = metric(sol.y.T) if sol.success else float("nan")
                    line(name, "scipy-" + method, rtol, err, "-", sol.nfev, sol.njev, sol.nlu, ms)
                except Exception as e:  # a method that fails on a problem is reported, not fatal
                    print(f"{name:12s} {'scipy-' + method:14s} {rtol:6.0e} failed: {e}", flush=True)
            for label, dfun in (("odeint", None), ("odeint-Dfun", packed if banded else jac)):
                band = {"ml": 2, "mu": 2} if banded else {}
                run = lambda: odeint(f, y0, times, Dfun=dfun, rtol=rtol, atol=atol, tfirst=True, full_output=True, mxstep=10 ** 7, **band)
                (ys, info_dict), ms = best_of(run)
                err = metric(ys) if info_dict["message"].startswith("Integration successful") else float("nan")
                line(name, label, rtol, err, info_dict["nst"][-1], info_dict["nfe"][-1], info_dict["nje"][-1], "-", ms)


if __name__ == "__main__":
    main()
