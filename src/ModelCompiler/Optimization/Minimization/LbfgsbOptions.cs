// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995, with Morales &amp; Nocedal's 2011 subspace step): a limited-memory
/// BFGS model in compact form; each iteration finds the generalized Cauchy point along the projected steepest-descent
/// path, minimizes the model over the variables that are not at a bound (then projects onto the box, falling back to
/// the feasible segment when the projected point is no descent direction), and takes a Moré–Thuente line search
/// (10⁻³, 0.9) on the segment inside the box. Bounds, fixed unknowns, or neither.
/// </summary>
/// <remarks>
/// <para>Stops when the projected gradient ‖P(x − ∇f) − x‖∞ ≤ <see cref="GradientTolerance"/> (scipy's pgtol):
/// <see cref="MinimizationTermination.GradientTolerance"/>; or when an iteration lowers f by
/// (fₖ − fₖ₊₁) ≤ <see cref="FunctionTolerance"/>·max(|fₖ|, |fₖ₊₁|, 1) (scipy's ftol = factr·ε):
/// <see cref="MinimizationTermination.FunctionTolerance"/>.</para>
/// <para>Limits when unset: 15000 iterations and 15000 evaluations (scipy's).</para>
/// </remarks>
public sealed record LbfgsbOptions : MinimizerOptions
{
    /// <summary>Our defaults: 10 pairs, projected-gradient tolerance 1e-8, function tolerance 1e-15, central differences.</summary>
    public static LbfgsbOptions Default { get; } = new();

    /// <summary>
    /// scipy 1.10's <c>fmin_l_bfgs_b</c> / <c>minimize(method='L-BFGS-B')</c> defaults: m = 10, pgtol = 1e-5,
    /// ftol = factr·ε = 2.220446049250313e-9, forward differences with the absolute step eps = 1e-8 without a gradient. On x² − 4x + 8
    /// from 1.3 it returns 2 after 3 evaluations of f and ∇f, as scipy.
    /// </summary>
    public static LbfgsbOptions Scipy { get; } = new()
    {
        GradientTolerance = 1e-5,
        FunctionTolerance = 2.220446049250313e-9,
        FiniteDifferences = FiniteDifferences.Forward,
        DifferenceStep = 1e-8,
    };

    /// <inheritdoc/>
    public override string Method => "L-BFGS-B";

    /// <inheritdoc/>
    public override bool AllowsBounds => true;

    /// <summary>The number m of stored pairs (s, y).</summary>
    public int Memory { get; init; } = 10;

    /// <summary>The largest projected-gradient component at which the method stops.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The relative decrease of f per iteration below which the method stops; 0 turns the test off.</summary>
    public double FunctionTolerance { get; init; } = 1e-15;

    /// <summary>The difference scheme when the objective has no gradient.</summary>
    public FiniteDifferences FiniteDifferences { get; init; } = FiniteDifferences.Central;

    /// <summary>An absolute difference step for every component (scipy's eps), or null (default) for the scheme's
    /// relative step. A step that vanishes next to xᵢ falls back to the relative one.</summary>
    public double? DifferenceStep { get; init; }

    private protected override string? MethodError()
        => Memory < 1 ? $"{nameof(Memory)} must be ≥ 1, got {Memory}."
        : Positive(GradientTolerance, nameof(GradientTolerance))
        ?? NonNegative(FunctionTolerance, nameof(FunctionTolerance))
        ?? (Enum.IsDefined(FiniteDifferences) ? null : $"{nameof(FiniteDifferences)} {(int)FiniteDifferences} is not a scheme.")
        ?? (DifferenceStep is { } step ? Positive(step, nameof(DifferenceStep)) : null);

    private protected override int DefaultMaxIterations(int n) => 15000;

    private protected override int DefaultMaxFunctionEvaluations(int n) => 15000;
}
