// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

// Systems written by hand against IOdeSystem, as the generator will emit them from [Ode] declarations, so the
// integrators can be tested before the generator exists. Every derivative is exact.

/// <summary>Airy's equation y'' = t·y as u = (y, y'): u' = (y', t·y). Non-autonomous, no parameters.</summary>
public readonly struct AirySystem : IOdeSystem
{
    public static string Formula => "y' = yp\nyp' = t*y";
    public static IReadOnlyList<string> StateNames { get; } = ["y", "yp"];
    public static IReadOnlyList<string> ParameterNames { get; } = [];
    public static int ParameterCount => 0;
    public static int? StateCount => 2;
    public static int MinimumStateCount => 2;
    public static bool IsAutonomous => false;

    public static void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt)
    {
        dydt[0] = y[1];
        dydt[1] = t * y[0];
    }

    public static SparsityPattern JacobianPattern(int n) => Pattern;
    private static readonly SparsityPattern Pattern = SparsityPattern.FromEntries(2, 2, [(0, 1), (1, 0)]);

    public static void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> j)
    {
        j[0] = 1;   // (0, 1)
        j[1] = t;   // (1, 0)
    }

    public static void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt)
    {
        dfdt[0] = 0;
        dfdt[1] = y[0];
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdp) { }

    public static void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> product)
    {
        product[0] = v[1];
        product[1] = t * v[0];
    }
}

/// <summary>Lorenz: x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz; parameters (σ, ρ, β).</summary>
public readonly struct LorenzSystem : IOdeSystem
{
    public static string Formula => "x' = sigma*(y - x)\ny' = x*(rho - z) - y\nz' = x*y - beta*z";
    public static IReadOnlyList<string> StateNames { get; } = ["x", "y", "z"];
    public static IReadOnlyList<string> ParameterNames { get; } = ["sigma", "rho", "beta"];
    public static int ParameterCount => 3;
    public static int? StateCount => 3;
    public static int MinimumStateCount => 3;
    public static bool IsAutonomous => true;

    public static void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt)
    {
        dydt[0] = p[0] * (y[1] - y[0]);
        dydt[1] = y[0] * (p[1] - y[2]) - y[1];
        dydt[2] = y[0] * y[1] - p[2] * y[2];
    }

    public static SparsityPattern JacobianPattern(int n) => Pattern;
    private static readonly SparsityPattern Pattern =
        SparsityPattern.FromEntries(3, 3, [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)]);

    public static void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> j)
    {
        j[0] = -p[0]; j[1] = p[0];
        j[2] = p[1] - y[2]; j[3] = -1; j[4] = -y[0];
        j[5] = y[1]; j[6] = y[0]; j[7] = -p[2];
    }

    public static void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public static void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdp)
    {
        dfdp.Clear();
        dfdp[0] = y[1] - y[0];   // ∂f0/∂σ
        dfdp[3 + 1] = y[0];      // ∂f1/∂ρ
        dfdp[6 + 2] = -y[2];     // ∂f2/∂β
    }

    public static void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> product)
    {
        product[0] = p[0] * (v[1] - v[0]);
        product[1] = (p[1] - y[2]) * v[0] - v[1] - y[0] * v[2];
        product[2] = y[1] * v[0] + y[0] * v[1] - p[2] * v[2];
    }
}

