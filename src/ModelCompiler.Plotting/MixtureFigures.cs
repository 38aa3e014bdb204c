// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using ScottPlot;

namespace ModelCompiler.Plotting;

/// <summary>Gaussian mixtures over their data (1-D histogram, 2-D ellipses) and mixtures of regressions.</summary>
internal static class MixtureFigures
{
    public static Figure OneDimensional(double[] data, GaussianMixture model, MixturePlotOptions options)
    {
        CheckFitted(model);
        if (model.Dimension != 1)
            throw new ArgumentException($"The mixture has dimension {model.Dimension}; Mixture1D draws a mixture of dimension 1 (Mixture2D draws more).", nameof(model));
        int k = model.ComponentCount;
        double[,] means = model.Means;
        return OneDimensional(data, model.Weights, Enumerable.Range(0, k).Select(c => means[c, 0]).ToArray(),
                              Enumerable.Range(0, k).Select(c => model.Covariance(c)[0, 0]).ToArray(), options);
    }

    public static Figure OneDimensional(double[] data, double[] weights, double[] means, double[] variances, MixturePlotOptions options)
    {
        PlotChecks.Finite(data, nameof(data));
        PlotChecks.NotEmpty(data.Length, nameof(data));
        PlotChecks.Finite(weights, nameof(weights));
        PlotChecks.NotEmpty(weights.Length, nameof(weights));
        PlotChecks.Finite(means, nameof(means));
        PlotChecks.SameLength(means, weights.Length, nameof(means), nameof(weights));
        PlotChecks.Finite(variances, nameof(variances));
        PlotChecks.SameLength(variances, weights.Length, nameof(variances), nameof(weights));
        for (int c = 0; c < weights.Length; c++)
        {
            if (weights[c] < 0)
                throw new ArgumentException($"weights[{c}] is {weights[c]}; a weight is not negative.", nameof(weights));
            if (!(variances[c] > 0))
                throw new ArgumentException($"variances[{c}] is {variances[c]}; a variance is positive.", nameof(variances));
        }
        // A mixture's density has area 1; weights that do not sum to 1 draw some other curve under its name.
        double weightSum = weights.Sum();
        if (Math.Abs(weightSum - 1) > 1e-8)
            throw new ArgumentException($"weights sum to {weightSum:R}; a mixture's weights sum to 1 (within 1e-8).", nameof(weights));

        var plot = PlotStyle.NewPlot(options, "x", "density");
        var histogram = Histogram.Of(data, options.Bins);
        var bars = new List<Bar>(histogram.Count);
        for (int b = 0; b < histogram.Count; b++)
        {
            bars.Add(new Bar
            {
                Position = histogram.Center(b),
                Value = histogram.Densities[b],
                Size = histogram.Width,
                FillColor = Palette.Histogram,
                LineColor = Colors.White,
                LineWidth = histogram.Count > 80 ? 0 : 0.5f,
            });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.LegendText = "data (density)";

        int k = weights.Length;
        var (low, high) = PlotChecks.Padded(data.Concat(Enumerable.Range(0, k).SelectMany(c =>
            new[] { means[c] - 3 * Math.Sqrt(variances[c]), means[c] + 3 * Math.Sqrt(variances[c]) })), 0.02);
        // Within the data's range unless a component reaches out of it. Data all at one value have no range to keep to:
        // the components' own spread sets it, or the grid would be 600 copies of that value and draw no curve.
        double range = data.Max() - data.Min();
        if (range > 0)
        {
            low = Math.Max(low, data.Min() - 0.25 * range);
            high = Math.Min(high, data.Max() + 0.25 * range);
        }
        const int points = 600;
        double[] grid = Enumerable.Range(0, points).Select(i => low + (high - low) * i / (points - 1)).ToArray();
        // The sum first and wide, the components over it: where a component stands alone it lies on the sum and stays visible.
        var densities = new double[k][];
        var total = new double[points];
        for (int c = 0; c < k; c++)
        {
            double variance = variances[c], mean = means[c];
            double norm = weights[c] / Math.Sqrt(2 * Math.PI * variance);
            densities[c] = grid.Select(t => norm * Math.Exp(-0.5 * (t - mean) * (t - mean) / variance)).ToArray();
            for (int i = 0; i < points; i++)
                total[i] += densities[c][i];
        }
        var sum = plot.Add.ScatterLine(grid, total, Palette.Data);
        sum.LineWidth = 3;
        sum.LegendText = "mixture density";
        for (int c = 0; c < k; c++)
        {
            var line = plot.Add.ScatterLine(grid, densities[c], Palette.Cycle(c));
            line.LineWidth = 1.5f;
            line.LegendText = $"{options.ComponentName(c)} (w = {weights[c]:0.###})";
        }
        plot.Axes.SetLimits(low, high, 0, 1.08 * Math.Max(histogram.Densities.Max(), total.Max()));
        plot.ShowLegend(Edge.Right);
        return new Figure(plot, options.Width, options.Height);
    }

    public static Figure TwoDimensional(double[,] data, GaussianMixture model, MixturePlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFitted(model);
        if (model.Dimension < 2)
            throw new ArgumentException($"The mixture has dimension {model.Dimension}; Mixture2D draws two of its dimensions (Mixture1D draws one).", nameof(model));
        int n = data.GetLength(0), d = data.GetLength(1);
        PlotChecks.NotEmpty(n, nameof(data));
        if (d != model.Dimension)
            throw new ArgumentException($"data has {d} columns but the mixture has dimension {model.Dimension}.", nameof(data));
        int a = options.XDimension, b = options.YDimension;
        if (a >= d || b >= d)
            throw new ArgumentException($"The plot draws columns {a} and {b} but the data have {d}.", nameof(options));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                if (!double.IsFinite(data[i, j]))
                    throw new ArgumentException($"data[{i}, {j}] is {data[i, j]}; a plotted value must be finite.", nameof(data));

        var plot = PlotStyle.NewPlot(options, $"x{a + 1}", $"x{b + 1}");
        int k = model.ComponentCount;
        int[] labels = model.Predict(data);
        double[] weights = model.Weights;
        double[,] means = model.Means;
        for (int c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray();
            Color color = Palette.Cycle(c);
            // Ellipses first, so that the points stay visible over their fill.
            foreach (double radius in options.EllipseSigmas.OrderByDescending(r => r))
            {
                bool outermost = radius == options.EllipseSigmas.Max();
                double[,] cov = model.Covariance(c);
                var (ex, ey) = CovarianceEllipse.Polygon(means[c, a], means[c, b], cov[a, a], cov[a, b], cov[b, b], radius);
                var ellipse = plot.Add.Polygon(ex, ey);
                ellipse.FillColor = color.WithAlpha(0.10);
                ellipse.LineColor = color.WithAlpha(0.85);
                ellipse.LineWidth = 1.2f;
                if (c == 0 && outermost)
                    ellipse.LegendText = $"{Radii(options.EllipseSigmas)} σ ellipses";
            }
            if (members.Length > 0)
            {
                var points = plot.Add.Markers(members.Select(i => data[i, a]).ToArray(), members.Select(i => data[i, b]).ToArray(),
                                              MarkerShape.FilledCircle, n > 2000 ? 3 : 5, color.WithAlpha(0.75));
                points.LegendText = $"{options.ComponentName(c)} (w = {weights[c]:0.###}, {members.Length} points)";
            }
            var mean = plot.Add.Marker(means[c, a], means[c, b], MarkerShape.Cross, 14, Palette.Data);
            mean.MarkerLineWidth = 2.5f;
            if (c == 0)
                mean.LegendText = "component means";
        }
        var columnA = Enumerable.Range(0, n).Select(i => data[i, a]);
        var columnB = Enumerable.Range(0, n).Select(i => data[i, b]);
        var (xLow, xHigh) = PlotChecks.Padded(columnA, 0.05);
        var (yLow, yHigh) = PlotChecks.Padded(columnB, 0.05);
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
        plot.ShowLegend(Edge.Right);
        return new Figure(plot, options.Width, options.Height);
    }

    public static Figure Regression(double[] x, double[] y, RegressionMixtureResult fit, Func<int, double, double> componentCurve,
                                    MixturePlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(componentCurve);
        PlotChecks.Finite(x, nameof(x));
        PlotChecks.Finite(y, nameof(y));
        PlotChecks.SameLength(y, x.Length, nameof(y), nameof(x));
        PlotChecks.NotEmpty(x.Length, nameof(x));
        if (fit.PointCount != x.Length)
            throw new ArgumentException($"The mixture was fitted to {fit.PointCount} points but x has {x.Length}; plot the points it was fitted to (one variable).", nameof(fit));

        var plot = PlotStyle.NewPlot(options, "x", "y");
        int n = x.Length, k = fit.Components.Count;
        double[,] responsibilities = fit.Responsibilities;
        Color[] colors = Enumerable.Range(0, k).Select(Palette.Cycle).ToArray();

        // Each point's colour is the blend of the component colours by its responsibilities, rounded to tenths so that
        // points of one blend are drawn as one series.
        var groups = new Dictionary<string, (Color Color, List<double> X, List<double> Y)>();
        var shares = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
                shares[c] = Math.Round(responsibilities[i, c] * 10) / 10;
            double total = shares.Sum();
            if (total == 0)
                shares[Enumerable.Range(0, k).MaxBy(c => responsibilities[i, c])] = total = 1;
            string key = string.Join(",", shares);
            if (!groups.TryGetValue(key, out var group))
            {
                double r = 0, g = 0, bl = 0;
                for (int c = 0; c < k; c++)
                {
                    double w = shares[c] / total;
                    r += w * colors[c].Red;
                    g += w * colors[c].Green;
                    bl += w * colors[c].Blue;
                }
                group = (new Color((byte)Math.Round(r), (byte)Math.Round(g), (byte)Math.Round(bl)), [], []);
                groups[key] = group;
            }
            group.X.Add(x[i]);
            group.Y.Add(y[i]);
        }
        foreach (var (key, group) in groups)
        {
            var markers = plot.Add.Markers(group.X.ToArray(), group.Y.ToArray(), MarkerShape.FilledCircle, n > 2000 ? 3 : 5, group.Color.WithAlpha(0.8));
            // A point wholly of one component; blends between them carry no legend entry.
            int pure = Array.IndexOf(key.Split(','), "1");
            if (pure >= 0)
                markers.LegendText = $"points of {options.ComponentName(pure)}";
        }

        var (low, high) = PlotChecks.Padded(x, 0.03);
        const int points = 400;
        double[] grid = Enumerable.Range(0, points).Select(i => low + (high - low) * i / (points - 1)).ToArray();
        var curveValues = new List<double>();
        for (int c = 0; c < k; c++)
        {
            double[] values = PlotChecks.Breaks(grid.Select(t => componentCurve(c, t)).ToArray());
            curveValues.AddRange(values);
            var line = plot.Add.ScatterLine(grid, values, colors[c]);
            line.LineWidth = 2.5f;
            line.LegendText = $"{options.ComponentName(c)} (π = {fit.Components[c].Weight:0.###})";
        }
        // The data decide the vertical extent; a curve that runs off far away does not squash them.
        var (yLow, yHigh) = PlotChecks.Padded(y, 0.06);
        plot.Axes.SetLimits(low, high, yLow, yHigh);
        plot.ShowLegend(Edge.Right);
        return new Figure(plot, options.Width, options.Height);
    }

    private static string Radii(IReadOnlyList<double> radii) =>
        string.Join(", ", radii.Select(r => r.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));


    private static void CheckFitted(GaussianMixture model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsFitted)
            throw new ArgumentException("The mixture is not fitted; call Fit first.", nameof(model));
    }
}
