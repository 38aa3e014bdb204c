// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>The regression curves of the mixture references, compiled by the generator.</summary>
public static partial class RegressionModels
{
    [Model("a + b*x")]
    public static partial double Line(double x, double a, double b);

    [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Laplace)]
    public static partial double LaplaceLine(double x, double a, double b);

    [Model("a + b*x + c*x^2")]
    public static partial double Quadratic(double x, double a, double b, double c);

    // The same lines with the slope as sinh(s), a bijection onto the reals: nonlinear in s, so the M-step goes
    // through weighted Levenberg–Marquardt, yet the maximum-likelihood lines are the same.
    [Model("a + sinh(s)*x")]
    public static partial double SinhSlopeLine(double x, double a, double s);
}
