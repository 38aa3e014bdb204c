// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Mixtures;

/// <summary>
/// Options of the EM loop shared by every mixture family. Notation: ℓ_t = (1/n)·Σᵢ ln Σₖ πₖ p(xᵢ | θₖ)
/// is the mean log-likelihood computed in the E-step of iteration t (at the parameters before that
/// iteration's M-step), the lower bound scikit-learn reports.
/// </summary>
public sealed record EmOptions
{
    /// <summary>Shared default instance.</summary>
    public static EmOptions Default { get; } = new();

    /// <summary>
    /// Stops at the first iteration t with |ℓ_t − ℓ_{t−1}| &lt; tol (ℓ_0 = −∞, so never at t = 1).
    /// Zero runs exactly <see cref="MaxIterations"/> iterations. scikit-learn's <c>tol</c>.
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;

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
