// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace MultiLineEm;

/// <summary>The component curves; the generator sees both are linear in their coefficients, so EM's M-step is closed form.</summary>
public static partial class Curves
{
    [Model("a + b*x")]
    public static partial double Line(double x, double a, double b);

    [Model("a + b*x + c*x^2")]
    public static partial double Quadratic(double x, double a, double b, double c);
}
