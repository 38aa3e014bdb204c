// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.Mixtures;

/// <summary>Seeded synthetic data for the property tests: component first, then the normal value.</summary>
internal static class SyntheticMixtures
{
    /// <summary>n points in 2-D from three elongated, overlapping clusters.</summary>
    public static double[,] ThreeClusters2D(int n, int seed)
    {
        var random = new Random(seed);
        double[] weights = [0.5, 0.3, 0.2];
        double[][] means = [[0, 0], [4, 3], [-3, 4]];
        // Lower Cholesky factors of the covariances.
        double[][] factors = [[1.5, 0, 0.8, 0.6], [0.7, 0, -0.4, 1.2], [1.0, 0, 0.0, 0.5]];
        var x = new double[n, 2];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            int c = u < weights[0] ? 0 : u < weights[0] + weights[1] ? 1 : 2;
            double z0 = Normal(random), z1 = Normal(random);
            x[i, 0] = means[c][0] + factors[c][0] * z0;
            x[i, 1] = means[c][1] + factors[c][2] * z0 + factors[c][3] * z1;
        }
        return x;
    }

    public static double Normal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
