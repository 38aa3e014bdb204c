// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// What Moré's step needs from the weighted Jacobian J (m×k) at the current point: a factorization J·P = Q·R with
/// R upper triangular and P a column permutation, the first k components of Qᵀf, the Euclidean norms of J's
/// columns, and ‖f‖. Every route to it (<see cref="IJacobianFactorization"/>) delivers this one form.
/// </summary>
internal sealed class TriangularFactor
{
    public TriangularFactor(int size)
    {
        Size = size;
        R = new double[size * size];
        Pivot = new int[size];
        Qtf = new double[size];
        ColumnNorms = new double[size];
    }

    /// <summary>k, the number of free parameters.</summary>
    public int Size { get; }

    /// <summary>
    /// R, column-major k×k (R[i, j] at [j·k + i]). Only the upper triangle belongs to the factor: the Levenberg
    /// solve uses the strict lower triangle as scratch.
    /// </summary>
    public double[] R { get; }

    /// <summary>Pivot[j] is the free parameter in position j.</summary>
    public int[] Pivot { get; }

    /// <summary>The first k components of Qᵀf.</summary>
    public double[] Qtf { get; }

    /// <summary>‖J e_j‖ for every free parameter j, in parameter order (held bounds count as zero columns).</summary>
    public double[] ColumnNorms { get; }

    /// <summary>‖f‖ at the factored point.</summary>
    public double ResidualNorm { get; set; }

    /// <summary>
    /// Factors a k×k <paramref name="triangle"/> (destroyed) standing for J, with J = Q₀·triangle and
    /// <paramref name="projected"/> = Q₀ᵀf: MINPACK's pivoted QR of the small matrix gives R and the pivot, and its
    /// reflections carry Q₀ᵀf into Qᵀf. The routes that reduce J to a triangle first (normal equations aside) end here.
    /// </summary>
    public bool FactorTriangle(Span<double> triangle, ReadOnlySpan<double> projected, Span<double> work)
    {
        int k = Size;
        Span<double> rdiag = work[..k], scratch = work.Slice(k, k);
        MinpackKernels.QrFactor(k, k, triangle, k, Pivot, rdiag, ColumnNorms, scratch);
        foreach (double norm in ColumnNorms)
            if (!double.IsFinite(norm))
                return false;
        projected[..k].CopyTo(Qtf);
        HouseholderQr.ApplyReflections(triangle, k, k, k, Qtf);
        CopyR(triangle, k, rdiag);
        return true;
    }

    /// <summary>R from MINPACK's QR storage: the strict upper triangle of the factored matrix (leading dimension
    /// <paramref name="ld"/>) and the diagonal apart.</summary>
    public void CopyR(ReadOnlySpan<double> factored, int ld, ReadOnlySpan<double> rDiagonal)
    {
        int k = Size;
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < j; i++)
                R[j * k + i] = factored[j * ld + i];
            R[j * k + j] = rDiagonal[j];
        }
    }
}
