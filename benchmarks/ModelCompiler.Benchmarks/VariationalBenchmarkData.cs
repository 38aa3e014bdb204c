// SPDX-License-Identifier: MIT
namespace ModelCompiler.Benchmarks;

/// <summary>
/// The variational benchmark problems, generated with the same arithmetic as the peer scripts
/// (benchmarks/peers/bayesian_mixture_sklearn.py and blei_cavi_numpy.py):
/// <list type="bullet">
/// <item>BayesianGaussianMixture: the points of <see cref="GaussianMixtureData"/> (2-D, five components),
/// K = 10, first responsibilities one-hot on the nearest of <see cref="BgmInitCenters"/>;</item>
/// <item>Blei CAVI: 1-D, five unit-variance clusters at 1, 5, 7, 9, 15 in turn (point i in cluster i mod 5),
/// N(0, 1) by Box–Muller from SplitMix64 (seed 2017, two draws per point, the cosine branch);
/// K = 5, σ² = 100, m⁽⁰⁾ = (0, 4, 8, 12, 16), s²⁽⁰⁾ = 1.</item>
/// </list>
/// </summary>
public static class VariationalBenchmarkData
{
    public const int BgmComponents = 10;

    public static readonly double[,] BgmInitCenters =
    {
        { 0.7, -0.5 }, { 6.7, 0.5 }, { -3.3, 4.5 }, { 3.7, -6.5 }, { -4.3, -4.5 },
        { -0.5, 0.7 }, { 5.5, 1.5 }, { -4.7, 5.5 }, { 2.3, -5.5 }, { -5.7, -3.5 },
    };

    public const ulong CaviSeed = 2017;
    public static readonly double[] CaviClusterMeans = [1, 5, 7, 9, 15];
    public const double CaviPriorVariance = 100;
    public static readonly double[,] CaviInitialMeans = { { 0 }, { 4 }, { 8 }, { 12 }, { 16 } };

    /// <summary>One-hot n×K responsibilities on the nearest init center (squared Euclidean; first on ties).</summary>
    public static double[,] BgmInitialResponsibilities(double[,] x)
    {
        int n = x.GetLength(0), k = BgmInitCenters.GetLength(0);
        var resp = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double a = x[i, 0] - BgmInitCenters[c, 0], b = x[i, 1] - BgmInitCenters[c, 1];
                double distance = a * a + b * b;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }
            resp[i, best] = 1;
        }
        return resp;
    }

    public static double[,] CaviPoints(int n)
    {
        var x = new double[n, 1];
        ulong state = CaviSeed;
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - (Next(ref state) >> 11) * (1.0 / 9007199254740992.0); // (0, 1]
            double u2 = (Next(ref state) >> 11) * (1.0 / 9007199254740992.0);
            x[i, 0] = CaviClusterMeans[i % 5] + Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
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