/// <summary>Robertson's chemical kinetics: y1' = −k1·y1 + k3·y2·y3, y2' = k1·y1 − k2·y2² − k3·y2·y3, y3' = k2·y2².</summary>
public readonly struct RobertsonSystem : IOdeSystem
{
    public static string Formula => "y1' = -k1*y1 + k3*y2*y3\ny2' = k1*y1 - k2*y2^2 - k3*y2*y3\ny3' = k2*y2^2";
    public static IReadOnlyList<string> StateNames { get; } = ["y1", "y2", "y3"];
    public static IReadOnlyList<string> ParameterNames { get; } = ["k1", "k2", "k3"];
    public static int ParameterCount => 3;
    public static int? StateCount => 3;
    public static int MinimumStateCount => 3;
    public static bool IsAutonomous => true;

    public static void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt)
    {
        double a = p[0] * y[0], b = p[2] * y[1] * y[2], c = p[1] * y[1] * y[1];
        dydt[0] = -a + b;
        dydt[1] = a - c - b;
        dydt[2] = c;
    }

    public static SparsityPattern JacobianPattern(int n) => Pattern;
    private static readonly SparsityPattern Pattern =
        SparsityPattern.FromEntries(3, 3, [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 1)]);

    public static void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> j)
    {
        j[0] = -p[0]; j[1] = p[2] * y[2]; j[2] = p[2] * y[1];
        j[3] = p[0]; j[4] = -2 * p[1] * y[1] - p[2] * y[2]; j[5] = -p[2] * y[1];
        j[6] = 2 * p[1] * y[1];
    }

    public static void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public static void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdp)
    {
        dfdp[0] = -y[0]; dfdp[1] = y[0]; dfdp[2] = 0;
        dfdp[3] = 0; dfdp[4] = -y[1] * y[1]; dfdp[5] = y[1] * y[1];
        dfdp[6] = y[1] * y[2]; dfdp[7] = -y[1] * y[2]; dfdp[8] = 0;
    }

    public static void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> product)
    {
        product[0] = -p[0] * v[0] + p[2] * (y[2] * v[1] + y[1] * v[2]);
        product[1] = p[0] * v[0] - (2 * p[1] * y[1] + p[2] * y[2]) * v[1] - p[2] * y[1] * v[2];
        product[2] = 2 * p[1] * y[1] * v[1];
    }
}

/// <summary>Van der Pol in MATLAB's vdp1000 form: y' = yp, yp' = μ(1 − y²)·yp − y.</summary>
public readonly struct VanDerPolSystem : IOdeSystem
{
    public static string Formula => "y' = yp\nyp' = mu*(1 - y^2)*yp - y";
    public static IReadOnlyList<string> StateNames { get; } = ["y", "yp"];
    public static IReadOnlyList<string> ParameterNames { get; } = ["mu"];
    public static int ParameterCount => 1;
    public static int? StateCount => 2;
    public static int MinimumStateCount => 2;
    public static bool IsAutonomous => true;

    public static void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt)
    {
        dydt[0] = y[1];
        dydt[1] = p[0] * (1 - y[0] * y[0]) * y[1] - y[0];
    }

    public static SparsityPattern JacobianPattern(int n) => Pattern;
    private static readonly SparsityPattern Pattern = SparsityPattern.FromEntries(2, 2, [(0, 1), (1, 0), (1, 1)]);

    public static void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> j)
    {
        j[0] = 1;
        j[1] = -2 * p[0] * y[0] * y[1] - 1;
        j[2] = p[0] * (1 - y[0] * y[0]);
    }

    public static void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public static void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdp)
    {
        dfdp[0] = 0;
        dfdp[1] = (1 - y[0] * y[0]) * y[1];
    }

    public static void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> product)
    {
        product[0] = v[1];
        product[1] = (-2 * p[0] * y[0] * y[1] - 1) * v[0] + p[0] * (1 - y[0] * y[0]) * v[1];
    }
}

/// <summary>Lotka–Volterra: x' = αx − βxy, y' = δxy − γy; parameters (α, β, γ, δ).</summary>
public readonly struct LotkaVolterraSystem : IOdeSystem
{
    public static string Formula => "x' = alpha*x - beta*x*y\ny' = delta*x*y - gamma*y";
    public static IReadOnlyList<string> StateNames { get; } = ["x", "y"];
    public static IReadOnlyList<string> ParameterNames { get; } = ["alpha", "beta", "gamma", "delta"];
    public static int ParameterCount => 4;
    public static int? StateCount => 2;
    public static int MinimumStateCount => 2;
    public static bool IsAutonomous => true;

    public static void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt)
    {
        dydt[0] = p[0] * y[0] - p[1] * y[0] * y[1];
        dydt[1] = p[3] * y[0] * y[1] - p[2] * y[1];
    }

    public static SparsityPattern JacobianPattern(int n) => Pattern;
    private static readonly SparsityPattern Pattern = SparsityPattern.Dense(2, 2);

    public static void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> j)
    {
        j[0] = p[0] - p[1] * y[1]; j[1] = -p[1] * y[0];
        j[2] = p[3] * y[1]; j[3] = p[3] * y[0] - p[2];
    }

    public static void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public static void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdp)
    {
        dfdp[0] = y[0]; dfdp[1] = 0;
        dfdp[2] = -y[0] * y[1]; dfdp[3] = 0;
        dfdp[4] = 0; dfdp[5] = -y[1];
        dfdp[6] = 0; dfdp[7] = y[0] * y[1];
    }

    public static void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> product)
    {
        product[0] = (p[0] - p[1] * y[1]) * v[0] - p[1] * y[0] * v[1];
        product[1] = p[3] * y[1] * v[0] + (p[3] * y[0] - p[2]) * v[1];
    }
}

