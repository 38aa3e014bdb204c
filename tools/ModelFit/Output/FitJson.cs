// SPDX-License-Identifier: MIT
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Fitting;

namespace ModelCompiler.ModelFit.Output;

/// <summary>
/// The fit report as JSON (schema "modelfit/fit/1", documented in the README). Numbers are written with their full
/// precision (shortest round-trip form); a value that is not finite (an undefined standard error) is null.
/// </summary>
public static class FitJson
{
    /// <summary>The schema name written as <c>"schema"</c>.</summary>
    public const string Schema = "modelfit/fit/1";

    /// <summary>
    /// Indented, and formulas and names as written: the relaxed encoder leaves '+', '&lt;' and non-ASCII letters alone
    /// (the output is a file or a pipe, never HTML) and still escapes quotes, backslashes and control characters.
    /// </summary>
    internal static JsonWriterOptions WriterOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the report to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, FitOutcome outcome, FitDescription description)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        CurveFitResult fit = outcome.Result;
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("command", "fit");
        json.WriteString("formula", fit.Formula);
        json.WriteStartObject("data");
        json.WriteString("path", description.DataPath);
        json.WriteNumber("points", fit.PointCount);
        json.WriteNumber("skippedRows", description.SkippedRows);
        json.WriteStartObject("variables");
        foreach (var v in description.Variables)
            json.WriteString(v.Variable, v.Column);
        json.WriteEndObject();
        json.WriteString("y", description.YColumn);
        if (description.SigmaColumn is null)
            json.WriteNull("sigma");
        else
            json.WriteString("sigma", description.SigmaColumn);
        json.WriteEndObject();

        json.WriteNumber("confidenceLevel", fit.ConfidenceLevel);
        json.WriteStartArray("parameters");
        for (int j = 0; j < fit.ParameterNames.Count; j++)
        {
            FittedParameter row = fit.Parameter(j);
            json.WriteStartObject();
            json.WriteString("name", row.Name);
            Number(json, "value", row.Value);
            Number(json, "standardError", row.IsFixed ? double.NaN : row.StandardError);
            Number(json, "lower", row.IsFixed ? double.NaN : row.Lower);
            Number(json, "upper", row.IsFixed ? double.NaN : row.Upper);
            json.WriteBoolean("fixed", row.IsFixed);
            json.WriteBoolean("atBound", row.AtBound);
            Number(json, "start", outcome.Start[j]);
            json.WriteBoolean("startGuessed", outcome.Guessed[j]);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("statistics");
        json.WriteNumber("points", fit.PointCount);
        json.WriteNumber("fittedParameters", fit.FreeParameterCount);
        json.WriteNumber("degreesOfFreedom", fit.DegreesOfFreedom);
        Number(json, "rss", fit.ResidualSumOfSquares);
        Number(json, "reducedChiSquare", fit.ReducedChiSquare);
        Number(json, "rSquared", fit.RSquared);
        Number(json, "aic", fit.Aic);
        Number(json, "bic", fit.Bic);
        json.WriteEndObject();

        json.WriteStartObject("termination");
        json.WriteString("reason", fit.Termination.ToString());
        json.WriteBoolean("converged", fit.IsConverged);
        json.WriteBoolean("determined", fit.IsDetermined);
        json.WriteString("message", fit.Message);
        json.WriteNumber("iterations", fit.Iterations);
        json.WriteNumber("functionEvaluations", fit.FunctionEvaluations);
        json.WriteNumber("jacobianEvaluations", fit.JacobianEvaluations);
        json.WriteEndObject();

        json.WriteStartArray("covariance");
        double[,] covariance = fit.Covariance;
        for (int a = 0; a < covariance.GetLength(0); a++)
        {
            json.WriteStartArray();
            for (int b = 0; b < covariance.GetLength(1); b++)
                Number(json, null, fit.IsCovarianceDefined ? covariance[a, b] : double.NaN);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        if (fit.CovarianceProblem is null)
            json.WriteNull("covarianceProblem");
        else
            json.WriteString("covarianceProblem", fit.CovarianceProblem);
        json.WriteEndObject();
    }

    /// <summary>A number, or null where it is not finite (JSON has no ∞ or NaN).</summary>
    internal static void Number(Utf8JsonWriter json, string? name, double value)
    {
        if (name is not null)
            json.WritePropertyName(name);
        if (double.IsFinite(value))
            json.WriteNumberValue(value);
        else
            json.WriteNullValue();
    }
}
