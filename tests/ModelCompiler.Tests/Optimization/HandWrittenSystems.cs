// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

// Hand-written stand-ins for what the generator emits for [Equations] declarations: F, the Jacobian in the CSR order
// of its pattern. The systems are MINPACK-1's hybrj test set (Moré, Garbow & Hillstrom 1980, ANL-80-74, VECFCN); the
// first eight with the formulas of /work/shared/reference/optimize/problems.json, the other five as
// benchmarks/peers/optimize_systems_scipy.py states them.

/// <summary>sys-rosenbrock: 1 − x1, 10(x2 − x1²); root (1, 1).</summary>
public readonly struct RosenbrockSystem : IEquationSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromEntries(2, 2, [(0, 0), (1, 0), (1, 1)]);
    public static string Formula => "1 - x1\n10*(x2 - x1^2)";
    public static IReadOnlyList<string> ParameterNames => ["x1", "x2"];
    public static int? ParameterCount => 2;
    public static int MinimumParameterCount => 2;
    public static int EquationCount(int parameterCount) => 2;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        f[0] = 1 - x[0];
        f[1] = 10 * (x[1] - x[0] * x[0]);
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => Pattern;
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        j[0] = -1;
        j[1] = -20 * x[0];
        j[2] = 10;
    }
}

/// <summary>sys-powell-singular: the Jacobian is singular at the root 0.</summary>
public readonly struct PowellSingularSystem : IEquationSystem
{
    private static readonly double Sqrt5 = Math.Sqrt(5), Sqrt10 = Math.Sqrt(10);
    private static readonly SparsityPattern Pattern = SparsityPattern.FromEntries(4, 4, [(0, 0), (0, 1), (1, 2), (1, 3), (2, 1), (2, 2), (3, 0), (3, 3)]);
    public static string Formula => "x1 + 10*x2\nsqrt(5)*(x3 - x4)\n(x2 - 2*x3)^2\nsqrt(10)*(x1 - x4)^2";
    public static IReadOnlyList<string> ParameterNames => ["x1", "x2", "x3", "x4"];
    public static int? ParameterCount => 4;
    public static int MinimumParameterCount => 4;
    public static int EquationCount(int parameterCount) => 4;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        f[0] = x[0] + 10 * x[1];
        f[1] = Sqrt5 * (x[2] - x[3]);
        f[2] = (x[1] - 2 * x[2]) * (x[1] - 2 * x[2]);
        f[3] = Sqrt10 * (x[0] - x[3]) * (x[0] - x[3]);
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => Pattern;
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        double a = x[1] - 2 * x[2], b = x[0] - x[3];
        j[0] = 1;
        j[1] = 10;
        j[2] = Sqrt5;
        j[3] = -Sqrt5;
        j[4] = 2 * a;
        j[5] = -4 * a;
        j[6] = 2 * Sqrt10 * b;
        j[7] = -2 * Sqrt10 * b;
    }
}

/// <summary>sys-powell-badly-scaled: 10⁴x1x2 − 1, e^{−x1} + e^{−x2} − 1.0001.</summary>
public readonly struct PowellBadlyScaledSystem : IEquationSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.Dense(2, 2);
    public static string Formula => "10000*x1*x2 - 1\nexp(-x1) + exp(-x2) - 1.0001";
    public static IReadOnlyList<string> ParameterNames => ["x1", "x2"];
    public static int? ParameterCount => 2;
    public static int MinimumParameterCount => 2;
    public static int EquationCount(int parameterCount) => 2;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        f[0] = 10000 * x[0] * x[1] - 1;
        f[1] = Math.Exp(-x[0]) + Math.Exp(-x[1]) - 1.0001;
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => Pattern;
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        j[0] = 10000 * x[1];
        j[1] = 10000 * x[0];
        j[2] = -Math.Exp(-x[0]);
        j[3] = -Math.Exp(-x[1]);
    }
}

