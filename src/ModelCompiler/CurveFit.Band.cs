// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler;

public static partial class CurveFit
{
    /// <summary>
    /// The fitted curve of <paramref name="fit"/> on the points <paramref name="x"/> (a fine grid, say) with its
    /// pointwise confidence band by the delta method, as lmfit's <c>ModelResult.eval_uncertainty</c>:
    /// ŷ ± t_{ν,(1+level)/2}·√(J C Jᵀ), with J the row of ∂ŷ/∂p at each point (the model's analytic Jacobian), C the
    /// fit's <see cref="CurveFitResult.Covariance"/> (so fixed parameters contribute nothing, and absolute or relative
    /// sigma is honoured exactly as the covariance honours it) and ν = n − k the fit's degrees of freedom.
    /// </summary>
    /// <param name="fit">A fit of <typeparamref name="TModel"/>.</param>
    /// <param name="x">The points: one value per point for a one-variable model, column-major n×V for V variables
    /// (variable v of point i at <c>x[v * n + i]</c>, the layout of <see cref="IModel"/>). Not modified.</param>
    /// <param name="level">The confidence level in (0, 1); null for the fit's <see cref="CurveFitResult.ConfidenceLevel"/>.</param>
    /// <returns>
    /// The band. When the fit's covariance is undefined (<see cref="CurveFitResult.CovarianceProblem"/>) or the fit has no
    /// degrees of freedom, the band is not an exception but collapses onto the curve, with
    /// <see cref="FitBand.Problem"/> saying why: the curve itself is still worth drawing. Where the model is not finite,
    /// the value and band are NaN or infinite at that point alone.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="fit"/> is not a fit of <typeparamref name="TModel"/>; the
    /// length of <paramref name="x"/> is not a multiple of the model's variable count; an x is not finite (the message
    /// names the index); <paramref name="level"/> is outside (0, 1).</exception>
    public static FitBand ConfidenceBand<TModel>(CurveFitResult fit, double[] x, double? level = null) where TModel : IModel
        => Band<TModel>(fit, x, level, null);

    /// <summary>
    /// <see cref="ConfidenceBand{TModel}(CurveFitResult, double[], double?)"/> on the points of a multi-variable model as
    /// <see cref="Fit{TModel}(double[,], double[], double[], FitSetup?, CurveFitOptions?, IProgress{FitProgress}?, CancellationToken)"/>
    /// takes them: <paramref name="x"/>[i, v] is variable v of point i.
    /// </summary>
    public static FitBand ConfidenceBand<TModel>(CurveFitResult fit, double[,] x, double? level = null) where TModel : IModel
        => Band<TModel>(fit, ColumnMajorVariables<TModel>(x), level, null);

