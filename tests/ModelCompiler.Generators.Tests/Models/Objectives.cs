namespace ModelCompiler.Generators.Tests.Models;

/// <summary>Objectives: the textbook quadratic, Rosenbrock's function in 2-D and in n dimensions.</summary>
public static partial class Objectives
{
    /// <summary>The textbook's x² − 4x + 8 (minimum 4 at x = 2).</summary>
    [Objective("x^2 - 4*x + 8")]
    public static partial double Textbook(double x);

    /// <summary>Rosenbrock's function in two named unknowns.</summary>
    [Objective("100*(x2 - x1^2)^2 + (1 - x1)^2")]
    public static partial double Rosenbrock(double x1, double x2);

    /// <summary>Rosenbrock's function as a C# expression body.</summary>
    [Objective]
    public static double RosenbrockCSharp(double x1, double x2) => 100 * (x2 - x1 * x1) * (x2 - x1 * x1) + (1 - x1) * (1 - x1);

    /// <summary>The chained Rosenbrock function in n unknowns (scipy.optimize.rosen).</summary>
    [Objective("sum(i, 0, n-2, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)")]
    public static partial double RosenbrockN(double[] x);
}