/// <summary>sys-wood: MINPACK's Wood system (VECFCN 4); root (1, 1, 1, 1).</summary>
public readonly struct WoodSystem : IEquationSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromEntries(4, 4, [(0, 0), (0, 1), (1, 0), (1, 1), (1, 3), (2, 2), (2, 3), (3, 1), (3, 2), (3, 3)]);
    public static string Formula => "-200*x1*(x2 - x1^2) - (1 - x1)\n200*(x2 - x1^2) + 20.2*(x2 - 1) + 19.8*(x4 - 1)\n" +
                                    "-180*x3*(x4 - x3^2) - (1 - x3)\n180*(x4 - x3^2) + 20.2*(x4 - 1) + 19.8*(x2 - 1)";
    public static IReadOnlyList<string> ParameterNames => ["x1", "x2", "x3", "x4"];
    public static int? ParameterCount => 4;
    public static int MinimumParameterCount => 4;
    public static int EquationCount(int parameterCount) => 4;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        f[0] = -200 * x[0] * (x[1] - x[0] * x[0]) - (1 - x[0]);
        f[1] = 200 * (x[1] - x[0] * x[0]) + 20.2 * (x[1] - 1) + 19.8 * (x[3] - 1);
        f[2] = -180 * x[2] * (x[3] - x[2] * x[2]) - (1 - x[2]);
        f[3] = 180 * (x[3] - x[2] * x[2]) + 20.2 * (x[3] - 1) + 19.8 * (x[1] - 1);
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => Pattern;
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        j[0] = -200 * (x[1] - 3 * x[0] * x[0]) + 1;
        j[1] = -200 * x[0];
        j[2] = -400 * x[0];
        j[3] = 220.2;
        j[4] = 19.8;
        j[5] = -180 * (x[3] - 3 * x[2] * x[2]) + 1;
        j[6] = -180 * x[2];
        j[7] = 19.8;
        j[8] = -360 * x[2];
        j[9] = 200.2;
    }
}

/// <summary>sys-helical-valley: 10(x3 − 10θ), 10(√(x1² + x2²) − 1), x3 with θ = atan2(−x1, x2)/(2π) + 1/4; root (1, 0, 0).</summary>
public readonly struct HelicalValleySystem : IEquationSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.FromEntries(3, 3, [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 2)]);
    public static string Formula => "10*(x3 - 10*(atan2(-x1, x2)/(2*pi) + 0.25))\n10*(sqrt(x1^2 + x2^2) - 1)\nx3";
    public static IReadOnlyList<string> ParameterNames => ["x1", "x2", "x3"];
    public static int? ParameterCount => 3;
    public static int MinimumParameterCount => 3;
    public static int EquationCount(int parameterCount) => 3;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        f[0] = 10 * (x[2] - 10 * (Math.Atan2(-x[0], x[1]) / (2 * Math.PI) + 0.25));
        f[1] = 10 * (Math.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1);
        f[2] = x[2];
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => Pattern;
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        double r2 = x[0] * x[0] + x[1] * x[1], r = Math.Sqrt(r2);
        j[0] = 100 * x[1] / (2 * Math.PI * r2);
        j[1] = -100 * x[0] / (2 * Math.PI * r2);
        j[2] = 10;
        j[3] = 10 * x[0] / r;
        j[4] = 10 * x[1] / r;
        j[5] = 1;
    }
}

/// <summary>sys-brown-almost-linear: xᵢ + Σx − (n + 1) for i &lt; n, Πx − 1; root (1, …, 1).</summary>
public readonly struct BrownAlmostLinearSystem : IEquationSystem
{
    public static string Formula => "x_i + sum(x) - (n + 1), i < n\nprod(x) - 1";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        double sum = 0, product = 1;
        foreach (double t in x)
        {
            sum += t;
            product *= t;
        }
        for (int i = 0; i < n - 1; i++)
            f[i] = x[i] + sum - (n + 1);
        f[n - 1] = product - 1;
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Dense(parameterCount, parameterCount);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length;
        for (int i = 0; i < n - 1; i++)
            for (int k = 0; k < n; k++)
                j[i * n + k] = k == i ? 2 : 1;
        for (int k = 0; k < n; k++)
        {
            double product = 1;
            for (int l = 0; l < n; l++)
                if (l != k)
                    product *= x[l];
            j[(n - 1) * n + k] = product;
        }
    }
}

