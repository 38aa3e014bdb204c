// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Least squares for models linear in their parameters, without iteration: minimizes
/// ‖f₀ + A·p‖ for the weighted design matrix A and offset f₀ = √w·(f(x; 0) − y) by a QR with
/// column pivoting (a rank-deficient A gets zeros in the degenerate directions and an undefined
/// covariance), followed by one step of iterative refinement on the residual.
/// </summary>
internal static class LinearLeastSquares
{
    /// <summary>
    /// Returns the k parameters for the column-major n×k weighted design matrix
    /// <paramref name="design"/> (destroyed) and the offset √w·(f(x; 0) − y). With a <paramref name="rankTolerance"/>,
    /// a pivoted column whose part independent of the columns before it is at most that fraction of its norm counts as
    /// dependent, as an exact zero does: every x equal leaves a + b·x's second column the rounding of the first times x,
    /// and dividing by that rounding sends a and b to 1e13.
    /// </summary>
    public static double[] Solve(int n, int k, double[] design, ReadOnlySpan<double> offset, double rankTolerance = 0)
    {
        double[] original = (double[])design.Clone();
        var pivot = new int[k];
        double[] rdiag = new double[k], norms = new double[k], work = new double[k], qtf = new double[k];
        double[] diag = new double[k], step = new double[k], sdiag = new double[k], wa = new double[k];
        double[] residual = new double[n], scratch = new double[n];

        MinpackKernels.QrFactor(n, k, design, n, pivot, rdiag, norms, work);
        for (int j = 0; j < k; j++)
        {
            if (!(Math.Abs(rdiag[j]) <= rankTolerance * norms[pivot[j]]))
                continue;
            for (int i = j; i < k; i++)
                rdiag[i] = 0;   // the step takes zeros from the first dependent column on
            break;
        }
        for (int j = 0; j < k; j++)
            diag[j] = norms[j] == 0 ? 1 : norms[j];
        // The Householder vectors sit below the diagonal; keep them apart from R's diagonal.
        double[] householderPivots = new double[k];
        for (int j = 0; j < k; j++)
            householderPivots[j] = design[j * n + j];

        var p = new double[k];
        offset.CopyTo(residual);
        for (int pass = 0; pass < 2; pass++)
        {
            // qtf = Qᵀ·residual, then the Gauss–Newton step −R⁻¹·qtf (zeros where R is singular).
            residual.CopyTo(scratch, 0);
            for (int j = 0; j < k; j++)
            {
                double ajj = householderPivots[j];
                if (ajj != 0)
                {
                    design[j * n + j] = ajj;
                    var col = design.AsSpan(j * n + j, n - j);
                    var rest = scratch.AsSpan(j, n - j);
                    DenseOps.Axpy(-DenseOps.Dot(col, rest) / ajj, col, rest);
                }
                design[j * n + j] = rdiag[j];
                qtf[j] = scratch[j];
            }
            MinpackKernels.LevenbergParameter(k, design, n, pivot, diag, qtf, double.PositiveInfinity, 0, step, sdiag, work, wa);
            for (int j = 0; j < k; j++)
                p[j] -= step[j];

            // Refinement: the residual of the current solution, recomputed from the original matrix.
            offset.CopyTo(residual);
            for (int j = 0; j < k; j++)
                DenseOps.Axpy(p[j], original.AsSpan(j * n, n), residual);
        }
        return p;
    }
}
