// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>One worker of a batch fit: fits curves from a queue in its SIMD lanes until the queue is empty.</summary>
internal interface ILaneBatchSolver
{
    /// <summary>
    /// Fits curves taken from <paramref name="nextCurve"/> (which returns −1 when none is left) until every lane is
    /// idle; <paramref name="finished"/> hears of each curve done.
    /// </summary>
    void Run(Func<int> nextCurve, Action<int> finished, CancellationToken cancellationToken);
}
