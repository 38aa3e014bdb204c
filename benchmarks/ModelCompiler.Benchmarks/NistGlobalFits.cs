// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Tests.LeastSquares.Nist;
using NistModels = ModelCompiler.Generators.Tests.Models.Nist;

namespace ModelCompiler.Benchmarks;

/// <summary>The NIST StRD problems fitted by <see cref="CurveFit.FitGlobal{TModel}(double[], double[], double[], MultiStartOptions?, CurveFitOptions?, CancellationToken)"/>, the start as its initial values.</summary>
public static class NistGlobalFits
{
    public static Func<NistProblem, double[], CurveFitOptions?, CurveFitResult> For(string name, MultiStartOptions multiStart)
        => name switch
        {
            "Misra1a" => Fit<NistModels.Misra1aModel>(multiStart),
            "Chwirut2" => Fit<NistModels.Chwirut2Model>(multiStart),
            "DanWood" => Fit<NistModels.DanWoodModel>(multiStart),
            "Gauss1" => Fit<NistModels.Gauss1Model>(multiStart),
            "Lanczos3" or "Lanczos1" => Fit<NistModels.LanczosModel>(multiStart),
            "Misra1c" => Fit<NistModels.Misra1cModel>(multiStart),
            "Kirby2" => Fit<NistModels.Kirby2Model>(multiStart),
            "Hahn1" => Fit<NistModels.Hahn1Model>(multiStart),
            "Nelson" => Fit<NistModels.NelsonModel>(multiStart, logResponse: true),
            "MGH17" => Fit<NistModels.MGH17Model>(multiStart),
            "ENSO" => Fit<NistModels.ENSOModel>(multiStart),
            "MGH09" => Fit<NistModels.MGH09Model>(multiStart),
            "Thurber" => Fit<NistModels.ThurberModel>(multiStart),
            "BoxBOD" => Fit<NistModels.BoxBODModel>(multiStart),
            "MGH10" => Fit<NistModels.MGH10Model>(multiStart),
            "Bennett5" => Fit<NistModels.Bennett5Model>(multiStart),
            _ => throw new ArgumentException($"No NIST problem named '{name}'.", nameof(name)),
        };

    private static Func<NistProblem, double[], CurveFitOptions?, CurveFitResult> Fit<TModel>(MultiStartOptions multiStart, bool logResponse = false)
        where TModel : IModel
        => (problem, start, options) => CurveFit.FitGlobal<TModel>(
            problem.X, logResponse ? problem.Y.Select(v => Math.Log(v)).ToArray() : problem.Y, start, multiStart, options);
}
