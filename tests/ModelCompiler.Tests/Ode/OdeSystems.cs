namespace ModelCompiler.Tests.Ode;

/// <summary>
/// The ODE reference problems of /work/shared/reference/ode as generated systems, for the integrators: Airy (in the
/// reference's state order (y, y′)), Lorenz, Robertson, Van der Pol, Lotka–Volterra, and a heat equation by the method
/// of lines, and diffusion on a ring. Each generated <c>{Name}System</c> implements <see cref="ModelCompiler.Ode.IOdeSystem"/>.
/// </summary>
public static partial class OdeSystems
{
    /// <summary>Airy's equation y″ = t·y as u = (y, y′), u′ = (y′, t·y) (airy.json).</summary>
    [Ode("y' = yp", "yp' = t*y")]
    public static partial (double, double) Airy(double t, [State] double y, [State] double yp);

    /// <summary>Lorenz: x′ = σ(y − x), y′ = x(ρ − z) − y, z′ = xy − βz (lorenz-beta3.json, lorenz-beta8over3.json).</summary>
    [Ode("x' = sigma*(y - x)", "y' = x*(rho - z) - y", "z' = x*y - beta*z")]
    public static partial (double, double, double) Lorenz(double t, [State] double x, [State] double y, [State] double z,
                                                          double sigma, double rho, double beta);

    /// <summary>Robertson's stiff chemical kinetics with rate constants k1, k2, k3 (robertson.json).</summary>
    [Ode("y1' = -k1*y1 + k3*y2*y3", "y2' = k1*y1 - k2*y2^2 - k3*y2*y3", "y3' = k2*y2^2")]
    public static partial (double, double, double) Robertson(double t, [State] double y1, [State] double y2, [State] double y3,
                                                             double k1, double k2, double k3);

    /// <summary>Van der Pol, y″ − μ(1 − y²)y′ + y = 0 as u = (y, y′), MATLAB's vdp1000 form (vanderpol.json).</summary>
    [Ode("y' = yp", "yp' = mu*(1 - y^2)*yp - y")]
    public static partial (double, double) VanDerPol(double t, [State] double y, [State] double yp, double mu);

    /// <summary>Lotka–Volterra predator and prey, autonomous: x′ = αx − βxy, y′ = δxy − γy (lotka-volterra.json).</summary>
    [Ode("x' = alpha*x - beta*x*y", "y' = delta*x*y - gamma*y")]
    public static partial (double, double) LotkaVolterra([State] double x, [State] double y, double alpha, double beta, double gamma, double delta);

    /// <summary>The heat equation u_t = α·u_xx on n interior points of spacing h, held at 0 beyond both ends: a stiff
    /// system with a tridiagonal Jacobian whose eigenvalues reach −4α/h².</summary>
    [Ode("u[i]' = alpha*(u[i-1] - 2*u[i] + u[i+1])/h^2", "u[-1] = 0", "u[n] = 0")]
    public static partial double[] Heat(double t, [State] double[] u, double alpha, double h);

    /// <summary>Diffusion on a ring of n points by the method of lines, y_i' = D·n²·(y_{i−1} − 2y_i + y_{i+1}) with the
    /// indices taken modulo n: the wrap-around rows make the Jacobian's pattern a general sparse one, not a band.</summary>
    [Ode("y[i]' = D*n^2*(y[i-1] - 2*y[i] + y[i+1])", "y[-1] = y[n-1]", "y[n] = y[0]")]
    public static partial double[] RingDiffusion(double t, [State] double[] y, double D);
}
