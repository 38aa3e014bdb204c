// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Powell's (1964) conjugate-direction method: each iteration minimizes f along each of n directions in turn by
/// Brent's method on a golden-section bracket, then along the iteration's total displacement, which replaces the
/// direction of largest decrease unless Powell's test says the set would lose conjugacy. No derivatives. Bounds
/// restrict every line search to the part of its line inside the box (as scipy does).
/// </summary>
/// <remarks>
/// <para>Line searches stop when Brent's bracket is below 2·(<see cref="LineTolerance"/>·|α| + 10⁻¹¹) around the
/// step α (scipy passes 100·xtol).</para>
/// <para>Stops when an iteration lowers f from f₀ to f₁ with 2(f₀ − f₁) ≤ <see cref="FunctionTolerance"/>·(|f₀| + |f₁|) + 10⁻²⁰
/// (scipy's ftol test): <see cref="MinimizationTermination.FunctionTolerance"/>.</para>
/// <para>Limits when unset: 1000·n iterations and 1000·n evaluations (scipy's).</para>
/// </remarks>
public sealed record PowellOptions : MinimizerOptions
{
    /// <summary>Our defaults: line tolerance 1e-6 and function tolerance 1e-13.</summary>
    public static PowellOptions Default { get; } = new();

    /// <summary>
    /// scipy 1.10's <c>fmin_powell</c> / <c>minimize(method='Powell')</c> defaults: xtol = ftol = 1e-4 (line
    /// tolerance 100·xtol = 1e-2), and f evaluated afresh at the start of every line search as scipy's bracket does
    /// (our default reuses the known value). Reproduces scipy's iterates and counts: on x² − 4x + 8 from 1.3,
    /// x = 1.9999999999683615 after 51 evaluations.
    /// </summary>
    public static PowellOptions Scipy { get; } = new()
    {
        LineTolerance = 1e-2,
        FunctionTolerance = 1e-4,
        ReevaluateLineStart = true,
    };

    /// <inheritdoc/>
    public override string Method => "Powell";

    /// <inheritdoc/>
    public override bool AllowsBounds => true;

    /// <summary>The relative tolerance of each line search's step.</summary>
    public double LineTolerance { get; init; } = 1e-6;

    /// <summary>The relative decrease of f per iteration below which the method stops.</summary>
    public double FunctionTolerance { get; init; } = 1e-13;

    /// <summary>Start directions, n rows of n free unknowns (the rows of the identity when null).</summary>
    public double[,]? InitialDirections { get; init; }

    /// <summary>scipy's bracket evaluates f at the line's start although it is known; the preset does the same to
    /// reproduce scipy's counts.</summary>
    internal bool ReevaluateLineStart { get; init; }

    private protected override string? MethodError()
        => Positive(LineTolerance, nameof(LineTolerance)) ?? Positive(FunctionTolerance, nameof(FunctionTolerance));

    private protected override int DefaultMaxIterations(int n) => Scaled(1000, n);

    private protected override int DefaultMaxFunctionEvaluations(int n) => Scaled(1000, n);
}
