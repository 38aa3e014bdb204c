using ModelCompiler.Generators.Tests.Models;

namespace ModelCompiler.Generators.Tests;

/// <summary>Where a test model is evaluated: a box for each variable and a typical value for each parameter.</summary>
/// <param name="Pinned">Points every sample includes first, such as x = 0 where a derivative has a removable singularity.</param>
internal sealed record ModelDomain((double Low, double High)[] Variables, double[] Center, double Spread = 0.25,
                                   Func<double[], double[], bool>? Exclude = null, double[][]? Pinned = null)
{
    /// <summary>A point inside the box.</summary>
    public double[] SamplePoint(Random random) =>
        Variables.Select(v => v.Low + (v.High - v.Low) * random.NextDouble()).ToArray();

    /// <summary>Each parameter varied by up to ±Spread of its typical value.</summary>
    public double[] SampleParameters(Random random) =>
        Center.Select(c => c * (1 + Spread * (2 * random.NextDouble() - 1))).ToArray();
}

/// <summary>
/// Every compiled test model with its domain, reached through a generic call so the generated struct is
/// used exactly as a solver uses it. Parameter centres are the NIST certified values (../shared/nist) or,
/// for the other models, plausible values.
/// </summary>
internal static class ModelCatalog
{
    public interface IModelVisitor
    {
        void Visit<TModel>(string name, ModelDomain domain) where TModel : IModel;
    }

    private static ModelDomain X(double low, double high, params double[] center) => new([(low, high)], center);

    private static ModelDomain AtZero(ModelDomain domain) => domain with { Pinned = [[0]] };

