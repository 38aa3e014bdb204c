// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

// Objectives written by hand as the generator will emit them for [Objective] declarations, until it does.
// Every derivative here is checked against differences by HandWrittenObjectiveTests.

/// <summary>The textbook's x² − 4x + 8 (minimum 4 at x = 2).</summary>
public readonly struct Textbook : IObjective
{
    public static string Formula => "x^2 - 4*x + 8";
    public static IReadOnlyList<string> ParameterNames { get; } = ["x"];
    public static int? ParameterCount => 1;
    public static int MinimumParameterCount => 1;
    public static double Evaluate(ReadOnlySpan<double> x) => x[0] * x[0] - 4 * x[0] + 8;

    public static double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient[0] = 2 * x[0] - 4;
        return Evaluate(x);
    }

    public static SparsityPattern HessianPattern(int parameterCount) => SparsityPattern.Dense(1, 1);
    public static void Hessian(ReadOnlySpan<double> x, Span<double> hessian) => hessian[0] = 2;
    public static void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product) => product[0] = 2 * v[0];
}

/// <summary>Rosenbrock's banana 100(x₂ − x₁²)² + (1 − x₁)² (MGH problem 1).</summary>
public readonly struct Rosenbrock : IObjective
{
    public static string Formula => "100*(x2 - x1^2)^2 + (1 - x1)^2";
    public static IReadOnlyList<string> ParameterNames { get; } = ["x1", "x2"];
    public static int? ParameterCount => 2;
    public static int MinimumParameterCount => 2;

    public static double Evaluate(ReadOnlySpan<double> x)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0];
        return 100 * a * a + b * b;
    }

    public static double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0];
        gradient[0] = -400 * a * x[0] - 2 * b;
        gradient[1] = 200 * a;
        return 100 * a * a + b * b;
    }

    public static SparsityPattern HessianPattern(int parameterCount) => SparsityPattern.Dense(2, 2);

    public static void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        hessian[0] = 1200 * x[0] * x[0] - 400 * x[1] + 2;
        hessian[1] = -400 * x[0];
        hessian[2] = -400 * x[0];
        hessian[3] = 200;
    }

    public static void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        double h00 = 1200 * x[0] * x[0] - 400 * x[1] + 2, h01 = -400 * x[0];
        product[0] = h00 * v[0] + h01 * v[1];
        product[1] = h01 * v[0] + 200 * v[1];
    }
}

/// <summary>The chained Rosenbrock function Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², i = 1..n−1, an indexed objective
/// with a tridiagonal Hessian (scipy's rosen; the reference set's rosen-chained).</summary>
public readonly struct ChainedRosenbrock : IObjective
{
    public static string Formula => "sum(i, 1, n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)";
    public static IReadOnlyList<string> ParameterNames { get; } = ["x"];
    public static int? ParameterCount => null;
    public static int MinimumParameterCount => 2;

    public static double Evaluate(ReadOnlySpan<double> x)
    {
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
        }
        return f;
    }

    public static double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            gradient[i] += -400 * a * x[i] - 2 * b;
            gradient[i + 1] += 200 * a;
        }
        return f;
    }

    public static SparsityPattern HessianPattern(int parameterCount) => SparsityPattern.Banded(parameterCount, 1, 1);

    public static void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        // Row i of the band holds (i, i−1), (i, i), (i, i+1) where they exist.
        int n = x.Length;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
                hessian[k++] = -400 * x[i - 1];
            double d = i + 1 < n ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0;
            if (i > 0)
                d += 200;
            hessian[k++] = d;
            if (i + 1 < n)
                hessian[k++] = -400 * x[i];
        }
    }

    public static void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double d = i + 1 < n ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0;
            if (i > 0)
                d += 200;
            double p = d * v[i];
            if (i > 0)
                p += -400 * x[i - 1] * v[i - 1];
            if (i + 1 < n)
                p += -400 * x[i] * v[i + 1];
            product[i] = p;
        }
    }
}

