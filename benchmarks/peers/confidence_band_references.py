#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Prints the reference values of tests/ModelCompiler.Tests/LeastSquares/ConfidenceBandTests.cs: the pointwise
confidence band of a fitted curve by the delta method, yhat +- t_{n-k,(1+level)/2} * sqrt(J C J^T), with popt and
pcov from scipy's curve_fit, J the analytic Jacobian of the model at popt, and t from scipy.stats.t. lmfit's
ModelResult.eval_uncertainty (finite-difference Jacobian) is printed beside it as a cross-check.
Run with /usr/bin/python3 (scipy 1.10.1, lmfit 1.1.0 from Debian); installs python3-scipy python3-lmfit if missing.
"""
import os
import subprocess

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)

try:
    import numpy as np
    from scipy.optimize import curve_fit
    from scipy.stats import t as student_t
    from scipy.special import erfinv
    import lmfit
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy", "python3-lmfit"], check=True)
    import numpy as np
    from scipy.optimize import curve_fit
    from scipy.stats import t as student_t
    from scipy.special import erfinv
    import lmfit

try:
    from threadpoolctl import threadpool_info
    print("# BLAS:", "; ".join(f"{i.get('internal_api')} {i.get('architecture')} threads={i.get('num_threads')}" for i in threadpool_info()))
except ImportError:
    print("# BLAS: threadpoolctl not installed")

# The decay data of CovarianceScaleTests: t = 0, 0.25, ..., 7.25; y = 5 exp(-0.7 t) + 1.2 + 0.02 cos(2.3 i^2).
T = 0.25 * np.arange(30)
Y = 5 * np.exp(-0.7 * T) + 1.2 + 0.02 * np.cos(2.3 * np.arange(30) ** 2)
SIGMA = 0.02 * (1 + 0.1 * np.arange(30))
GRID = np.array([0.0, 1.3, 3.7, 7.25, 9.0])


def decay(x, a, k, c):
    return a * np.exp(-k * x) + c


def decay_jacobian(x, a, k, c):
    e = np.exp(-k * x)
    return np.stack([e, -a * x * e, np.ones_like(x)], axis=1)


def band(jac, pcov, dof, level):
    var = np.einsum("ij,jk,ik->i", jac, pcov, jac)
    return student_t.ppf(0.5 + 0.5 * level, dof) * np.sqrt(var)


def show(name, values):
    print(f"{name}: [" + ", ".join(f"{v:.17g}" for v in values) + "]")


def case(name, sigma, absolute, level):
    popt, pcov = curve_fit(decay, T, Y, p0=[4, 0.5, 1], sigma=sigma, absolute_sigma=absolute, xtol=1e-15, ftol=1e-15, gtol=1e-15)
    half = band(decay_jacobian(GRID, *popt), pcov, len(T) - 3, level)
    print(f"## {name} (level {level})")
    show("values", decay(GRID, *popt))
    show("half", half)
    model = lmfit.Model(decay)
    params = model.make_params(a=4, k=0.5, c=1)
    result = model.fit(Y, params, x=T, weights=None if sigma is None else 1 / sigma, scale_covar=not absolute)
    show("lmfit eval_uncertainty", result.eval_uncertainty(x=GRID, sigma=np.sqrt(2) * erfinv(level)))


case("unweighted", None, False, 0.95)
case("relative sigma", SIGMA, False, 0.9)
case("absolute sigma", SIGMA, True, 0.9)

# c fixed at 1.2: the free parameters are a and k, so n - k = 28 and c contributes nothing.
popt, pcov = curve_fit(lambda x, a, k: decay(x, a, k, 1.2), T, Y, p0=[4, 0.5], xtol=1e-15, ftol=1e-15, gtol=1e-15)
jac = decay_jacobian(GRID, popt[0], popt[1], 1.2)[:, :2]
print("## c fixed at 1.2 (level 0.95)")
show("values", decay(GRID, popt[0], popt[1], 1.2))
show("half", band(jac, pcov, len(T) - 2, 0.95))

# Two variables: a exp(-k u) + c v on a 6 x 5 grid of (u, v); x is column-major n x 2 in the C# test.
U = np.repeat(0.5 * np.arange(6), 5)
V = np.tile(np.arange(5.0), 6)
Z = 3 * np.exp(-0.8 * U) + 0.5 * V + 0.03 * np.sin(3.1 * np.arange(30) ** 2)
popt, pcov = curve_fit(lambda uv, a, k, c: a * np.exp(-k * uv[0]) + c * uv[1], np.vstack([U, V]), Z, p0=[2, 1, 1],
                       xtol=1e-15, ftol=1e-15, gtol=1e-15)
GU = np.array([0.0, 1.1, 2.6])
GV = np.array([4.0, 0.5, 2.0])
e = np.exp(-popt[1] * GU)
jac = np.stack([e, -popt[0] * GU * e, GV], axis=1)
print("## two variables (level 0.95)")
show("values", popt[0] * e + popt[2] * GV)
show("half", band(jac, pcov, 27, 0.95))
