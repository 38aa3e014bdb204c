using ModelCompiler.Kernels;

namespace ModelCompiler.Generators.Tests.Models;

/// <summary>Models that exercise several variables, piecewise definitions and functions without vector intrinsics.</summary>
public static partial class Shapes
{
    /// <summary>A tilted elliptical Gaussian surface over the plane.</summary>
    [Model("amplitude*exp(-((u-u0)^2/(2*su^2) + (v-v0)^2/(2*sv^2))) + tilt*u + offset")]
    public static partial double Surface([Variable] double u, [Variable] double v, double amplitude, double u0, double v0,
                                         double su, double sv, double tilt, double offset);

    /// <summary>A broken-stick regression: two lines joined at the breakpoint c.</summary>
    [Model]
    public static double BrokenStick(double x, double a, double b, double c, double d) =>
        x < c ? a + b * x : a + b * c + d * (x - c);

    /// <summary>A sigmoid step with an error-function shoulder and an arctangent drift.</summary>
    [Model("h*(1 + erf((x-x0)/(sqrt(2)*w)))/2 + k*atan(x/r) + q*tanh(x)*log10(1 + x^2)")]
    public static partial double Shoulder(double x, double h, double x0, double w, double k, double r, double q);

    /// <summary>A line: linear in its parameters, so least squares needs no iteration.</summary>
    [Model]
    public static double Line(double x, double intercept, double slope) => intercept + slope * x;
}
