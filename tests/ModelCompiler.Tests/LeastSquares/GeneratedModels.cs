// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.LeastSquares;

/// <summary>Models compiled by the source generator, to run the solver on generated kernels.</summary>
public static partial class GeneratedModels
{
    [Model("p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))")]
    public static partial double TwoGaussians(double x, double p0, double p1, double p2, double p3, double p4, double p5);
}

/// <summary>Models whose covariance must not depend on the units of their parameters or data.</summary>
public static partial class ScaleModels
{
    [Model("a/(1 + ((x - x0)/w)^2) + c")]
    public static partial double Lorentzian(double x, double a, double x0, double w, double c);

    [Model("a*exp(-k*x) + c")]
    public static partial double DecayWithOffset(double x, double a, double k, double c);

    // ∂/∂b = x/(2√b) is infinite at b = 0, where the value is finite: a solution on the bound b ≥ 0
    // ends the solve on a non-finite Jacobian.
    [Model("a + sqrt(b)*x")]
    public static partial double RootSlope(double x, double a, double b);
}
