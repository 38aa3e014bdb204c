// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace MultiLineEm;

/// <summary>The regression mixtures of this example, declared once; the generator writes their kernels.</summary>
public static partial class MultiLineModels
{
    /// <summary>Two lines with Gaussian noise.</summary>
    [Model("a + b*x"), MixtureModel(Components = 2)]
    public static partial double Line(double x, double a, double b);

    /// <summary>Two parabolas with Gaussian noise: any g(x) takes the place of the line.</summary>
    [Model("a + b*x + c*x^2"), MixtureModel(Components = 2)]
    public static partial double Parabola(double x, double a, double b, double c);

    /// <summary>Two lines with Laplace noise: each M-step is a weighted least-absolute-deviations fit.</summary>
    [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Laplace)]
    public static partial double RobustLine(double x, double a, double b);
}
