// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

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

    /// <summary>ℓ of the kept run's last E-step, a mean per point (scikit-learn's <c>lower_bound_</c>).</summary>
    public required double LowerBound { get; init; }

    /// <summary>ℓ_1…ℓ_T of the kept run, one per iteration: scikit-learn's per-point mean, kept for parity.</summary>
    public required IReadOnlyList<double> LowerBoundTrace { get; init; }

    /// <summary>
    /// L_1…L_T of the kept run: the summed log-likelihood Σᵢ ln p(xᵢ) of each iteration's E-step, at the parameters
    /// the iteration started from (L_1 at the start). Every trace of the library follows this convention: a total over
    /// the points, one entry per iteration (the variational bounds are taken after the iteration's updates, which the
    /// bound needs).
    /// </summary>
    public IReadOnlyList<double> LogLikelihoodTrace { get; init; } = [];

    /// <summary>Index of the kept initialization (0-based).</summary>
    public required int BestInitialization { get; init; }

    /// <summary>Number of M-steps of the kept run that had to repair an empty or collapsing component.</summary>
    public required int RepairedSteps { get; init; }

    /// <summary>The repairs of the kept run's last M-step.</summary>
    public required MaximizationOutcome LastMaximization { get; init; }

    /// <summary>
    /// Components without points at the returned parameters (total responsibility at most 1e-8 of a point): their
    /// weight is ≈ 0 and they explain no data. Empty when every component has points.
    /// </summary>
    public IReadOnlyList<int> EmptyComponents { get; init; } = [];

    /// <summary>
    /// What the fit had to repair or could not do, one sentence each naming the component: empty components,
    /// covariances or scales lifted to stay positive. Empty for a clean fit.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Termination, iterations, the final bound and every warning, one per line.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"{Termination} after {Iterations} iterations (start {BestInitialization}); lower bound {LowerBound:G10}");
        foreach (string warning in Warnings)
            text.Append("\nwarning: ").Append(warning);
        return text.ToString();
    }
}
