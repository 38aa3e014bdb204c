// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;
using ScottPlot;

namespace ModelCompiler.Plotting;

/// <summary>ODE solutions: states against t, and phase portraits.</summary>
internal static class OdeFigures
{
    public static Figure Trajectories(OdeResult result, OdePlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        int stateCount = result.StateCount;
        IReadOnlyList<int> states = options.States ?? Enumerable.Range(0, stateCount).ToArray();
        for (int s = 0; s < states.Count; s++)
            if ((uint)states[s] >= (uint)stateCount)
                throw new ArgumentException($"options.States[{s}] is {states[s]}; the system has {stateCount} states.", nameof(options));
        OdeObservations? observations = options.Observations;
        if (observations is not null)
            for (int o = 0; o < observations.Count; o++)
                if ((uint)observations.States[o] >= (uint)stateCount)
                    throw new ArgumentException($"Observation {o} is of state {observations.States[o]}; the system has {stateCount} states.", nameof(options));

        var (t, values) = Sampled(result, options.DensePoints);
        PlotChecks.NotEmpty(t.Length, nameof(result));
        var plot = PlotStyle.NewPlot(options, "t", states.Count == 1 ? Name(result, states[0]) : "state");
        var allX = new List<double>(t);
        var allY = new List<double>();
        for (int s = 0; s < states.Count; s++)
        {
            int state = states[s];
            Color color = Palette.Cycle(s);
            double[] y = PlotChecks.Breaks(Enumerable.Range(0, t.Length).Select(i => values[i, state]).ToArray());
            allY.AddRange(y);
            var line = plot.Add.ScatterLine(t, y, color);
            line.LineWidth = 2;
            line.LegendText = Name(result, state);
            if (observations is null)
                continue;
            var at = Enumerable.Range(0, observations.Count).Where(o => observations.States[o] == state).ToArray();
            if (at.Length == 0)
                continue;
            double[] ot = at.Select(o => observations.Times[o]).ToArray(), ov = at.Select(o => observations.Values[o]).ToArray();
            allX.AddRange(ot);
            allY.AddRange(ov);
            var markers = plot.Add.Markers(ot, ov, MarkerShape.OpenCircle, 7, color);
            markers.MarkerLineWidth = 1.5f;
            markers.LegendText = Name(result, state) + " observed";
        }
        var (xLow, xHigh) = PlotChecks.Padded(allX, 0.02);
        var (yLow, yHigh) = PlotChecks.Padded(allY, 0.05);
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
        plot.ShowLegend(Edge.Right);
        return new Figure(plot, options.Width, options.Height);
    }

    public static Figure Phase(IReadOnlyList<OdeResult> results, int i, int j, OdePlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(results);
        PlotChecks.NotEmpty(results.Count, nameof(results));
        for (int r = 0; r < results.Count; r++)
        {
            if (results[r] is null)
                throw new ArgumentException($"results[{r}] is null.", nameof(results));
            if ((uint)i >= (uint)results[r].StateCount)
                throw new ArgumentException($"State {i} does not exist; results[{r}] has {results[r].StateCount} states.", nameof(i));
            if ((uint)j >= (uint)results[r].StateCount)
                throw new ArgumentException($"State {j} does not exist; results[{r}] has {results[r].StateCount} states.", nameof(j));
        }
        var plot = PlotStyle.NewPlot(options, Name(results[0], i), Name(results[0], j));
        var allX = new List<double>();
        var allY = new List<double>();
        for (int r = 0; r < results.Count; r++)
        {
            var (t, values) = Sampled(results[r], options.DensePoints);
            if (t.Length == 0)
                continue;
            double[] x = PlotChecks.Breaks(Enumerable.Range(0, t.Length).Select(k => values[k, i]).ToArray());
            double[] y = PlotChecks.Breaks(Enumerable.Range(0, t.Length).Select(k => values[k, j]).ToArray());
            allX.AddRange(x);
            allY.AddRange(y);
            Color color = Palette.Cycle(r);
            var line = plot.Add.ScatterLine(x, y, color);
            line.LineWidth = 1.2f;
            line.LegendText = results.Count == 1 ? "trajectory" : RunName(options, r);
            var start = plot.Add.Marker(x[0], y[0], MarkerShape.FilledCircle, 9, color);
            start.LegendText = results.Count == 1 ? $"start, t = {t[0]:G4}" : "";
        }
        var (xLow, xHigh) = PlotChecks.Padded(allX, 0.04);
        var (yLow, yHigh) = PlotChecks.Padded(allY, 0.04);
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
        plot.ShowLegend(Edge.Right);
        return new Figure(plot, options.Width, options.Height);
    }

    /// <summary>The solution at the output times, or on an even grid of <paramref name="points"/> from the dense solution.</summary>
    private static (double[] T, double[,] States) Sampled(OdeResult result, int points)
    {
        if (result.Solution is { } dense && dense.EndTime != dense.StartTime)
        {
            double[] grid = Enumerable.Range(0, points).Select(k => dense.StartTime + (dense.EndTime - dense.StartTime) * k / (points - 1)).ToArray();
            return (grid, dense.Evaluate(grid));
        }
        return (result.Times.ToArray(), result.States);
    }

    private static string Name(OdeResult result, int state) =>
        state < result.StateNames.Count && !string.IsNullOrEmpty(result.StateNames[state]) ? result.StateNames[state] : $"y{state}";

    private static string RunName(OdePlotOptions options, int r) =>
        options.RunNames is { } names && r < names.Count ? names[r] : $"run {r + 1}";
}
