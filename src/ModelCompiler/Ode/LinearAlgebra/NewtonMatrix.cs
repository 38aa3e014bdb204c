// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.LinearAlgebra;

/// <summary>
/// The iteration matrix of a stiff method, M = d·I − s·J (BDF: I − cJ; Rosenbrock: I/(hγ) − J), formed from the
/// Jacobian's values in its pattern's CSR order and factored by the LU that suits the pattern.
/// </summary>
internal abstract class NewtonMatrix
{
    /// <summary>Forms M = <paramref name="diagonal"/>·I − <paramref name="scale"/>·J and factors it; false when singular
    /// (a zero or non-finite pivot).</summary>
    public abstract bool Factor(ReadOnlySpan<double> jacobian, double diagonal, double scale);

    /// <summary>Overwrites <paramref name="b"/> with M⁻¹·b, using the last successful factorization.</summary>
    public abstract void Solve(Span<double> b);

    /// <summary>The factorization used.</summary>
    public abstract OdeLinearSolver Kind { get; }

    /// <summary>The number of entries a factorization stores (n² dense, n·(2kl + ku + 1) banded, nnz(L + U) sparse).</summary>
    public abstract long FactorEntries { get; }

    /// <summary>
    /// The factorization the pattern calls for, or the one requested; with <paramref name="blocks"/> &gt; 1 the matrix is
    /// block diagonal with that many identical blocks of <paramref name="pattern"/>, one factorization for all.
    /// </summary>
    public static NewtonMatrix Create(SparsityPattern pattern, OdeLinearSolver requested, int blocks = 1)
    {
        if (blocks > 1)
            return new BlockDiagonalMatrix(Create(pattern, requested), pattern.RowCount, blocks);
        int n = pattern.RowCount;
        var kind = requested;
        if (kind == OdeLinearSolver.Automatic)
        {
            kind = n <= 16 || pattern.Structure == MatrixStructure.Dense || pattern.NonzeroCount > (long)n * n / 4
                ? OdeLinearSolver.Dense
                : pattern.Structure == MatrixStructure.Banded ? OdeLinearSolver.Banded : OdeLinearSolver.Sparse;
        }
        return kind switch
        {
            OdeLinearSolver.Dense => new DenseLu(pattern),
            OdeLinearSolver.Banded => new BandedLu(pattern),
            _ => new SparseLu(pattern),
        };
    }
}
