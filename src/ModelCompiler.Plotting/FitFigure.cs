// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ScottPlot;

namespace ModelCompiler.Plotting;

/// <summary>A curve fit: data (± sigma), the fitted curve and its confidence band above, the residuals below.</summary>
internal static class FitFigure
{
    public static Figure Build(double[] x, double[] y, FitBand band, double[]? residuals, FitPlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(band);
        PlotChecks.Finite(x, nameof(x));
        PlotChecks.Finite(y, nameof(y));
        PlotChecks.SameLength(y, x.Length, nameof(y), nameof(x));
        PlotChecks.NotEmpty(x.Length, nameof(x));
        if (residuals is not null)
        {
            PlotChecks.Finite(residuals, nameof(residuals));
            PlotChecks.SameLength(residuals, x.Length, nameof(residuals), nameof(x));
        }
        double[]? sigma = options.Sigma;
        if (sigma is not null)
        {
            PlotChecks.Finite(sigma, "options.Sigma");
            PlotChecks.SameLength(sigma, x.Length, "options.Sigma", nameof(x));
            for (int i = 0; i < sigma.Length; i++)
                if (sigma[i] < 0)
                    throw new ArgumentException($"options.Sigma[{i}] is {sigma[i]}; a standard deviation is not negative.", "options");
        }
        if (band.X.Length != band.Values.Length || band.Lower.Length != band.Values.Length || band.Upper.Length != band.Values.Length)
            throw new ArgumentException(
                $"The band has {band.X.Length} x values for {band.Values.Length} curve values; plot the band of a one-variable model.", nameof(band));
        PlotChecks.Finite(band.X, "band.X");

        // The curve in x order, so that the line and the band do not zigzag.
        int[] order = Enumerable.Range(0, band.X.Length).OrderBy(i => band.X[i]).ToArray();
        double[] gx = order.Select(i => band.X[i]).ToArray();
        double[] gy = PlotChecks.Breaks(order.Select(i => band.Values[i]).ToArray());
        double[] lower = PlotChecks.Breaks(order.Select(i => band.Lower[i]).ToArray());
        double[] upper = PlotChecks.Breaks(order.Select(i => band.Upper[i]).ToArray());

        // With a residual panel the x label goes below it alone.
        var top = PlotStyle.NewPlot(residuals is null ? options : options with { XLabel = "" }, "x", "y");

        string level = (band.Level * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        if (gx.Length > 1 && band.IsDefined)
        {
            var fill = top.Add.FillY(gx, lower, upper);
            fill.FillColor = options.CurveColor.WithAlpha(0.22);
            fill.LineWidth = 0;
            fill.LegendText = $"{level}% confidence band";
        }
        if (sigma is not null)
        {
            var bars = top.Add.ErrorBar(x, y, sigma);
            bars.Color = Palette.ErrorBars;
            bars.LineWidth = 1;
        }
        var data = top.Add.Markers(x, y, MarkerShape.FilledCircle, 6, Palette.Data);
        data.LegendText = sigma is null ? options.DataLabel : options.DataLabel + " ± σ";
        if (gx.Length > 1)
        {
            var curve = top.Add.ScatterLine(gx, gy, options.CurveColor);
            curve.LineWidth = 2;
            curve.LegendText = band.IsDefined ? options.CurveLabel : options.CurveLabel + " (no band: covariance undefined)";
        }
        top.ShowLegend(Edge.Right);

        // Both panels span the data and the grid, so they share the x axis.
        var (xLow, xHigh) = PlotChecks.Padded(x.Concat(gx), 0.03);
        var (yLow, yHigh) = PlotChecks.Padded(y.Concat(gy).Concat(band.IsDefined ? lower.Concat(upper) : [])
                                               .Concat(sigma is null ? [] : y.Select((v, i) => v + sigma[i]).Concat(y.Select((v, i) => v - sigma[i]))), 0.06);
        top.Axes.SetLimits(xLow, xHigh, yLow, yHigh);

        if (residuals is null)
            return new Figure(top, options.Width, options.Height);

        var bottom = PlotStyle.NewPlot(options with { Title = null, YLabel = options.ResidualLabel }, "x", "");
        var zero = bottom.Add.HorizontalLine(0, 1.5f, options.CurveColor);
        zero.ExcludeFromLegend = true;
        if (sigma is not null)
        {
            var bars = bottom.Add.ErrorBar(x, residuals, sigma);
            bars.Color = Palette.ErrorBars;
            bars.LineWidth = 1;
        }
        bottom.Add.Markers(x, residuals, MarkerShape.FilledCircle, 6, Palette.Data);
        double reach = residuals.Select((r, i) => Math.Abs(r) + (sigma?[i] ?? 0)).DefaultIfEmpty(0).Max();
        reach = reach > 0 ? 1.12 * reach : 1;
        bottom.Axes.SetLimits(xLow, xHigh, -reach, reach);
        // The x tick labels below the residuals serve both panels.
        top.Axes.Bottom.TickLabelStyle.IsVisible = false;
        return new Figure([top, bottom], [1 - options.ResidualFraction, options.ResidualFraction], options.Width, options.Height);
    }
}
