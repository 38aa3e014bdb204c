namespace ModelCompiler.Generators.Tests.Models;

/// <summary>Systems of equations: Rosenbrock's as roots, and Broyden's tridiagonal system in n unknowns.</summary>
public static partial class EquationSystems
{
    /// <summary>Rosenbrock's function as a system of two equations (root at (1, 1)).</summary>
    [Equations("1 - x1", "10*(x2 - x1^2)")]
    public static partial (double, double) Rosenbrock(double x1, double x2);

    /// <summary>Broyden's tridiagonal system with x[-1] = x[n] = 0 (Moré, Garbow and Hillstrom, problem 30).</summary>
    [Equations("F[i] = (3 - 2*x[i])*x[i] - x[i-1] - 2*x[i+1] + 1", "x[-1] = 0", "x[n] = 0")]
    public static partial double[] BroydenTridiagonal(double[] x);

    /// <summary>Kepler's equation x − e·sin x = M for e = 0.5, M = 1: one equation in one unknown.</summary>
    [Equations("x - 0.5*sin(x) - 1")]
    public static partial double Kepler(double x);
}