/// <summary>Beale's function Σ (cᵢ − x₁(1 − x₂ⁱ))², c = 1.5, 2.25, 2.625 (MGH problem 5; minimum 0 at (3, ½)).</summary>
public readonly struct Beale : IObjective
{
    private static readonly double[] C = [1.5, 2.25, 2.625];

    public static string Formula => "(1.5 - x1*(1 - x2))^2 + (2.25 - x1*(1 - x2^2))^2 + (2.625 - x1*(1 - x2^3))^2";
    public static IReadOnlyList<string> ParameterNames { get; } = ["x1", "x2"];
    public static int? ParameterCount => 2;
    public static int MinimumParameterCount => 2;

    public static double Evaluate(ReadOnlySpan<double> x)
    {
        double f = 0, power = 1;
        for (int i = 0; i < 3; i++)
        {
            power *= x[1];
            double r = C[i] - x[0] * (1 - power);
            f += r * r;
        }
        return f;
    }

    public static double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double f = 0, power = 1, g0 = 0, g1 = 0;
        for (int i = 0; i < 3; i++)
        {
            double previous = power;   // x₂^(i)
            power *= x[1];             // x₂^(i+1)
            double r = C[i] - x[0] * (1 - power);
            f += r * r;
            g0 += 2 * r * -(1 - power);
            g1 += 2 * r * x[0] * (i + 1) * previous;
        }
        gradient[0] = g0;
        gradient[1] = g1;
        return f;
    }

    public static SparsityPattern HessianPattern(int parameterCount) => SparsityPattern.Dense(2, 2);

    public static void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        double h00 = 0, h01 = 0, h11 = 0;
        for (int i = 0; i < 3; i++)
        {
            int k = i + 1;
            double pk = Math.Pow(x[1], k), pk1 = Math.Pow(x[1], k - 1), pk2 = k >= 2 ? Math.Pow(x[1], k - 2) : 0;
            double r = C[i] - x[0] * (1 - pk);
            double r0 = -(1 - pk), r1 = x[0] * k * pk1;        // ∂r/∂x₁, ∂r/∂x₂
            double r01 = k * pk1, r11 = x[0] * k * (k - 1) * pk2; // ∂²r/∂x₁∂x₂, ∂²r/∂x₂²
            h00 += 2 * r0 * r0;
            h01 += 2 * (r0 * r1 + r * r01);
            h11 += 2 * (r1 * r1 + r * r11);
        }
        hessian[0] = h00;
        hessian[1] = h01;
        hessian[2] = h01;
        hessian[3] = h11;
    }

    public static void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        Span<double> h = stackalloc double[4];
        Hessian(x, h);
        product[0] = h[0] * v[0] + h[1] * v[1];
        product[1] = h[2] * v[0] + h[3] * v[1];
    }
}

/// <summary>Powell's singular function (x₁ + 10x₂)² + 5(x₃ − x₄)² + (x₂ − 2x₃)⁴ + 10(x₁ − x₄)⁴ (MGH problem 13): its
/// Hessian is singular at the minimum 0 at the origin.</summary>
public readonly struct PowellSingular : IObjective
{
    public static string Formula => "(x1 + 10*x2)^2 + 5*(x3 - x4)^2 + (x2 - 2*x3)^4 + 10*(x1 - x4)^4";
    public static IReadOnlyList<string> ParameterNames { get; } = ["x1", "x2", "x3", "x4"];
    public static int? ParameterCount => 4;
    public static int MinimumParameterCount => 4;

    public static double Evaluate(ReadOnlySpan<double> x)
    {
        double a = x[0] + 10 * x[1], b = x[2] - x[3], c = x[1] - 2 * x[2], d = x[0] - x[3];
        return a * a + 5 * b * b + c * c * c * c + 10 * d * d * d * d;
    }

    public static double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double a = x[0] + 10 * x[1], b = x[2] - x[3], c = x[1] - 2 * x[2], d = x[0] - x[3];
        double c3 = 4 * c * c * c, d3 = 40 * d * d * d;
        gradient[0] = 2 * a + d3;
        gradient[1] = 20 * a + c3;
        gradient[2] = 10 * b - 2 * c3;
        gradient[3] = -10 * b - d3;
        return a * a + 5 * b * b + c * c * c * c + 10 * d * d * d * d;
    }

    public static SparsityPattern HessianPattern(int parameterCount) => SparsityPattern.Dense(4, 4);

    public static void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        double c = x[1] - 2 * x[2], d = x[0] - x[3];
        double c2 = 12 * c * c, d2 = 120 * d * d;
        ReadOnlySpan<double> h =
        [
            2 + d2, 20, 0, -d2,
            20, 200 + c2, -2 * c2, 0,
            0, -2 * c2, 10 + 4 * c2, -10,
            -d2, 0, -10, 10 + d2,
        ];
        h.CopyTo(hessian);
    }

    public static void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        Span<double> h = stackalloc double[16];
        Hessian(x, h);
        for (int i = 0; i < 4; i++)
            product[i] = h[4 * i] * v[0] + h[4 * i + 1] * v[1] + h[4 * i + 2] * v[2] + h[4 * i + 3] * v[3];
    }
}

