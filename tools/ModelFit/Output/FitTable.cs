// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Fitting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelCompiler.ModelFit.Output;

/// <summary>The fit report on the terminal: the model and data, a table of the parameters, the statistics and the termination.</summary>
public static class FitTable
{
    /// <summary>Writes the report of <paramref name="outcome"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, FitOutcome outcome, FitDescription description)
    {
        CurveFitResult fit = outcome.Result;
        string variables = string.Join(", ", description.Variables.Select(v => v.Variable == v.Column ? v.Variable : $"{v.Variable} = column {v.Column}"));
        console.Write(new Labelled()
            .Add("Model", fit.Formula)
            .Add("Data", $"{description.DataPath}: {Numbers.Integer(fit.PointCount)} points" +
                         (description.SkippedRows > 0 ? $" ({Numbers.Integer(description.SkippedRows)} rows with a missing value left out)" : "") +
                         $"; {variables} → {description.YColumn}" + (description.SigmaColumn is { } s ? $" ± {s}" : ""))
            .Add("Start", StartText(outcome))
            .Build());
        console.WriteLine();

        string level = Numbers.G(fit.ConfidenceLevel * 100, 4) + "% interval";
        bool notes = fit.Table.Any(r => r.AtBound && !r.IsFixed);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Parameter"))
            .AddColumn(new TableColumn("Start").RightAligned())
            .AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn(new TableColumn("Std. error").RightAligned())
            .AddColumn(new TableColumn(level).Centered());
        if (notes)
            table.AddColumn(new TableColumn(""));
        for (int j = 0; j < fit.ParameterNames.Count; j++)
        {
            FittedParameter row = fit.Parameter(j);
            string start = outcome.Guessed[j] ? Numbers.G(outcome.Start[j], 6) + " *" : Numbers.AsGiven(outcome.Start[j]);
            if (row.IsFixed)
            {
                table.AddRow(Row(notes, new Text(row.Name), new Text(start), new Text(Numbers.AsGiven(row.Value)), new Text("fixed"), new Text(""), new Text("")));
                continue;
            }
            double se = row.StandardError;
            table.AddRow(Row(notes, new Text(row.Name), new Text(start), new Text(Numbers.Resolving(row.Value, se, 10)), new Text(Numbers.G(se, 6)),
                             new Text($"[{Numbers.Resolving(row.Lower, se, 8)}, {Numbers.Resolving(row.Upper, se, 8)}]"),
                             new Text(row.AtBound ? "at bound" : "", new Style(Color.Yellow))));
        }
        console.Write(table);
        if (outcome.AnyGuessed)
            console.Write(new Text("* guessed by the heuristic start (CurveFit.GuessInitial)\n", new Style(decoration: Decoration.Dim)));

        var statistics = new Labelled()
            .Add("Points", $"{Numbers.Integer(fit.PointCount)}, fitted parameters {Numbers.Integer(fit.FreeParameterCount)}, degrees of freedom {Numbers.Integer(fit.DegreesOfFreedom)}")
            .Add("RSS", $"{Numbers.G(fit.ResidualSumOfSquares, 10)}, reduced χ² {Numbers.G(fit.ReducedChiSquare, 8)}, R² {Numbers.G(fit.RSquared, 8)}")
            .Add("AIC", $"{Numbers.G(fit.Aic, 8)}, BIC {Numbers.G(fit.Bic, 8)}")
            .Add("Stopped", $"{fit.Termination}: {fit.Message}", new Style(fit.IsConverged ? Color.Green : Color.Yellow))
            .Add("Work", $"{Numbers.Integer(fit.Iterations)} iterations, {Numbers.Integer(fit.FunctionEvaluations)} function and " +
                         $"{Numbers.Integer(fit.JacobianEvaluations)} Jacobian evaluations");
        if (!fit.IsCovarianceDefined)
            statistics.Add("Covariance", $"undefined: {fit.CovarianceProblem}", new Style(Color.Yellow));
        console.WriteLine();
        console.Write(statistics.Build());
    }

    /// <summary>The cells of a row, without the notes cell when the table has no notes column.</summary>
    private static IRenderable[] Row(bool notes, params Text[] cells) => notes ? cells : cells[..^1];

    private static string StartText(FitOutcome outcome)
    {
        var names = outcome.Result.ParameterNames;
        var guessed = names.Where((_, j) => outcome.Guessed[j]).ToList();
        if (guessed.Count == 0)
            return "given (--p0, --fix)";
        if (guessed.Count == names.Count)
            return "guessed for every parameter (CurveFit.GuessInitial)";
        return $"guessed for {string.Join(", ", guessed)}; given for {string.Join(", ", names.Where((_, j) => !outcome.Guessed[j]))}";
    }
}
