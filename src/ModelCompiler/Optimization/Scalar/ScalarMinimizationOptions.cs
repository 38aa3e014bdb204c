// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Optimization;

/// <summary>
/// Options of the scalar minimizers. A tolerance left null takes the method's default, which is scipy 1.10's for
/// that method, so a call with default options reproduces scipy's iterates and counts:
/// <list type="table">
/// <listheader><term>method</term><description>stopping rule (x the best point, [a, b] the interval, m = (a + b)/2)</description></listheader>
/// <item><term><see cref="ScalarMinimizer.Brent{TFunction}(ScalarMinimizationOptions?)"/></term>
/// <description>|x − m| &lt; 2t − (b − a)/2 with t = rel·|x| + abs; rel = 1.48e-8, abs = 1e-11 (times the start's width
/// when that is below 1, which scipy does not do), at most 500 iterations (scipy's <c>brent</c>: tol, _mintol,
/// maxiter).</description></item>
/// <item><term><see cref="ScalarMinimizer.Golden{TFunction}(ScalarMinimizationOptions?)"/></term>
/// <description>|x₃ − x₀| ≤ rel·(|x₁| + |x₂|) + abs over the four golden-section points; rel = √ε = 1.4901161193847656e-8,
/// abs = 1e-11 (scaled as Brent's), at most 5000 iterations (scipy's <c>golden</c>, whose test has no absolute part
/// and so never ends at a minimum at x = 0).</description></item>
/// <item><term><see cref="ScalarMinimizer.Bounded{TFunction}(double, double, ScalarMinimizationOptions?)"/></term>
/// <description>|x − m| ≤ 2t − (b − a)/2 with t = rel·|x| + abs/3; rel = √(2.2e-16), abs = 1e-5 (1e-5 of the
/// interval's width when that is below 1, which scipy does not do), at most 500 function evaluations (scipy's
/// <c>fminbound</c> xatol and maxfun; Forsythe, Malcolm &amp; Moler's fmin). x is then known to about abs: pass a
/// smaller <see cref="AbsoluteTolerance"/> (e.g. 1e-10) for more digits.</description></item>
/// </list>
/// A smooth minimum is determined only to about √ε relative in x (f is flat there to first order), so relative
/// tolerances below ~1e-8 buy evaluations, not accuracy.
/// </summary>
public sealed record ScalarMinimizationOptions
{
    /// <summary>The methods' defaults (scipy 1.10's).</summary>
    public static ScalarMinimizationOptions Default { get; } = new();

    /// <summary>The relative tolerance on x, or null for the method's default (see the type's table).</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>The absolute tolerance on x, or null for the method's default (see the type's table).</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>The iteration limit (function evaluations for the bounded method), or null for the method's default.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>
    /// The bracket search's parabolic extrapolation goes at most this many times the last interval beyond the
    /// current bracket (scipy's <c>grow_limit</c>, 110).
    /// </summary>
    public double BracketGrowLimit { get; init; } = 110;

    /// <summary>The bracket search gives up after this many expansions (scipy's <c>maxiter</c> of <c>bracket</c>, 1000).</summary>
    public int BracketMaxIterations { get; init; } = 1000;

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (RelativeTolerance is { } rel && !(rel > 0 && double.IsFinite(rel)))
            error = $"{nameof(RelativeTolerance)} must be finite and > 0 when set, got {rel}.";
        else if (AbsoluteTolerance is { } abs && !(abs > 0 && double.IsFinite(abs)))
            error = $"{nameof(AbsoluteTolerance)} must be finite and > 0 when set, got {abs}.";
        else if (MaxIterations is < 1)
            error = $"{nameof(MaxIterations)} must be ≥ 1 when set, got {MaxIterations}.";
        else if (!(BracketGrowLimit > 1 && double.IsFinite(BracketGrowLimit)))
            error = $"{nameof(BracketGrowLimit)} must be finite and > 1, got {BracketGrowLimit}.";
        else if (BracketMaxIterations < 1)
            error = $"{nameof(BracketMaxIterations)} must be ≥ 1, got {BracketMaxIterations}.";
        return error is null;
    }

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "options");
    }
}
