// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989): the inverse-Hessian approximation is the last
/// <see cref="Memory"/> pairs (s, y) applied by the two-loop recursion to H₀ = (yᵀs/yᵀy)·I, with a Moré–Thuente
/// line search for the strong Wolfe conditions (10⁻⁴, 0.9). O(mn) memory and work per iteration. Without bounds;
/// for bounds use <see cref="LbfgsbOptions"/>. Uses the objective's gradient, or <see cref="FiniteDifferences"/>.
/// </summary>
/// <remarks>
/// <para>The first step has length min(1, 1.01/‖∇f‖₂) along −∇f; afterwards the line search starts at α = 1.
/// A pair with yᵀs ≤ ε·yᵀy is not stored.</para>
/// <para>Stops when ‖∇f‖∞ ≤ <see cref="GradientTolerance"/>: <see cref="MinimizationTermination.GradientTolerance"/>;
/// at rounding level: <see cref="MinimizationTermination.MachinePrecision"/>.</para>
/// <para>Limits when unset: max(15000, 200·n) iterations, no evaluation limit.</para>
/// </remarks>
public sealed record LbfgsOptions : MinimizerOptions
{
    /// <summary>Our defaults: 10 pairs, gradient tolerance 1e-8, central differences.</summary>
    public static LbfgsOptions Default { get; } = new();

    /// <inheritdoc/>
    public override string Method => "L-BFGS";

    /// <inheritdoc/>
    public override bool AllowsBounds => false;

    /// <summary>The number m of stored pairs (s, y).</summary>
    public int Memory { get; init; } = 10;

    /// <summary>The largest gradient component at which the method stops.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The difference scheme when the objective has no gradient.</summary>
    public FiniteDifferences FiniteDifferences { get; init; } = FiniteDifferences.Central;

    /// <summary>An absolute difference step for every component (scipy's eps), or null (default) for the scheme's
    /// relative step. A step that vanishes next to xᵢ falls back to the relative one.</summary>
    public double? DifferenceStep { get; init; }

    private protected override string? MethodError()
        => Memory < 1 ? $"{nameof(Memory)} must be ≥ 1, got {Memory}."
        : Positive(GradientTolerance, nameof(GradientTolerance))
        ?? (Enum.IsDefined(FiniteDifferences) ? null : $"{nameof(FiniteDifferences)} {(int)FiniteDifferences} is not a scheme.")
        ?? (DifferenceStep is { } step ? Positive(step, nameof(DifferenceStep)) : null);

    private protected override int DefaultMaxIterations(int n) => Math.Max(15000, Scaled(200, n));
}
