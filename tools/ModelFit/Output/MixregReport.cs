// SPDX-License-Identifier: MIT
using System.Text.Json;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.ModelFit.Input;
using Spectre.Console;

namespace ModelCompiler.ModelFit.Output;

/// <summary>The mixreg command's report: each component's parameters with standard errors, scale and weight.</summary>
public static class MixregReport
{
    /// <summary>The JSON schema name.</summary>
    public const string Schema = "modelfit/mixreg/1";

    /// <summary>Writes the table report.</summary>
    public static void Write(IAnsiConsole console, RegressionMixtureResult fit, string path, IReadOnlyList<VariableColumn> variables, string yColumn, int skippedRows)
    {
        string scale = fit.Noise == Noise.Gaussian ? "σ" : "b";
        var header = new Labelled()
            .Add("Model", $"{fit.Formula}, {Numbers.Integer(fit.Components.Count)} components, {fit.Noise.ToString().ToLowerInvariant()} noise")
            .Add("Data", $"{path}: {Numbers.Integer(fit.PointCount)} points" +
                         (skippedRows > 0 ? $" ({Numbers.Integer(skippedRows)} rows with a missing value left out)" : "") +
                         $"; {string.Join(", ", variables.Select(v => v.Variable == v.Column ? v.Variable : $"{v.Variable} = column {v.Column}"))} → {yColumn}");
        console.Write(header.Build());
        console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Component").AddColumn(new TableColumn("Weight").RightAligned());
        foreach (string name in fit.ParameterNames)
            table.AddColumn(new TableColumn(name + " ± SE").RightAligned());
        table.AddColumn(new TableColumn(scale).RightAligned()).AddColumn(new TableColumn("Points").RightAligned());
        for (int k = 0; k < fit.Components.Count; k++)
        {
            RegressionComponent c = fit.Components[k];
            var cells = new List<Text> { new(Numbers.Integer(k)), new(Numbers.G(c.Weight, 6)) };
            for (int j = 0; j < fit.ParameterNames.Count; j++)
                cells.Add(new Text($"{Numbers.Resolving(c[j], c.StandardErrors[j], 8)} ± {Numbers.G(c.StandardErrors[j], 4)}"));
            cells.Add(new Text(Numbers.G(c.Scale, 6)));
            cells.Add(new Text(Numbers.G(c.EffectiveSize, 5)));
            table.AddRow(cells);
        }
        console.Write(table);
        console.WriteLine();
        var statistics = new Labelled()
            .Add("Log-likelihood", $"{Numbers.G(fit.LogLikelihood, 10)}, free parameters {Numbers.Integer(fit.ParameterCount)}, AIC {Numbers.G(fit.Aic, 10)}, BIC {Numbers.G(fit.Bic, 10)}")
            .Add("Stopped", $"{fit.Termination}: {fit.Message} (start {Numbers.Integer(fit.BestInitialization)})", new Style(fit.Converged ? Color.Green : Color.Yellow));
        console.Write(statistics.Build());
    }

    /// <summary>Writes the JSON report (schema "modelfit/mixreg/1", documented in the README).</summary>
    public static void WriteJson(Stream stream, RegressionMixtureResult fit, string path, IReadOnlyList<VariableColumn> variables, string yColumn, int skippedRows)
    {
        using var json = new Utf8JsonWriter(stream, FitJson.WriterOptions);
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("command", "mixreg");
        json.WriteString("formula", fit.Formula);
        json.WriteString("noise", fit.Noise.ToString().ToLowerInvariant());
        json.WriteStartObject("data");
        json.WriteString("path", path);
        json.WriteNumber("points", fit.PointCount);
        json.WriteNumber("skippedRows", skippedRows);
        json.WriteStartObject("variables");
        foreach (var v in variables)
            json.WriteString(v.Variable, v.Column);
        json.WriteEndObject();
        json.WriteString("y", yColumn);
        json.WriteEndObject();
        json.WriteStartArray("components");
        foreach (RegressionComponent c in fit.Components)
        {
            json.WriteStartObject();
            FitJson.Number(json, "weight", c.Weight);
            json.WriteStartObject("parameters");
            for (int j = 0; j < fit.ParameterNames.Count; j++)
                FitJson.Number(json, fit.ParameterNames[j], c[j]);
            json.WriteEndObject();
            json.WriteStartObject("standardErrors");
            for (int j = 0; j < fit.ParameterNames.Count; j++)
                FitJson.Number(json, fit.ParameterNames[j], c.StandardErrors[j]);
            json.WriteEndObject();
            FitJson.Number(json, "scale", c.Scale);
            FitJson.Number(json, "effectiveSize", c.EffectiveSize);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        FitJson.Number(json, "logLikelihood", fit.LogLikelihood);
        json.WriteNumber("freeParameters", fit.ParameterCount);
        FitJson.Number(json, "aic", fit.Aic);
        FitJson.Number(json, "bic", fit.Bic);
        json.WriteStartObject("termination");
        json.WriteString("reason", fit.Termination.ToString());
        json.WriteBoolean("converged", fit.Converged);
        json.WriteString("message", fit.Message);
        json.WriteNumber("iterations", fit.Iterations);
        json.WriteEndObject();
        json.WriteEndObject();
    }

}
