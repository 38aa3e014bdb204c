// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// Summary of an EM fit: the kept initialization's trace and why it stopped. The parameters
/// themselves stay in the family.
/// </summary>
public sealed record EmResult
{
    /// <summary>Why the kept run stopped.</summary>
    public required EmTermination Termination { get; init; }

    /// <summary>True when the kept run met the tolerance (scikit-learn's <c>converged_</c>).</summary>
    public bool Converged => Termination == EmTermination.Converged;

    /// <summary>Iterations of the kept run (scikit-learn's <c>n_iter_</c>).</summary>
    public required int Iterations { get; init; }

    /// <summary>ℓ of the kept run's last E-step (scikit-learn's <c>lower_bound_</c>).</summary>
    public required double LowerBound { get; init; }

    /// <summary>ℓ_1…ℓ_T of the kept run, one per iteration.</summary>
    public required IReadOnlyList<double> LowerBoundTrace { get; init; }

    /// <summary>Index of the kept initialization (0-based).</summary>
    public required int BestInitialization { get; init; }

    /// <summary>Number of M-steps of the kept run that had to repair an empty or collapsing component.</summary>
    public required int RepairedSteps { get; init; }

    /// <summary>The repairs of the kept run's last M-step.</summary>
    public required MaximizationOutcome LastMaximization { get; init; }
}
