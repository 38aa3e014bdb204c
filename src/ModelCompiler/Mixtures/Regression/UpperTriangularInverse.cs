// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>The inverse of a small upper triangular matrix, as the transpose of its transpose's (lower) inverse.</summary>
internal static class UpperTriangularInverse
{
    /// <summary>
    /// R⁻¹, row-major p×p, of the upper triangular <paramref name="r"/> (row-major, or column-major as the QR factors
    /// give it); null when a value of the inverse is not finite (a zero diagonal).
    /// </summary>
    public static double[]? Of(ReadOnlySpan<double> r, int p, bool rowMajor)
    {
        // (R⁻¹)ᵀ = (Rᵀ)⁻¹, and Rᵀ is lower triangular: CholeskyKernels.InvertLower does the back substitution.
        var lower = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++)
                lower[i * p + j] = rowMajor ? r[j * p + i] : r[i * p + j];
        var lowerInverse = new double[p * p];
        CholeskyKernels.InvertLower(lower, p, lowerInverse);
        var inverse = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double v = lowerInverse[j * p + i];
                if (!double.IsFinite(v))
                    return null;
                inverse[i * p + j] = v;
            }
        return inverse;
    }
}
