using ModelCompiler;

namespace ModelCompiler.Generators.Tests.Models;

/// <summary>A model declared as a mixture of regressions: the generator adds the mixture type beside the model.</summary>
public static partial class MixtureModels
{
    [Model("a + b*x"), MixtureModel(Components = 3, Noise = Noise.Laplace)]
    public static partial double LaplaceLines(double x, double a, double b);
}