    public static readonly IReadOnlyDictionary<string, Action<IModelVisitor>> Models = new Dictionary<string, Action<IModelVisitor>>
    {
        ["Peaks.TwoGaussians"] = v => v.Visit<Peaks.TwoGaussiansModel>("Peaks.TwoGaussians", X(0, 9, 4.68, 0.37, 4.94, 8.35, 2.13, 0.68)),
        ["Nist.Bennett5"] = v => v.Visit<Nist.Bennett5Model>("Nist.Bennett5", X(7.4, 11.8, -2523.5, 46.74, 0.932)),
        ["Nist.BoxBOD"] = v => v.Visit<Nist.BoxBODModel>("Nist.BoxBOD", X(1, 10, 213.8, 0.547)),
        ["Nist.Chwirut2"] = v => v.Visit<Nist.Chwirut2Model>("Nist.Chwirut2", X(0.5, 6, 0.1666, 0.0052, 0.0122)),
        ["Nist.DanWood"] = v => v.Visit<Nist.DanWoodModel>("Nist.DanWood", X(1.3, 2.3, 0.769, 3.86)),
        ["Nist.ENSO"] = v => v.Visit<Nist.ENSOModel>("Nist.ENSO", X(1, 168, 10.51, 3.08, 0.533, 44.31, -1.62, 0.526, 26.89, 0.213, 1.497)),
        ["Nist.Gauss1"] = v => v.Visit<Nist.Gauss1Model>("Nist.Gauss1", X(1, 250, 98.78, 0.0105, 100.49, 67.48, 23.13, 71.99, 178.99, 18.39)),
        ["Nist.Hahn1"] = v => v.Visit<Nist.Hahn1Model>("Nist.Hahn1", X(24, 880, 1.078, -0.1227, 0.00408, -1.43e-6, -0.00576, 0.000241, -1.23e-7) with { Spread = 0.05 }),
        ["Nist.Kirby2"] = v => v.Visit<Nist.Kirby2Model>("Nist.Kirby2", X(9.65, 78.9, 1.675, -0.139, 0.00260, -0.00172, 2.166e-5) with { Spread = 0.05 }),
        ["Nist.Lanczos"] = v => v.Visit<Nist.LanczosModel>("Nist.Lanczos", X(0, 1.15, 0.0951, 1.0, 0.8607, 3.0, 1.5576, 5.0)),
        ["Nist.MGH09"] = v => v.Visit<Nist.MGH09Model>("Nist.MGH09", X(0.0625, 4, 0.1928, 0.1913, 0.1231, 0.1361)),
        ["Nist.MGH10"] = v => v.Visit<Nist.MGH10Model>("Nist.MGH10", X(50, 125, 0.00561, 6181.3, 345.2)),
        ["Nist.MGH17"] = v => v.Visit<Nist.MGH17Model>("Nist.MGH17", X(0, 320, 0.375, 1.936, -1.465, 0.01287, 0.02212)),
        ["Nist.Misra1a"] = v => v.Visit<Nist.Misra1aModel>("Nist.Misra1a", X(77.6, 778, 238.9, 5.5e-4)),
        ["Nist.Misra1c"] = v => v.Visit<Nist.Misra1cModel>("Nist.Misra1c", X(77.6, 778, 636.4, 2.08e-4)),
        ["Nist.Nelson"] = v => v.Visit<Nist.NelsonModel>("Nist.Nelson", new ModelDomain([(1, 64), (1, 48)], [2.59, 5.6e-9, -0.0577])),
        ["Nist.Thurber"] = v => v.Visit<Nist.ThurberModel>("Nist.Thurber", X(-3.07, 2.2, 1288.1, 1491.1, 583.2, 75.4, 0.966, 0.398, 0.0497) with { Spread = 0.05 }),
        ["NistCSharp.Misra1a"] = v => v.Visit<NistCSharp.Misra1aModel>("NistCSharp.Misra1a", X(77.6, 778, 238.9, 5.5e-4)),
        ["NistCSharp.Bennett5"] = v => v.Visit<NistCSharp.Bennett5Model>("NistCSharp.Bennett5", X(7.4, 11.8, -2523.5, 46.74, 0.932)),
        ["NistCSharp.MGH09"] = v => v.Visit<NistCSharp.MGH09Model>("NistCSharp.MGH09", X(0.0625, 4, 0.1928, 0.1913, 0.1231, 0.1361)),
        ["NistCSharp.Thurber"] = v => v.Visit<NistCSharp.ThurberModel>("NistCSharp.Thurber", X(-3.07, 2.2, 1288.1, 1491.1, 583.2, 75.4, 0.966, 0.398, 0.0497) with { Spread = 0.05 }),
        ["NistCSharp.ENSO"] = v => v.Visit<NistCSharp.ENSOModel>("NistCSharp.ENSO", X(1, 168, 10.51, 3.08, 0.533, 44.31, -1.62, 0.526, 26.89, 0.213, 1.497)),
        ["Shapes.Surface"] = v => v.Visit<Shapes.SurfaceModel>("Shapes.Surface", new ModelDomain([(-2, 2), (-2, 2)], [2, 0.3, -0.2, 0.8, 1.2, 0.1, 0.5])),
        // The kink at x = c has no derivative with respect to c; stay clear of it by more than any difference step.
        ["Shapes.BrokenStick"] = v => v.Visit<Shapes.BrokenStickModel>("Shapes.BrokenStick",
            X(0, 10, 1, 2, 5, -1) with { Exclude = (x, p) => Math.Abs(x[0] - p[2]) < 0.5 }),
        ["Shapes.Shoulder"] = v => v.Visit<Shapes.ShoulderModel>("Shapes.Shoulder", X(-5, 5, 2, 0.5, 1.2, 0.7, 1.5, 0.3)),
        ["Mixtures.Lines"] = v => v.Visit<Models.Mixtures.LinesModel>("Mixtures.Lines", X(-10, 10, 1, 2)),
        ["Mixtures.Decays"] = v => v.Visit<Models.Mixtures.DecaysModel>("Mixtures.Decays", X(0, 5, 3, 0.7)),
        ["Shapes.Line"] = v => v.Visit<Shapes.LineModel>("Shapes.Line", X(-10, 10, 1, 2)),
        // Exponents on both sides of 1, and x = 0 in every sample, where x^b·ln x must be its limit 0.
        ["PowerFamily.Power"] = v => v.Visit<PowerFamily.PowerModel>("PowerFamily.Power", AtZero(X(0, 5, 2, 0.8, 0.5))),
        ["PowerFamily.Hill"] = v => v.Visit<PowerFamily.HillModel>("PowerFamily.Hill", AtZero(X(0, 10, 10, 2, 1.5))),
        ["PowerFamily.FourParameterLogistic"] = v => v.Visit<PowerFamily.FourParameterLogisticModel>("PowerFamily.FourParameterLogistic",
            AtZero(X(0, 10, 3, 0.9, 2, 0.5))),
        ["PowerFamily.Weibull"] = v => v.Visit<PowerFamily.WeibullModel>("PowerFamily.Weibull", AtZero(X(0, 10, 5, 3, 1.4))),
        ["Stable.Charging"] = v => v.Visit<Stable.ChargingModel>("Stable.Charging", AtZero(X(0, 10, 2, 3))),
        ["Stable.LogPower"] = v => v.Visit<Stable.LogPowerModel>("Stable.LogPower", AtZero(X(0, 10, 2, 1.5))),
        // max and min have kinks at x = c and x = h; stay clear of them by more than any difference step.
        ["Stable.HingePlateau"] = v => v.Visit<Stable.HingePlateauModel>("Stable.HingePlateau",
            X(0, 10, 1, 2, 3, -0.5, 7) with { Exclude = (x, p) => Math.Abs(x[0] - p[2]) < 0.5 || Math.Abs(x[0] - p[4]) < 0.5 }),
        // cbrt(x − x0) has an infinite derivative in x0 at x = x0.
        ["Stable.Curves"] = v => v.Visit<Stable.CurvesModel>("Stable.Curves",
            X(-5, 5, 2, 1, 0.5, 1.5, 0.3, 0.2) with { Exclude = (x, p) => Math.Abs(x[0] - p[1]) < 0.5 }),
        ["Stable.Step"] = v => v.Visit<Stable.StepModel>("Stable.Step", X(-5, 5, 2, 1.5, 0.5)),
        ["Stable.Arcsine"] = v => v.Visit<Stable.ArcsineModel>("Stable.Arcsine", X(-0.9, 0.9, 2, 1.5)),
        ["Stable.CSharp"] = v => v.Visit<Stable.CSharpModel>("Stable.CSharp",
            X(0.5, 5, 1.5, 0.4, 2.5) with { Exclude = (x, p) => Math.Abs(x[0] - p[1]) < 0.3 || Math.Abs(x[0] - p[2]) < 0.3 }),
        ["PowerFamily.PowerCSharp"] = v => v.Visit<PowerFamily.PowerCSharpModel>("PowerFamily.PowerCSharp", AtZero(X(0, 5, 2, 0.8))),
    };

}
