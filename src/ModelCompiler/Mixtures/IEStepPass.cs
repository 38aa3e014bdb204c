// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// The E-step of one EM iteration over all the points, at the family's current parameters: the points may be in
/// this process (<see cref="LocalEStep{TFamily, TParameters}"/>) or on the machines that hold them.
/// </summary>
internal interface IEStepPass
{
    /// <summary>
    /// Writes the family's sufficient statistics, summed over all points in the order of <see cref="Partitions"/>, into
    /// <paramref name="statistics"/> (empty when the family has none) and returns Σᵢ ln p(xᵢ), summed in the same order.
    /// </summary>
    double Run(Span<double> statistics);

    /// <summary>The n×K responsibilities of the last pass (component-major) when the family needs them, else empty.</summary>
    ReadOnlySpan<double> Responsibilities { get; }
}
