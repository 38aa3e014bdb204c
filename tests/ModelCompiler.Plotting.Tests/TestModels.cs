// SPDX-License-Identifier: MIT
namespace ModelCompiler.Plotting.Tests;

/// <summary>Models compiled by the generator for the plots' fits.</summary>
public static partial class TestModels
{
    [Model("a*exp(-k*x) + c")]
    public static partial double Decay(double x, double a, double k, double c);

    [Model("a + b*x"), MixtureModel(Components = 2)]
    public static partial double Line(double x, double a, double b);
}
