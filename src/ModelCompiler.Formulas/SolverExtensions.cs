// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler;

/// <summary>
/// The solvers' generic methods for run-time models: <c>CurveFit.Fit(model, …)</c> is <c>CurveFit.Fit&lt;TModel&gt;(…)</c>
/// with the compiled model's type, every overload with the same parameters and defaults.
/// </summary>
public static class CompiledModelSolvers
{
    extension(CurveFit)
    {
        /// <summary><see cref="CurveFit.Fit{TModel}(double[], double[], double[], CurveFitOptions?, CancellationToken)"/> for a run-time model.</summary>
        public static CurveFitResult Fit(CompiledModel model, double[] x, double[] y, double[] initial, CurveFitOptions? options = null,
                                         CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitVisitor(x, y, initial, options, cancellationToken));

        /// <summary><see cref="CurveFit.Fit{TModel}(double[], double[], double[], double[], CurveFitOptions?, CancellationToken)"/> for a run-time model.</summary>
        public static CurveFitResult Fit(CompiledModel model, double[] x, double[] y, double[] initial, double[]? sigma,
                                         CurveFitOptions? options = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitSigmaVisitor(x, y, initial, sigma, options, cancellationToken));

        /// <summary><see cref="CurveFit.Fit{TModel}(double[,], double[], double[], FitSetup?, CurveFitOptions?, IProgress{FitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static CurveFitResult Fit(CompiledModel model, double[,] x, double[] y, double[] initial, FitSetup? setup = null,
                                         CurveFitOptions? options = null, IProgress<FitProgress>? progress = null,
                                         CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitMatrixVisitor(x, y, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.Fit{TModel}(double[], double[], double[], FitSetup, CurveFitOptions?, IProgress{FitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static CurveFitResult Fit(CompiledModel model, double[] x, double[] y, double[] initial, FitSetup setup,
                                         CurveFitOptions? options = null, IProgress<FitProgress>? progress = null,
                                         CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitSetupVisitor(x, y, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitLinear{TModel}(double[], double[], FitSetup?, CurveFitOptions?)"/> for a run-time model.</summary>
        public static CurveFitResult FitLinear(CompiledModel model, double[] x, double[] y, FitSetup? setup = null, CurveFitOptions? options = null) =>
            Model(model).Accept(new FitLinearVisitor(x, y, setup, options));

        /// <summary><see cref="CurveFit.GuessInitial{TModel}(double[], double[], FitSetup?, double[], CancellationToken)"/> for a run-time model.</summary>
        public static double[] GuessInitial(CompiledModel model, double[] x, double[] y, FitSetup? setup = null, double[]? known = null,
                                            CancellationToken cancellationToken = default) =>
            Model(model).Accept(new GuessInitialVisitor(x, y, setup, known, cancellationToken));

        /// <summary><see cref="CurveFit.FitGlobal{TModel}(double[], double[], double[], MultiStartOptions?, CurveFitOptions?, CancellationToken)"/> for a run-time model.</summary>
        public static CurveFitResult FitGlobal(CompiledModel model, double[] x, double[] y, double[] initial, MultiStartOptions? multiStart = null,
                                               CurveFitOptions? options = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitGlobalVisitor(x, y, initial, multiStart, options, cancellationToken));

        /// <summary><see cref="CurveFit.FitGlobal{TModel}(double[], double[], double[], FitSetup, MultiStartOptions?, CurveFitOptions?, IProgress{MultiStartProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static CurveFitResult FitGlobal(CompiledModel model, double[] x, double[] y, double[] initial, FitSetup setup,
                                               MultiStartOptions? multiStart = null, CurveFitOptions? options = null,
                                               IProgress<MultiStartProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitGlobalSetupVisitor(x, y, initial, setup, multiStart, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitGlobal{TModel}(double[,], double[], double[], FitSetup?, MultiStartOptions?, CurveFitOptions?, IProgress{MultiStartProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static CurveFitResult FitGlobal(CompiledModel model, double[,] x, double[] y, double[] initial, FitSetup? setup = null,
                                               MultiStartOptions? multiStart = null, CurveFitOptions? options = null,
                                               IProgress<MultiStartProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitGlobalMatrixVisitor(x, y, initial, setup, multiStart, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(double[], double[,], double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitResult FitMany(CompiledModel model, double[] x, double[,] y, double[] initial, BatchFitSetup? setup = null,
                                             CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                             CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyVisitor(x, y, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(double[], double[,], double[,], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitResult FitMany(CompiledModel model, double[] x, double[,] y, double[,] initial, BatchFitSetup? setup = null,
                                             CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                             CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyInitialsVisitor(x, y, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(double[,], double[,], double[,], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitResult FitMany(CompiledModel model, double[,] x, double[,] y, double[,] initial, BatchFitSetup? setup = null,
                                             CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                             CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyMatrixVisitor(x, y, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitProgress FitMany(CompiledModel model, double[] x, ICurveReader reader, IBatchFitWriter writer, double[] initial,
                                               BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                               IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyStreamVisitor(x, reader, writer, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(double[], double[,], CurveStart, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitResult FitMany(CompiledModel model, double[] x, double[,] y, CurveStart initial, BatchFitSetup? setup = null,
                                             CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                             CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyRuleVisitor(x, y, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, CurveStart, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitProgress FitMany(CompiledModel model, double[] x, ICurveReader reader, IBatchFitWriter writer, CurveStart initial,
                                               BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                               IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyStreamRuleVisitor(x, reader, writer, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitProgress FitMany(CompiledModel model, ICurveReader reader, IBatchFitWriter writer, double[] initial,
                                               BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                               IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyStreamOwnXVisitor(reader, writer, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(ICurveReader, IBatchFitWriter, CurveStartOnX, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitProgress FitMany(CompiledModel model, ICurveReader reader, IBatchFitWriter writer, CurveStartOnX initial,
                                               BatchFitSetup? setup = null, CurveFitOptions? options = null,
                                               IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyStreamOwnXRuleVisitor(reader, writer, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.FitMany{TModel}(double[,], double[,], CurveStartOnX, BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/> for a run-time model.</summary>
        public static BatchFitResult FitMany(CompiledModel model, double[,] x, double[,] y, CurveStartOnX initial, BatchFitSetup? setup = null,
                                             CurveFitOptions? options = null, IProgress<BatchFitProgress>? progress = null,
                                             CancellationToken cancellationToken = default) =>
            Model(model).Accept(new FitManyOwnXRuleVisitor(x, y, initial, setup, options, progress, cancellationToken));

        /// <summary><see cref="CurveFit.StartSolvingLinear{TModel}"/> for a run-time model.</summary>
        public static CurveStart StartSolvingLinear(CompiledModel model, double[] x, double[] initial, FitSetup? setup = null) =>
            Model(model).Accept(new StartSolvingLinearVisitor(x, initial, setup));

        /// <summary><see cref="CurveFit.StartSolvingLinearOnOwnX{TModel}"/> for a run-time model.</summary>
        public static CurveStartOnX StartSolvingLinearOnOwnX(CompiledModel model, double[] initial, FitSetup? setup = null) =>
            Model(model).Accept(new StartSolvingLinearOnOwnXVisitor(initial, setup));
    }

    extension(CurveFit)
    {
        /// <summary><see cref="CurveFit.ConfidenceBand{TModel}(CurveFitResult, double[], double?)"/> for a fit of a run-time model.</summary>
        public static FitBand ConfidenceBand(CompiledModel model, CurveFitResult fit, double[] x, double? level = null) =>
            Model(model).Accept(new BandVisitor(fit, x, level));

        /// <summary><see cref="CurveFit.PredictionBand{TModel}(CurveFitResult, double[], double[], double?)"/> for a fit of a run-time model.</summary>
        public static FitBand PredictionBand(CompiledModel model, CurveFitResult fit, double[] x, double[]? sigma = null, double? level = null) =>
            Model(model).Accept(new PredictionBandVisitor(fit, x, sigma, level));
    }

    extension(RegressionMixture)
    {
        /// <summary><c>RegressionMixture.Fit</c> for a run-time mixture.</summary>
        public static RegressionMixtureResult Fit(CompiledMixture mixture, double[] x, double[] y, RegressionMixtureOptions? options = null,
                                                  IProgress<EmProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Mixture(mixture).Accept(new MixtureFitVisitor(x, y, options, progress, cancellationToken));

        /// <summary><see cref="RegressionMixture.PredictProba{TMixture, TModel}"/> for a run-time mixture.</summary>
        public static double[,] PredictProba(CompiledMixture mixture, double[] x, double[] y, double[] weights, double[,] parameters, double[] scales) =>
            Mixture(mixture).Accept(new MixtureEvaluateVisitor<double[,]>(x, y, weights, parameters, scales, MixtureQuery.PredictProba));

        /// <summary><see cref="RegressionMixture.Predict{TMixture, TModel}"/> for a run-time mixture.</summary>
        public static int[] Predict(CompiledMixture mixture, double[] x, double[] y, double[] weights, double[,] parameters, double[] scales) =>
            Mixture(mixture).Accept(new MixtureEvaluateVisitor<int[]>(x, y, weights, parameters, scales, MixtureQuery.Predict));

        /// <summary><see cref="RegressionMixture.ScoreSamples{TMixture, TModel}"/> for a run-time mixture.</summary>
        public static double[] ScoreSamples(CompiledMixture mixture, double[] x, double[] y, double[] weights, double[,] parameters, double[] scales) =>
            Mixture(mixture).Accept(new MixtureEvaluateVisitor<double[]>(x, y, weights, parameters, scales, MixtureQuery.ScoreSamples));

        /// <summary><see cref="RegressionMixture.Score{TMixture, TModel}"/> for a run-time mixture.</summary>
        public static double Score(CompiledMixture mixture, double[] x, double[] y, double[] weights, double[,] parameters, double[] scales) =>
            Mixture(mixture).Accept(new MixtureEvaluateVisitor<double>(x, y, weights, parameters, scales, MixtureQuery.Score));
    }

    private sealed class FitVisitor(double[] x, double[] y, double[] initial, CurveFitOptions? options, CancellationToken token) : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.Fit<TModel>(x, y, initial, options, token);
    }

    private sealed class FitSigmaVisitor(double[] x, double[] y, double[] initial, double[]? sigma, CurveFitOptions? options, CancellationToken token)
        : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.Fit<TModel>(x, y, initial, sigma, options, token);
    }

    private sealed class FitMatrixVisitor(double[,] x, double[] y, double[] initial, FitSetup? setup, CurveFitOptions? options,
                                          IProgress<FitProgress>? progress, CancellationToken token) : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.Fit<TModel>(x, y, initial, setup, options, progress, token);
    }

    private sealed class FitSetupVisitor(double[] x, double[] y, double[] initial, FitSetup setup, CurveFitOptions? options,
                                         IProgress<FitProgress>? progress, CancellationToken token) : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.Fit<TModel>(x, y, initial, setup, options, progress, token);
    }

    private sealed class BandVisitor(CurveFitResult fit, double[] x, double? level) : IModelVisitor<FitBand>
    {
        public FitBand Visit<TModel>() where TModel : struct, IModel => CurveFit.ConfidenceBand<TModel>(fit, x, level);
    }

    private sealed class PredictionBandVisitor(CurveFitResult fit, double[] x, double[]? sigma, double? level) : IModelVisitor<FitBand>
    {
        public FitBand Visit<TModel>() where TModel : struct, IModel => CurveFit.PredictionBand<TModel>(fit, x, sigma, level);
    }

    private sealed class FitLinearVisitor(double[] x, double[] y, FitSetup? setup, CurveFitOptions? options) : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.FitLinear<TModel>(x, y, setup, options);
    }

    private sealed class GuessInitialVisitor(double[] x, double[] y, FitSetup? setup, double[]? known, CancellationToken token)
        : IModelVisitor<double[]>
    {
        public double[] Visit<TModel>() where TModel : struct, IModel => CurveFit.GuessInitial<TModel>(x, y, setup, known, token);
    }

    private sealed class FitGlobalVisitor(double[] x, double[] y, double[] initial, MultiStartOptions? multiStart, CurveFitOptions? options,
                                          CancellationToken token) : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.FitGlobal<TModel>(x, y, initial, multiStart, options, token);
    }

    private sealed class FitGlobalSetupVisitor(double[] x, double[] y, double[] initial, FitSetup setup, MultiStartOptions? multiStart,
                                               CurveFitOptions? options, IProgress<MultiStartProgress>? progress, CancellationToken token)
        : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitGlobal<TModel>(x, y, initial, setup, multiStart, options, progress, token);
    }

    private sealed class FitGlobalMatrixVisitor(double[,] x, double[] y, double[] initial, FitSetup? setup, MultiStartOptions? multiStart,
                                                CurveFitOptions? options, IProgress<MultiStartProgress>? progress, CancellationToken token)
        : IModelVisitor<CurveFitResult>
    {
        public CurveFitResult Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitGlobal<TModel>(x, y, initial, setup, multiStart, options, progress, token);
    }

    private sealed class FitManyVisitor(double[] x, double[,] y, double[] initial, BatchFitSetup? setup, CurveFitOptions? options,
                                        IProgress<BatchFitProgress>? progress, CancellationToken token) : IModelVisitor<BatchFitResult>
    {
        public BatchFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.FitMany<TModel>(x, y, initial, setup, options, progress, token);
    }

    private sealed class FitManyInitialsVisitor(double[] x, double[,] y, double[,] initial, BatchFitSetup? setup, CurveFitOptions? options,
                                                IProgress<BatchFitProgress>? progress, CancellationToken token) : IModelVisitor<BatchFitResult>
    {
        public BatchFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.FitMany<TModel>(x, y, initial, setup, options, progress, token);
    }

    private sealed class FitManyMatrixVisitor(double[,] x, double[,] y, double[,] initial, BatchFitSetup? setup, CurveFitOptions? options,
                                              IProgress<BatchFitProgress>? progress, CancellationToken token) : IModelVisitor<BatchFitResult>
    {
        public BatchFitResult Visit<TModel>() where TModel : struct, IModel => CurveFit.FitMany<TModel>(x, y, initial, setup, options, progress, token);
    }

    private sealed class FitManyStreamVisitor(double[] x, ICurveReader reader, IBatchFitWriter writer, double[] initial, BatchFitSetup? setup,
                                              CurveFitOptions? options, IProgress<BatchFitProgress>? progress, CancellationToken token)
        : IModelVisitor<BatchFitProgress>
    {
        public BatchFitProgress Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitMany<TModel>(x, reader, writer, initial, setup, options, progress, token);
    }

    private sealed class FitManyRuleVisitor(double[] x, double[,] y, CurveStart initial, BatchFitSetup? setup, CurveFitOptions? options,
                                            IProgress<BatchFitProgress>? progress, CancellationToken token) : IModelVisitor<BatchFitResult>
    {
        public BatchFitResult Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitMany<TModel>(x, y, initial, setup, options, progress, token);
    }

    private sealed class FitManyStreamRuleVisitor(double[] x, ICurveReader reader, IBatchFitWriter writer, CurveStart initial,
                                                  BatchFitSetup? setup, CurveFitOptions? options, IProgress<BatchFitProgress>? progress,
                                                  CancellationToken token) : IModelVisitor<BatchFitProgress>
    {
        public BatchFitProgress Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitMany<TModel>(x, reader, writer, initial, setup, options, progress, token);
    }

    private sealed class FitManyStreamOwnXVisitor(ICurveReader reader, IBatchFitWriter writer, double[] initial, BatchFitSetup? setup,
                                                  CurveFitOptions? options, IProgress<BatchFitProgress>? progress, CancellationToken token)
        : IModelVisitor<BatchFitProgress>
    {
        public BatchFitProgress Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitMany<TModel>(reader, writer, initial, setup, options, progress, token);
    }

    private sealed class FitManyStreamOwnXRuleVisitor(ICurveReader reader, IBatchFitWriter writer, CurveStartOnX initial, BatchFitSetup? setup,
                                                      CurveFitOptions? options, IProgress<BatchFitProgress>? progress, CancellationToken token)
        : IModelVisitor<BatchFitProgress>
    {
        public BatchFitProgress Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitMany<TModel>(reader, writer, initial, setup, options, progress, token);
    }

    private sealed class FitManyOwnXRuleVisitor(double[,] x, double[,] y, CurveStartOnX initial, BatchFitSetup? setup, CurveFitOptions? options,
                                                IProgress<BatchFitProgress>? progress, CancellationToken token) : IModelVisitor<BatchFitResult>
    {
        public BatchFitResult Visit<TModel>() where TModel : struct, IModel =>
            CurveFit.FitMany<TModel>(x, y, initial, setup, options, progress, token);
    }

    private sealed class StartSolvingLinearOnOwnXVisitor(double[] initial, FitSetup? setup) : IModelVisitor<CurveStartOnX>
    {
        public CurveStartOnX Visit<TModel>() where TModel : struct, IModel => CurveFit.StartSolvingLinearOnOwnX<TModel>(initial, setup);
    }

    private sealed class StartSolvingLinearVisitor(double[] x, double[] initial, FitSetup? setup) : IModelVisitor<CurveStart>
    {
        public CurveStart Visit<TModel>() where TModel : struct, IModel => CurveFit.StartSolvingLinear<TModel>(x, initial, setup);
    }

    private sealed class MixtureFitVisitor(double[] x, double[] y, RegressionMixtureOptions? options, IProgress<EmProgress>? progress,
                                           CancellationToken token) : IMixtureVisitor<RegressionMixtureResult>
    {
        public RegressionMixtureResult Visit<TMixture, TModel>() where TMixture : IRegressionMixture<TModel> where TModel : struct, IModel =>
            RegressionMixture.Fit<TMixture, TModel>(x, y, options, progress, token);
    }

    private enum MixtureQuery { PredictProba, Predict, ScoreSamples, Score }

    private sealed class MixtureEvaluateVisitor<TResult>(double[] x, double[] y, double[] weights, double[,] parameters, double[] scales,
                                                         MixtureQuery query) : IMixtureVisitor<TResult>
    {
        public TResult Visit<TMixture, TModel>() where TMixture : IRegressionMixture<TModel> where TModel : struct, IModel => query switch
        {
            MixtureQuery.PredictProba => (TResult)(object)RegressionMixture.PredictProba<TMixture, TModel>(x, y, weights, parameters, scales),
            MixtureQuery.Predict => (TResult)(object)RegressionMixture.Predict<TMixture, TModel>(x, y, weights, parameters, scales),
            MixtureQuery.ScoreSamples => (TResult)(object)RegressionMixture.ScoreSamples<TMixture, TModel>(x, y, weights, parameters, scales),
            _ => (TResult)(object)RegressionMixture.Score<TMixture, TModel>(x, y, weights, parameters, scales),
        };
    }


    private static CompiledModel Model(CompiledModel model) => model ?? throw new ArgumentNullException(nameof(model));

    private static CompiledMixture Mixture(CompiledMixture mixture) => mixture ?? throw new ArgumentNullException(nameof(mixture));
}
