// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Mixtures;

/// <summary>
/// Options of the EM loop shared by every mixture family. Notation: ℓ_t = (1/n)·Σᵢ ln Σₖ πₖ p(xᵢ | θₖ)
/// is the mean log-likelihood computed in the E-step of iteration t (at the parameters before that
/// iteration's M-step), the lower bound scikit-learn reports; L_t = n·ℓ_t is the summed log-likelihood.
/// </summary>
public sealed record EmOptions
{
    /// <summary>Shared default instance.</summary>
    public static EmOptions Default { get; } = new();

    /// <summary>
    /// The tolerance of <see cref="StoppingRule"/>. With the default rule it is scikit-learn's <c>tol</c>: stop at the
    /// first iteration t with |ℓ_t − ℓ_{t−1}| &lt; tol (ℓ_0 = −∞, so never at t = 1), on the per-point mean ℓ.
    /// With <see cref="EmStoppingRule.LogLikelihoodIncrease"/> it applies to the summed L, with
    /// <see cref="EmStoppingRule.RelativeLogLikelihoodChange"/> to the relative change of L. Zero runs exactly
    /// <see cref="MaxIterations"/> iterations under the first and last rule.
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Which change of the log-likelihood stops EM (default scikit-learn's, on the per-point mean).</summary>
    public EmStoppingRule StoppingRule { get; init; } = EmStoppingRule.MeanLogLikelihoodChange;

    /// <summary>
    /// When several starts run, a start whose last M-step had to repair a component (an empty component, a
    /// floored scale) loses to any start that did not, whatever their likelihoods: its likelihood is inflated by
    /// the repair. scikit-learn keeps the largest bound regardless, so this is off for the Gaussian mixture.
    /// </summary>
    internal bool PreferCleanRuns { get; init; }

    /// <summary>Number of EM iterations (E-step then M-step) per initialization at most. scikit-learn's <c>max_iter</c>.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Number of initializations; the one with the largest final ℓ is kept. scikit-learn's <c>n_init</c>.
    /// Ignored (one run) when <see cref="WarmStart"/> continues from earlier parameters.
    /// </summary>
    public int InitializationCount { get; init; } = 1;

    /// <summary>When the family already holds fitted parameters, continue from them instead of initializing.</summary>
    public bool WarmStart { get; init; }

    /// <summary>Seed of the random stream the initializations draw from; equal seeds give equal fits.</summary>
    public int Seed { get; init; }

    /// <summary>Maximum number of worker threads; null uses every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Points per partition, in data order, or null for one partition. Sums over the points are formed within each
    /// partition first (in chunks of <see cref="EmEngine.ChunkLength"/>, in chunk order), then the partitions' totals
    /// in partition order: the reduction of a fit whose partitions live on different machines, so a fit here with the
    /// same lengths equals it to the bit. Every length but the last must be a multiple of <see cref="EmEngine.ChunkLength"/>.
    /// </summary>
    public IReadOnlyList<int>? PartitionLengths { get; init; }

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
            error = $"{nameof(Tolerance)} must be finite and ≥ 0, got {Tolerance}.";
        else if (MaxIterations < 1)
            error = $"{nameof(MaxIterations)} must be ≥ 1, got {MaxIterations}.";
        else if (InitializationCount < 1)
            error = $"{nameof(InitializationCount)} must be ≥ 1, got {InitializationCount}.";
        else if (!Enum.IsDefined(StoppingRule))
            error = $"{nameof(StoppingRule)} {(int)StoppingRule} is not a stopping rule.";
        else if (MaxDegreeOfParallelism is < 1)
            error = $"{nameof(MaxDegreeOfParallelism)} must be ≥ 1 when given, got {MaxDegreeOfParallelism}.";
        return error is null;
    }

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "options");
    }
}
