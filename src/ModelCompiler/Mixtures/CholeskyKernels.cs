// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// Small dense kernels on row-major d×d matrices for Gaussian components: Cholesky factors,
/// scikit-learn's precision factor and log-determinants. d is a few dozen at most, so plain loops.
/// </summary>
internal static class CholeskyKernels
{
    /// <summary>
    /// Lower Cholesky factor L of the symmetric matrix <paramref name="a"/> (only its lower triangle is
    /// read), A = L·Lᵀ; the upper triangle of <paramref name="lower"/> is zeroed. False when A is not
    /// numerically positive definite (a pivot ≤ 0 or non-finite).
    /// </summary>
    public static bool TryFactorLower(ReadOnlySpan<double> a, int d, Span<double> lower)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i * d + j];
                for (int m = 0; m < j; m++)
                    s -= lower[i * d + m] * lower[j * d + m];
                if (i == j)
                {
                    if (!(s > 0) || !double.IsFinite(s))
                        return false;
                    lower[i * d + i] = Math.Sqrt(s);
                }
                else
                    lower[i * d + j] = s / lower[j * d + j];
            }
            for (int j = i + 1; j < d; j++)
                lower[i * d + j] = 0;
        }
        return true;
    }

    /// <summary>Inverse of a lower-triangular matrix (lower triangular), by forward substitution on the identity.</summary>
    public static void InvertLower(ReadOnlySpan<double> lower, int d, Span<double> inverse)
    {
        inverse[..(d * d)].Clear();
        for (int col = 0; col < d; col++)
        {
            inverse[col * d + col] = 1 / lower[col * d + col];
            for (int i = col + 1; i < d; i++)
            {
                double s = 0;
                for (int m = col; m < i; m++)
                    s -= lower[i * d + m] * inverse[m * d + col];
                inverse[i * d + col] = s / lower[i * d + i];
            }
        }
    }

    /// <summary>
    /// scikit-learn's <c>precisions_cholesky</c> of a covariance Σ: with Σ = L·Lᵀ, the upper-triangular
    /// P = (L⁻¹)ᵀ, so that P·Pᵀ = Σ⁻¹ and the Mahalanobis term is ‖(x − μ)ᵀP‖². False when Σ is not
    /// positive definite. <paramref name="scratch"/> needs 2·d² doubles.
    /// </summary>
    public static bool TryPrecisionCholesky(ReadOnlySpan<double> covariance, int d, Span<double> precisionCholesky, Span<double> scratch)
    {
        Span<double> lower = scratch[..(d * d)], inverse = scratch.Slice(d * d, d * d);
        if (!TryFactorLower(covariance, d, lower))
            return false;
        InvertLower(lower, d, inverse);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                precisionCholesky[i * d + j] = inverse[j * d + i];
        return true;
    }

    /// <summary>Σ = (P·Pᵀ)⁻¹ from an upper-triangular precision factor P. <paramref name="scratch"/> needs d² doubles.</summary>
    public static void CovarianceFromPrecisionCholesky(ReadOnlySpan<double> precisionCholesky, int d, Span<double> covariance, Span<double> scratch)
    {
        // Pᵀ is lower triangular; Σ = (Pᵀ)⁻¹ᵀ(Pᵀ)⁻¹ … written as W = (Pᵀ)⁻¹, Σ = Wᵀ·W.
        Span<double> lowerT = stackalloc double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                lowerT[i * d + j] = precisionCholesky[j * d + i];
        InvertLower(lowerT, d, scratch);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double s = 0;
                for (int m = 0; m < d; m++)
                    s += scratch[m * d + i] * scratch[m * d + j];
                covariance[i * d + j] = s;
            }
    }

    /// <summary>Σ_j ln P_jj: ln det of a triangular factor, ½·ln det Σ⁻¹ for scikit-learn's precision factor.</summary>
    public static double LogDeterminantOfTriangular(ReadOnlySpan<double> factor, int d)
    {
        double s = 0;
        for (int j = 0; j < d; j++)
            s += Math.Log(factor[j * d + j]);
        return s;
    }
}
