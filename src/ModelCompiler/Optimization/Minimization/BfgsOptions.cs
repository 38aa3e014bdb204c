// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// BFGS: a dense quasi-Newton approximation H of the inverse Hessian, updated from each step s and gradient change
/// y (Nocedal &amp; Wright, Algorithm 6.1), with a Moré–Thuente line search for the strong Wolfe conditions
/// f(x + αp) ≤ f(x) + 10⁻⁴·α∇f·p and |∇f(x + αp)·p| ≤ 0.9·|∇f·p|. O(n²) memory and work per iteration; for
/// large n use <see cref="LbfgsOptions"/>. Uses the objective's gradient, or <see cref="FiniteDifferences"/>.
/// </summary>
/// <remarks>
/// <para>The first step has length min(1, 1.01/‖∇f‖₂) along −∇f (scipy's); afterwards the line search starts at
/// α = 1 (or, with <see cref="InterpolateInitialStep"/>, at scipy's min(1, 2.02·(f − f_prev)/∇f·p)). With
/// <see cref="ScaleInitialHessian"/> the first update starts from H₀ = (yᵀs/yᵀy)·I (Nocedal &amp; Wright eq. 6.20).
/// An update with yᵀs ≤ 0 would break positive definiteness: ours skips it, scipy's sets 1/yᵀs = 1000.</para>
/// <para>Stops when ‖∇f‖∞ ≤ <see cref="GradientTolerance"/> (scipy's gtol):
/// <see cref="MinimizationTermination.GradientTolerance"/>. When the line search fails at a step that changes x
/// and f only at rounding level: <see cref="MinimizationTermination.MachinePrecision"/>.</para>
/// <para>Limits when unset: 200·n iterations (scipy's), no evaluation limit.</para>
/// </remarks>
public sealed record BfgsOptions : MinimizerOptions
{
    /// <summary>Our defaults: gradient tolerance 1e-8, scaled H₀, unit steps, central differences.</summary>
    public static BfgsOptions Default { get; } = new();

    /// <summary>
    /// scipy 1.10's <c>fmin_bfgs</c> / <c>minimize(method='BFGS')</c>: gtol = 1e-5, H₀ = I, scipy's initial step,
    /// 1/yᵀs = 1000 for a non-positive yᵀs, and forward differences with the absolute step eps = √ε without a gradient. Reproduces scipy's
    /// iterates while scipy's first line search (MINPACK's dcsrch) succeeds; on x² − 4x + 8 from 1.3 it returns
    /// 1.999999994688695 after 6 evaluations without the gradient and 2 after 3 with it.
    /// </summary>
    public static BfgsOptions Scipy { get; } = new()
    {
        GradientTolerance = 1e-5,
        ScaleInitialHessian = false,
        InterpolateInitialStep = true,
        FiniteDifferences = FiniteDifferences.Forward,
        DifferenceStep = 1.4901161193847656e-8,
        ScipyCurvatureFallback = true,
    };

    /// <inheritdoc/>
    public override string Method => "BFGS";

    /// <inheritdoc/>
    public override bool AllowsBounds => false;

    /// <summary>The largest gradient component at which the method stops.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The difference scheme when the objective has no gradient.</summary>
    public FiniteDifferences FiniteDifferences { get; init; } = FiniteDifferences.Central;

    /// <summary>An absolute difference step for every component (scipy's eps), or null (default) for the scheme's
    /// relative step. A step that vanishes next to xᵢ falls back to the relative one.</summary>
    public double? DifferenceStep { get; init; }

    /// <summary>Scale the identity by yᵀs/yᵀy before the first update.</summary>
    public bool ScaleInitialHessian { get; init; } = true;

    /// <summary>Start each line search at scipy's interpolated step instead of 1.</summary>
    public bool InterpolateInitialStep { get; init; }

    /// <summary>scipy's 1/yᵀs = 1000 when yᵀs = 0 (instead of skipping the update).</summary>
    internal bool ScipyCurvatureFallback { get; init; }

    private protected override string? MethodError()
        => Positive(GradientTolerance, nameof(GradientTolerance))
        ?? (Enum.IsDefined(FiniteDifferences) ? null : $"{nameof(FiniteDifferences)} {(int)FiniteDifferences} is not a scheme.")
        ?? (DifferenceStep is { } step ? Positive(step, nameof(DifferenceStep)) : null);

    private protected override int DefaultMaxIterations(int n) => Scaled(200, n);
}
