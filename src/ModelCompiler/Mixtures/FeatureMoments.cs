// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// Sums over all points that set a fit's scale, formed like every other sum of a mixture fit: per chunk, then by
/// <see cref="Partitions"/>, so that machines holding parts of the data can each form their partition's share.
/// </summary>
internal static class FeatureMoments
{
    /// <summary>Σᵢ xᵢⱼ of each feature j (d values).</summary>
    public static double[] Sums(ColumnData data, Partitions partitions)
    {
        int n = data.PointCount, d = data.Dimension, chunks = ChunkedParallel.ChunkCount(n);
        var partials = new double[chunks * d];
        for (int c = 0; c < chunks; c++)
            for (int j = 0; j < d; j++)
            {
                double total = 0;
                foreach (double v in Chunk(data, c, j))
                    total += v;
                partials[c * d + j] = total;
            }
        return Reduced(partials, d, partitions);
    }

    /// <summary>Σᵢ (xᵢⱼ − meanⱼ)² of each feature j (d values).</summary>
    public static double[] SquaredDeviations(ColumnData data, ReadOnlySpan<double> means, Partitions partitions)
    {
        int n = data.PointCount, d = data.Dimension, chunks = ChunkedParallel.ChunkCount(n);
        var partials = new double[chunks * d];
        for (int c = 0; c < chunks; c++)
            for (int j = 0; j < d; j++)
            {
                double total = 0, mean = means[j];
                foreach (double v in Chunk(data, c, j))
                    total += (v - mean) * (v - mean);
                partials[c * d + j] = total;
            }
        return Reduced(partials, d, partitions);
    }

    /// <summary>Σᵢⱼ xᵢⱼ², features in turn within each chunk.</summary>
    public static double SumOfSquares(ColumnData data, Partitions partitions)
    {
        int n = data.PointCount, d = data.Dimension, chunks = ChunkedParallel.ChunkCount(n);
        var partials = new double[chunks];
        for (int c = 0; c < chunks; c++)
        {
            double total = 0;
            for (int j = 0; j < d; j++)
                foreach (double v in Chunk(data, c, j))
                    total += v * v;
            partials[c] = total;
        }
        return partitions.Sum(partials);
    }

    /// <summary>Each feature's population variance Σᵢ(xᵢⱼ − meanⱼ)²/n (d values).</summary>
    public static double[] FeatureVariances(ColumnData data, Partitions partitions)
    {
        double[] means = Sums(data, partitions);
        for (int j = 0; j < means.Length; j++)
            means[j] /= data.PointCount;
        double[] squares = SquaredDeviations(data, means, partitions);
        for (int j = 0; j < squares.Length; j++)
            squares[j] /= data.PointCount;
        return squares;
    }

    private static ReadOnlySpan<double> Chunk(ColumnData data, int chunk, int feature)
    {
        (int start, int length) = ChunkedParallel.Range(chunk, data.PointCount);
        return data.Columns.AsSpan(feature * data.PointCount + start, length);
    }

    private static double[] Reduced(double[] partials, int length, Partitions partitions)
    {
        var total = new double[length];
        partitions.Sum(partials, length, total);
        return total;
    }
}
