// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.LinearAlgebra;

/// <summary>
/// An iteration matrix of identical diagonal blocks, diag(M, M, …, M): one factorization of the block M serves every
/// block's solve. This is the Newton matrix of a system augmented with its forward sensitivities when the coupling of
/// the sensitivity equations to the state is dropped (CVODES's simultaneous corrector does the same), so that the cost
/// of a factorization is that of the state's alone, whatever the number of sensitivities.
/// </summary>
internal sealed class BlockDiagonalMatrix : NewtonMatrix
{
    private readonly NewtonMatrix _block;
    private readonly int _blockSize;
    private readonly int _blocks;

    public BlockDiagonalMatrix(NewtonMatrix block, int blockSize, int blocks)
    {
        _block = block;
        _blockSize = blockSize;
        _blocks = blocks;
    }

    public override OdeLinearSolver Kind => _block.Kind;

    /// <summary>The entries of one block's factorization: that is all that is stored.</summary>
    public override long FactorEntries => _block.FactorEntries;

    /// <summary>Factors the block from its Jacobian values (the pattern of one block).</summary>
    public override bool Factor(ReadOnlySpan<double> jacobian, double diagonal, double scale) => _block.Factor(jacobian, diagonal, scale);

    public override void Solve(Span<double> b)
    {
        for (int k = 0; k < _blocks; k++)
            _block.Solve(b.Slice(k * _blockSize, _blockSize));
    }
}