/// <summary>sys-discrete-bv: 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2, h = 1/(n + 1), tᵢ = i·h, x₀ = xₙ₊₁ = 0.</summary>
public readonly struct DiscreteBoundaryValueSystem : IEquationSystem
{
    public static string Formula => "2*x_i - x_{i-1} - x_{i+1} + h^2*(x_i + t_i + 1)^3/2";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        double h = 1.0 / (n + 1);
        for (int i = 0; i < n; i++)
        {
            double t = (i + 1) * h, u = x[i] + t + 1;
            f[i] = 2 * x[i] - (i > 0 ? x[i - 1] : 0) - (i < n - 1 ? x[i + 1] : 0) + h * h * u * u * u / 2;
        }
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Banded(parameterCount, 1, 1);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length, k = 0;
        double h = 1.0 / (n + 1);
        for (int i = 0; i < n; i++)
        {
            double u = x[i] + (i + 1) * h + 1;
            if (i > 0)
                j[k++] = -1;
            j[k++] = 2 + 1.5 * h * h * u * u;
            if (i < n - 1)
                j[k++] = -1;
        }
    }

    public static double[] Start(int n) => Enumerable.Range(1, n).Select(i => i / (n + 1.0) * (i / (n + 1.0) - 1)).ToArray();
}

/// <summary>sys-discrete-integral: xᵢ + h[(1 − tᵢ)Σⱼ≤ᵢ tⱼ(xⱼ + tⱼ + 1)³ + tᵢΣⱼ&gt;ᵢ(1 − tⱼ)(xⱼ + tⱼ + 1)³]/2 (VECFCN 10).</summary>
public readonly struct DiscreteIntegralSystem : IEquationSystem
{
    public static string Formula => "x_i + h*((1 - t_i)*sum_{j<=i} t_j*(x_j + t_j + 1)^3 + t_i*sum_{j>i} (1 - t_j)*(x_j + t_j + 1)^3)/2";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        double h = 1.0 / (n + 1);
        for (int i = 0; i < n; i++)
        {
            double ti = (i + 1) * h, below = 0, above = 0;
            for (int k = 0; k < n; k++)
            {
                double tk = (k + 1) * h, u = x[k] + tk + 1, cube = u * u * u;
                if (k <= i)
                    below += tk * cube;
                else
                    above += (1 - tk) * cube;
            }
            f[i] = x[i] + h * ((1 - ti) * below + ti * above) / 2;
        }
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Dense(parameterCount, parameterCount);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length;
        double h = 1.0 / (n + 1);
        for (int i = 0; i < n; i++)
        {
            double ti = (i + 1) * h;
            for (int k = 0; k < n; k++)
            {
                double tk = (k + 1) * h, u = x[k] + tk + 1, d = 3 * u * u;
                j[i * n + k] = (k == i ? 1 : 0) + h * (k <= i ? (1 - ti) * tk : ti * (1 - tk)) * d / 2;
            }
        }
    }
}

/// <summary>sys-trigonometric: n − Σcos xⱼ + i(1 − cos xᵢ) − sin xᵢ, i = 1…n (VECFCN 11).</summary>
public readonly struct TrigonometricSystem : IEquationSystem
{
    public static string Formula => "n - sum(cos(x)) + i*(1 - cos(x_i)) - sin(x_i)";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        double sum = 0;
        foreach (double t in x)
            sum += Math.Cos(t);
        for (int i = 0; i < n; i++)
            f[i] = n - sum + (i + 1) * (1 - Math.Cos(x[i])) - Math.Sin(x[i]);
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Dense(parameterCount, parameterCount);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                j[i * n + k] = Math.Sin(x[k]) + (k == i ? (i + 1) * Math.Sin(x[i]) - Math.Cos(x[i]) : 0);
    }
}

