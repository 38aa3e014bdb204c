namespace ModelCompiler.Generators.Tests.Models;

/// <summary>
/// Models with a fitted exponent: power laws and the usual dose–response and growth curves, whose data begin at
/// x = 0 (the first dose, the first time point). There ∂(x^b)/∂b = x^b·ln x has the limit 0 for b &gt; 0.
/// </summary>
public static partial class PowerFamily
{
    /// <summary>A power law with an offset.</summary>
    [Model("a*x^b + c")]
    public static partial double Power(double x, double a, double b, double c);

    /// <summary>The Hill equation of receptor binding and enzyme kinetics.</summary>
    [Model("vmax*x^n/(k^n + x^n)")]
    public static partial double Hill(double x, double vmax, double k, double n);

    /// <summary>The four-parameter logistic of dose–response assays.</summary>
    [Model("d + (a - d)/(1 + (x/c)^b)")]
    public static partial double FourParameterLogistic(double x, double a, double b, double c, double d);

    /// <summary>The Weibull growth curve.</summary>
    [Model("A*(1 - exp(-(x/lam)^k))")]
    public static partial double Weibull(double x, double A, double lam, double k);

    /// <summary>A power law written in C#.</summary>
    [Model]
    public static double PowerCSharp(double x, double a, double b) => a * Math.Pow(x, b);
}
