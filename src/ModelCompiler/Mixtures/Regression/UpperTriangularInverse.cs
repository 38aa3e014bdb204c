// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>The inverse of a small upper triangular matrix, by back substitution column by column.</summary>
internal static class UpperTriangularInverse
{
    /// <summary>
    /// R⁻¹, row-major p×p, of the upper triangular <paramref name="r"/> (row-major, or column-major as the QR factors
    /// give it); null when a value of the inverse is not finite (a zero diagonal).
    /// </summary>
    public static double[]? Of(ReadOnlySpan<double> r, int p, bool rowMajor)
    {
        var inverse = new double[p * p];
        for (int j = 0; j < p; j++)
        {
            inverse[j * p + j] = 1 / At(r, p, rowMajor, j, j);
            for (int i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (int k = i + 1; k <= j; k++)
                    s += At(r, p, rowMajor, i, k) * inverse[k * p + j];
                inverse[i * p + j] = -s / At(r, p, rowMajor, i, i);
            }
        }
        foreach (double v in inverse)
            if (!double.IsFinite(v))
                return null;
        return inverse;
    }

    private static double At(ReadOnlySpan<double> r, int p, bool rowMajor, int i, int k) => rowMajor ? r[i * p + k] : r[k * p + i];
}
