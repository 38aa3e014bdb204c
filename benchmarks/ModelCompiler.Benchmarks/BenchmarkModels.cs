// SPDX-License-Identifier: MIT
namespace ModelCompiler.Benchmarks;

public static partial class BenchmarkModels
{
    /// <summary>The generator emits <c>BenchmarkModels.TwoGaussiansModel</c> with a fused SIMD value-and-Jacobian kernel.</summary>
    [Model("p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))")]
    public static partial double TwoGaussians(double x, double p0, double p1, double p2, double p3, double p4, double p5);
}

public static partial class BenchmarkModels
{
    /// <summary>A 2-D Gaussian spot on a background, one per image of a localization-microscopy stack.</summary>
    [Model("a*exp(-((x-x0)^2 + (y-y0)^2)/(2*s^2)) + b")]
    public static partial double Spot([Variable] double x, [Variable] double y, double a, double x0, double y0, double s, double b);

    /// <summary>A mono-exponential decay on a background, one per pixel of a fluorescence-lifetime image.</summary>
    [Model("a*exp(-t/tau) + b")]
    public static partial double Decay(double t, double a, double tau, double b);
}
