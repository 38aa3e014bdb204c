// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Products and bounds of a symmetric matrix given as values in a <see cref="SparsityPattern"/>'s CSR order.</summary>
internal static class SymmetricCsr
{
    /// <summary>result = A·v.</summary>
    public static void Multiply(SparsityPattern pattern, ReadOnlySpan<double> values, ReadOnlySpan<double> v, Span<double> result)
    {
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < pattern.RowCount; i++)
        {
            double sum = 0;
            for (int k = starts[i]; k < starts[i + 1]; k++)
                sum += values[k] * v[columns[k]];
            result[i] = sum;
        }
    }

    /// <summary>The largest −Aᵢᵢ (a lower bound on −λ_min) and the largest absolute row sum ‖A‖∞ = ‖A‖₁.</summary>
    public static (double MaxNegativeDiagonal, double NormOne) Bounds(SparsityPattern pattern, ReadOnlySpan<double> values)
    {
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        double maxNegDiag = double.NegativeInfinity, norm = 0;
        for (int i = 0; i < pattern.RowCount; i++)
        {
            double diagonal = 0, sum = 0;
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                sum += Math.Abs(values[k]);
                if (columns[k] == i)
                    diagonal = values[k];
            }
            maxNegDiag = Math.Max(maxNegDiag, -diagonal);
            norm = Math.Max(norm, sum);
        }
        return (maxNegDiag, norm);
    }
}
