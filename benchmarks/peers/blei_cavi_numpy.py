#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side by side: the numpy reference CAVI for Blei et al.'s Bayesian mixture of Gaussians
(blei_cavi.py of the shared mixture references, `cavi(X, K, sigma2, m0, s2_0, max_iter, tol=0)`) on
n = 1,000,000 points, then ModelCompiler's BleiCavi on the same points (the benchmarks program's cavi), with
the time ratios at equal thread counts.

Points: 1-D, point i from the cluster at (1, 5, 7, 9, 15)[i mod 5] plus N(0, 1) by Box-Muller
(cosine branch) from SplitMix64 with seed 2017, two draws per point, as VariationalBenchmarkData.cs.
K = 5, sigma2 = 100, m0 = (0, 4, 8, 12, 16), s2_0 = 1, `iterations` iterations (tol = 0).
BLAS/OpenMP threads are pinned with threadpoolctl. Run with /usr/bin/python3:

    /usr/bin/python3 benchmarks/peers/blei_cavi_numpy.py [points] [iterations] [--reference-dir DIR]

DIR holds blei_cavi.py; by default the shared reference folder beside the repository
(../shared/reference/mixtures/scripts).
"""
import argparse
import importlib.util
import os
import subprocess
import time

# Set on some machines here for old OpenBLAS builds, they only slow a current numpy: unset before numpy loads.
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

try:
    import numpy as np
    from threadpoolctl import threadpool_limits
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-numpy", "python3-threadpoolctl"], check=True)
    import numpy as np
    from threadpoolctl import threadpool_limits

from peers_common import blas_info, compare_with_modelcompiler, splitmix64_stream  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = 2017
CLUSTERS = np.array([1.0, 5.0, 7.0, 9.0, 15.0])
M0 = [0.0, 4.0, 8.0, 12.0, 16.0]


def generate(n):
    r = splitmix64_stream(SEED, 2 * n).reshape(n, 2)
    u = (r >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
    u1, u2 = 1.0 - u[:, 0], u[:, 1]
    return CLUSTERS[np.arange(n) % 5] + np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("points", nargs="?", type=int, default=1_000_000)
    parser.add_argument("iterations", nargs="?", type=int, default=100)
    parser.add_argument("--reference-dir", default=os.path.join(ROOT, "..", "shared", "reference", "mixtures", "scripts"))
    args = parser.parse_args()
    print(f"numpy BLAS: {blas_info()}")
    spec = importlib.util.spec_from_file_location("blei_cavi", os.path.join(args.reference_dir, "blei_cavi.py"))
    blei_cavi = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(blei_cavi)

    x = generate(args.points)
    cores = os.cpu_count()
    numpy_ms = {}
    for label, threads in [("1-thread", 1), (f"{cores}-threads", cores)]:
        os.environ["OMP_NUM_THREADS"] = str(threads)
        with threadpool_limits(limits=threads):
            blei_cavi.cavi(x, 5, 100.0, M0, [1.0] * 5, max_iter=2, tol=0.0)  # warm-up
            best, elbo = float("inf"), None
            for _ in range(2):
                t0 = time.perf_counter()
                r = blei_cavi.cavi(x, 5, 100.0, M0, [1.0] * 5, max_iter=args.iterations, tol=0.0)
                best = min(best, time.perf_counter() - t0)
                elbo = r["elbo_trace"][-1]
        numpy_ms[label] = best * 1000
        print(f"numpy {label} {best * 1000:.1f} ms bound {elbo!r} points {args.points} iterations {args.iterations}")

    compare_with_modelcompiler("cavi", args.points, args.iterations, "numpy", numpy_ms)

if __name__ == "__main__":
    main()
