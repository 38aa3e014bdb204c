// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace MultiLineEm;

/// <summary>
/// The component curves, each declared as a mixture of two regressions. The generator sees that all are linear in
/// their coefficients, so EM's M-step is a closed-form weighted least squares (or IRLS for Laplace noise).
/// </summary>
public static partial class Curves
{
    [Model("a + b*x"), MixtureModel(Components = 2)]
    public static partial double Line(double x, double a, double b);

    [Model("a + b*x + c*x^2"), MixtureModel(Components = 2)]
    public static partial double Quadratic(double x, double a, double b, double c);

    [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Laplace)]
    public static partial double LaplaceLine(double x, double a, double b);
}
