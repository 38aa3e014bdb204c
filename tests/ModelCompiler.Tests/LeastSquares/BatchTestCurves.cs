// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.LeastSquares;

/// <summary>Curves that more than one batch test fits, each from a fixed seed.</summary>
internal static class BatchTestCurves
{
    /// <summary>The pixels of a side×side image as a spot model's x: column-major n×2, the column first, then the row.</summary>
    public static double[] Pixels(int side)
    {
        int n = side * side;
        var x = new double[2 * n];
        for (int i = 0; i < n; i++)
            (x[i], x[n + i]) = (i % side, i / side);
        return x;
    }

    /// <summary>
    /// 400 spots on 7×7 pixels (x column-major 49×2), every fourth from a start far off (the centre outside the image),
    /// the others from a start near the truth.
    /// </summary>
    public static (double[] X, double[,] Y, double[,] Starts) FarStartSpots()
    {
        const int m = 400, side = 7, n = side * side;
        var random = new Random(5);
        var x = Pixels(side);
        var y = new double[m, n];
        var starts = new double[m, 5];
        for (int c = 0; c < m; c++)
        {
            double a = 20 + 200 * random.NextDouble(), x0 = 2 + 2 * random.NextDouble(), y0 = 2 + 2 * random.NextDouble();
            double s = 0.7 + random.NextDouble(), b = 10 * random.NextDouble();
            for (int i = 0; i < n; i++)
            {
                double du = x[i] - x0, dv = x[n + i] - y0;
                y[c, i] = a * Math.Exp(-(du * du + dv * dv) / (2 * s * s)) + b + Math.Sqrt(a) * (random.NextDouble() - 0.5);
            }
            (starts[c, 0], starts[c, 1], starts[c, 2], starts[c, 3], starts[c, 4]) =
                c % 4 == 0 ? (1, 0, 6, 5, 0) : (0.7 * a, 3, 3, 1, b + 2);
        }
        return (x, y, starts);
    }

    /// <summary>
    /// Decays of <paramref name="n"/> points 0.25 apart whose amplitude, capped at 6 by the tests, the data want at 8–15:
    /// a misfit of many noise levels, so that (JᵀJ)⁻¹·H along τ and b is far from the identity.
    /// </summary>
    public static (double[] T, double[,] Y) CappedDecays(int m, int n, int seed)
    {
        var random = new Random(seed);
        double[] t = Enumerable.Range(0, n).Select(i => 0.25 * i).ToArray();
        var y = new double[m, n];
        for (int c = 0; c < m; c++)
        {
            double a = 8 + 7 * random.NextDouble(), tau = 1 + 3 * random.NextDouble(), b = random.NextDouble();
            for (int i = 0; i < n; i++)
                y[c, i] = a * Math.Exp(-t[i] / tau) + b + 0.1 * (random.NextDouble() - 0.5);
        }
        return (t, y);
    }

    /// <summary>
    /// The largest cosine between f and a column j ≥ <paramref name="firstColumn"/> of the decay's Jacobian, from the
    /// model directly: zero at the least-squares solution over those parameters.
    /// </summary>
    public static double LargestDecayCosine(double[] t, double[] y, IReadOnlyList<double> parameters, int firstColumn = 0)
    {
        int n = t.Length;
        var values = new double[n];
        var jacobian = new double[n * 3];
        BatchModels.DecayModel.EvaluateWithJacobian(t, parameters.ToArray(), values, jacobian);
        double fNorm = Math.Sqrt(values.Select((v, i) => (v - y[i]) * (v - y[i])).Sum());
        double largest = 0;
        for (int j = firstColumn; j < 3; j++)
        {
            double dot = 0, norm = 0;
            for (int i = 0; i < n; i++)
            {
                dot += jacobian[j * n + i] * (values[i] - y[i]);
                norm += jacobian[j * n + i] * jacobian[j * n + i];
            }
            largest = Math.Max(largest, Math.Abs(dot) / Math.Sqrt(norm) / fNorm);
        }
        return largest;
    }
}
