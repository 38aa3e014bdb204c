// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace OptimizeMenu;

/// <summary>
/// The example's functions, declared once: the generator writes every gradient, Hessian, Jacobian and derivative the
/// methods below use. <c>TextbookObjective</c> serves both the n-dimensional minimizers (IObjective) and the scalar
/// ones (IScalarFunction); <c>CubicEquations</c> both the scalar root finders and, as a 1×1 system, fsolve's job.
/// </summary>
public static partial class MenuProblems
{
    /// <summary>The textbook's f(x) = x² − 4x + 8: minimum f = 4 at x = 2.</summary>
    [Objective("x^2 - 4*x + 8")]
    public static partial double Textbook(double x);

    /// <summary>scipy.optimize.rosen, any n ≥ 2: Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1); the Hessian is
    /// tridiagonal, and the generator says so.</summary>
    [Objective("sum(i, 0, n-2, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)")]
    public static partial double Rosen(double[] x);

    /// <summary>Fletcher and Powell's helical valley as a system (MINPACK's hybrj test, Moré, Garbow and Hillstrom 1980):
    /// root (1, 0, 0).</summary>
    [Equations("10*(x3 - 10*(atan2(-x1, x2)/(2*pi) + 0.25))", "10*(sqrt(x1^2 + x2^2) - 1)", "x3")]
    public static partial (double, double, double) HelicalValley(double x1, double x2, double x3);

    /// <summary>Newton's own example, x³ − 2x − 5 = 0: root 2.0945514815423265914…</summary>
    [Equations("x^3 - 2*x - 5")]
    public static partial double Cubic(double x);
}