/// <summary>
/// The Brusselator reaction–diffusion in one space dimension by the method of lines (Hairer &amp; Wanner, Solving ODE
/// II, IV.10, problem BRUSS): N grid points, states interleaved (u1, v1, u2, v2, …) so the Jacobian is a band of
/// width 2 on each side; u_i' = 1 + u_i²v_i − 4u_i + α(N+1)²(u_{i−1} − 2u_i + u_{i+1}),
/// v_i' = 3u_i − u_i²v_i + α(N+1)²(v_{i−1} − 2v_i + v_{i+1}), with u = 1, v = 3 on the boundary. Parameter α.
/// </summary>
public readonly struct BrusselatorSystem : IOdeSystem
{
    public static string Formula => "u[i]' = 1 + u[i]^2*v[i] - 4*u[i] + alpha*(N+1)^2*(u[i-1] - 2*u[i] + u[i+1])\n"
                                    + "v[i]' = 3*u[i] - u[i]^2*v[i] + alpha*(N+1)^2*(v[i-1] - 2*v[i] + v[i+1])";
    public static IReadOnlyList<string> StateNames { get; } = ["uv"];
    public static IReadOnlyList<string> ParameterNames { get; } = ["alpha"];
    public static int ParameterCount => 1;
    public static int? StateCount => null;
    public static int MinimumStateCount => 2;
    public static bool IsAutonomous => true;

    /// <summary>u_i = 1 + sin(2πx_i), v_i = 3 at x_i = i/(N+1).</summary>
    public static double[] InitialState(int points)
    {
        var y = new double[2 * points];
        for (int i = 0; i < points; i++)
        {
            y[2 * i] = 1 + Math.Sin(2 * Math.PI * (i + 1) / (points + 1));
            y[2 * i + 1] = 3;
        }
        return y;
    }

    public static void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt)
    {
        int points = y.Length / 2;
        double c = p[0] * (points + 1) * (points + 1);
        for (int i = 0; i < points; i++)
        {
            double u = y[2 * i], v = y[2 * i + 1];
            double uLeft = i > 0 ? y[2 * i - 2] : 1, uRight = i < points - 1 ? y[2 * i + 2] : 1;
            double vLeft = i > 0 ? y[2 * i - 1] : 3, vRight = i < points - 1 ? y[2 * i + 3] : 3;
            double uuv = u * u * v;
            dydt[2 * i] = 1 + uuv - 4 * u + c * (uLeft - 2 * u + uRight);
            dydt[2 * i + 1] = 3 * u - uuv + c * (vLeft - 2 * v + vRight);
        }
    }

    public static SparsityPattern JacobianPattern(int n)
    {
        var entries = new List<(int, int)>();
        for (int r = 0; r < n; r++)
        {
            int partner = r % 2 == 0 ? r + 1 : r - 1;
            foreach (int col in new[] { r - 2, r, partner, r + 2 })
                if (col >= 0 && col < n)
                    entries.Add((r, col));
        }
        return SparsityPattern.FromEntries(n, n, entries);
    }

    public static void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> j)
    {
        int n = y.Length, points = n / 2;
        double c = p[0] * (points + 1) * (points + 1);
        int k = 0;
        for (int r = 0; r < n; r++)
        {
            int i = r / 2;
            double u = y[2 * i], v = y[2 * i + 1];
            // Columns ascending: r − 2, then the pair (2i, 2i + 1), then r + 2.
            if (r - 2 >= 0)
                j[k++] = c;
            if (r % 2 == 0)
            {
                j[k++] = 2 * u * v - 4 - 2 * c;   // ∂u'/∂u
                j[k++] = u * u;                   // ∂u'/∂v
            }
            else
            {
                j[k++] = 3 - 2 * u * v;           // ∂v'/∂u
                j[k++] = -u * u - 2 * c;          // ∂v'/∂v
            }
            if (r + 2 < n)
                j[k++] = c;
        }
    }

    public static void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public static void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdp)
    {
        int points = y.Length / 2;
        double c = (points + 1) * (points + 1);
        for (int i = 0; i < points; i++)
        {
            double uLeft = i > 0 ? y[2 * i - 2] : 1, uRight = i < points - 1 ? y[2 * i + 2] : 1;
            double vLeft = i > 0 ? y[2 * i - 1] : 3, vRight = i < points - 1 ? y[2 * i + 3] : 3;
            dfdp[2 * i] = c * (uLeft - 2 * y[2 * i] + uRight);
            dfdp[2 * i + 1] = c * (vLeft - 2 * y[2 * i + 1] + vRight);
        }
    }

    public static void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> product)
    {
        int points = y.Length / 2;
        double c = p[0] * (points + 1) * (points + 1);
        for (int i = 0; i < points; i++)
        {
            double u = y[2 * i], w = y[2 * i + 1];
            double du = v[2 * i], dv = v[2 * i + 1];
            double duLeft = i > 0 ? v[2 * i - 2] : 0, duRight = i < points - 1 ? v[2 * i + 2] : 0;
            double dvLeft = i > 0 ? v[2 * i - 1] : 0, dvRight = i < points - 1 ? v[2 * i + 3] : 0;
            product[2 * i] = (2 * u * w - 4) * du + u * u * dv + c * (duLeft - 2 * du + duRight);
            product[2 * i + 1] = (3 - 2 * u * w) * du - u * u * dv + c * (dvLeft - 2 * dv + dvRight);
        }
    }
}

