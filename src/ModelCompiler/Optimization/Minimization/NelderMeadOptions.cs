// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// The Nelder–Mead simplex method (Lagarias, Reeds, Wright &amp; Wright 1998's ordering and acceptance rules, as
/// scipy's fmin), with Gao &amp; Han's (2012) dimension-adapted coefficients ρ = 1, χ = 1 + 2/n, γ = 3/4 − 1/(2n),
/// σ = 1 − 1/n that keep the method making progress in higher dimensions; the standard ones are 1, 2, ½, ½.
/// No derivatives. Bounds are honoured by clipping every trial vertex into the box (as scipy does).
/// </summary>
/// <remarks>
/// <para>The start simplex is x₀ and the n points x₀ + δⱼeⱼ with δⱼ = <see cref="InitialStep"/>·x₀ⱼ, or
/// <see cref="ZeroStep"/> where x₀ⱼ = 0 (scipy's 5% and 0.00025).</para>
/// <para>Stops when, with v₀ the best vertex, max over the other vertices and components of |vᵢⱼ − v₀ⱼ| ≤
/// <see cref="ParameterTolerance"/> and maxᵢ |f(vᵢ) − f(v₀)| ≤ <see cref="FunctionTolerance"/> (scipy's
/// xatol and fatol, absolute), after the <see cref="Restarts"/>: <see cref="MinimizationTermination.SimplexTolerance"/>. When a shrink leaves every
/// vertex where it was, the simplex has collapsed at rounding level:
/// <see cref="MinimizationTermination.MachinePrecision"/>.</para>
/// <para>Limits when unset: 200·n iterations and 200·n evaluations (scipy's).</para>
/// </remarks>
public sealed record NelderMeadOptions : MinimizerOptions
{
    /// <summary>Our defaults: adaptive coefficients for n &gt; 2, tolerances 1e-8 and 1e-12, up to 3 restarts.</summary>
    public static NelderMeadOptions Default { get; } = new();

    /// <summary>
    /// scipy 1.10's <c>fmin</c> / <c>minimize(method='Nelder-Mead')</c> defaults: standard coefficients for every n
    /// (adaptive=False), xatol = fatol = 1e-4. Reproduces scipy's iterates: on x² − 4x + 8 from 1.3,
    /// x = 2.0000195312500013 after 16 iterations and 32 evaluations.
    /// </summary>
    public static NelderMeadOptions Scipy { get; } = new()
    {
        Adaptive = false,
        ParameterTolerance = 1e-4,
        FunctionTolerance = 1e-4,
        Restarts = 0,
    };

    /// <inheritdoc/>
    public override string Method => "Nelder–Mead";

    /// <inheritdoc/>
    public override bool AllowsBounds => true;

    /// <summary>Gao–Han coefficients when true, the standard ones when false; null (default) chooses the
    /// adaptive ones for n &gt; 2, where the standard method is known to stall.</summary>
    public bool? Adaptive { get; init; }

    /// <summary>The simplex's largest extent from the best vertex, per component (xatol).</summary>
    public double ParameterTolerance { get; init; } = 1e-8;

    /// <summary>The largest difference of f between a vertex and the best one (fatol).</summary>
    public double FunctionTolerance { get; init; } = 1e-12;

    /// <summary>Relative size of the start simplex's edges.</summary>
    public double InitialStep { get; init; } = 0.05;

    /// <summary>Edge length for start components that are zero.</summary>
    public double ZeroStep { get; init; } = 0.00025;

    /// <summary>How many times a converged simplex is rebuilt at its best vertex with the start simplex's edge lengths
    /// (McKinnon's stagnation remedy); the method stops when a restart no longer lowers f by more than
    /// <see cref="FunctionTolerance"/>. scipy does not restart.</summary>
    public int Restarts { get; init; } = 3;

    /// <summary>An explicit start simplex, (n + 1) rows of n free unknowns (replaces the start point's simplex;
    /// its first row need not be the start), or null.</summary>
    public double[,]? InitialSimplex { get; init; }

    private protected override string? MethodError()
        => NonNegative(ParameterTolerance, nameof(ParameterTolerance)) is { } e1 ? e1
         : NonNegative(FunctionTolerance, nameof(FunctionTolerance)) is { } e2 ? e2
         : ParameterTolerance == 0 && FunctionTolerance == 0 ? $"{nameof(ParameterTolerance)} and {nameof(FunctionTolerance)} cannot both be 0."
         : Restarts < 0 ? $"{nameof(Restarts)} must be ≥ 0, got {Restarts}."
         : Positive(InitialStep, nameof(InitialStep)) ?? Positive(ZeroStep, nameof(ZeroStep));

    private protected override int DefaultMaxIterations(int n) => Scaled(200, n);

    private protected override int DefaultMaxFunctionEvaluations(int n) => Scaled(200, n);
}
