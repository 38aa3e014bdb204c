// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// A compiled function of one unknown with its first and second derivatives, for scalar minimization and root
/// finding (Brent, golden section, Newton, Halley). The generator implements it, beside <see cref="IObjective"/>
/// or <see cref="IEquationSystem"/>, for an <c>[Objective]</c> or <c>[Equations]</c> method with a single named
/// unknown (and, for equations, a single equation).
/// </summary>
/// <remarks>Implementations neither allocate nor keep state between calls and never throw for non-finite values.</remarks>
public interface IScalarFunction
{
    /// <summary>The function as written by the user.</summary>
    static abstract string Formula { get; }

    /// <summary>f(x).</summary>
    static abstract double Evaluate(double x);

    /// <summary>Returns f(x) and its derivative f′(x), in one pass.</summary>
    static abstract double EvaluateWithDerivative(double x, out double derivative);

    /// <summary>Returns f(x) with f′(x) and f″(x), in one pass.</summary>
    static abstract double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative);
}
