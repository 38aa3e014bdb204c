#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side by side: scipy's curve_fit on the two-Gaussian benchmark problem, then ModelCompiler's fit
of the same points (the benchmarks program's twogauss), with the time ratios.

The points are generated exactly as benchmarks/ModelCompiler.Benchmarks/TwoGaussiansData.cs does:
x evenly spaced over [0, 10], p = (3, 2, 3, 7, 1, 0.8), N(0, 0.05^2) noise from SplitMix64 and
Box-Muller with seed 20240601. Run with /usr/bin/python3; installs python3-scipy with apt-get if missing.

    /usr/bin/python3 benchmarks/peers/two_gaussians_curve_fit.py [points]
"""
import math
import os
import subprocess
import sys
import time

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

try:
    import numpy as np
    from scipy.optimize import curve_fit
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy"], check=True)
    import numpy as np
    from scipy.optimize import curve_fit

from peers_common import blas_info, run_benchmarks

MASK = (1 << 64) - 1
TRUE = [3.0, 2.0, 3.0, 7.0, 1.0, 0.8]
START = [2.5, 2.5, 2.8, 7.3, 1.2, 0.9]
SEED = 20240601
SIGMA = 0.05


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def generate(n):
    x = np.empty(n)
    y = np.empty(n)
    state = SEED
    a1, a2, m1, m2, s1, s2 = TRUE
    for i in range(n):
        xi = 10.0 * i / (n - 1)
        state, r1 = splitmix64(state)
        state, r2 = splitmix64(state)
        u1 = 1.0 - (r1 >> 11) * (1.0 / 9007199254740992.0)
        u2 = (r2 >> 11) * (1.0 / 9007199254740992.0)
        noise = math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
        d1, d2 = xi - m1, xi - m2
        x[i] = xi
        y[i] = a1 * math.exp(-d1 * d1 / (2 * s1 * s1)) + a2 * math.exp(-d2 * d2 / (2 * s2 * s2)) + SIGMA * noise
    return x, y


def gaussians(x, a1, a2, m1, m2, s1, s2):
    return a1 * np.exp(-(x - m1) ** 2 / (2 * s1 ** 2)) + a2 * np.exp(-(x - m2) ** 2 / (2 * s2 ** 2))


def jacobian(x, a1, a2, m1, m2, s1, s2):
    u, v = x - m1, x - m2
    g1 = np.exp(-u * u / (2 * s1 * s1))
    g2 = np.exp(-v * v / (2 * s2 * s2))
    return np.column_stack([g1, g2, a1 * g1 * u / s1 ** 2, a2 * g2 * v / s2 ** 2,
                            a1 * g1 * u * u / s1 ** 3, a2 * g2 * v * v / s2 ** 3])


def best_time(run, repeats):
    best, result = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - t0)
    return best * 1000, result


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print("numpy BLAS: " + blas_info())
    x, y = generate(n)
    scipy_ms = {}
    for name, kwargs in [("curve_fit (default, finite differences)", {}), ("curve_fit (analytic jac)", {"jac": jacobian})]:
        ms, (popt, pcov) = best_time(lambda: curve_fit(gaussians, x, y, p0=START, **kwargs), 3)
        rss = float(np.sum((gaussians(x, *popt) - y) ** 2))
        scipy_ms[name] = ms
        print(f"scipy {name}: {ms:.1f} ms  popt {' '.join(repr(float(v)) for v in popt)}  rss {rss!r}")

    out = run_benchmarks(["twogauss", n, "--no-mathnet"])
    print(out.strip())
    ours = {line.split()[0]: float(line.split()[1]) for line in out.splitlines()
            if len(line.split()) > 2 and line.split()[2] == "ms" and line.split()[1].replace(".", "", 1).isdigit()}
    reference = scipy_ms["curve_fit (default, finite differences)"]
    for name, ms in ours.items():
        print(f"ratio curve_fit(default) / ModelCompiler {name}: {reference / ms:.1f}x")
    print(f"ratio curve_fit(analytic jac) / ModelCompiler generated: {scipy_ms['curve_fit (analytic jac)'] / ours['generated']:.1f}x")
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
