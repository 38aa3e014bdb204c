namespace ModelCompiler.Generators.Tests.Models;

/// <summary>
/// Formulas written with the functions that keep them accurate (expm1, log1p, log2, cbrt, hypot, min, max, sign),
/// and tanh and asin, whose derivatives must stay accurate in their tails.
/// </summary>
public static partial class Stable
{
    /// <summary>A capacitor charging: 1 − e^(−t/τ) without cancellation at small t.</summary>
    [Model("a*-expm1(-t/tau)")]
    public static partial double Charging(double t, double a, double tau);

    /// <summary>Logarithmic growth to a fitted power: at x = 0 the exponent's column is the limit 0 of u^b·ln u.</summary>
    [Model("a*log1p(x)^b")]
    public static partial double LogPower(double x, double a, double b);

    /// <summary>A hinge and a plateau: max and min with their piecewise derivatives.</summary>
    [Model("a + b*max(x - c, 0) + d*min(x, h)")]
    public static partial double HingePlateau(double x, double a, double b, double c, double d, double h);

    /// <summary>A hyperbola, a cube root, a binary logarithm and a signed square law.</summary>
    [Model("a*hypot(x - x0, w) + b*cbrt(x - x0) + c*log2(1 + x^2) + d*sign(x)*x^2")]
    public static partial double Curves(double x, double a, double x0, double w, double b, double c, double d);

    /// <summary>A smooth step: tanh's derivative must stay accurate in the tails, where 1 − tanh² cancels.</summary>
    [Model("a*tanh(k*(x - x0))")]
    public static partial double Step(double x, double a, double k, double x0);

    /// <summary>An arcsine profile: asin's derivative near ±1 without the cancellation of 1 − u².</summary>
    [Model("a*asin(x/w)")]
    public static partial double Arcsine(double x, double a, double w);

    /// <summary>The same functions as C# calls.</summary>
    [Model]
    public static double CSharp(double x, double a, double b, double c) =>
        a * double.ExpM1(-b * x) + c * double.LogP1(x * x) + Math.Log2(1 + a * a * x * x) + Math.Cbrt(x - c) * Math.Sign(x)
        + Math.Max(x, b) - Math.Min(x, c) + double.Hypot(x, a);
}
