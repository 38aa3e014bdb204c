// SPDX-License-Identifier: MIT
using ModelCompiler.Tests.Mixtures;

namespace ModelCompiler.Tests.Variational;

/// <summary>Seeded synthetic data for the variational property tests.</summary>
internal static class VariationalData
{
    /// <summary>
    /// n points in d dimensions from <paramref name="clusters"/> equally likely clusters whose centers are
    /// drawn uniformly from [−spread, spread]^d; each feature gets unit noise times a per-cluster scale in [0.5, 1.5].
    /// </summary>
    public static double[,] Clusters(int n, int d, int clusters, int seed, double spread = 6)
    {
        var random = new Random(seed);
        var centers = new double[clusters, d];
        var scales = new double[clusters];
        for (int c = 0; c < clusters; c++)
        {
            scales[c] = 0.5 + random.NextDouble();
            for (int j = 0; j < d; j++)
                centers[c, j] = spread * (2 * random.NextDouble() - 1);
        }
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            int c = random.Next(clusters);
            for (int j = 0; j < d; j++)
                x[i, j] = centers[c, j] + scales[c] * SyntheticMixtures.Normal(random);
        }
        return x;
    }
}
