#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Prints the scipy reference values of tests/ModelCompiler.Tests/LeastSquares/ScipyCompatibilityTests.cs:
curve_fit with its defaults (method 'lm', MINPACK lmdif) on the seed case with numpy's exp and with the C
library's exp (math.exp, element by element), with p5 fixed at 1, and a sigma-weighted exponential decay.
numpy's float64 exp is Intel SVML's on AVX-512 machines and the C library's elsewhere, so the first block
matches the test only on an AVX-512 machine. Run with /usr/bin/python3 (scipy 1.10.1, numpy 1.24.2);
installs python3-scipy with apt-get if missing.
"""
import math
import subprocess

try:
    import numpy as np
    from scipy.optimize import curve_fit
except ImportError:
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "python3-scipy"], check=True)
    import numpy as np
    from scipy.optimize import curve_fit


def libc_exp(a):
    return np.array([math.exp(v) for v in a])


def two_gaussians(exp):
    return lambda x, p0, p1, p2, p3, p4, p5: p0 * exp(-(x - p2) ** 2 / (2 * p4 ** 2)) + p1 * exp(-(x - p3) ** 2 / (2 * p5 ** 2))


def show(name, f, x, y, p0, **kwargs):
    popt, pcov, info, _, ier = curve_fit(f, x, y, p0=p0, full_output=True, **kwargs)
    print(name)
    print("  popt", [float(v) for v in popt])
    print("  perr", [float(v) for v in np.sqrt(np.diag(pcov))])
    print("  rss ", repr(float(np.sum(info["fvec"] ** 2))), " nfev", info["nfev"], " ier", ier)


x = np.arange(10.0)
y = np.array([0, 1, 2, 3, 4, 5, 4, 3, 2, 1.0])
show("seed case, numpy exp", two_gaussians(np.exp), x, y, [3, 4, 3, 6, 1, 1])
show("seed case, C library exp", two_gaussians(libc_exp), x, y, [3, 4, 3, 6, 1, 1])
g = two_gaussians(libc_exp)
show("seed case, p5 = 1, C library exp", lambda x, p0, p1, p2, p3, p4: g(x, p0, p1, p2, p3, p4, 1.0), x, y, [3, 4, 3, 6, 1])

xw = np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0])
yw = np.array([7.9, 6.1, 4.8, 3.7, 3.0, 2.2, 1.8, 1.4])
sw = np.array([0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.5])
decay = lambda x, a, b: a * libc_exp(-b * x)
for absolute in (False, True):
    show(f"decay, sigma, absolute_sigma={absolute}", decay, xw, yw, [10, 0.5], sigma=sw, absolute_sigma=absolute)
