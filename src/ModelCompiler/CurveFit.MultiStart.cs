// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.LeastSquares;

namespace ModelCompiler;

public static partial class CurveFit
{
    /// <summary>
    /// Fits from several starts and returns the best fit: Levenberg–Marquardt from the caller's
    /// <paramref name="initial"/> values and from <see cref="MultiStartOptions.StartCount"/> − 1 more drawn around
    /// them (a seeded Latin hypercube within a factor of ten by default; see <see cref="MultiStartOptions"/>), on all
    /// cores. For fits that a single start sends into a local minimum or a plateau.
    /// </summary>
    /// <remarks>
    /// This overload wins when the fourth argument is the literal <c>null</c>: <c>FitGlobal(x, y, initial, null)</c>
    /// means default multi-start options.
    /// </remarks>
    [OverloadResolutionPriority(1)]
    public static CurveFitResult FitGlobal<TModel>(double[] x, double[] y, double[] initial, MultiStartOptions? multiStart = null,
                                                   CurveFitOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : IModel
        => FitGlobal<TModel>(x, y, initial, FitSetup.None, multiStart, options, null, cancellationToken);

    /// <summary>
    /// Fits from several starts with weights or sigma, bounds and fixed parameters in <paramref name="setup"/>, and
    /// returns the best fit: the lowest residual sum of squares among the starts where the model was finite, ties to
    /// the earlier start. <see cref="CurveFitResult.MultiStart"/> lists every start's termination and RSS and counts
    /// the starts that reached the best RSS.
    /// </summary>
    /// <param name="x">The points, as for <see cref="Fit{TModel}(double[], double[], double[], FitSetup, CurveFitOptions?, IProgress{FitProgress}?, CancellationToken)"/>.</param>
    /// <param name="y">The values.</param>
    /// <param name="initial">Start 0, and the centre of the box the other starts are drawn from.</param>
    /// <param name="setup">Weights or sigma, bounds (a parameter with two finite bounds is drawn over them; every start
    /// lies within the bounds) and fixed parameters (they keep their initial value in every start).</param>
    /// <param name="multiStart">How many starts, the seed, the spread, early stopping; null for <see cref="MultiStartOptions.Default"/>.</param>
    /// <param name="options">The options of every start's fit (each start gets the whole evaluation budget).
    /// <see cref="CurveFitOptions.MaxDegreeOfParallelism"/> bounds the starts run at once.</param>
    /// <param name="progress">One report per finished start, from the worker threads.</param>
    /// <param name="cancellationToken">Throws <see cref="OperationCanceledException"/> when cancelled.</param>
    /// <remarks>
    /// Each start's fit is exactly the single fit from that start, and the winner is picked by a fixed rule once its
    /// round has finished, so the result is the same, bit for bit, on any number of threads. A start where the model
    /// or its Jacobian is not finite counts as failed (<see cref="StartOutcome.Error"/>); when every start fails, the
    /// caller's start's <see cref="ArgumentException"/> is thrown. Bad input throws as the single fit does.
    /// </remarks>
    public static CurveFitResult FitGlobal<TModel>(double[] x, double[] y, double[] initial, FitSetup setup,
                                                   MultiStartOptions? multiStart = null, CurveFitOptions? options = null,
                                                   IProgress<MultiStartProgress>? progress = null,
                                                   CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        options ??= CurveFitOptions.Default;
        var problem = CheckedProblem<TModel>(x, y, initial, setup, options);
        multiStart ??= MultiStartOptions.Default;
        multiStart.Validate();
        CurveFitResult fit = MultiStartSearch.Run<TModel>(problem, multiStart, options, progress, cancellationToken);
        return options.KeepStartLabels ? ExchangeableTerms.Relabel<TModel>(fit, problem) : fit;
    }

    /// <summary>Fits a multi-variable model from several starts; <paramref name="x"/>[i, v] is variable v of point i.</summary>
    public static CurveFitResult FitGlobal<TModel>(double[,] x, double[] y, double[] initial, FitSetup? setup = null,
                                                   MultiStartOptions? multiStart = null, CurveFitOptions? options = null,
                                                   IProgress<MultiStartProgress>? progress = null,
                                                   CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        return FitGlobal<TModel>(ColumnMajorVariables<TModel>(x), y, initial, setup ?? FitSetup.None, multiStart, options, progress, cancellationToken);
    }
}
