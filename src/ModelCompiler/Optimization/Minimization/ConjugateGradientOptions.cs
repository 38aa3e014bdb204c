// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>The formula for β in the conjugate-gradient direction pₖ₊₁ = −gₖ₊₁ + βₖpₖ.</summary>
public enum ConjugateGradientFormula
{
    /// <summary>Polak–Ribière with Powell's non-negativity: β = max(0, yᵀg₊/‖g‖²) (scipy's, and our default: with the
    /// Moré–Thuente search it took 7,212 evaluations on the reference set's 27 unconstrained problems against 9,303 for
    /// Hager–Zhang, solving 26 against 25).</summary>
    PolakRibierePlus,

    /// <summary>Hager &amp; Zhang (2005, 2006): β = max(β^HZ, ηₖ) with β^HZ = (y − 2p·‖y‖²/(pᵀy))ᵀg₊/(pᵀy) and
    /// ηₖ = −1/(‖p‖·min(0.01, ‖g‖)), which gives descent directions under the Wolfe conditions (CG_DESCENT's
    /// direction; its approximate-Wolfe line search is not used here).</summary>
    HagerZhang,
}

/// <summary>
/// Nonlinear conjugate gradients: O(n) memory, for large n when quasi-Newton memory is not wanted. A Moré–Thuente
/// line search for the strong Wolfe conditions f(x + αp) ≤ f(x) + 10⁻⁴·α∇f·p and
/// |∇f(x + αp)·p| ≤ <see cref="WolfeCurvature"/>·|∇f·p|. Whenever the new direction is not a descent direction,
/// with ∇f·p &gt; −10⁻²·‖∇f‖², it restarts along −∇f.
/// </summary>
/// <remarks>
/// <para>The first step has length min(1, 1.01/‖∇f‖₂) along −∇f (scipy's); afterwards the line search starts at
/// α₀ = min(1, 1.01·αₖ₋₁·∇fₖ₋₁·pₖ₋₁/∇fₖ·pₖ), Nocedal &amp; Wright's (3.60) (or scipy's interpolated step with
/// <see cref="InterpolateInitialStep"/>).</para>
/// <para>Stops when ‖∇f‖∞ ≤ <see cref="GradientTolerance"/>: <see cref="MinimizationTermination.GradientTolerance"/>;
/// at rounding level: <see cref="MinimizationTermination.MachinePrecision"/>.</para>
/// <para>Limits when unset: 200·n iterations (scipy's), no evaluation limit.</para>
/// </remarks>
public sealed record ConjugateGradientOptions : MinimizerOptions
{
    /// <summary>Our defaults: Polak–Ribière+, Wolfe curvature 0.1, gradient tolerance 1e-8, central differences.</summary>
    public static ConjugateGradientOptions Default { get; } = new();

    /// <summary>
    /// scipy 1.10's <c>fmin_cg</c> / <c>minimize(method='CG')</c>: Polak–Ribière+, curvature 0.4, gtol = 1e-5,
    /// scipy's interpolated initial step and forward differences with the absolute step eps = √ε without a gradient. Reproduces scipy's
    /// iterates while its first line search succeeds; on x² − 4x + 8 from 1.3 it returns 1.999999994688695 after 6
    /// evaluations without the gradient and 2 after 3 with it.
    /// </summary>
    public static ConjugateGradientOptions Scipy { get; } = new()
    {
        Formula = ConjugateGradientFormula.PolakRibierePlus,
        WolfeCurvature = 0.4,
        GradientTolerance = 1e-5,
        InterpolateInitialStep = true,
        FiniteDifferences = FiniteDifferences.Forward,
        DifferenceStep = 1.4901161193847656e-8,
    };

    /// <inheritdoc/>
    public override string Method => "CG";

    /// <inheritdoc/>
    public override bool AllowsBounds => false;

    /// <summary>The β formula.</summary>
    public ConjugateGradientFormula Formula { get; init; } = ConjugateGradientFormula.PolakRibierePlus;

    /// <summary>The curvature constant c₂ of the strong Wolfe conditions, in (10⁻⁴, 1).</summary>
    public double WolfeCurvature { get; init; } = 0.1;

    /// <summary>The largest gradient component at which the method stops.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The difference scheme when the objective has no gradient.</summary>
    public FiniteDifferences FiniteDifferences { get; init; } = FiniteDifferences.Central;

    /// <summary>An absolute difference step for every component (scipy's eps), or null (default) for the scheme's
    /// relative step. A step that vanishes next to xᵢ falls back to the relative one.</summary>
    public double? DifferenceStep { get; init; }

    /// <summary>Start each line search at scipy's interpolated step min(1, 2.02·(f − f_prev)/∇f·p).</summary>
    public bool InterpolateInitialStep { get; init; }

    private protected override string? MethodError()
        => Positive(GradientTolerance, nameof(GradientTolerance))
        ?? Between(WolfeCurvature, 1e-4, 1, nameof(WolfeCurvature))
        ?? (Enum.IsDefined(Formula) ? null : $"{nameof(Formula)} {(int)Formula} is not a formula.")
        ?? (Enum.IsDefined(FiniteDifferences) ? null : $"{nameof(FiniteDifferences)} {(int)FiniteDifferences} is not a scheme.")
        ?? (DifferenceStep is { } step ? Positive(step, nameof(DifferenceStep)) : null);

    private protected override int DefaultMaxIterations(int n) => Scaled(200, n);
}
