// SPDX-License-Identifier: MIT
namespace ModelCompiler.Variational;

/// <summary>Summary of a <see cref="BayesianGaussianMixture"/> fit: the kept start's lower-bound trace and why it stopped.</summary>
public sealed record VariationalFitSummary
{
    /// <summary>Why the kept start stopped.</summary>
    public required CaviTermination Termination { get; init; }

    /// <summary>True when the kept start met the tolerance (scikit-learn's <c>converged_</c>).</summary>
    public bool Converged => Termination == CaviTermination.Converged;

    /// <summary>Iterations of the kept start (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations => LowerBoundTrace.Count;

    /// <summary>The lower bound after the last iteration (scikit-learn's <c>lower_bound_</c>).</summary>
    public double LowerBound => LowerBoundTrace[^1];

    /// <summary>
    /// L_1…L_T of the kept start, one per iteration: scikit-learn's lower bound after the iteration's updates, a total
    /// over the points like every trace of the library (it omits the terms constant in the variational parameters, as
    /// scikit-learn does, so it is not the full ELBO).
    /// </summary>
    public required IReadOnlyList<double> LowerBoundTrace { get; init; }

    /// <summary>Index of the kept start (0-based).</summary>
    public required int BestInitialization { get; init; }

    /// <summary>M-steps of the kept start in which a covariance needed jitter to stay positive definite.</summary>
    public required int RepairedSteps { get; init; }

    /// <summary>What the fit's numbers do not show: a RegularizationCovariance that makes up half or more of a fitted
    /// variance of a component holding a point or more (data in small units).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
