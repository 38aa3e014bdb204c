#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""scipy's integrators on the ODE reference problems, with the tolerances and metrics of ModelCompiler's
`dotnet run -c Release --project benchmarks/ModelCompiler.Benchmarks -- ode` (the README of
tests/ModelCompiler.Tests/Data/ode): solve_ivp with RK45, DOP853, Radau, BDF and LSODA (analytic Jacobians given to the
implicit ones), and odeint (LSODA with Dfun). Prints error, steps, f evaluations, Jacobians, LU factorizations and
the best of three wall-clock times (solve_ivp does not report its step count). Run with /usr/bin/python3; installs python3-scipy with apt-get if missing.

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
    from scipy.integrate import odeint, solve_ivp
    from threadpoolctl import threadpool_info
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy", "python3-threadpoolctl"], check=True)
    import numpy as np
    from scipy.integrate import odeint, solve_ivp
    from threadpoolctl import threadpool_info

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "ModelCompiler.Tests", "Data", "ode")


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


def problems():
    a = load("airy")
    yield ("airy", False, airy, airy_j, [a["y"][0], a["yp"][0]], a["t"], lambda r: 1e-4 * r,
           lambda ys: np.max(np.abs(ys[:, 0] - a["y"]) / np.abs(a["y"])))
    lz = load("lorenz-beta8over3")
    keep = lz["t"] <= 10
    yield ("lorenz", False, lorenz, lorenz_j, [0.0, 1.0, 0.0], lz["t"][keep], lambda r: r,
           lambda ys: max(np.max(np.abs(ys[:, j] - lz[c][keep])) for j, c in enumerate(["x_a", "y_a", "z_a"])))
    rb = load("robertson")
    end = [rb["y1"][-1], rb["y2"][-1], rb["y3"][-1]]
    yield ("robertson", True, rob, rob_j, [1.0, 0.0, 0.0], np.array([0.0, 1e11]), lambda r: np.array([1e-8, 1e-14, 1e-8]) * r,
           lambda ys: max(abs(ys[-1, j] - end[j]) / end[j] for j in range(3)))
    vd = load("vanderpol")
    vend = [vd["y"][-1], vd["yp"][-1]]
    yield ("vanderpol", True, vdp, vdp_j, [2.0, 0.0], np.array([0.0, 3000.0]), lambda r: 1e-6 * r,
           lambda ys: max(abs(ys[-1, j] - vend[j]) / abs(vend[j]) for j in range(2)))
    with open(os.path.join(DATA, "lotka-volterra.json")) as f:
        fwd = json.load(f)["forward_reference"]
    t, x, y = (np.array([float(v) for v in fwd[k]]) for k in ("t", "x", "y"))
    yield ("lotka", False, lv, lv_j, [10.0, 5.0], t, lambda r: 1e-6 * r,
           lambda ys: max(np.max(np.abs(ys[1:, 0] - x[1:]) / x[1:]), np.max(np.abs(ys[1:, 1] - y[1:]) / y[1:])))


def best_of(run, count=3):
    best = float("inf")
    for _ in range(count):
        start = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - start)
    return out, best * 1e3


def main():
    args = sys.argv[1:]
    rtols = [1e-6, 1e-10]
    if "--rtol" in args:
        i = args.index("--rtol")
        rtols = [float(x) for x in args[i + 1].split(",")]
        del args[i:i + 2]
    info = threadpool_info()
    print("numpy BLAS:", ", ".join(f"{p.get('internal_api')} {p.get('version')} ({p.get('architecture')}), {p.get('num_threads')} threads"
                                   for p in info) or "none loaded")
    print("problem      method          rtol      error      steps    f-evals  Jacobians     LU     time-ms")
    for name, stiff, f, jac, y0, times, atol_of, metric in problems():
        if args and name not in args:
            continue
        for rtol in rtols:
            atol = atol_of(rtol)
            methods = ["Radau", "BDF", "LSODA"] if stiff else ["RK45", "DOP853", "Radau", "BDF", "LSODA"]
            for method in methods:
                kwargs = {"jac": jac} if method in ("Radau", "BDF", "LSODA") else {}
                run = lambda: solve_ivp(f, (times[0], times[-1]), y0, method=method, t_eval=times, rtol=rtol, atol=atol, **kwargs)
                try:
                    sol, ms = best_of(run)
                    err = metric(sol.y.T) if sol.success else float("nan")
                    print(f"{name:12s} {method:14s} {rtol:6.0e} {err:10.2e} {'-':>8} {sol.nfev:10d} {sol.njev:9d} {sol.nlu:8d} {ms:11.3f}")
                except Exception as e:  # a method that fails on a problem is reported, not fatal
                    print(f"{name:12s} {method:14s} {rtol:6.0e} failed: {e}")
            run = lambda: odeint(f, y0, times, Dfun=jac, rtol=rtol, atol=atol, tfirst=True, full_output=True, mxstep=10 ** 7)
            (ys, info_dict), ms = best_of(run)
            print(f"{name:12s} {'odeint':14s} {rtol:6.0e} {metric(ys):10.2e} {info_dict['nst'][-1]:8d} {info_dict['nfe'][-1]:10d} "
                  f"{info_dict['nje'][-1]:9d} {'-':>8} {ms:11.3f}")


if __name__ == "__main__":
    main()
