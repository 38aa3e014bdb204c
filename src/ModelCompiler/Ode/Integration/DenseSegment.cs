// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>The form of one step's interpolant, which decides how its stored coefficients are read.</summary>
internal enum DenseKind : byte
{
    /// <summary>Dormand–Prince 5(4) continuous extension of order 4 (Hairer's form): five vectors r1…r5.</summary>
    Dopri5,
    /// <summary>DOP853 continuous extension of order 7: eight vectors r1…r8.</summary>
    Dop853,
    /// <summary>Rosenbrock (Rodas) interpolant: y0, y1 and m correction vectors k1…km.</summary>
    Rosenbrock,
    /// <summary>BDF/NDF: backward differences D0…Dq of the step's interpolating polynomial at its end, spacing h.</summary>
    BackwardDifferences,
}

/// <summary>Evaluates one step's interpolant from its stored coefficients.</summary>
internal static class DenseSegment
{
    /// <summary>
    /// Writes the interpolant of the step [t0, t1] at t. <paramref name="data"/> holds the coefficient vectors of
    /// <paramref name="kind"/>, each of length y.Length, one after another.
    /// </summary>
    public static void Evaluate(DenseKind kind, ReadOnlySpan<double> data, double t0, double t1, double t, Span<double> y)
    {
        int n = y.Length;
        double h = t1 - t0;
        double s = h == 0 ? 1 : (t - t0) / h;
        double s1 = 1 - s;
        switch (kind)
        {
            case DenseKind.Dopri5:
            {
                var r1 = data[..n];
                var r2 = data.Slice(n, n);
                var r3 = data.Slice(2 * n, n);
                var r4 = data.Slice(3 * n, n);
                var r5 = data.Slice(4 * n, n);
                for (int i = 0; i < n; i++)
                    y[i] = r1[i] + s * (r2[i] + s1 * (r3[i] + s * (r4[i] + s1 * r5[i])));
                break;
            }
            case DenseKind.Dop853:
            {
                for (int i = 0; i < n; i++)
                {
                    double r1 = data[i], r2 = data[n + i], r3 = data[2 * n + i], r4 = data[3 * n + i];
                    double r5 = data[4 * n + i], r6 = data[5 * n + i], r7 = data[6 * n + i], r8 = data[7 * n + i];
                    y[i] = r1 + s * (r2 + s1 * (r3 + s * (r4 + s1 * (r5 + s * (r6 + s1 * (r7 + s * r8))))));
                }
                break;
            }
            case DenseKind.Rosenbrock:
            {
                // y(s) = (1 − s)·y0 + s·(y1 + (1 − s)·(k1 + s·(k2 + s·(k3 + …))))
                int m = data.Length / n - 2;
                for (int i = 0; i < n; i++)
                {
                    // Horner from the innermost vector outward: k1 + s·(k2 + s·k3).
                    double acc = 0;
                    for (int r = m - 1; r >= 0; r--)
                        acc = data[(2 + r) * n + i] + s * acc;
                    y[i] = s1 * data[i] + s * (data[n + i] + s1 * acc);
                }
                break;
            }
            case DenseKind.BackwardDifferences:
            {
                // p(t1 + x·h) = Σ_j D_j · Π_{m<j} (x + m)/(m + 1), x = (t − t1)/h ≤ 0.
                int q = data.Length / n - 1;
                double x = h == 0 ? 0 : (t - t1) / h;
                for (int i = 0; i < n; i++)
                    y[i] = data[i];
                double product = 1;
                for (int j = 1; j <= q; j++)
                {
                    product *= (x + j - 1) / j;
                    var dj = data.Slice(j * n, n);
                    for (int i = 0; i < n; i++)
                        y[i] += product * dj[i];
                }
                break;
            }
            default:
                throw new InvalidOperationException($"Unknown interpolant kind {kind}.");
        }
    }
}
