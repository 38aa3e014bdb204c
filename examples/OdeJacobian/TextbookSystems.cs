// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace OdeJacobian;

/// <summary>
/// The textbook's systems as [Ode] declarations: the generator writes f, the Jacobian odeint's Dfun asks for (in its
/// sparsity pattern), ∂f/∂t and ∂f/∂p for each, at build time.
/// </summary>
public static partial class Textbook
{
    /// <summary>Airy's equation y″ = t·y in the textbook's state order (y′, y): func = [t*y[1], y[0]], gradient = [[0, t], [1, 0]].</summary>
    [Ode("yp' = t*y", "y' = yp")]
    public static partial (double, double) Airy(double t, [State] double yp, [State] double y);

    /// <summary>Lorenz: the textbook's call passes (σ, ρ, β) = (10, 28, 3) as odeint's args.</summary>
    [Ode("x' = sigma*(y - x)", "y' = x*(rho - z) - y", "z' = x*y - beta*z")]
    public static partial (double, double, double) Lorenz(double t, [State] double x, [State] double y, [State] double z,
                                                          double sigma, double rho, double beta);

    /// <summary>Robertson's chemical kinetics, stiff: rate constants from 0.04 to 3e7.</summary>
    [Ode("y1' = -k1*y1 + k3*y2*y3", "y2' = k1*y1 - k2*y2^2 - k3*y2*y3", "y3' = k2*y2^2")]
    public static partial (double, double, double) Robertson(double t, [State] double y1, [State] double y2, [State] double y3,
                                                             double k1, double k2, double k3);

    /// <summary>Lotka–Volterra predator and prey, autonomous (no time parameter).</summary>
    [Ode("x' = alpha*x - beta*x*y", "y' = delta*x*y - gamma*y")]
    public static partial (double, double) LotkaVolterra([State] double x, [State] double y, double alpha, double beta, double gamma, double delta);
}