/// <summary>
/// Diffusion on a ring by the method of lines: y_i' = D·N²·(y_{i−1} − 2y_i + y_{i+1}), indices modulo N. The
/// wrap-around makes the pattern a general sparse one (not a band). From y_i(0) = sin(2πi/N) the exact solution
/// is y_i(t) = exp(−4DN²·sin²(π/N)·t)·sin(2πi/N).
/// </summary>
public readonly struct RingDiffusionSystem : IOdeSystem
{
    public static string Formula => "y[i]' = D*N^2*(y[i-1] - 2*y[i] + y[i+1])   (indices modulo N)";
    public static IReadOnlyList<string> StateNames { get; } = ["y"];
    public static IReadOnlyList<string> ParameterNames { get; } = ["D"];
    public static int ParameterCount => 1;
    public static int? StateCount => null;
    public static int MinimumStateCount => 3;
    public static bool IsAutonomous => true;

    public static double Decay(int n, double diffusion) => 4 * diffusion * n * n * Math.Pow(Math.Sin(Math.PI / n), 2);

    public static void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt)
    {
        int n = y.Length;
        double c = p[0] * n * n;
        for (int i = 0; i < n; i++)
            dydt[i] = c * (y[(i + n - 1) % n] - 2 * y[i] + y[(i + 1) % n]);
    }

    public static SparsityPattern JacobianPattern(int n)
    {
        var entries = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            entries.Add((i, (i + n - 1) % n));
            entries.Add((i, i));
            entries.Add((i, (i + 1) % n));
        }
        return SparsityPattern.FromEntries(n, n, entries);
    }

    public static void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> j)
    {
        int n = y.Length;
        double c = p[0] * n * n;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            // Columns ascending: for i = 0 they are 0, 1, n − 1; for i = n − 1: 0, n − 2, n − 1.
            Span<int> cols = [(i + n - 1) % n, i, (i + 1) % n];
            cols.Sort();
            foreach (int col in cols)
                j[k++] = col == i ? -2 * c : c;
        }
    }

    public static void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public static void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdp)
    {
        int n = y.Length;
        for (int i = 0; i < n; i++)
            dfdp[i] = n * n * (y[(i + n - 1) % n] - 2 * y[i] + y[(i + 1) % n]);
    }

    public static void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> product) =>
        Evaluate(t, v, p, product);
}
