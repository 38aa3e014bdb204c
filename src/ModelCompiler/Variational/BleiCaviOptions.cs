// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Variational;

/// <summary>
/// Options of <see cref="BleiCavi"/>. The prior variance σ² has no default: it sets the scale of the
/// cluster means, μₖ ~ N(0, σ²I), and must be chosen for the data at hand.
/// </summary>
public sealed record BleiCaviOptions
{
    /// <summary>σ² of the prior μₖ ~ N(0, σ²I); finite and &gt; 0.</summary>
    public required double PriorVariance { get; init; }

    /// <summary>
    /// A restart stops at the first iteration t ≥ 2 with |ELBO_t − ELBO_{t−1}| &lt; tol·|ELBO_t|.
    /// Zero runs exactly <see cref="MaxIterations"/> iterations.
    /// </summary>
    public double RelativeTolerance { get; init; } = 1e-10;

    /// <summary>Iterations (φ update, then q(μ) update, then the ELBO) per restart at most.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>
    /// Number of restarts; the one with the largest final ELBO is kept (the first on ties). The first
    /// restart starts from <see cref="InitialMeans"/> when given; every other from k-means++ seed points.
    /// </summary>
    public int RestartCount { get; init; } = 4;

    /// <summary>Seed of the random stream the restarts draw their starting points from.</summary>
    public int Seed { get; init; }

    /// <summary>Maximum number of worker threads; null uses every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Points per partition, in data order, or null for one partition. Sums over the points are formed within each
    /// partition first (in chunks, in chunk order), then the partitions' totals in partition order: the reduction of a
    /// fit whose partitions live on different machines, so a fit here with the same lengths equals it to the bit.
    /// Every length but the last must be a multiple of <see cref="Mixtures.EmEngine.ChunkLength"/>.
    /// </summary>
    public IReadOnlyList<int>? PartitionLengths { get; init; }

    /// <summary>m⁽⁰⁾ of the first restart (K×d), or null for k-means++ seed points.</summary>
    public double[,]? InitialMeans { get; init; }

    /// <summary>s²⁽⁰⁾ of every restart (K values, each &gt; 0), or null for 1.</summary>
    public double[]? InitialVariances { get; init; }

    /// <summary>Returns false with a message naming the first invalid option (shapes are checked against the data by Fit).</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!(PriorVariance > 0) || double.IsInfinity(PriorVariance))
            error = $"{nameof(PriorVariance)} (σ²) must be finite and > 0, got {PriorVariance}.";
        else if (!(RelativeTolerance >= 0) || double.IsInfinity(RelativeTolerance))
            error = $"{nameof(RelativeTolerance)} must be finite and ≥ 0, got {RelativeTolerance}.";
        else if (MaxIterations < 1)
            error = $"{nameof(MaxIterations)} must be ≥ 1, got {MaxIterations}.";
        else if (RestartCount < 1)
            error = $"{nameof(RestartCount)} must be ≥ 1, got {RestartCount}.";
        else if (MaxDegreeOfParallelism is < 1)
            error = $"{nameof(MaxDegreeOfParallelism)} must be ≥ 1 when given, got {MaxDegreeOfParallelism}.";
        return error is null;
    }
}
