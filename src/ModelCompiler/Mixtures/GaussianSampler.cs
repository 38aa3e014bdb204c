// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>Draws points from a Gaussian mixture: component counts first, then μₖ + Lₖ·z.</summary>
internal static class GaussianSampler
{
    public static (double[,] Points, int[] Components) Draw(GaussianParameters p, int count, Random random)
    {
        int k = p.ComponentCount, d = p.Dimension;
        // Multinomial counts by drawing each point's component (inverse CDF of π).
        var counts = new int[k];
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble(), cumulative = 0;
            int c = 0;
            for (; c < k - 1; c++)
            {
                cumulative += p.Weights[c];
                if (u < cumulative)
                    break;
            }
            counts[c]++;
        }
        var points = new double[count, d];
        var components = new int[count];
        Span<double> lower = stackalloc double[d * d];
        Span<double> z = stackalloc double[d];
        int row = 0;
        for (int c = 0; c < k; c++)
        {
            CovarianceFactor(p, c, lower);
            for (int s = 0; s < counts[c]; s++, row++)
            {
                for (int j = 0; j < d; j++)
                    z[j] = StandardNormal(random);
                for (int a = 0; a < d; a++)
                {
                    double v = p.Means[c * d + a];
                    for (int b = 0; b <= a; b++)
                        v += lower[a * d + b] * z[b];
                    points[row, a] = v;
                }
                components[row] = c;
            }
        }
        return (points, components);
    }

    private static void CovarianceFactor(GaussianParameters p, int c, Span<double> lower)
    {
        int d = p.Dimension;
        lower.Clear();
        switch (p.Type)
        {
            case CovarianceType.Full:
            case CovarianceType.Tied:
                ReadOnlySpan<double> cov = p.Type == CovarianceType.Full ? p.Covariances.AsSpan(c * d * d, d * d) : p.Covariances;
                if (!CholeskyKernels.TryFactorLower(cov, d, lower))
                    throw new InvalidOperationException($"The covariance of component {c} is not positive definite.");
                break;
            case CovarianceType.Diagonal:
                for (int j = 0; j < d; j++)
                    lower[j * d + j] = Math.Sqrt(p.Covariances[c * d + j]);
                break;
            default:
                for (int j = 0; j < d; j++)
                    lower[j * d + j] = Math.Sqrt(p.Covariances[c]);
                break;
        }
    }

    /// <summary>Marsaglia's polar method (one of the pair is used, so draws stay a pure function of the stream).</summary>
    private static double StandardNormal(Random random)
    {
        while (true)
        {
            double u = 2 * random.NextDouble() - 1, v = 2 * random.NextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1)
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }
}