/// <summary>Wood's function (MGH problem 14; minimum 0 at (1, 1, 1, 1)).</summary>
public readonly struct Wood : IObjective
{
    public static string Formula
        => "100*(x2 - x1^2)^2 + (1 - x1)^2 + 90*(x4 - x3^2)^2 + (1 - x3)^2 + 10*(x2 + x4 - 2)^2 + 0.1*(x2 - x4)^2";
    public static IReadOnlyList<string> ParameterNames { get; } = ["x1", "x2", "x3", "x4"];
    public static int? ParameterCount => 4;
    public static int MinimumParameterCount => 4;

    public static double Evaluate(ReadOnlySpan<double> x)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0], c = x[3] - x[2] * x[2], d = 1 - x[2], e = x[1] + x[3] - 2, g = x[1] - x[3];
        return 100 * a * a + b * b + 90 * c * c + d * d + 10 * e * e + 0.1 * g * g;
    }

    public static double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double a = x[1] - x[0] * x[0], b = 1 - x[0], c = x[3] - x[2] * x[2], d = 1 - x[2], e = x[1] + x[3] - 2, g = x[1] - x[3];
        gradient[0] = -400 * a * x[0] - 2 * b;
        gradient[1] = 200 * a + 20 * e + 0.2 * g;
        gradient[2] = -360 * c * x[2] - 2 * d;
        gradient[3] = 180 * c + 20 * e - 0.2 * g;
        return 100 * a * a + b * b + 90 * c * c + d * d + 10 * e * e + 0.1 * g * g;
    }

    public static SparsityPattern HessianPattern(int parameterCount) => SparsityPattern.Dense(4, 4);

    public static void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        double h00 = 1200 * x[0] * x[0] - 400 * x[1] + 2, h22 = 1080 * x[2] * x[2] - 360 * x[3] + 2;
        ReadOnlySpan<double> h =
        [
            h00, -400 * x[0], 0, 0,
            -400 * x[0], 220.2, 0, 19.8,
            0, 0, h22, -360 * x[2],
            0, 19.8, -360 * x[2], 200.2,
        ];
        h.CopyTo(hessian);
    }

    public static void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        Span<double> h = stackalloc double[16];
        Hessian(x, h);
        for (int i = 0; i < 4; i++)
            product[i] = h[4 * i] * v[0] + h[4 * i + 1] * v[1] + h[4 * i + 2] * v[2] + h[4 * i + 3] * v[3];
    }
}

/// <summary>
/// MGH problem 33, the linear function of rank 1 with m = 20, n = 10: rᵢ = i·Σⱼ j·xⱼ − 1, f = Σrᵢ². Its Hessian
/// 2(Σi²)·wwᵀ (w = (1..n)) has rank 1, so every Newton system is singular and the minimizers form a hyperplane
/// (f* = (m(m − 1))/(2(2m + 1)) = 4.634146…). scipy 1.10's trust-exact never returns on it with gtol 1e-10.
/// </summary>
public readonly struct LinearRankOne : IObjective
{
    private const int M = 20;
    private const double SumOfSquares = M * (M + 1) * (2 * M + 1) / 6.0;   // Σ i², i = 1..m

    public static string Formula => "sum(i, 1, 20, (i*sum(j, 1, 10, j*x[j]) - 1)^2)";
    public static IReadOnlyList<string> ParameterNames { get; } = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"];
    public static int? ParameterCount => 10;
    public static int MinimumParameterCount => 10;

    private static double W(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int j = 0; j < x.Length; j++)
            s += (j + 1) * x[j];
        return s;
    }

    public static double Evaluate(ReadOnlySpan<double> x)
    {
        double s = W(x), f = 0;
        for (int i = 1; i <= M; i++)
        {
            double r = i * s - 1;
            f += r * r;
        }
        return f;
    }

    public static double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double s = W(x), f = 0, dfds = 0;
        for (int i = 1; i <= M; i++)
        {
            double r = i * s - 1;
            f += r * r;
            dfds += 2 * r * i;
        }
        for (int j = 0; j < x.Length; j++)
            gradient[j] = dfds * (j + 1);
        return f;
    }

    public static SparsityPattern HessianPattern(int parameterCount) => SparsityPattern.Dense(10, 10);

    public static void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++)
                hessian[i * 10 + j] = 2 * SumOfSquares * (i + 1) * (j + 1);
    }

    public static void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        double wv = W(v);
        for (int i = 0; i < 10; i++)
            product[i] = 2 * SumOfSquares * (i + 1) * wv;
    }
}
