// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// A family whose E-step and statistics run as one pass over a chunk (<see cref="FusedGaussianPass"/>):
/// <see cref="EmEngine"/> calls it instead of <see cref="IMixtureFamily{TParameters}.EstimateWeightedLogDensity"/>,
/// <see cref="LogSumExp"/> and <see cref="IMixtureFamily{TParameters}.AccumulateStatistics"/> whenever the iteration
/// keeps neither the responsibilities nor the per-point likelihoods.
/// </summary>
internal interface IFusedMixtureFamily
{
    /// <summary>
    /// Adds the statistics of points [start, start + length) into <paramref name="statistics"/> (zeroed by the engine)
    /// and returns their Σᵢ ln p(xᵢ); <paramref name="workspace"/> is the worker's own.
    /// </summary>
    double EStepWithStatistics(int start, int length, Span<double> statistics, Span<double> workspace);
}
