// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.Ode;

namespace ModelCompiler.Plotting;

/// <summary>
/// Plots of ModelCompiler's results, written as PNG or SVG by the path's extension, headless (ScottPlot on SkiaSharp).
/// Legends stand outside the data area, on the right, so they never cover data.
/// </summary>
/// <remarks>
/// Each method checks the path before it draws: an extension other than <c>.png</c> or <c>.svg</c>, or a folder that does
/// not exist, is an <see cref="ArgumentException"/> naming the path. Data that do not fit the result (lengths, a
/// non-finite value, a model of the wrong dimension) are an <see cref="ArgumentException"/> naming the argument and index.
/// To change a plot before it is written, build it with <see cref="Figures"/> and call <see cref="Figure.Save"/>.
/// </remarks>
public static class Plots
{
    /// <summary>
    /// A curve fit: the data (with error bars when <see cref="FitPlotOptions.Sigma"/> is given), the fitted curve and its
    /// confidence band from <see cref="ModelCompiler.CurveFit.ConfidenceBand{TModel}(CurveFitResult, double[], double?)"/>
    /// (on a fine grid, say), and a residual panel below sharing the x axis.
    /// </summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="x">The data's x.</param>
    /// <param name="y">The data's y.</param>
    /// <param name="band">The fitted curve and band of a one-variable model; a band that is not defined draws the curve alone.</param>
    /// <param name="residuals">yᵢ − ŷ(xᵢ) at the data; null for no residual panel.</param>
    /// <param name="options">Size, labels, sigma; null for <see cref="FitPlotOptions.Default"/>.</param>
    public static void CurveFit(string path, double[] x, double[] y, FitBand band, double[]? residuals, FitPlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.CurveFit(x, y, band, residuals, options).Save(path);
    }

    /// <summary>
    /// A one-dimensional Gaussian mixture: each component's weighted density wₖ·N(x; μₖ, σₖ²) and their sum over a
    /// histogram of the data normalized to unit area.
    /// </summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="data">The data.</param>
    /// <param name="model">A fitted mixture of dimension 1.</param>
    /// <param name="options">Size, labels, bins; null for <see cref="MixturePlotOptions.Default"/>.</param>
    public static void Mixture1D(string path, double[] data, GaussianMixture model, MixturePlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.Mixture1D(data, model, options).Save(path);
    }

    /// <summary>
    /// A one-dimensional Gaussian mixture given by its parameters (from a variational or hand-made fit, say): each
    /// component's weighted density wₖ·N(x; μₖ, σₖ²) and their sum over a histogram of the data normalized to unit area.
    /// </summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="data">The data.</param>
    /// <param name="weights">The components' weights (not negative; they need not sum to 1).</param>
    /// <param name="means">The components' means.</param>
    /// <param name="variances">The components' variances (positive).</param>
    /// <param name="options">Size, labels, bins, component names; null for <see cref="MixturePlotOptions.Default"/>.</param>
    public static void Mixture1D(string path, double[] data, double[] weights, double[] means, double[] variances, MixturePlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.Mixture1D(data, weights, means, variances, options).Save(path);
    }

    /// <summary>
    /// A Gaussian mixture in two of its dimensions, as scikit-learn's GMM covariance-type example draws it: the points
    /// coloured by their most probable component, each component's mean and its 1, 2 and 3σ ellipses (the Mahalanobis
    /// contours of the component's covariance in those two dimensions).
    /// </summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="data">The data, one row per point, as the mixture was fitted.</param>
    /// <param name="model">A fitted mixture of dimension ≥ 2.</param>
    /// <param name="options">Size, labels, the two dimensions, the ellipses; null for <see cref="MixturePlotOptions.Default"/>.</param>
    public static void Mixture2D(string path, double[,] data, GaussianMixture model, MixturePlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.Mixture2D(data, model, options).Save(path);
    }

    /// <summary>
    /// A mixture of regressions: the points coloured by their responsibilities (the blend of the component colours, each
    /// weighted by the point's posterior probability of that component) and each component's curve.
    /// </summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="x">The data's x (one variable), as the mixture was fitted.</param>
    /// <param name="y">The data's y.</param>
    /// <param name="fit">The fitted mixture; its responsibilities are of these points.</param>
    /// <param name="componentCurve">Component k's curve at x, e.g. <c>(k, x) => Model.F(x, fit.Components[k][0], …)</c>.</param>
    /// <param name="options">Size, labels, component names; null for <see cref="MixturePlotOptions.Default"/>.</param>
    public static void RegressionMixture(string path, double[] x, double[] y, RegressionMixtureResult fit,
                                         Func<int, double, double> componentCurve, MixturePlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.RegressionMixture(x, y, fit, componentCurve, options).Save(path);
    }

    /// <summary>
    /// The states of an ODE solution against t (smooth from the dense solution when there is one), with the measurements
    /// of <see cref="OdePlotOptions.Observations"/> as markers in their state's colour.
    /// </summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="result">The solution.</param>
    /// <param name="options">Size, labels, the states to draw, observations; null for <see cref="OdePlotOptions.Default"/>.</param>
    public static void Trajectories(string path, OdeResult result, OdePlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.Trajectories(result, options).Save(path);
    }

    /// <summary>A phase portrait: state <paramref name="j"/> against state <paramref name="i"/>, with a marker at the start.</summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="result">The solution.</param>
    /// <param name="i">The state drawn across.</param>
    /// <param name="j">The state drawn up.</param>
    /// <param name="options">Size, labels; null for <see cref="OdePlotOptions.Default"/>.</param>
    public static void Phase(string path, OdeResult result, int i, int j, OdePlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.Phase(result, i, j, options).Save(path);
    }

    /// <summary>Several solutions of one system in one phase portrait (nearby starts of a chaotic system, say).</summary>
    /// <param name="path">The image file, <c>.png</c> or <c>.svg</c>.</param>
    /// <param name="results">The solutions; <see cref="OdePlotOptions.RunNames"/> names them in the legend.</param>
    /// <param name="i">The state drawn across.</param>
    /// <param name="j">The state drawn up.</param>
    /// <param name="options">Size, labels, run names; null for <see cref="OdePlotOptions.Default"/>.</param>
    public static void Phase(string path, IReadOnlyList<OdeResult> results, int i, int j, OdePlotOptions? options = null)
    {
        FigurePath.Check(path);
        Figures.Phase(results, i, j, options).Save(path);
    }
}
