# SPDX-License-Identifier: MIT
# Lanczos1 solved exactly (Gauss-Newton in 60-digit decimal arithmetic) twice: on the data as NIST prints them, and on
# the same data rounded to double, as any double-precision solver receives them. The first reproduces the certified
# standard deviations to LRE 10.6; the second caps them at LRE 3.36, which no double-input solver can beat.
# Run: /usr/bin/python3 benchmarks/peers/nist_lanczos1_exact.py (standard library only).
from decimal import Decimal as D, getcontext
getcontext().prec = 60
import os
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'ModelCompiler.Tests', 'Data', 'nist', 'Lanczos1.dat')
lines = open(DATA).read().splitlines()[60:84]
raw = [l.split() for l in lines]
cert = [D(s) for s in "9.5100000027E-02 1.0000000001E+00 8.6070000013E-01 3.0000000002E+00 1.5575999998E+00 5.0000000001E+00".split()]
csd = [float(s) for s in "5.3347304234E-11 2.7473038179E-10 1.3576062225E-10 3.3308253069E-10 1.8815731448E-10 1.1057500538E-10".split()]
def solve(A, b):
    n = len(b); M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c])); M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c])]
    return [M[i][n] / M[i][i] for i in range(n)]
def inv(A):
    n = len(A); return list(zip(*[solve(A, [D(int(i == j)) for i in range(n)]) for j in range(n)]))
def fit(xs, ys):
    b = cert[:]
    for it in range(8):
        J = []; r = []
        for x, y in zip(xs, ys):
            e = [(-b[1] * x).exp(), (-b[3] * x).exp(), (-b[5] * x).exp()]
            f = b[0] * e[0] + b[2] * e[1] + b[4] * e[2]
            r.append(y - f)
            J.append([e[0], -b[0] * x * e[0], e[1], -b[2] * x * e[1], e[2], -b[4] * x * e[2]])
        JtJ = [[sum(J[k][i] * J[k][j] for k in range(len(xs))) for j in range(6)] for i in range(6)]
        Jtr = [sum(J[k][i] * r[k] for k in range(len(xs))) for i in range(6)]
        d = solve(JtJ, Jtr); b = [bi + di for bi, di in zip(b, d)]
    rss = sum(ri * ri for ri in r)
    C = inv(JtJ)
    sd = [float((rss / 18 * C[i][i]).sqrt()) for i in range(6)]
    return b, rss, sd
import math
for name, xs, ys in [("decimal data", [D(s[1]) for s in raw], [D(s[0]) for s in raw]),
                     ("double-rounded data", [D(float(s[1])) for s in raw], [D(float(s[0])) for s in raw])]:
    b, rss, sd = fit(xs, ys)
    lre_b = min(-math.log10(abs(float((bi - ci) / ci))) for bi, ci in zip(b, cert))
    lre_sd = min(-math.log10(abs(s - c) / c) for s, c in zip(sd, csd))
    print(f"{name}: RSS {float(rss):.10e} LRE(b) {lre_b:.2f} LRE(sd) {lre_sd:.2f}")
