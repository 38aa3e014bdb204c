// SPDX-License-Identifier: MIT
using System.Text.Json;
using ModelCompiler.Mixtures;
using ModelCompiler.ModelFit.Fitting;
using Spectre.Console;

namespace ModelCompiler.ModelFit.Output;

/// <summary>The mixture command's report: the BIC of every K tried, then the chosen mixture's components.</summary>
public static class MixtureReport
{
    /// <summary>The JSON schema name.</summary>
    public const string Schema = "modelfit/mixture/1";

    /// <summary>Writes the table report.</summary>
    public static void Write(IAnsiConsole console, MixtureOutcome outcome, string path, CovarianceType covariance, int skippedRows)
    {
        var chosen = outcome.Chosen;
        int n = outcome.Data.GetLength(0);
        var header = new Labelled()
            .Add("Mixture", $"{Numbers.Integer(chosen.Components)} Gaussian components, {Lower(covariance)} covariance")
            .Add("Data", $"{path}: {Numbers.Integer(n)} points" +
                         (skippedRows > 0 ? $" ({Numbers.Integer(skippedRows)} rows with a missing value left out)" : "") +
                         $"; columns {string.Join(", ", outcome.Columns)}");
        console.Write(header.Build());
        console.WriteLine();

        if (outcome.Candidates.Count > 1)
        {
            var selection = new Table().Border(TableBorder.Rounded).Title("Model selection")
                .AddColumn("K").AddColumn(new TableColumn("log-likelihood").RightAligned())
                .AddColumn(new TableColumn("BIC").RightAligned()).AddColumn(new TableColumn("AIC").RightAligned()).AddColumn("");
            foreach (var c in outcome.Candidates)
                selection.AddRow(new Text(Numbers.Integer(c.Components)), new Text(Numbers.G(c.LogLikelihood, 10)), new Text(Numbers.G(c.Bic, 10)),
                                 new Text(Numbers.G(c.Aic, 10)), new Text(c == chosen ? "lowest BIC" : ""));
            console.Write(selection);
            console.WriteLine();
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Component").AddColumn(new TableColumn("Weight").RightAligned());
        foreach (string column in outcome.Columns)
            table.AddColumn(new TableColumn(new Text("Mean " + column)).RightAligned());   // a column name is text, not markup
        foreach (string column in outcome.Columns)
            table.AddColumn(new TableColumn(new Text("SD " + column)).RightAligned());
        bool correlation = outcome.Columns.Count == 2 && covariance is CovarianceType.Full or CovarianceType.Tied;
        if (correlation)
            table.AddColumn(new TableColumn("Correlation").RightAligned());
        GaussianMixture model = chosen.Model;
        double[] weights = model.Weights;
        double[,] means = model.Means;
        int d = outcome.Columns.Count;
        for (int k = 0; k < model.ComponentCount; k++)
        {
            double[,] cov = model.Covariance(k);
            var cells = new List<Text> { new(Numbers.Integer(k)), new(Numbers.G(weights[k], 6)) };
            for (int a = 0; a < d; a++)
                cells.Add(new Text(Numbers.Resolving(means[k, a], Math.Sqrt(cov[a, a]), 8)));
            for (int a = 0; a < d; a++)
                cells.Add(new Text(Numbers.G(Math.Sqrt(cov[a, a]), 6)));
            if (correlation)
                cells.Add(new Text(Numbers.G(cov[0, 1] / Math.Sqrt(cov[0, 0] * cov[1, 1]), 4)));
            table.AddRow(cells);
        }
        console.Write(table);
        console.WriteLine();
        var statistics = new Labelled()
            .Add("Log-likelihood", $"{Numbers.G(chosen.LogLikelihood, 10)}, free parameters {Numbers.Integer(model.FreeParameterCount)}, BIC {Numbers.G(chosen.Bic, 10)}, AIC {Numbers.G(chosen.Aic, 10)}")
            .Add("Stopped", model.FitSummary.ToString(), new Style(model.Converged ? Color.Green : Color.Yellow));
        console.Write(statistics.Build());
    }

    /// <summary>Writes the JSON report (schema "modelfit/mixture/1", documented in the README).</summary>
    public static void WriteJson(Stream stream, MixtureOutcome outcome, string path, CovarianceType covariance, int skippedRows)
    {
        using var json = new Utf8JsonWriter(stream, FitJson.WriterOptions);
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("command", "mixture");
        json.WriteStartObject("data");
        json.WriteString("path", path);
        json.WriteNumber("points", outcome.Data.GetLength(0));
        json.WriteNumber("skippedRows", skippedRows);
        json.WriteStartArray("columns");
        foreach (string column in outcome.Columns)
            json.WriteStringValue(column);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("covarianceType", Lower(covariance));
        json.WriteStartArray("selection");
        foreach (var c in outcome.Candidates)
        {
            json.WriteStartObject();
            json.WriteNumber("components", c.Components);
            FitJson.Number(json, "logLikelihood", c.LogLikelihood);
            FitJson.Number(json, "bic", c.Bic);
            FitJson.Number(json, "aic", c.Aic);
            json.WriteBoolean("converged", c.Model.Converged);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        GaussianMixture model = outcome.Chosen.Model;
        json.WriteNumber("chosenComponents", model.ComponentCount);
        json.WriteStartArray("components");
        double[] weights = model.Weights;
        double[,] means = model.Means;
        int d = outcome.Columns.Count;
        for (int k = 0; k < model.ComponentCount; k++)
        {
            json.WriteStartObject();
            FitJson.Number(json, "weight", weights[k]);
            json.WriteStartArray("mean");
            for (int a = 0; a < d; a++)
                FitJson.Number(json, null, means[k, a]);
            json.WriteEndArray();
            json.WriteStartArray("covariance");
            double[,] cov = model.Covariance(k);
            for (int a = 0; a < d; a++)
            {
                json.WriteStartArray();
                for (int b = 0; b < d; b++)
                    FitJson.Number(json, null, cov[a, b]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        FitJson.Number(json, "logLikelihood", outcome.Chosen.LogLikelihood);
        FitJson.Number(json, "bic", outcome.Chosen.Bic);
        FitJson.Number(json, "aic", outcome.Chosen.Aic);
        json.WriteStartObject("termination");
        json.WriteString("reason", model.FitSummary.Termination.ToString());
        json.WriteBoolean("converged", model.Converged);
        json.WriteNumber("iterations", model.Iterations);
        json.WriteStartArray("warnings");
        foreach (string warning in model.FitSummary.Warnings)
            json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static string Lower(CovarianceType type) => type switch
    {
        CovarianceType.Diagonal => "diag",
        _ => type.ToString().ToLowerInvariant(),
    };

}
