// SPDX-License-Identifier: MIT
namespace ModelCompiler.Benchmarks;

/// <summary>
/// The Gaussian-mixture benchmark problem: n points in 2-D from five full-covariance components, and
/// a fixed explicit start. Draws come from SplitMix64 with a fixed seed (three per point: component,
/// then a Box–Muller pair), so benchmarks/peers/gaussian_mixture_sklearn.py generates the same points
/// with the same arithmetic.
/// </summary>
public static class GaussianMixtureData
{
    public const int Components = 5;
    public const ulong Seed = 20251122;
    public static readonly double[] Weights = [0.3, 0.25, 0.2, 0.15, 0.1];
    public static readonly double[,] Means = { { 0, 0 }, { 6, 1 }, { -4, 5 }, { 3, -6 }, { -5, -4 } };
    // Lower Cholesky factors (a, 0; b, c) of the component covariances.
    public static readonly double[,] Factors = { { 1, 0.5, 0.8 }, { 0.7, -0.3, 1.1 }, { 1.2, 0.6, 0.5 }, { 0.9, 0, 0.9 }, { 0.6, 0.4, 1.3 } };

    /// <summary>The explicit start: equal weights, the true means shifted by (0.7, −0.5), identity precisions.</summary>
    public static readonly double[] WeightsInit = [0.2, 0.2, 0.2, 0.2, 0.2];
    public static readonly double[,] MeansInit = { { 0.7, -0.5 }, { 6.7, 0.5 }, { -3.3, 4.5 }, { 3.7, -6.5 }, { -4.3, -4.5 } };
    public static readonly double[] PrecisionsInit = [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1];

    public static double[,] Generate(int n)
    {
        var x = new double[n, 2];
        ulong state = Seed;
        for (int i = 0; i < n; i++)
        {
            double u0 = (Next(ref state) >> 11) * (1.0 / 9007199254740992.0);
            double u1 = 1.0 - (Next(ref state) >> 11) * (1.0 / 9007199254740992.0); // (0, 1]
            double u2 = (Next(ref state) >> 11) * (1.0 / 9007199254740992.0);
            int c = 0;
            double cumulative = Weights[0];
            while (c < Components - 1 && u0 >= cumulative)
                cumulative += Weights[++c];
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            double z0 = r * Math.Cos(2.0 * Math.PI * u2), z1 = r * Math.Sin(2.0 * Math.PI * u2);
            x[i, 0] = Means[c, 0] + Factors[c, 0] * z0;
            x[i, 1] = Means[c, 1] + Factors[c, 1] * z0 + Factors[c, 2] * z1;
        }
        return x;
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
