// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

// The one system here written by hand against IOdeSystem: the Brusselator's two interleaved fields (u_i, v_i) need either
// two array states or equations that depend on the parity of the row, and an [Ode] declaration has one array state with
// one equation for every row (OdeSystems.cs holds every other reference problem, generated). The integrators, the banded
// LU and the benchmarks use it as the stiff reaction–diffusion problem of Hairer & Wanner.

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
