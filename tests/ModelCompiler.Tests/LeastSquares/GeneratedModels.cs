// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.LeastSquares;

/// <summary>Models compiled by the source generator, to run the solver on generated kernels.</summary>
public static partial class GeneratedModels
{
    [Model("p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))")]
    public static partial double TwoGaussians(double x, double p0, double p1, double p2, double p3, double p4, double p5);
}
