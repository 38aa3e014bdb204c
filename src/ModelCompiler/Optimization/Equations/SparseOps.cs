// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Products with a matrix given as CSR values over a <see cref="SparsityPattern"/>.</summary>
internal static class SparseOps
{
    /// <summary>y = A·x.</summary>
    public static void Times(SparsityPattern pattern, ReadOnlySpan<double> values, ReadOnlySpan<double> x, Span<double> y)
    {
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < pattern.RowCount; i++)
        {
            double sum = 0;
            for (int k = starts[i]; k < starts[i + 1]; k++)
                sum += values[k] * x[columns[k]];
            y[i] = sum;
        }
    }

    /// <summary>y = Aᵀ·x.</summary>
    public static void TransposeTimes(SparsityPattern pattern, ReadOnlySpan<double> values, ReadOnlySpan<double> x, Span<double> y)
    {
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        y[..pattern.ColumnCount].Clear();
        for (int i = 0; i < pattern.RowCount; i++)
        {
            double xi = x[i];
            for (int k = starts[i]; k < starts[i + 1]; k++)
                y[columns[k]] += values[k] * xi;
        }
    }

    /// <summary>The Euclidean norm of every column.</summary>
    public static void ColumnNorms(SparsityPattern pattern, ReadOnlySpan<double> values, Span<double> norms)
    {
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        norms[..pattern.ColumnCount].Clear();
        for (int i = 0; i < pattern.RowCount; i++)
            for (int k = starts[i]; k < starts[i + 1]; k++)
                norms[columns[k]] += values[k] * values[k];
        for (int j = 0; j < pattern.ColumnCount; j++)
            norms[j] = Math.Sqrt(norms[j]);
    }
}
