// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using NistModels = ModelCompiler.Generators.Tests.Models.Nist;

namespace ModelCompiler.Tests.LeastSquares.Nist;

/// <summary>
/// The problems of the suite with their models, and the log relative error by which Ceres and the
/// StRD literature score a solver: LRE = −log10(|b − c|/|c|), capped at 11.
/// </summary>
public static class NistSuite
{
    public const double LreCap = 11;

    /// <summary>Every problem of the suite, with the function that fits its model from a start.</summary>
    public static IReadOnlyList<(string Name, Func<NistProblem, double[], CurveFitOptions?, CurveFitResult> Fit)> Problems { get; } =
    [
        ("Misra1a", Fit<NistModels.Misra1aModel>),
        ("Chwirut2", Fit<NistModels.Chwirut2Model>),
        ("DanWood", Fit<NistModels.DanWoodModel>),
        ("Gauss1", Fit<NistModels.Gauss1Model>),
        ("Lanczos3", Fit<NistModels.LanczosModel>),
        ("Misra1c", Fit<NistModels.Misra1cModel>),
        ("Kirby2", Fit<NistModels.Kirby2Model>),
        ("Hahn1", Fit<NistModels.Hahn1Model>),
        ("Nelson", FitLogResponse<NistModels.NelsonModel>),
        ("MGH17", Fit<NistModels.MGH17Model>),
        ("Lanczos1", Fit<NistModels.LanczosModel>),
        ("ENSO", Fit<NistModels.ENSOModel>),
        ("MGH09", Fit<NistModels.MGH09Model>),
        ("Thurber", Fit<NistModels.ThurberModel>),
        ("BoxBOD", Fit<NistModels.BoxBODModel>),
        ("MGH10", Fit<NistModels.MGH10Model>),
        ("Bennett5", Fit<NistModels.Bennett5Model>),
    ];

    public static CurveFitResult Fit<TModel>(NistProblem problem, double[] start, CurveFitOptions? options)
        where TModel : IModel
        => CurveFit.Fit<TModel>(problem.X, problem.Y, start, options);

    /// <summary>For models stated for log(y): the response is the logarithm of the data's y.</summary>
    public static CurveFitResult FitLogResponse<TModel>(NistProblem problem, double[] start, CurveFitOptions? options)
        where TModel : IModel
        => CurveFit.Fit<TModel>(problem.X, problem.Y.Select(v => Math.Log(v)).ToArray(), start, options);

    /// <summary>min over j of −log10(|estimate_j − certified_j|/|certified_j|), capped; 0 when non-finite.</summary>
    public static double Lre(IReadOnlyList<double> estimate, IReadOnlyList<double> certified)
    {
        double lre = LreCap;
        for (int j = 0; j < certified.Count; j++)
            lre = Math.Min(lre, Lre(estimate[j], certified[j]));
        return lre;
    }

    public static double Lre(double estimate, double certified)
    {
        if (!double.IsFinite(estimate))
            return 0;
        double relative = Math.Abs(estimate - certified) / Math.Abs(certified);
        if (relative == 0)
            return LreCap;
        return Math.Clamp(-Math.Log10(relative), 0, LreCap);
    }
}
