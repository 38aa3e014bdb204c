// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// The basis in which a linear regression mixture forms its normal equations when the model's own is unsafe for them.
/// Columns that are nearly parallel over the data (1 and x for x near 1.7e9, Unix times) give a design D whose Gram
/// matrix DᵀD has the square of D's condition, beyond 1/ε, and normal equations in that basis return nonsense however
/// they are solved. With D = Q·R, the columns of D·R⁻¹ are orthonormal, and a component's weighted Gram matrix in that
/// basis is as well conditioned as its weights allow. R comes from sums that lose nothing to an offset: the column
/// means m and the centred Gram matrix C = Σᵢ(Dᵢ − m)(Dᵢ − m)ᵀ, since DᵀD = C + n·m·mᵀ = FᵀF + n·m·mᵀ makes R the
/// triangular factor of F stacked on √n·mᵀ (F from C's pivoted Cholesky factor).
/// </summary>
internal static class DesignConditioning
{
    // The equilibrated design's condition (2-norm, estimated in the Frobenius norm) above which its basis is changed:
    // the normal equations would square it to 1e8 and keep half the digits. Below it the model's basis is kept, so
    // that well-posed fits keep their bits.
    private const double SafeCondition = 1e4;

    /// <summary>
    /// T = R⁻¹ (row-major p×p, upper triangular), so that θ = T·θ′ for the coefficients θ′ of D·T; null when the
    /// model's basis is safe for normal equations, or when the design is rank-deficient, where the pivoted solve in the
    /// model's basis gives the basic solution.
    /// </summary>
    /// <param name="n">Points.</param>
    /// <param name="sums">Σᵢ Dᵢⱼ of each column (p values).</param>
    /// <param name="centredGram">Σᵢ (Dᵢₐ − mₐ)(Dᵢ_b − m_b), a ≤ b, the row-major upper triangle (p(p + 1)/2 values).</param>
    /// <param name="p">Columns.</param>
    public static double[]? Transform(int n, ReadOnlySpan<double> sums, ReadOnlySpan<double> centredGram, int p)
    {
        var gram = new double[p * p];
        var norms = new double[p];
        var mean = new double[p];
        for (int a = 0, at = 0; a < p; a++)
        {
            mean[a] = sums[a] / n;
            for (int b = a; b < p; b++, at++)
                gram[a * p + b] = gram[b * p + a] = centredGram[at];
            norms[a] = Math.Sqrt(gram[a * p + a] + n * mean[a] * mean[a]);
        }
        // A column constant over the data (every x the same) is centred to the rounding of its mean, not to 0, and
        // equilibration would blow that up into a column of its own: it is constant, and the design rank-deficient.
        double rounding = 10 * p * Math.Sqrt(n) * 2.220446049250313e-16;
        for (int a = 0; a < p; a++)
        {
            if (gram[a * p + a] > rounding * norms[a] * (rounding * norms[a]))
                continue;
            for (int b = 0; b < p; b++)
                gram[a * p + b] = gram[b * p + a] = 0;
        }

        Span<double> scale = stackalloc double[p];
        Span<int> order = stackalloc int[p];
        int rank = GramSolve.FactorPivoted(gram, p, scale, order);
        if (rank + 1 < p)
            return null;

        // [F; √n·mᵀ], column-major: row a of F is column a of L, pivoted back to the model's columns and unscaled.
        int rows = rank + 1;
        var stacked = new double[rows * p];
        for (int a = 0; a < rank; a++)
            for (int b = a; b < p; b++)
                stacked[order[b] * rows + a] = gram[b * p + a] * scale[order[b]];
        for (int j = 0; j < p; j++)
            stacked[j * rows + rank] = Math.Sqrt(n) * mean[j];
        var r = new double[p * p];
        HouseholderQr.Factor(stacked, rows, p, rows, new double[rows], r, new double[3 * p]);

        double[]? transform = UpperTriangularInverse.Of(r, p, rowMajor: false);
        if (transform is null)
            return null;
        double squares = 0;
        for (int a = 0; a < p; a++)
            for (int b = a; b < p; b++)
                squares += norms[a] * transform[a * p + b] * (norms[a] * transform[a * p + b]);
        double condition = Math.Sqrt(p * squares);
        return condition > SafeCondition ? transform : null;
    }
}