    /// <summary>
    /// Where new observations at the points <paramref name="x"/> will fall: ŷ ± q·√(J C Jᵀ + σ²), the confidence band's
    /// variance of the curve plus a new observation's own. σ² is the fit's residual variance (its reduced χ²) for an
    /// unweighted fit; for a weighted one, the new observations' <paramref name="sigma"/>, squared and, with relative
    /// sigma, times the reduced χ², as the fit scaled its own sigma. q is Student's t with n − k degrees of freedom (with
    /// absolute sigma and none, the normal quantile), as for <see cref="ConfidenceBand{TModel}(CurveFitResult, double[], double?)"/>.
    /// </summary>
    /// <param name="fit">A fit of <typeparamref name="TModel"/>.</param>
    /// <param name="x">The points, as for the confidence band.</param>
    /// <param name="sigma">The new observations' σ at each point, in the units of the fit's sigma; required for a weighted
    /// fit (<see cref="CurveFitResult.IsWeighted"/>), refused for an unweighted one.</param>
    /// <param name="level">The level in (0, 1); null for the fit's <see cref="CurveFitResult.ConfidenceLevel"/>.</param>
    /// <exception cref="ArgumentException">As for the confidence band; and <paramref name="sigma"/> missing for a weighted
    /// fit, given for an unweighted one, of the wrong length, or not finite and positive.</exception>
    public static FitBand PredictionBand<TModel>(CurveFitResult fit, double[] x, double[]? sigma = null, double? level = null)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Length / TModel.VariableCount;
        if (fit.IsWeighted && sigma is null)
            throw new ArgumentException(
                "The fit was weighted, so a new observation's variance depends on its own σ: give sigma at each point, in the units of the fit's sigma.",
                nameof(sigma));
        if (!fit.IsWeighted && sigma is not null)
            throw new ArgumentException(
                "The fit was unweighted, so a new observation's variance is the fit's residual variance: leave sigma null.", nameof(sigma));
        if (sigma is not null && sigma.Length != n)
            throw new ArgumentException($"sigma has {sigma.Length} values for {n} points.", nameof(sigma));
        var noise = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = sigma?[i] ?? 1;
            if (!(s > 0 && double.IsFinite(s)))
                throw new ArgumentException($"sigma[{i}] is {s}; each σ must be finite and positive.", nameof(sigma));
            noise[i] = fit.AbsoluteSigma ? s * s : fit.ReducedChiSquare * s * s;
        }
        return Band<TModel>(fit, x, level, noise);
    }

    /// <summary>
    /// <see cref="PredictionBand{TModel}(CurveFitResult, double[], double[], double?)"/> on the points of a multi-variable
    /// model, a row per point.
    /// </summary>
    public static FitBand PredictionBand<TModel>(CurveFitResult fit, double[,] x, double[]? sigma = null, double? level = null)
        where TModel : IModel
        => PredictionBand<TModel>(fit, ColumnMajorVariables<TModel>(x), sigma, level);

    /// <summary>The band on <paramref name="x"/>: of the curve, or with <paramref name="noise"/> (a new observation's variance per point) of new observations.</summary>
    private static FitBand Band<TModel>(CurveFitResult fit, double[] x, double? level, double[]? noise) where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(x);
        int p = TModel.ParameterCount, v = TModel.VariableCount;
        if (fit.Formula != TModel.Formula || fit.ParameterNames.Count != p)
            throw new ArgumentException($"The fit is of '{fit.Formula}', not of the model '{TModel.Formula}'.", nameof(fit));
        if (x.Length % v != 0)
            throw new ArgumentException($"x has {x.Length} values, not a multiple of the model's {v} variables; give x column-major n×{v}.", nameof(x));
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"x[{i}] is {x[i]}; the band needs finite points.", nameof(x));
        double confidence = level ?? fit.ConfidenceLevel;
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentException($"level must lie in (0, 1), got {confidence}.", nameof(level));

        int n = x.Length / v;
        double[] parameters = fit.Parameters;
        var values = new double[n];
        var jacobian = new double[n * p];
        TModel.EvaluateWithJacobian(x, parameters, values, jacobian);

        string? problem = fit.CovarianceProblem;
        if (problem is null && fit.DegreesOfFreedom <= 0 && !fit.AbsoluteSigma)
            problem = $"the fit has no degrees of freedom (n = {fit.PointCount} points, k = {fit.FreeParameterCount} fitted parameters) for Student's t";
        var standardErrors = new double[n];
        if (problem is not null)
        {
            return new FitBand((double[])x.Clone(), values, (double[])values.Clone(), (double[])values.Clone(), confidence)
            {
                StandardErrors = standardErrors,
                TQuantile = double.NaN,
                Problem = problem,
            };
        }

        double[,] covariance = fit.Covariance;
        int[] free = Enumerable.Range(0, p).Where(j => !fit.Parameter(j).IsFixed).ToArray();
        // With σ known and no degrees of freedom, the normal quantile, where Student's t has none.
        double t = fit.DegreesOfFreedom > 0 ? StudentT.InverseCdf(0.5 + 0.5 * confidence, fit.DegreesOfFreedom)
                                            : StandardNormal.InverseCdf(0.5 + 0.5 * confidence);
        var lower = new double[n];
        var upper = new double[n];
        for (int i = 0; i < n; i++)
        {
            // J C Jᵀ over the free parameters, symmetric: the diagonal once, each off-diagonal pair twice.
            double variance = 0;
            for (int a = 0; a < free.Length; a++)
            {
                double ja = jacobian[free[a] * n + i];
                double row = covariance[free[a], free[a]] * ja;
                for (int b = 0; b < a; b++)
                    row += 2 * covariance[free[a], free[b]] * jacobian[free[b] * n + i];
                variance += ja * row;
            }
            // Rounding can leave a tiny negative variance where the curve is pinned (J C Jᵀ ≈ 0).
            double se = Math.Sqrt(Math.Max(variance, 0) + (noise?[i] ?? 0));
            standardErrors[i] = double.IsNaN(variance) ? double.NaN : se;
            lower[i] = values[i] - t * standardErrors[i];
            upper[i] = values[i] + t * standardErrors[i];
        }
        return new FitBand((double[])x.Clone(), values, lower, upper, confidence)
        {
            StandardErrors = standardErrors,
            TQuantile = t,
        };
    }
}
