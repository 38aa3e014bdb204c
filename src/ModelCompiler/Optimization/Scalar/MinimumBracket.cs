// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Three points with the middle one lowest, found by <see cref="ScalarMinimizer.Bracket{TFunction}(double, double, ScalarMinimizationOptions?)"/>
/// (scipy's <c>bracket</c>: xa, xb, xc, fa, fb, fc, funcalls). B lies between A and C, in either order.
/// </summary>
public sealed record MinimumBracket
{
    internal MinimumBracket(double a, double b, double c, double fa, double fb, double fc, int evaluations, int iterations)
    {
        A = a;
        B = b;
        C = c;
        FA = fa;
        FB = fb;
        FC = fc;
        FunctionEvaluations = evaluations;
        Iterations = iterations;
    }

    /// <summary>The first point.</summary>
    public double A { get; }

    /// <summary>The middle point, the lowest of the three.</summary>
    public double B { get; }

    /// <summary>The third point.</summary>
    public double C { get; }

    /// <summary>f(A).</summary>
    public double FA { get; }

    /// <summary>f(B).</summary>
    public double FB { get; }

    /// <summary>f(C).</summary>
    public double FC { get; }

    /// <summary>Calls of f.</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Expansion steps taken.</summary>
    public int Iterations { get; }

    /// <summary>
    /// True when the points bracket a minimum: f(B) finite, at most f(A) and f(C) and below one of them. False
    /// when the search ran out of expansions or met a flat or non-finite f.
    /// </summary>
    public bool IsBracket => double.IsFinite(FB) && ((FB < FC && FB <= FA) || (FB < FA && FB <= FC));

    /// <summary>The three points and values.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture,
            $"({A:R}, {B:R}, {C:R}), f = ({FA:R}, {FB:R}, {FC:R}), {FunctionEvaluations} evaluations{(IsBracket ? "" : ", not a bracket")}");
}
