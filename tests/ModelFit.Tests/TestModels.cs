using ModelCompiler;
using ModelCompiler.ModelFit;

namespace ModelFit.Tests;

/// <summary>Source-generated twins of the formulas the tests type on the command line.</summary>
public static partial class TestModels
{
    public const string TwoGaussiansFormula = "a1*exp(-(x-m1)^2/(2*s1^2)) + a2*exp(-(x-m2)^2/(2*s2^2))";
    public const string DecayFormula = "a*exp(-k*t) + c";
    public const string LineFormula = "a + b*x";

    [Model(TwoGaussiansFormula)]
    public static partial double TwoGaussians(double x, double a1, double m1, double s1, double a2, double m2, double s2);

    [Model(DecayFormula)]
    public static partial double Decay(double t, double a, double k, double c);

    [Model(LineFormula), MixtureModel(Components = 2)]
    public static partial double Line(double x, double a, double b);

    [Model(LineFormula), MixtureModel(Components = 2, Noise = Noise.Laplace)]
    public static partial double LaplaceLine(double x, double a, double b);

    /// <summary>Binds the formulas above to their generated types, as the run-time compiler binds any formula.</summary>
    public static FormulaBinder Generated { get; } = new()
    {
        Fit = (formula, _, run) => formula switch
        {
            TwoGaussiansFormula => run.Visit<TwoGaussiansModel>(),
            DecayFormula => run.Visit<DecayModel>(),
            _ => throw new ModelFitException(ExitCode.Formula, $"no generated twin of {formula}"),
        },
        Many = (formula, _, run) => formula switch
        {
            DecayFormula => run.Visit<DecayModel>(),
            _ => throw new ModelFitException(ExitCode.Formula, $"no generated twin of {formula}"),
        },
        Mixture = (formula, _, components, noise, run) => (formula, components, noise) switch
        {
            (LineFormula, 2, Noise.Gaussian) => run.Visit<LineMixture, LineModel>(),
            (LineFormula, 2, Noise.Laplace) => run.Visit<LaplaceLineMixture, LaplaceLineModel>(),
            _ => throw new ModelFitException(ExitCode.Formula, $"no generated twin of {formula} with {components} {noise} components"),
        },
    };
}
