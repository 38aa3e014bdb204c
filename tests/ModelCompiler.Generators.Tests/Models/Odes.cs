namespace ModelCompiler.Generators.Tests.Models;

/// <summary>ODE systems: the textbook's Lorenz and Airy, stiff Robertson and Van der Pol, Lotka–Volterra, and a heat equation by the method of lines.</summary>
public static partial class Odes
{
    /// <summary>The Lorenz system, as equations in the attribute.</summary>
    [Ode("x' = sigma*(y - x)", "y' = x*(rho - z) - y", "z' = x*y - beta*z")]
    public static partial (double, double, double) Lorenz(double t, [State] double x, [State] double y, [State] double z,
                                                          double sigma, double rho, double beta);

    /// <summary>The Lorenz system, as a C# expression body.</summary>
    [Ode]
    public static (double, double, double) LorenzCSharp(double t, [State] double x, [State] double y, [State] double z,
                                                        double sigma, double rho, double beta) =>
        (sigma * (y - x), x * (rho - z) - y, x * y - beta * z);

    /// <summary>Robertson's stiff chemical kinetics.</summary>
    [Ode("y1' = -k1*y1 + k3*y2*y3", "y2' = k1*y1 - k3*y2*y3 - k2*y2^2", "y3' = k2*y2^2")]
    public static partial (double, double, double) Robertson(double t, [State] double y1, [State] double y2, [State] double y3,
                                                             double k1, double k2, double k3);

    /// <summary>Airy's equation y'' = t·y as a first-order system: time appears in the equations.</summary>
    [Ode("y' = yp", "yp' = t*y")]
    public static partial (double, double) Airy(double t, [State] double y, [State] double yp);

    /// <summary>Van der Pol's oscillator, stiff for large mu.</summary>
    [Ode("y' = yp", "yp' = mu*(1 - y^2)*yp - y")]
    public static partial (double, double) VanDerPol(double t, [State] double y, [State] double yp, double mu);

    /// <summary>Lotka–Volterra predator and prey, autonomous (no time parameter).</summary>
    [Ode("x' = alpha*x - beta*x*y", "y' = delta*x*y - gamma*y")]
    public static partial (double, double) LotkaVolterra([State] double x, [State] double y, double alpha, double beta, double gamma, double delta);

    /// <summary>The heat equation u_t = alpha·u_xx on a grid of spacing h, with u = 0 beyond both ends.</summary>
    [Ode("u[i]' = alpha*(u[i-1] - 2*u[i] + u[i+1])/h^2", "u[-1] = 0", "u[n] = 0")]
    public static partial double[] Heat(double t, [State] double[] u, double alpha, double h);
}
