// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The triangular factor of a tall Jacobian (many more points than parameters) from its Gram
/// matrix (JᵀJ and Jᵀf, streamed block by block by ResidualEvaluator.GramAt), by a Cholesky factorization with
/// diagonal pivoting, PᵀJᵀJP = RᵀR. In exact arithmetic this is the R of MINPACK's column-pivoted
/// QR (the pivot rule, largest remaining column norm, is the same) and Qᵀf = R⁻ᵀPᵀJᵀf, at a cost of
/// one streaming pass instead of one pass per column. Forming JᵀJ squares the condition number,
/// so it is only used when the pivoted diagonal shows κ(R·D⁻¹) ≤ 1e5 (κ²·ε ≤ 2.2e-6), D the column
/// norms; otherwise the caller falls back to Householder QR. The column scaling is what Cholesky's
/// rounding error depends on (van der Sluis), and what Moré's scaled steps are invariant to: columns
/// of very different sizes (parameters in seconds and in counts) are no reason to leave the Gram
/// route, nearly dependent ones are. Inexact steps only slow convergence: the fixed point is set by
/// the gradient Jᵀf, which is computed directly.
/// </summary>
internal static class TallJacobianFactor
{
    /// <summary>Below this many rows per parameter the Householder QR is used.</summary>
    public const int MinRowsPerParameter = 16;
    public const int MinRows = 4096;
    internal const double MaxCondition = 1e5;

    public static bool Applies(int m, int n) => m >= MinRows && m >= MinRowsPerParameter * n;

    /// <summary>
    /// Pivoted Cholesky of the symmetric <paramref name="gram"/> (destroyed): R (n×n, column-major
    /// with leading dimension n, upper triangle) and the pivot. Returns false when the factor is
    /// too ill-conditioned for the Gram route: a pivot below 1e-5 of its column's norm. With
    /// <paramref name="zeroColumns"/>, a column that is exactly zero (a parameter held on its bound) is no
    /// reason to refuse: the pivot puts it last and its row and column of R are zero, as Householder QR
    /// leaves them, and the step solves least squares over the others.
    /// </summary>
    public static bool Cholesky(Span<double> gram, int n, Span<double> r, Span<int> pivot, bool zeroColumns = false)
    {
        Span<double> columnNorms = n <= 64 ? stackalloc double[n] : new double[n];
        for (int j = 0; j < n; j++)
        {
            pivot[j] = j;
            columnNorms[j] = Math.Sqrt(gram[j * n + j]);
        }
        r[..(n * n)].Clear();
        for (int k = 0; k < n; k++)
        {
            int q = k;
            for (int j = k + 1; j < n; j++)
                if (gram[j * n + j] > gram[q * n + q])
                    q = j;
            if (q != k)
            {
                SwapSymmetric(gram, n, k, q);
                (pivot[k], pivot[q]) = (pivot[q], pivot[k]);
                // Columns already factored carry their R entries along with the swap.
                for (int i = 0; i < k; i++)
                    (r[k * n + i], r[q * n + i]) = (r[q * n + i], r[k * n + i]);
            }
            double d = gram[k * n + k];
            if (zeroColumns && d == 0 && columnNorms[pivot[k]] == 0)
                continue; // every column left has a diagonal ≤ 0: zero ones pass, any other fails here
            if (!(d > 0))
                return false;
            // R·D⁻¹'s diagonal: the part of the column outside the span of those before it, against its norm.
            double rkk = Math.Sqrt(d);
            if (rkk * MaxCondition < columnNorms[pivot[k]])
                return false;
            r[k * n + k] = rkk;
            for (int j = k + 1; j < n; j++)
                r[j * n + k] = gram[j * n + k] / rkk;
            for (int i = k + 1; i < n; i++)
            {
                double rki = r[i * n + k];
                for (int j = k + 1; j < n; j++)
                    gram[j * n + i] -= rki * r[j * n + k];
            }
        }
        return true;
    }

    /// <summary>qtf = R⁻ᵀ·Pᵀ·g, the first n components of Qᵀf; zero for a zero column of R, which no step uses.</summary>
    public static void ProjectGradient(ReadOnlySpan<double> r, int n, ReadOnlySpan<int> pivot, ReadOnlySpan<double> g, Span<double> qtf)
    {
        for (int j = 0; j < n; j++)
        {
            double sum = g[pivot[j]];
            for (int i = 0; i < j; i++)
                sum -= r[j * n + i] * qtf[i];
            qtf[j] = r[j * n + j] == 0 ? 0 : sum / r[j * n + j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SwapSymmetric(Span<double> a, int n, int k, int q)
    {
        for (int i = 0; i < n; i++)
            (a[k * n + i], a[q * n + i]) = (a[q * n + i], a[k * n + i]);
        for (int i = 0; i < n; i++)
            (a[i * n + k], a[i * n + q]) = (a[i * n + q], a[i * n + k]);
    }
}
