#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""scipy 1.10's root finders on the thirteen MINPACK-1 hybrj test systems (Moré, Garbow & Hillstrom 1980, VECFCN
problems 1-5 and 7-14 at their standard starts; Watson has no root), with the formulas of
tests/ModelCompiler.Tests/Optimization/HandWrittenSystems.cs (the first eight are the shared reference set's, whose
results.csv holds the same runs). Every call of F and of the Jacobian is counted, difference evaluations included.
Solved means ||F(x)||_2 <= 1e-8 at the returned x. Compare with `dotnet run -c Release --project
benchmarks/ModelCompiler.Benchmarks -- systems`. Run with /usr/bin/python3; installs python3-scipy if missing.
"""
import os
import subprocess
import warnings

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)
try:
    import numpy as np
    from scipy.optimize import root
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy"], check=True)
    import numpy as np
    from scipy.optimize import root


def rosenbrock():
    f = lambda x: np.array([1 - x[0], 10 * (x[1] - x[0] ** 2)])
    j = lambda x: np.array([[-1.0, 0.0], [-20 * x[0], 10.0]])
    return f, j, [-1.2, 1.0]


def powell_singular():
    s5, s10 = np.sqrt(5), np.sqrt(10)
    f = lambda x: np.array([x[0] + 10 * x[1], s5 * (x[2] - x[3]), (x[1] - 2 * x[2]) ** 2, s10 * (x[0] - x[3]) ** 2])

    def j(x):
        a, b = x[1] - 2 * x[2], x[0] - x[3]
        return np.array([[1, 10, 0, 0], [0, 0, s5, -s5], [0, 2 * a, -4 * a, 0], [2 * s10 * b, 0, 0, -2 * s10 * b]], float)
    return f, j, [3.0, -1.0, 0.0, 1.0]


def powell_badly_scaled():
    f = lambda x: np.array([10000 * x[0] * x[1] - 1, np.exp(-x[0]) + np.exp(-x[1]) - 1.0001])
    j = lambda x: np.array([[10000 * x[1], 10000 * x[0]], [-np.exp(-x[0]), -np.exp(-x[1])]])
    return f, j, [0.0, 1.0]


def wood():
    f = lambda x: np.array([-200 * x[0] * (x[1] - x[0] ** 2) - (1 - x[0]),
                            200 * (x[1] - x[0] ** 2) + 20.2 * (x[1] - 1) + 19.8 * (x[3] - 1),
                            -180 * x[2] * (x[3] - x[2] ** 2) - (1 - x[2]),
                            180 * (x[3] - x[2] ** 2) + 20.2 * (x[3] - 1) + 19.8 * (x[1] - 1)])
    j = lambda x: np.array([[-200 * (x[1] - 3 * x[0] ** 2) + 1, -200 * x[0], 0, 0],
                            [-400 * x[0], 220.2, 0, 19.8],
                            [0, 0, -180 * (x[3] - 3 * x[2] ** 2) + 1, -180 * x[2]],
                            [0, 19.8, -360 * x[2], 200.2]])
    return f, j, [-3.0, -1.0, -3.0, -1.0]


def helical_valley():
    f = lambda x: np.array([10 * (x[2] - 10 * (np.arctan2(-x[0], x[1]) / (2 * np.pi) + 0.25)),
                            10 * (np.sqrt(x[0] ** 2 + x[1] ** 2) - 1), x[2]])

    def j(x):
        r2 = x[0] ** 2 + x[1] ** 2
        r = np.sqrt(r2)
        return np.array([[100 * x[1] / (2 * np.pi * r2), -100 * x[0] / (2 * np.pi * r2), 10],
                         [10 * x[0] / r, 10 * x[1] / r, 0], [0, 0, 1.0]])
    return f, j, [-1.0, 0.0, 0.0]


def chebyquad(n):
    def f(x):
        y = 2 * x - 1
        t_prev, t = np.ones(n), y.copy()
        out = np.zeros(n)
        for i in range(n):
            out[i] = t.mean() + (1.0 / ((i + 1) ** 2 - 1) if (i + 1) % 2 == 0 else 0.0)
            t_prev, t = t, 2 * y * t - t_prev
        return out

    def j(x):
        y = 2 * x - 1
        t_prev, t, d_prev, d = np.ones(n), y.copy(), np.zeros(n), np.ones(n)
        out = np.zeros((n, n))
        for i in range(n):
            out[i] = 2 * d / n
            t_prev, t, d_prev, d = t, 2 * y * t - t_prev, d, 2 * t + 2 * y * d - d_prev
        return out
    return f, j, [(k + 1) / (n + 1) for k in range(n)]


def brown(n):
    def f(x):
        out = x + x.sum() - (n + 1)
        out[-1] = np.prod(x) - 1
        return out

    def j(x):
        out = np.ones((n, n)) + np.eye(n)
        out[-1] = [np.prod(np.delete(x, k)) for k in range(n)]
        return out
    return f, j, [0.5] * n


def discrete_bv(n):
    h = 1.0 / (n + 1)
    t = h * np.arange(1, n + 1)

    def f(x):
        left = np.concatenate(([0.0], x[:-1]))
        right = np.concatenate((x[1:], [0.0]))
        return 2 * x - left - right + h * h * (x + t + 1) ** 3 / 2

    def j(x):
        return np.diag(2 + 1.5 * h * h * (x + t + 1) ** 2) - np.eye(n, k=1) - np.eye(n, k=-1)
    return f, j, list(t * (t - 1))


def discrete_ie(n):
    h = 1.0 / (n + 1)
    t = h * np.arange(1, n + 1)

    def f(x):
        cube = (x + t + 1) ** 3
        return np.array([x[i] + h * ((1 - t[i]) * np.sum(t[:i + 1] * cube[:i + 1]) + t[i] * np.sum((1 - t[i + 1:]) * cube[i + 1:])) / 2
                         for i in range(n)])

    def j(x):
        d = 3 * (x + t + 1) ** 2
        out = np.eye(n)
        for i in range(n):
            for k in range(n):
                out[i, k] += h * ((1 - t[i]) * t[k] if k <= i else t[i] * (1 - t[k])) * d[k] / 2
        return out
    return f, j, list(t * (t - 1))


def trigonometric(n):
    i = np.arange(1, n + 1)
    f = lambda x: n - np.cos(x).sum() + i * (1 - np.cos(x)) - np.sin(x)
    j = lambda x: np.tile(np.sin(x), (n, 1)) + np.diag(i * np.sin(x) - np.cos(x))
    return f, j, [1.0 / n] * n


def variably_dimensioned(n):
    i = np.arange(1, n + 1)

    def f(x):
        s = np.sum(i * (x - 1))
        return x - 1 + i * s * (1 + 2 * s * s)

    def j(x):
        s = np.sum(i * (x - 1))
        return np.eye(n) + np.outer(i, i) * (1 + 6 * s * s)
    return f, j, list(1 - i / n)


def broyden_tridiagonal(n):
    def f(x):
        left = np.concatenate(([0.0], x[:-1]))
        right = np.concatenate((x[1:], [0.0]))
        return (3 - 2 * x) * x - left - 2 * right + 1

    def j(x):
        return np.diag(3 - 4 * x) - np.eye(n, k=-1) - 2 * np.eye(n, k=1)
    return f, j, [-1.0] * n


def broyden_banded(n):
    def f(x):
        out = np.empty(n)
        for i in range(n):
            ks = [k for k in range(max(0, i - 5), min(n - 1, i + 1) + 1) if k != i]
            out[i] = x[i] * (2 + 5 * x[i] ** 2) + 1 - sum(x[k] * (1 + x[k]) for k in ks)
        return out

    def j(x):
        out = np.zeros((n, n))
        for i in range(n):
            for k in range(max(0, i - 5), min(n - 1, i + 1) + 1):
                out[i, k] = 2 + 15 * x[i] ** 2 if k == i else -(1 + 2 * x[k])
        return out
    return f, j, [-1.0] * n


SYSTEMS = [
    ("sys-rosenbrock", rosenbrock()), ("sys-powell-singular", powell_singular()),
    ("sys-powell-badly-scaled", powell_badly_scaled()), ("sys-wood", wood()), ("sys-helical-valley", helical_valley()),
    ("sys-chebyquad-n7", chebyquad(7)), ("sys-brown-almost-linear-n10", brown(10)), ("sys-discrete-bv-n10", discrete_bv(10)),
    ("sys-discrete-integral-n10", discrete_ie(10)), ("sys-trigonometric-n10", trigonometric(10)),
    ("sys-variably-dimensioned-n10", variably_dimensioned(10)), ("sys-broyden-tridiagonal-n100", broyden_tridiagonal(100)),
    ("sys-broyden-banded-n100", broyden_banded(100)),
]


def run(f, j, x0, method, jac):
    calls = {"f": 0, "j": 0}

    def fc(x):
        calls["f"] += 1
        return f(np.asarray(x, float))

    def jc(x):
        calls["j"] += 1
        return j(np.asarray(x, float))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            sol = root(fc, np.array(x0, float), jac=jc if jac else None, method=method)
            x, message = sol.x, sol.message
        except Exception as e:  # a peer failure is a result
            x, message = np.full(len(x0), np.nan), f"EXCEPTION {type(e).__name__}: {e}"
    norm = float(np.linalg.norm(f(np.asarray(x, float))))
    return norm, calls["f"], calls["j"], message


def main():
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            print(f"# BLAS {pool.get('internal_api')} {pool.get('architecture')} threads {pool.get('num_threads')}")
    except ImportError:
        print("# threadpoolctl not installed; BLAS kernel unknown")
    import scipy
    print(f"# scipy {scipy.__version__}, numpy {np.__version__}")
    variants = [("hybr", False), ("hybr", True), ("lm", False), ("lm", True)]
    solved = {v: 0 for v in variants}
    print(f"{'system':30} {'method':10} {'solved':6} {'||F||':>10} {'F':>6} {'J':>5}  status")
    for name, (f, j, x0) in SYSTEMS:
        for method, jac in variants:
            norm, nf, nj, message = run(f, j, x0, method, jac)
            ok = norm <= 1e-8
            solved[(method, jac)] += ok
            label = method + ("-jac" if jac else "")
            print(f"{name:30} {label:10} {'yes' if ok else 'no':6} {norm:10.2g} {nf:6d} {nj:5d}  {str(message)[:60]}")
    for (method, jac), count in solved.items():
        print(f"# {method}{'-jac' if jac else ''}: {count}/{len(SYSTEMS)} solved")


if __name__ == "__main__":
    main()
