// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Newton–CG in a trust region (Steihaug 1983; scipy's trust-ncg): each iteration minimizes the quadratic model
/// m(p) = f + ∇fᵀp + ½pᵀ∇²f p over ‖p‖ ≤ Δ by conjugate gradients that stop at the boundary, at negative curvature,
/// or when the residual is below min(½, √‖∇f‖₂)·‖∇f‖₂. Needs only Hessian–vector products: the objective's
/// <c>HessianTimes</c>, else its Hessian, else forward differences of the gradient (∇f(x + hv) − ∇f(x))/h with
/// h = √ε·(1 + ‖x‖₂)/‖v‖₂. Needs a gradient.
/// </summary>
/// <remarks>
/// <para>A step is accepted when the actual reduction is more than <see cref="AcceptanceRatio"/> times the predicted
/// one (ρ &gt; η); Δ shrinks to Δ/4 when ρ &lt; ¼ and doubles (up to <see cref="MaxTrustRadius"/>) when ρ &gt; ¾ on a
/// boundary step (Nocedal &amp; Wright, Algorithm 4.1).</para>
/// <para>Stops when ‖∇f‖∞ ≤ <see cref="GradientTolerance"/>: <see cref="MinimizationTermination.GradientTolerance"/>;
/// when the model predicts a reduction below rounding level of f (16ε·|f|) or Δ ≤ ε·‖x‖₂:
/// <see cref="MinimizationTermination.MachinePrecision"/>.</para>
/// <para>Limits when unset: 200·n iterations (scipy's), no evaluation limit.</para>
/// </remarks>
public sealed record NewtonCgOptions : MinimizerOptions
{
    /// <summary>Our defaults: gradient tolerance 1e-8, Δ₀ = 1, Δmax = 1000, η = 0.15.</summary>
    public static NewtonCgOptions Default { get; } = new();

    /// <summary>scipy 1.10's <c>minimize(method='trust-ncg')</c> defaults: gtol = 1e-4 (scipy measures it in the
    /// 2-norm, we in the largest component: the same for one unknown), Δ₀ = 1, Δmax = 1000, η = 0.15.</summary>
    public static NewtonCgOptions Scipy { get; } = new() { GradientTolerance = 1e-4 };

    /// <inheritdoc/>
    public override string Method => "Newton-CG (trust region)";

    /// <inheritdoc/>
    public override bool AllowsBounds => false;

    /// <summary>The largest gradient component at which the method stops.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The first trust-region radius Δ₀ (both radii scale by ‖x₀‖∞/MaxTrustRadius when that exceeds 1).</summary>
    public double InitialTrustRadius { get; init; } = 1;

    /// <summary>The largest trust-region radius (both radii scale by ‖x₀‖∞/MaxTrustRadius when that exceeds 1).</summary>
    public double MaxTrustRadius { get; init; } = 1000;

    /// <summary>The smallest ratio η of actual to predicted reduction at which a step is accepted, in [0, ¼).</summary>
    public double AcceptanceRatio { get; init; } = 0.15;

    private protected override string? MethodError()
        => Positive(GradientTolerance, nameof(GradientTolerance))
        ?? TrustRegion.OptionsError(InitialTrustRadius, MaxTrustRadius, AcceptanceRatio);

    private protected override int DefaultMaxIterations(int n) => Scaled(200, n);
}
