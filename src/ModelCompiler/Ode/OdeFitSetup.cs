// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>
/// What an ODE fit knows besides the observations and the start: which initial values are unknown, per-observation
/// uncertainty (sigma or weights), bounds on the unknowns and parameters held fixed. The unknowns are the system's
/// parameters in order, then the initial values of <see cref="FittedInitialValues"/> in that order. Every array is
/// copied, never modified.
/// </summary>
public sealed record OdeFitSetup
{
    /// <summary>Nothing set: every parameter fitted, every initial value known, unit weights, no bounds.</summary>
    public static OdeFitSetup None { get; } = new();

    /// <summary>
    /// The states whose initial values are unknown and fitted (their values in the initial state given to the fit are the
    /// starting guesses); null when y(t0) is known. Systems of named states only.
    /// </summary>
    public IReadOnlyList<int>? FittedInitialValues { get; init; }

    /// <summary>Per-observation standard deviations σᵢ &gt; 0 (residuals (model − observed)/σᵢ), in the observations' order.
    /// Mutually exclusive with <see cref="Weights"/>.</summary>
    public double[]? Sigma { get; init; }

    /// <summary>Per-observation weights wᵢ = 1/σᵢ² &gt; 0, in the observations' order. Mutually exclusive with <see cref="Sigma"/>.</summary>
    public double[]? Weights { get; init; }

    /// <summary>Lower bounds per unknown (−∞ for none): the parameters, then the fitted initial values. Null: none.</summary>
    public double[]? LowerBounds { get; init; }

    /// <summary>Upper bounds per unknown (+∞ for none): the parameters, then the fitted initial values. Null: none.</summary>
    public double[]? UpperBounds { get; init; }

    /// <summary>Parameters held at their given values (one flag per system parameter). Null: every parameter is fitted.</summary>
    public bool[]? FixedParameters { get; init; }
}
