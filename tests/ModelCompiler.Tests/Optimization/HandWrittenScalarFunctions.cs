// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

// Hand-written stand-ins for what the generator emits for one-unknown [Objective] and [Equations] declarations,
// with their derivatives written out. The formulas are those of the shared reference set
// (/work/shared/reference/optimize/problems.json and textbook.json).

/// <summary>The textbook objective x² − 4x + 8, minimum 4 at x = 2.</summary>
public readonly struct TextbookQuadratic : IScalarFunction
{
    public static string Formula => "x^2 - 4*x + 8";
    public static double Evaluate(double x) => x * x - 4 * x + 8;
    public static double EvaluateWithDerivative(double x, out double derivative)
    {
        derivative = 2 * x - 4;
        return Evaluate(x);
    }
    public static double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative)
    {
        secondDerivative = 2;
        return EvaluateWithDerivative(x, out derivative);
    }
}

/// <summary>scalar-cubic: x³ − 2x − 5, root 2.0945514815423265… on [2, 3].</summary>
public readonly struct WallisCubic : IScalarFunction
{
    public static string Formula => "x^3 - 2*x - 5";
    public static double Evaluate(double x) => x * x * x - 2 * x - 5;
    public static double EvaluateWithDerivative(double x, out double derivative)
    {
        derivative = 3 * x * x - 2;
        return Evaluate(x);
    }
    public static double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative)
    {
        secondDerivative = 6 * x;
        return EvaluateWithDerivative(x, out derivative);
    }
}

/// <summary>scalar-kepler-e0.5: Kepler's equation x − 0.5·sin x − 1, root 1.4987011335178483… on [0, π].</summary>
public readonly struct Kepler : IScalarFunction
{
    public static string Formula => "x - 0.5*sin(x) - 1";
    public static double Evaluate(double x) => x - 0.5 * Math.Sin(x) - 1;
    public static double EvaluateWithDerivative(double x, out double derivative)
    {
        derivative = 1 - 0.5 * Math.Cos(x);
        return Evaluate(x);
    }
    public static double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative)
    {
        secondDerivative = 0.5 * Math.Sin(x);
        return EvaluateWithDerivative(x, out derivative);
    }
}

/// <summary>scalar-double-root: x³ − 3x + 2 = (x − 1)²(x + 2), a double root at 1 and a simple one at −2.</summary>
public readonly struct DoubleRootCubic : IScalarFunction
{
    public static string Formula => "x^3 - 3*x + 2";
    public static double Evaluate(double x) => x * x * x - 3 * x + 2;
    public static double EvaluateWithDerivative(double x, out double derivative)
    {
        derivative = 3 * x * x - 3;
        return Evaluate(x);
    }
    public static double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative)
    {
        secondDerivative = 6 * x;
        return EvaluateWithDerivative(x, out derivative);
    }
}

/// <summary>scalar-fixed-point-cos as an equation: x − cos x, root 0.7390851332151607….</summary>
public readonly struct CosineFixedPoint : IScalarFunction
{
    public static string Formula => "x - cos(x)";
    public static double Evaluate(double x) => x - Math.Cos(x);
    public static double EvaluateWithDerivative(double x, out double derivative)
    {
        derivative = 1 + Math.Sin(x);
        return Evaluate(x);
    }
    public static double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative)
    {
        secondDerivative = Math.Cos(x);
        return EvaluateWithDerivative(x, out derivative);
    }
}

/// <summary>g(x) = cos x, whose fixed point is the root of <see cref="CosineFixedPoint"/>.</summary>
public readonly struct Cosine : IScalarFunction
{
    public static string Formula => "cos(x)";
    public static double Evaluate(double x) => Math.Cos(x);
    public static double EvaluateWithDerivative(double x, out double derivative)
    {
        derivative = -Math.Sin(x);
        return Math.Cos(x);
    }
    public static double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative)
    {
        secondDerivative = -Math.Cos(x);
        return EvaluateWithDerivative(x, out derivative);
    }
}

/// <summary>atan x: Newton from |x₀| &gt; 1.3917 overshoots further every step.</summary>
public readonly struct Arctangent : IScalarFunction
{
    public static string Formula => "atan(x)";
    public static double Evaluate(double x) => Math.Atan(x);
    public static double EvaluateWithDerivative(double x, out double derivative)
    {
        derivative = 1 / (1 + x * x);
        return Math.Atan(x);
    }
    public static double EvaluateWithDerivatives(double x, out double derivative, out double secondDerivative)
    {
        double d = 1 / (1 + x * x);
        secondDerivative = -2 * x * d * d;
        derivative = d;
        return Math.Atan(x);
    }
}