/// <summary>sys-variably-dimensioned: xᵢ − 1 + i·s(1 + 2s²), s = Σⱼ j(xⱼ − 1) (VECFCN 12); root (1, …, 1).</summary>
public readonly struct VariablyDimensionedSystem : IEquationSystem
{
    public static string Formula => "x_i - 1 + i*s*(1 + 2*s^2), s = sum_j j*(x_j - 1)";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        double s = 0;
        for (int k = 0; k < x.Length; k++)
            s += (k + 1) * (x[k] - 1);
        for (int i = 0; i < x.Length; i++)
            f[i] = x[i] - 1 + (i + 1) * s * (1 + 2 * s * s);
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Dense(parameterCount, parameterCount);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length;
        double s = 0;
        for (int k = 0; k < n; k++)
            s += (k + 1) * (x[k] - 1);
        double ds = 1 + 6 * s * s;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                j[i * n + k] = (k == i ? 1 : 0) + (i + 1) * ds * (k + 1);
    }
}

/// <summary>sys-chebyquad: (1/n)Σⱼ Tᵢ(2xⱼ − 1) − ∫₀¹Tᵢ(2t − 1)dt, i = 1…n (VECFCN 7); roots exist for n ≤ 7 and n = 9.</summary>
public readonly struct ChebyquadSystem : IEquationSystem
{
    public static string Formula => "mean_j T_i(2*x_j - 1) - integral_0^1 T_i(2*t - 1) dt";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        f[..n].Clear();
        foreach (double xj in x)
        {
            double y = 2 * xj - 1, previous = 1, current = y;
            for (int i = 0; i < n; i++)
            {
                f[i] += current / n;
                (previous, current) = (current, 2 * y * current - previous);
            }
        }
        for (int i = 0; i < n; i++)
        {
            int degree = i + 1;
            if (degree % 2 == 0)
                f[i] += 1.0 / (degree * degree - 1);
        }
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Dense(parameterCount, parameterCount);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length;
        for (int k = 0; k < n; k++)
        {
            double y = 2 * x[k] - 1, tPrevious = 1, t = y, dPrevious = 0, d = 1;
            for (int i = 0; i < n; i++)
            {
                j[i * n + k] = 2 * d / n;
                (tPrevious, t, dPrevious, d) = (t, 2 * y * t - tPrevious, d, 2 * t + 2 * y * d - dPrevious);
            }
        }
    }
}

/// <summary>sys-broyden-tridiagonal: (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1, x₀ = xₙ₊₁ = 0.</summary>
public readonly struct BroydenTridiagonalSystem : IEquationSystem
{
    public static string Formula => "(3 - 2*x_i)*x_i - x_{i-1} - 2*x_{i+1} + 1";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
            f[i] = (3 - 2 * x[i]) * x[i] - (i > 0 ? x[i - 1] : 0) - 2 * (i < n - 1 ? x[i + 1] : 0) + 1;
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Banded(parameterCount, 1, 1);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length, k = 0;
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
                j[k++] = -1;
            j[k++] = 3 - 4 * x[i];
            if (i < n - 1)
                j[k++] = -2;
        }
    }
}

/// <summary>sys-broyden-banded: xᵢ(2 + 5xᵢ²) + 1 − Σⱼ∈Jᵢ xⱼ(1 + xⱼ), Jᵢ = {j ≠ i : i − 5 ≤ j ≤ i + 1}.</summary>
public readonly struct BroydenBandedSystem : IEquationSystem
{
    public static string Formula => "x_i*(2 + 5*x_i^2) + 1 - sum_{j in J_i} x_j*(1 + x_j)";
    public static IReadOnlyList<string> ParameterNames => ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 1;
    public static int EquationCount(int parameterCount) => parameterCount;
    public static void Evaluate(ReadOnlySpan<double> x, Span<double> f)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = Math.Max(0, i - 5); k <= Math.Min(n - 1, i + 1); k++)
                if (k != i)
                    sum += x[k] * (1 + x[k]);
            f[i] = x[i] * (2 + 5 * x[i] * x[i]) + 1 - sum;
        }
    }
    public static SparsityPattern JacobianPattern(int parameterCount) => SparsityPattern.Banded(parameterCount, 5, 1);
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> j)
    {
        int n = x.Length, p = 0;
        for (int i = 0; i < n; i++)
            for (int k = Math.Max(0, i - 5); k <= Math.Min(n - 1, i + 1); k++)
                j[p++] = k == i ? 2 + 15 * x[i] * x[i] : -(1 + 2 * x[k]);
    }
}
