namespace ModelCompiler.Generators.Tests.Models;

/// <summary>Mixtures of regressions: [MixtureModel] beside [Model] adds a {Method}Mixture type.</summary>
public static partial class Mixtures
{
    /// <summary>Two lines with Gaussian noise, the mixture of linear regressions.</summary>
    [Model("a + b*x"), MixtureModel(Components = 2)]
    public static partial double Lines(double x, double a, double b);

    /// <summary>Three exponential decays with Laplace noise, over a C# expression body.</summary>
    [Model, MixtureModel(Components = 3, Noise = Noise.Laplace)]
    public static double Decays(double t, double amplitude, double rate) => amplitude * Math.Exp(-rate * t);
}
