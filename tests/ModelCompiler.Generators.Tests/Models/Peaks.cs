namespace ModelCompiler.Generators.Tests.Models;

/// <summary>The two-Gaussian model of the design, with its formula in the attribute.</summary>
public static partial class Peaks
{
    [Model("a1*exp(-(x-m1)^2/(2*s1^2)) + a2*exp(-(x-m2)^2/(2*s2^2))")]
    public static partial double TwoGaussians(double x, double a1, double m1, double s1, double a2, double m2, double s2);
}
