#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side by side: scipy's curve_fit in a Python loop over many small curves, ModelCompiler's batch fit of the same
curves (the benchmarks program's batch), and Ceres (ceres_batch.cc, built here with libceres-dev), with the ratios.

The curves are generated exactly as benchmarks/ModelCompiler.Benchmarks/BatchData.cs does: curve c draws from
SplitMix64 started at seed + c*2^32, the true parameters first, then one Box-Muller Gaussian per point, with
Poisson-like noise y = lam + sqrt(lam)*g. scipy fits the first `sample` curves (timed and scaled to fits per second),
ModelCompiler all `curves`, Ceres the first `ceres_sample`. Run with /usr/bin/python3; installs python3-scipy and
libceres-dev with apt-get when missing.

    /usr/bin/python3 benchmarks/peers/batch_curve_fit.py spots|decays [curves] [sample] [ceres_sample]
"""
import math
import os
import subprocess
import sys
import time
import warnings

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

try:
    import numpy as np
    from scipy.optimize import curve_fit, OptimizeWarning
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy"], check=True)
    import numpy as np
    from scipy.optimize import curve_fit, OptimizeWarning

from peers_common import ROOT, blas_info, run_benchmarks

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


class Random64:
    def __init__(self, state):
        self.state = state & MASK

    def next(self):
        self.state = (self.state + GOLDEN) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)

    def gaussian(self):
        u1, u2 = self.uniform(), self.uniform()
        return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def spots():
    side, n = 15, 225
    x = np.array([[i % side for i in range(n)], [i // side for i in range(n)]], dtype=float)

    def value(p, u, v):
        du, dv = u - p[1], v - p[2]
        return p[0] * math.exp(-(du * du + dv * dv) / (2 * p[3] * p[3])) + p[4]

    def truth(r):
        return [200 + 800 * r.uniform(), 5.5 + 3 * r.uniform(), 5.5 + 3 * r.uniform(), 1.2 + 0.8 * r.uniform(), 10 + 20 * r.uniform()]

    def model(X, a, x0, y0, s, b):
        return a * np.exp(-((X[0] - x0) ** 2 + (X[1] - y0) ** 2) / (2 * s * s)) + b

    return dict(name="spots", n=n, x=x, value=value, truth=truth, model=model, seed=20240602,
                start=lambda y: [y.max() - y.min(), 7.0, 7.0, 1.5, y.min()])


def decays():
    n = 64
    t = np.arange(n, dtype=float)

    def value(p, u, _):
        return p[0] * math.exp(-u / p[1]) + p[2]

    def truth(r):
        return [500 + 1500 * r.uniform(), 4 + 16 * r.uniform(), 2 + 18 * r.uniform()]

    def model(t, a, tau, b):
        return a * np.exp(-t / tau) + b

    return dict(name="decays", n=n, x=t, value=value, truth=truth, model=model, seed=20240603,
                start=lambda y: [y.max() - y.min(), 10.0, y.min()])


def generate(problem, count):
    n, x = problem["n"], problem["x"]
    ys, starts = [], []
    for c in range(count):
        r = Random64(problem["seed"] + (c << 32))
        p = problem["truth"](r)
        y = np.empty(n)
        for i in range(n):
            u, v = (x[0][i], x[1][i]) if x.ndim == 2 else (x[i], 0.0)
            lam = problem["value"](p, u, v)
            y[i] = lam + math.sqrt(lam) * r.gaussian()
        ys.append(y)
        starts.append(problem["start"](y))
    return ys, starts


def run_scipy(problem, ys, starts):
    converged = 0
    warnings.simplefilter("ignore", OptimizeWarning)
    t0 = time.perf_counter()
    for y, p0 in zip(ys, starts):
        try:
            popt, _, _, _, ier = curve_fit(problem["model"], problem["x"], y, p0=p0, full_output=True)
            if ier in (1, 2, 3, 4) and np.all(np.isfinite(popt)):
                converged += 1
        except RuntimeError:
            pass
    return time.perf_counter() - t0, converged


def build_ceres():
    here = os.path.dirname(os.path.abspath(__file__))
    source, binary = os.path.join(here, "ceres_batch.cc"), os.path.join(here, "ceres_batch")
    if not os.path.exists("/usr/include/ceres/ceres.h"):
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(["apt-get", "install", "-y", "libceres-dev"], check=True)
    if not os.path.exists(binary) or os.path.getmtime(binary) < os.path.getmtime(source):
        subprocess.run(["g++", "-O3", "-march=native", "-std=c++17", "-fopenmp", source, "-o", binary,
                        "-I/usr/include/eigen3", "-lceres", "-lglog", "-lgflags"], check=True)
    return binary


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "spots"
    curves = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    sample = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
    ceres_sample = int(sys.argv[4]) if len(sys.argv) > 4 else 100_000
    problem = spots() if which == "spots" else decays()
    print(f"load {os.getloadavg()[0]:.1f}; numpy BLAS: {blas_info()}")

    ys, starts = generate(problem, sample)
    seconds, converged = run_scipy(problem, ys, starts)
    scipy_rate = sample / seconds
    print(f"scipy curve_fit loop sample {sample}: {seconds * 1000:.0f} ms {scipy_rate:.0f} fits/s converged {converged} ({converged / sample:.4f})")

    binary = build_ceres()
    ceres = {}
    for threads in (1, os.cpu_count()):
        out = subprocess.run([binary, which, str(ceres_sample), str(threads)], check=True, capture_output=True, text=True).stdout.strip()
        print(out)
        fields = out.split()
        ceres[threads] = (float(fields[fields.index("fits/s") - 1]), int(fields[fields.index("converged") + 1]) / ceres_sample)

    out = run_benchmarks(["batch", which, curves, 10000])
    print(out.strip())
    batch = next(line.split() for line in out.splitlines() if line.startswith("modelcompiler batch"))
    ours = float(batch[batch.index("fits/s") - 1])
    ours_converged = float(batch[batch.index("of") + 2].strip("()"))
    print(f"ratio ModelCompiler batch / scipy curve_fit loop: {ours / scipy_rate:.0f}x (converged {ours_converged:.4f} vs {converged / sample:.4f})")
    for threads, (rate, fraction) in ceres.items():
        print(f"ratio ModelCompiler batch / Ceres loop on {threads} thread(s): {ours / rate:.1f}x (converged {ours_converged:.4f} vs {fraction:.4f})")


if __name__ == "__main__":
    main()
