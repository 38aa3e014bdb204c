// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>Mixtures of regressions declared as users declare them: [Model] with [MixtureModel] beside it.</summary>
public static partial class RegressionModels
{
    [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Gaussian)]
    public static partial double Line(double x, double a, double b);

    [Model("a + b*x"), MixtureModel(Components = 3)]
    public static partial double ThreeLines(double x, double a, double b);

    [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Laplace)]
    public static partial double LaplaceLine(double x, double a, double b);

    [Model("a + b*x + c*x^2"), MixtureModel(Components = 2)]
    public static partial double Parabola(double x, double a, double b, double c);

    [Model("a + b*x"), MixtureModel(Components = 1)]
    public static partial double SingleLine(double x, double a, double b);

    [Model("a + b*u + c*v"), MixtureModel(Components = 2)]
    public static partial double Planes([Variable] double u, [Variable] double v, double a, double b, double c);
}

/// <summary>
/// The line a + b·x behind an <see cref="IModel"/> that does not claim linearity, so the mixture's M-step takes the
/// weighted Levenberg–Marquardt route; written by hand as the generator would.
/// </summary>
internal readonly struct OpaqueLineModel : IModel
{
    public static string Formula => RegressionModels.LineModel.Formula;
    public static int ParameterCount => 2;
    public static int VariableCount => 1;
    public static IReadOnlyList<string> ParameterNames => RegressionModels.LineModel.ParameterNames;
    public static IReadOnlyList<string> VariableNames => RegressionModels.LineModel.VariableNames;
    public static bool IsLinearInParameters => false;

    public static void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, Span<double> values) =>
        RegressionModels.LineModel.Evaluate(x, parameters, values);

    public static void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, Span<double> values,
                                            Span<double> jacobian) =>
        RegressionModels.LineModel.EvaluateWithJacobian(x, parameters, values, jacobian);

    public static void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                 ReadOnlySpan<double> sqrtWeights, Span<double> residuals, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<OpaqueLineModel>(x, xStride, parameters, y, sqrtWeights, residuals, sums);

    public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, ReadOnlySpan<double> y,
                                                      ReadOnlySpan<double> sqrtWeights, Span<double> sums)
        => ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<OpaqueLineModel>(x, parameters, y, sqrtWeights, sums);
}

/// <summary>Two Gaussian components over <see cref="OpaqueLineModel"/>, the hand-written form of a generated mixture.</summary>
internal readonly struct OpaqueLineMixture : IRegressionMixture<OpaqueLineModel>
{
    public static int Components => 2;
    public static Noise Noise => Noise.Gaussian;

    public static void ComponentLogDensities(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters,
                                             ReadOnlySpan<double> scales, Span<double> residuals, Span<double> logDensity) =>
        RegressionModels.LineMixture.ComponentLogDensities(x, y, parameters, scales, residuals, logDensity);
}

/// <summary>Two Laplace components over <see cref="OpaqueLineModel"/>: IRLS with a Levenberg–Marquardt fit per reweighting.</summary>
internal readonly struct OpaqueLaplaceLineMixture : IRegressionMixture<OpaqueLineModel>
{
    public static int Components => 2;
    public static Noise Noise => Noise.Laplace;

    public static void ComponentLogDensities(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters,
                                             ReadOnlySpan<double> scales, Span<double> residuals, Span<double> logDensity) =>
        RegressionModels.LaplaceLineMixture.ComponentLogDensities(x, y, parameters, scales, residuals, logDensity);
}
