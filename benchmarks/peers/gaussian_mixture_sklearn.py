#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side by side: scikit-learn's GaussianMixture on the Gaussian-mixture benchmark problem, then
ModelCompiler's fit of the same points (the benchmarks program's gmm), with the time ratios at equal
thread counts.

The points are generated exactly as benchmarks/ModelCompiler.Benchmarks/GaussianMixtureData.cs does:
SplitMix64 with seed 20251122, three draws per point (component by inverse CDF of the weights, then a
Box-Muller pair), five 2-D full-covariance components. The start is the same explicit one (weights,
means, identity precisions); tol = 0 runs exactly `iterations` EM iterations. BLAS/OpenMP threads are
pinned with threadpoolctl (and OMP_NUM_THREADS for the 1-thread run). Run with /usr/bin/python3;
installs python3-sklearn with apt-get if missing.

    /usr/bin/python3 benchmarks/peers/gaussian_mixture_sklearn.py [points] [iterations]
"""
import os
import warnings
import subprocess
import sys
import time

# Set on some machines here for old OpenBLAS builds, they only slow a current numpy: unset before numpy loads.
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

try:
    import numpy as np
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_limits
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-sklearn", "python3-threadpoolctl"], check=True)
    import numpy as np
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_limits

from peers_common import blas_info, compare_with_modelcompiler, splitmix64_stream  # noqa: E402

SEED = 20251122
WEIGHTS = [0.3, 0.25, 0.2, 0.15, 0.1]
MEANS = np.array([[0, 0], [6, 1], [-4, 5], [3, -6], [-5, -4]], dtype=float)
FACTORS = np.array([[1, 0.5, 0.8], [0.7, -0.3, 1.1], [1.2, 0.6, 0.5], [0.9, 0, 0.9], [0.6, 0.4, 1.3]])
WEIGHTS_INIT = np.full(5, 0.2)
MEANS_INIT = MEANS + np.array([0.7, -0.5])
PRECISIONS_INIT = np.array([np.eye(2)] * 5)


def generate(n):
    r = splitmix64_stream(SEED, 3 * n).reshape(n, 3)
    u = (r >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
    u0, u1, u2 = u[:, 0], 1.0 - u[:, 1], u[:, 2]
    c = np.searchsorted(np.cumsum(WEIGHTS)[:-1], u0, side="right")
    radius = np.sqrt(-2.0 * np.log(u1))
    z0, z1 = radius * np.cos(2.0 * np.pi * u2), radius * np.sin(2.0 * np.pi * u2)
    f = FACTORS[c]
    return np.column_stack([MEANS[c, 0] + f[:, 0] * z0, MEANS[c, 1] + f[:, 1] * z0 + f[:, 2] * z1])


def fit(x, iterations):
    return GaussianMixture(n_components=5, covariance_type="full", tol=0.0, max_iter=iterations, n_init=1,
                           weights_init=WEIGHTS_INIT, means_init=MEANS_INIT, precisions_init=PRECISIONS_INIT,
                           random_state=0).fit(x)


def main():
    # tol = 0 never converges by design; scikit-learn warns about it on every fit.
    warnings.filterwarnings("ignore", message=".*did not converge.*")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    x = generate(n)
    cores = os.cpu_count()
    print(f"numpy BLAS: {blas_info()}")
    sklearn_ms = {}
    for label, threads in [("1-thread", 1), (f"{cores}-threads", cores)]:
        os.environ["OMP_NUM_THREADS"] = str(threads)
        with threadpool_limits(limits=threads):
            fit(x, 2)  # warm-up
            best, bound = float("inf"), None
            for _ in range(2):
                t0 = time.perf_counter()
                gm = fit(x, iterations)
                best = min(best, time.perf_counter() - t0)
                bound = gm.lower_bound_
        sklearn_ms[label] = best * 1000
        print(f"sklearn {label} {best * 1000:.1f} ms lower_bound {bound!r} points {n} iterations {iterations}")

    compare_with_modelcompiler("gmm", n, iterations, "sklearn", sklearn_ms)

if __name__ == "__main__":
    main()
