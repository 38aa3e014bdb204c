namespace ModelCompiler.Generators.Tests.Models;

/// <summary>Indexed systems beyond the banded textbook cases: periodic boundaries (a general sparse pattern), rows with
/// equations of their own, the index and the size as numbers, strided sums and terms outside the sums.</summary>
public static partial class IndexedSystems
{
    /// <summary>Advection on a periodic grid: the ends wrap around, so the Jacobian has corners and is not banded.</summary>
    [Ode("u[i]' = -c*(u[i+1] - u[i-1])/(2*h)", "u[-1] = u[n-1]", "u[n] = u[0]")]
    public static partial double[] Advection(double t, [State] ReadOnlySpan<double> u, double c, double h);

    /// <summary>Heat with insulated ends: the first and last rows have equations of their own.</summary>
    [Ode("u[i]' = alpha*(u[i-1] - 2*u[i] + u[i+1])/h^2", "u[0]' = 2*alpha*(u[1] - u[0])/h^2", "u[n-1]' = 2*alpha*(u[n-2] - u[n-1])/h^2")]
    public static partial double[] InsulatedHeat(double t, [State] double[] u, double alpha, double h);

    /// <summary>Heat with a decaying source that depends on the position i·h and on time.</summary>
    [Ode("u[i]' = (u[i-1] - 2*u[i] + u[i+1])/h^2 + exp(-k*t)*sin(pi*(i+1)*h)", "u[-1] = 0", "u[n] = 0")]
    public static partial double[] SourcedHeat(double t, [State] double[] u, double h, double k);

    /// <summary>Moré, Garbow and Hillstrom's extended Rosenbrock function: independent pairs (x[2i], x[2i+1]).</summary>
    [Objective("sum(i, 0, n/2 - 1, 100*(x[2*i+1] - x[2*i]^2)^2 + (1 - x[2*i])^2)")]
    public static partial double ExtendedRosenbrock(double[] x);

    /// <summary>A smoothness penalty with a term tying the two ends together and a subtracted sum.</summary>
    [Objective("(x[0] - x[n-1])^4 + sum(i, 1, n-2, (x[i-1] - 2*x[i] + x[i+1])^2) - sum(j, 0, n-1, 0.1*cos(x[j]))")]
    public static partial double Smoothness(double[] x);

    /// <summary>Moré, Garbow and Hillstrom's discrete boundary value problem (28): h = 1/(n+1), t_i = (i+1)·h.</summary>
    [Equations("F[i] = 2*x[i] - x[i-1] - x[i+1] + (x[i] + (i+1)/(n+1) + 1)^3/(2*(n+1)^2)", "x[-1] = 0", "x[n] = 0")]
    public static partial double[] DiscreteBoundaryValue(ReadOnlySpan<double> x);

    /// <summary>Broyden's banded system (Moré, Garbow and Hillstrom, 31): five neighbours below, one above.</summary>
    [Equations("F[i] = x[i]*(2 + 5*x[i]^2) + 1 - x[i-5]*(1 + x[i-5]) - x[i-4]*(1 + x[i-4]) - x[i-3]*(1 + x[i-3]) - x[i-2]*(1 + x[i-2]) - x[i-1]*(1 + x[i-1]) - x[i+1]*(1 + x[i+1])",
               "x[-5] = 0", "x[-4] = 0", "x[-3] = 0", "x[-2] = 0", "x[-1] = 0", "x[n] = 0")]
    public static partial double[] BroydenBanded(double[] x);
}
