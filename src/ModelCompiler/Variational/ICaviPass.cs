// SPDX-License-Identifier: MIT
namespace ModelCompiler.Variational;

/// <summary>
/// Step 1 of a CAVI iteration over all the points (<see cref="BleiCavi"/>): q(c) from the current q(μ) and the
/// statistics of the new φ, wherever the points are.
/// </summary>
internal interface ICaviPass
{
    /// <summary>
    /// Writes [N (K), S (K·d), Σφ ln φ] summed over all points in the order of the partitions into <paramref name="totals"/>,
    /// for means <paramref name="means"/> (K·d) and ½·E[μₖᵀμₖ] <paramref name="halfExpectedSquare"/> (K).
    /// </summary>
    void Run(double[] means, double[] halfExpectedSquare, Span<double> totals);
}
