#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""AIC and BIC of scikit-learn's BayesianGaussianMixture fits at their point estimates, for the BGM tests.

scikit-learn's BayesianGaussianMixture has no aic/bic. The natural reading, and the one ModelCompiler implements,
is the criterion of the plug-in mixture: GaussianMixture.aic/bic with weights_, means_, covariances_ and
precisions_cholesky_ set to the Bayesian fit's values, and GaussianMixture's _n_parameters. This script takes the
eight reference fits of bgm-2d (scikit-learn 1.2.1's own output, in /work/shared/reference/mixtures/bgm-2d.json),
sets them on a GaussianMixture and prints aic(X) and bic(X) with repr precision.

    /usr/bin/python3 benchmarks/peers/bgm_information_criteria_sklearn.py [reference-folder]
"""
import json
import os
import subprocess
import sys

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)
try:
    import numpy as np
    import sklearn
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_info
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-sklearn", "python3-threadpoolctl"], check=True)
    import numpy as np
    import sklearn
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_info


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/mixtures"
    with open(os.path.join(folder, "bgm-2d.json")) as f:
        reference = json.load(f)
    x = np.loadtxt(os.path.join(folder, "bgm-2d.csv"), delimiter=",", skiprows=1, usecols=range(reference["d"]))
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    for pool in threadpool_info():
        print(f"BLAS {pool.get('internal_api')} {pool.get('architecture')} threads {pool.get('num_threads')}")
    for index, fit in enumerate(reference["fits"]):
        gmm = GaussianMixture(n_components=reference["K"], covariance_type=fit["covariance_type"])
        gmm.weights_ = np.asarray(fit["weights"])
        gmm.means_ = np.asarray(fit["means"])
        gmm.covariances_ = np.asarray(fit["covariances"])
        gmm.precisions_cholesky_ = np.asarray(fit["precisions_cholesky"])
        print(f"fit {index} {fit['covariance_type']}/{fit['weight_concentration_prior_type']}: "
              f"n_parameters {gmm._n_parameters()} aic {gmm.aic(x)!r} bic {gmm.bic(x)!r}")


if __name__ == "__main__":
    main()
