// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.Ode;

namespace ModelCompiler.Plotting;

/// <summary>
/// The figures of <see cref="Plots"/>, built but not written: change their ScottPlot panels
/// (<see cref="Figure.Panels"/>) and then <see cref="Figure.Save"/>. Each method takes the same arguments as its
/// <see cref="Plots"/> twin, less the path, and throws the same exceptions for them.
/// </summary>
public static class Figures
{
    /// <summary>The figure of <see cref="Plots.CurveFit"/>: the fit on top, the residual panel (when residuals are given) below.</summary>
    public static Figure CurveFit(double[] x, double[] y, FitBand band, double[]? residuals, FitPlotOptions? options = null)
    {
        options ??= FitPlotOptions.Default;
        options.Validate(nameof(options));
        return FitFigure.Build(x, y, band, residuals, options);
    }

    /// <summary>The figure of <see cref="Plots.Mixture1D(string, double[], GaussianMixture, MixturePlotOptions?)"/>.</summary>
    public static Figure Mixture1D(double[] data, GaussianMixture model, MixturePlotOptions? options = null)
    {
        options ??= MixturePlotOptions.Default;
        options.Validate(nameof(options));
        return MixtureFigures.OneDimensional(data, model, options);
    }

    /// <summary>The figure of <see cref="Plots.Mixture1D(string, double[], double[], double[], double[], MixturePlotOptions?)"/>.</summary>
    public static Figure Mixture1D(double[] data, double[] weights, double[] means, double[] variances, MixturePlotOptions? options = null)
    {
        options ??= MixturePlotOptions.Default;
        options.Validate(nameof(options));
        return MixtureFigures.OneDimensional(data, weights, means, variances, options);
    }

    /// <summary>The figure of <see cref="Plots.Mixture2D"/>.</summary>
    public static Figure Mixture2D(double[,] data, GaussianMixture model, MixturePlotOptions? options = null)
    {
        options ??= MixturePlotOptions.Default;
        options.Validate(nameof(options));
        return MixtureFigures.TwoDimensional(data, model, options);
    }

    /// <summary>The figure of <see cref="Plots.RegressionMixture"/>.</summary>
    public static Figure RegressionMixture(double[] x, double[] y, RegressionMixtureResult fit, Func<int, double, double> componentCurve,
                                           MixturePlotOptions? options = null)
    {
        options ??= MixturePlotOptions.Default;
        options.Validate(nameof(options));
        return MixtureFigures.Regression(x, y, fit, componentCurve, options);
    }

    /// <summary>
    /// An empty ScottPlot plot in this package's style (a sans-serif font, the title and axis labels), for a figure of
    /// one's own: add to it, show its legend outside the data (<c>plot.ShowLegend(Edge.Right)</c>), and write it with
    /// <c>new Figure(plot, width, height).Save(path)</c>.
    /// </summary>
    /// <param name="title">The title; null or empty for none.</param>
    /// <param name="xLabel">The label of the horizontal axis.</param>
    /// <param name="yLabel">The label of the vertical axis.</param>
    public static ScottPlot.Plot Plot(string? title, string xLabel, string yLabel) =>
        PlotStyle.NewPlot(new FitPlotOptions { Title = title }, xLabel, yLabel);

    /// <summary>The figure of <see cref="Plots.Trajectories"/>.</summary>
    public static Figure Trajectories(OdeResult result, OdePlotOptions? options = null)
    {
        options ??= OdePlotOptions.Default;
        options.Validate(nameof(options));
        return OdeFigures.Trajectories(result, options);
    }

    /// <summary>The figure of <see cref="Plots.Phase(string, OdeResult, int, int, OdePlotOptions?)"/>.</summary>
    public static Figure Phase(OdeResult result, int i, int j, OdePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Phase([result], i, j, options);
    }

    /// <summary>The figure of <see cref="Plots.Phase(string, IReadOnlyList{OdeResult}, int, int, OdePlotOptions?)"/>.</summary>
    public static Figure Phase(IReadOnlyList<OdeResult> results, int i, int j, OdePlotOptions? options = null)
    {
        options ??= OdePlotOptions.Default;
        options.Validate(nameof(options));
        return OdeFigures.Phase(results, i, j, options);
    }
}
