# SPDX-License-Identifier: MIT
# Writes numpy-exp-reference.csv: arguments and numpy.exp of them as IEEE-754 bit patterns (hex), so the
# test of NumpyExp compares bits. Run with numpy 1.24 on an AVX-512 (Skylake-X or later) machine, where
# numpy's float64 exp is Intel SVML's __svml_exp8:  /usr/bin/python3 make_reference.py > numpy-exp-reference.csv
import struct
import numpy as np

rng = np.random.default_rng(20240601)
x = np.concatenate([
    -rng.random(1500) * 80,             # the exponents of Gaussian models
    rng.uniform(-700, 700, 300),
    rng.uniform(-1, 1, 150),
    rng.uniform(-1e-15, 1e-15, 50),
])
y = np.exp(x)
bits = lambda v: struct.unpack('<Q', struct.pack('<d', float(v)))[0]
print("x_bits,exp_bits")
for a, b in zip(x, y):
    print(f"{bits(a):016X},{bits(b):016X}")
