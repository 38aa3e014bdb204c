# SPDX-License-Identifier: MIT
# Reference values of erf and erfc from CPython's math module, which calls the C library (glibc's erf and
# erfc are correctly rounded to within an ulp or so). Run with /usr/bin/python3 > erf-reference.csv.
import math
import random

random.seed(20261122)
xs = sorted({round(random.uniform(-6, 27), 12) for _ in range(400)} | {0.0, 0.5, 1.0, 2.5, -2.5, 5.0, 26.5})
print("x,erf,erfc")
for x in xs:
    print(f"{x!r},{math.erf(x)!r},{math.erfc(x)!r}")
