#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""scipy 1.10's minimize, given analytic derivatives, on the cases of `dotnet run -c Release --project
benchmarks/ModelCompiler.Benchmarks -- optimize` (which runs this script and prints both side by side):

- Rosenbrock (scipy.optimize.rosen, rosen_der, rosen_hess, rosen_hess_prod: scipy's own vectorized functions) from
  (-1.2, 1, -1.2, 1, ...) for n = 2, 100, 1000, 10000 by BFGS, L-BFGS-B, Newton-CG, trust-ncg and trust-exact. BFGS
  (dense n x n inverse Hessian) stops at n = 100 and trust-exact (dense Hessian and Cholesky) at n = 1000: at
  n = 10000 its Hessian alone is 800 MB and each Cholesky factorization 3e11 flops. --bfgs-limit and --exact-limit
  change the limits.
- the shared reference set's unconstrained problems (tests/ModelCompiler.Tests/Data/optimize/problems.json) by BFGS
  and L-BFGS-B with the gradient derived by sympy from the problem's formula and lambdified to numpy.

Settings are the reference set's "tight" ones (BFGS and trust-* gtol 1e-10; L-BFGS-B ftol 1e-15, gtol 1e-10;
Newton-CG xtol 1e-12; maxiter max(5000, 100 n)); reached means |f - f*| <= 1e-8 max(1, |f*|). Every call of f,
the gradient and the Hessian (or Hessian-vector product) is counted by a wrapper. Times are the median of 5 calls
(one call when the first takes over 2 s) of the whole minimize call. A Rosenbrock run is stopped after --time-limit
seconds (default 300) and printed as 'timeout' with its counts and time so far.

With --results PATH (the shared reference set's results.csv) it also prints every peer's totals there (scipy, NLopt,
Ceres; tight settings) on the same problems, and the problems no peer reached.

Output: a readable table, or with --machine one line per run:
  run <case> <method> <reached 0/1> <f> <nfev> <ngev> <nhev> <seconds>
  peer <solver> <reached> <problems> <nfev> <ngev> <nhev>
  unreached <problem> ...
Run with /usr/bin/python3; installs python3-scipy, python3-sympy and python3-threadpoolctl if missing.
"""
import argparse
import json
import os
import subprocess
import sys
import time

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)
try:
    import numpy as np
    import sympy as sp
    from scipy.optimize import minimize, rosen, rosen_der, rosen_hess, rosen_hess_prod
    from threadpoolctl import threadpool_info
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy", "python3-sympy", "python3-threadpoolctl"], check=True)
    import numpy as np
    import sympy as sp
    from scipy.optimize import minimize, rosen, rosen_der, rosen_hess, rosen_hess_prod
    from threadpoolctl import threadpool_info

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROBLEMS = os.path.join(ROOT, "tests", "ModelCompiler.Tests", "Data", "optimize", "problems.json")


def options(method, n):
    maxiter = max(5000, 100 * n)
    return {
        "BFGS": {"gtol": 1e-10, "maxiter": maxiter},
        "L-BFGS-B": {"ftol": 1e-15, "gtol": 1e-10, "maxiter": maxiter, "maxfun": max(20000, 1000 * n)},
        "Newton-CG": {"xtol": 1e-12, "maxiter": maxiter},
        "trust-ncg": {"gtol": 1e-10, "maxiter": maxiter},
        "trust-exact": {"gtol": 1e-10, "maxiter": maxiter},
    }[method]


class TimeLimit(Exception):
    pass


class Counted:
    """f, its gradient and its Hessian (or Hessian-vector product) with call counters; f raises TimeLimit once a call
    has run longer than `limit` seconds."""

    def __init__(self, f, g, h=None, hp=None, limit=float("inf")):
        self.f, self.g, self.h, self.hp, self.limit = f, g, h, hp, limit
        self.reset()

    def reset(self):
        self.nf = self.ng = self.nh = 0
        self.started = time.perf_counter()

    def fun(self, x):
        self.nf += 1
        if time.perf_counter() - self.started > self.limit:
            raise TimeLimit()
        return self.f(x)

    def jac(self, x):
        self.ng += 1
        return self.g(x)

    def hess(self, x):
        self.nh += 1
        return self.h(x)

    def hessp(self, x, p):
        self.nh += 1
        return self.hp(x, p)


def run(counted, x0, method, n):
    kwargs = {"jac": counted.jac}
    if method == "trust-exact":
        kwargs["hess"] = counted.hess
    elif method in ("trust-ncg", "Newton-CG"):
        kwargs["hessp"] = counted.hessp
    counted.reset()
    start = time.perf_counter()
    try:
        result = minimize(counted.fun, np.array(x0, float), method=method, options=options(method, n), **kwargs)
    except TimeLimit:
        return None, (counted.nf, counted.ng, counted.nh), time.perf_counter() - start
    seconds = time.perf_counter() - start
    counts = (counted.nf, counted.ng, counted.nh)
    times = [seconds]
    if seconds < 2:
        for _ in range(4):
            counted.reset()
            start = time.perf_counter()
            minimize(counted.fun, np.array(x0, float), method=method, options=options(method, n), **kwargs)
            times.append(time.perf_counter() - start)
    return float(result.fun), counts, float(np.median(times))


def formula_functions(text, n):
    """f and its gradient from the reference set's formula language (x1 .. xn, ^ for powers)."""
    xs = sp.symbols(" ".join(f"x{i}" for i in range(1, n + 1)))
    xs = (xs,) if n == 1 else xs
    names = {f"x{i + 1}": xs[i] for i in range(n)}
    names.update({"atan2": sp.atan2, "pi": sp.pi, "e": sp.E, "log10": lambda a: sp.log(a, 10)})
    expr = sp.sympify(text.replace("^", "**"), locals=names)
    grad = [sp.diff(expr, v) for v in xs]
    f = sp.lambdify([xs], expr, "numpy", cse=True)
    g = sp.lambdify([xs], grad, "numpy", cse=True)
    return (lambda x: float(f(x))), (lambda x: np.array(g(x), float))


def emit(machine, case, method, fstar, f, counts, seconds):
    """One run; f None means stopped by the time limit (the counts and time so far are printed)."""
    reached = f is not None and abs(f - fstar) <= 1e-8 * max(1.0, abs(fstar))
    shown = "timeout" if f is None else repr(f)
    if machine:
        print(f"run {case} {method} {int(reached)} {shown} {counts[0]} {counts[1]} {counts[2]} {seconds!r}", flush=True)
    else:
        print(f"{case:<32} {method:<12} {'yes' if reached else 'no':<4} {shown:>10.10} {counts[0]:7d} {counts[1]:7d} "
              f"{counts[2]:7d} {seconds * 1e3:12.3f}", flush=True)


def peer_summary(path, names, machine):
    """Per solver of the reference set's results.csv, over the unconstrained problems: how many reached f* and the calls
    of f, gradient and Hessian, at the "tight" settings with exact derivatives (Ceres: autodiff; derivative-free
    methods: none); and the problems no run reached."""
    import csv
    with open(path) as fh:
        rows = [r for r in csv.DictReader(fh) if r["problem"] in names and r["setting"] == "tight"
                and r["variant"] in ("exact", "autodiff", "nograd")]
    solvers = sorted({r["solver"] for r in rows})
    if not machine:
        print(f"\n{'solver (results.csv, tight)':<28} {'reached':>8} {'f':>8} {'grad':>8} {'hess':>8}")
    for solver in solvers:
        mine = [r for r in rows if r["solver"] == solver]
        reached = sum(r["reached_fstar"] == "1" for r in mine)
        nf, ng, nh = (sum(int(r[k]) for r in mine) for k in ("nfev", "ngev", "nhev"))
        if machine:
            print(f"peer {solver} {reached} {len(mine)} {nf} {ng} {nh}", flush=True)
        else:
            print(f"{solver:<28} {reached:>4}/{len(mine):<3} {nf:8d} {ng:8d} {nh:8d}")
    unreached = sorted(p for p in names if not any(r["problem"] == p and r["reached_fstar"] == "1" for r in rows))
    print(f"{'unreached' if machine else '# reached by no peer run:'} {' '.join(unreached)}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--machine", action="store_true")
    parser.add_argument("--bfgs-limit", type=int, default=100)
    parser.add_argument("--exact-limit", type=int, default=1000)
    parser.add_argument("--results", help="the shared reference set's results.csv: print every peer's totals on the problems")
    parser.add_argument("--time-limit", type=float, default=300, help="seconds; a Rosenbrock run stopped there prints 'timeout'")
    parser.add_argument("--only", choices=["rosen", "reference"], default=None)
    args = parser.parse_args()
    blas = [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]
    if not blas:   # Debian's alternatives (e.g. ATLAS's libblas.so.3) are not recognized by threadpoolctl: name the files
        blas = [os.path.realpath(f"/usr/lib/x86_64-linux-gnu/{lib}.so.3") for lib in ("libblas", "liblapack")]
    print(f"# scipy {__import__('scipy').__version__}, numpy {np.__version__}, python {sys.version.split()[0]}, BLAS (api, kernel, threads): {blas}",
          flush=True)
    if not args.machine:
        print(f"{'case':<32} {'method':<12} {'ok':<4} {'f':>10} {'f':>7} {'grad':>7} {'hess':>7} {'time (ms)':>12}")

    if args.only in (None, "rosen"):
        bfgs_limit, exact_limit = args.bfgs_limit, args.exact_limit
        rosenbrock = Counted(rosen, rosen_der, rosen_hess, rosen_hess_prod, limit=args.time_limit)
        for n in (2, 100, 1000, 10000):
            x0 = [-1.2 if i % 2 == 0 else 1.0 for i in range(n)]
            for method in ("BFGS", "L-BFGS-B", "Newton-CG", "trust-ncg", "trust-exact"):
                if (method == "BFGS" and n > bfgs_limit) or (method == "trust-exact" and n > exact_limit):
                    continue
                f, counts, seconds = run(rosenbrock, x0, method, n)
                emit(args.machine, f"rosenbrock-n{n}", method, 0.0, f, counts, seconds)

    if args.only in (None, "reference"):
        with open(PROBLEMS) as fh:
            problems = [p for p in json.load(fh) if p["kind"] == "min"]
        for p in problems:
            n = int(p["n"])
            f, g = formula_functions(p["f"], n)
            fstar = float(p["fstar"])
            for method in ("BFGS", "L-BFGS-B"):
                value, counts, seconds = run(Counted(f, g), p["x0"], method, n)
                emit(args.machine, p["name"], method, fstar, value, counts, seconds)
        if args.results:
            peer_summary(args.results, {p["name"] for p in problems}, args.machine)


if __name__ == "__main__":
    main()
