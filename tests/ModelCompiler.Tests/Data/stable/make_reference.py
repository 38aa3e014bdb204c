# SPDX-License-Identifier: MIT
# Reference values of expm1, log1p, log2, cbrt and hypot from mpmath at 50 digits, rounded to the nearest double.
# Run with /usr/bin/python3 make_reference.py > stable-reference.csv (Debian's python3-mpmath).
import random
import mpmath

mpmath.mp.dps = 50
random.seed(20261123)


def magnitudes(low, high, count):
    return [10.0 ** random.uniform(low, high) for _ in range(count)]


rows = []
for x in sorted(set(magnitudes(-300, 2.85, 300) + [0.5, 0.25, 1e-8, 0.4999999, 0.5000001, 709.0])):
    for v in (x, -x):
        rows.append(("expm1", v, 0.0, mpmath.expm1(v)))
for x in sorted(set(magnitudes(-300, 300, 300) + [0.5, 1.0, 1e-8, 2.0**-53, 2.0**-52])):
    rows.append(("log1p", x, 0.0, mpmath.log1p(x)))
for d in sorted(set(magnitudes(-17, 0, 120) + [0.5, 2.0**-53] + [1 - 10.0**-k for k in range(1, 16)])):
    rows.append(("log1p", -d, 0.0, mpmath.log1p(-d)))
for x in sorted(set(magnitudes(-307, 307, 200))):
    rows.append(("log2", x, 0.0, mpmath.log(x, 2)))
for x in sorted(set(magnitudes(-320, 307, 200))):
    for v in (x, -x):
        rows.append(("cbrt", v, 0.0, mpmath.cbrt(v) if v > 0 else -mpmath.cbrt(-v)))
for _ in range(200):
    x, y = random.choice([-1, 1]) * 10.0 ** random.uniform(-300, 300), random.choice([-1, 1]) * 10.0 ** random.uniform(-300, 300)
    if random.random() < 0.5:
        y = x * 10.0 ** random.uniform(-3, 3)
    rows.append(("hypot", x, y, mpmath.sqrt(mpmath.mpf(x) ** 2 + mpmath.mpf(y) ** 2)))

print("function,x,y,value")
for name, x, y, value in rows:
    print(f"{name},{x!r},{y!r},{float(value)!r}")
