#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Side by side: scikit-learn's BayesianGaussianMixture on the variational benchmark problem, then
ModelCompiler's fit of the same points (the benchmarks program's bgm), with the time ratios at equal thread
counts.

Points: those of gaussian_mixture_sklearn.py (SplitMix64, five 2-D full-covariance components).
K = 10, full covariance, Dirichlet-process weight prior, default priors, reg_covar = 1e-6, tol = 0 so
exactly `iterations` iterations run. scikit-learn has no explicit start for this class, so, as the
reference fits in the shared mixtures folder do, `_initialize_parameters` is replaced by
`self._initialize(X, one_hot(labels))` with labels = the nearest of ten fixed centers (the same centers
and rule as VariationalBenchmarkData.cs): the k-means path with given labels. BLAS/OpenMP threads are
pinned with threadpoolctl. Run with /usr/bin/python3; installs python3-sklearn with apt-get if missing.

    /usr/bin/python3 benchmarks/peers/bayesian_mixture_sklearn.py [points] [iterations]
"""
import os
import subprocess
import sys
import time
import warnings

# Set on some machines here for old OpenBLAS builds, they only slow a current numpy: unset before numpy loads.
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

try:
    import numpy as np
    from sklearn.mixture import BayesianGaussianMixture
    from threadpoolctl import threadpool_limits
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-sklearn", "python3-threadpoolctl"], check=True)
    import numpy as np
    from sklearn.mixture import BayesianGaussianMixture
    from threadpoolctl import threadpool_limits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gaussian_mixture_sklearn import generate  # noqa: E402  (same points, same arithmetic)
from peers_common import blas_info, compare_with_modelcompiler  # noqa: E402

INIT_CENTERS = np.array([[0.7, -0.5], [6.7, 0.5], [-3.3, 4.5], [3.7, -6.5], [-4.3, -4.5],
                         [-0.5, 0.7], [5.5, 1.5], [-4.7, 5.5], [2.3, -5.5], [-5.7, -3.5]])


def one_hot_nearest(x):
    d2 = ((x[:, None, :] - INIT_CENTERS[None, :, :]) ** 2).sum(axis=2)
    resp = np.zeros((len(x), len(INIT_CENTERS)))
    resp[np.arange(len(x)), d2.argmin(axis=1)] = 1.0
    return resp


class FixedStartBGM(BayesianGaussianMixture):
    """BayesianGaussianMixture whose first M-step uses given responsibilities."""

    def _initialize_parameters(self, X, random_state):
        self._initialize(X, self.resp0)


def fit(x, resp, iterations):
    model = FixedStartBGM(n_components=len(INIT_CENTERS), covariance_type="full",
                          weight_concentration_prior_type="dirichlet_process", tol=0.0, reg_covar=1e-6,
                          max_iter=iterations, n_init=1, random_state=0)
    model.resp0 = resp
    return model.fit(x)


def main():
    warnings.filterwarnings("ignore", message=".*did not converge.*")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    x = generate(n)
    resp = one_hot_nearest(x)
    cores = os.cpu_count()
    print(f"numpy BLAS: {blas_info()}")
    sklearn_ms = {}
    for label, threads in [("1-thread", 1), (f"{cores}-threads", cores)]:
        os.environ["OMP_NUM_THREADS"] = str(threads)
        with threadpool_limits(limits=threads):
            fit(x, resp, 2)  # warm-up
            best, bound = float("inf"), None
            for _ in range(2):
                t0 = time.perf_counter()
                model = fit(x, resp, iterations)
                best = min(best, time.perf_counter() - t0)
                bound = model.lower_bound_
        sklearn_ms[label] = best * 1000
        print(f"sklearn {label} {best * 1000:.1f} ms bound {bound!r} points {n} iterations {iterations}")

    compare_with_modelcompiler("bgm", n, iterations, "sklearn", sklearn_ms)

if __name__ == "__main__":
    main()
