// SPDX-License-Identifier: MIT
using ModelCompiler.ModelFit.Fitting;
using ModelCompiler.Plotting;

namespace ModelCompiler.ModelFit.Output;

/// <summary>The plots of the commands, drawn by ModelCompiler.Plotting; a failure to write is <see cref="ExitCode.Output"/>.</summary>
internal static class CommandPlots
{
    /// <summary>Points of the fitted curve: 400 across the data's x range and 2 % beyond each end.</summary>
    public static double[] Grid(double[] x)
    {
        double min = x.Min(), max = x.Max(), margin = 0.02 * (max - min);
        const int count = 400;
        return Enumerable.Range(0, count).Select(i => min - margin + (max - min + 2 * margin) * i / (count - 1)).ToArray();
    }

    public static void Fit(string path, FitInputs inputs, FitOutcome outcome, FitDescription description) =>
        Draw(path, () => Plots.CurveFit(path, inputs.X, inputs.Y, outcome.Band!, outcome.Residuals, new FitPlotOptions
        {
            Sigma = inputs.Sigma,
            Title = outcome.Result.Formula,
            XLabel = description.Variables[0].Column,
            YLabel = description.YColumn,
        }));

    public static void Mixture(string path, MixtureOutcome outcome)
    {
        var model = outcome.Chosen.Model;
        var options = new MixturePlotOptions
        {
            Title = $"{model.ComponentCount} Gaussian components",
            XLabel = outcome.Columns[0],
            YLabel = outcome.Columns.Count > 1 ? outcome.Columns[1] : null,
        };
        if (outcome.Columns.Count == 1)
        {
            double[] column = Enumerable.Range(0, outcome.Data.GetLength(0)).Select(i => outcome.Data[i, 0]).ToArray();
            Draw(path, () => Plots.Mixture1D(path, column, model, options));
        }
        else
        {
            Draw(path, () => Plots.Mixture2D(path, outcome.Data, model, options));
        }
    }

    public static void Mixreg(string path, double[] x, double[] y, MixregOutcome outcome) =>
        Draw(path, () => Plots.RegressionMixture(path, x, y, outcome.Result, outcome.ComponentCurve, new MixturePlotOptions
        {
            Title = $"{outcome.Result.Components.Count} × {outcome.Result.Formula}",
        }));

    private static void Draw(string path, Action draw)
    {
        try
        {
            draw();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new ModelFitException(ExitCode.Output, $"--plot {path} cannot be written: {Numbers.MessageOf(e)}");
        }
    }
}
