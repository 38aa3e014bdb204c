// SPDX-License-Identifier: MIT
using System.CommandLine;
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Fitting;
using ModelCompiler.ModelFit.Input;
using ModelCompiler.ModelFit.Output;

namespace ModelCompiler.ModelFit.Commands;

/// <summary><c>modelfit fit data.csv --formula "a*exp(-k*t)+c" --x t --y signal</c>: a least-squares fit of a formula.</summary>
internal static class FitCommand
{
    public static Command Create(CommandContext app)
    {
        var common = new CommonOptions();
        var formula = new Option<string>("--formula", "-f") { Description = "The model formula, as in [Model(\"…\")]: every name that is not a variable is a parameter.", Required = true };
        var x = new Option<string[]>("--x")
        {
            Description = "The variable column(s): --x t, or variable=column, several as --x u,v.",
            DefaultValueFactory = _ => ["x"],
            HelpName = "column",
        };
        var y = new Option<string>("--y") { Description = "The response column.", DefaultValueFactory = _ => "y", HelpName = "column" };
        var sigma = new Option<string?>("--sigma") { Description = "A column of per-point standard deviations (weights 1/σ²).", HelpName = "column" };
        var p0 = new Option<string[]>("--p0") { Description = "Initial values, as a=1,k=0.1; the parameters left out are guessed.", HelpName = "name=value,…" };
        var bounds = new Option<string[]>("--bounds") { Description = "Bounds, as k=0:10 (an empty side is unbounded: k=0:).", HelpName = "name=lo:hi,…" };
        var fix = new Option<string[]>("--fix") { Description = "Parameters held at a value, as c=0.", HelpName = "name=value,…" };
        var level = new Option<double>("--level") { Description = "Confidence level of the intervals (and of the plot's band).", DefaultValueFactory = _ => 0.95 };

        var command = new Command("fit", "Fit a formula to columns of a CSV file by least squares (Levenberg–Marquardt).");
        command.Add(common.Data);
        foreach (Option option in new Option[] { formula, x, y, sigma, p0, bounds, fix, level })
            command.Add(option);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            double confidence = parse.GetValue(level);
            if (!(confidence > 0 && confidence < 1))
                throw new ModelFitException(ExitCode.Usage, $"--level {confidence}: give a level between 0 and 1, as 0.95.");
            var request = new FitRequest(
                parse.GetRequiredValue(common.Data), parse.GetRequiredValue(formula),
                VariableColumn.Parse(parse.GetValue(x) ?? ["x"]), parse.GetValue(y) ?? "y", parse.GetValue(sigma),
                ParameterAssignments.Values(parse.GetValue(p0) ?? [], "--p0"),
                ParameterAssignments.Bounds(parse.GetValue(bounds) ?? [], "--bounds"),
                ParameterAssignments.Values(parse.GetValue(fix) ?? [], "--fix"),
                confidence, common.Format(parse), parse.GetValue(common.Json), parse.GetValue(common.Plot), parse.GetValue(common.Quiet));
            return (int)Execute(request, app);
        });
        return command;
    }

    /// <summary>Everything the fit command was given.</summary>
    internal sealed record FitRequest(
        string DataPath, string Formula, IReadOnlyList<VariableColumn> Variables, string YColumn, string? SigmaColumn,
        IReadOnlyDictionary<string, double> Start, IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds,
        IReadOnlyDictionary<string, double> Fixed, double ConfidenceLevel, CsvFormat Format, string? JsonPath, string? PlotPath, bool Quiet);

    internal static ExitCode Execute(FitRequest request, CommandContext app)
    {
        OutputPaths.CheckJson(request.JsonPath);
        OutputPaths.CheckPlot(request.PlotPath);
        if (request.PlotPath is not null && request.Variables.Count != 1)
            throw new ModelFitException(ExitCode.Usage, "--plot draws models of one variable; this fit has " +
                                                        $"{request.Variables.Count} ({string.Join(", ", request.Variables.Select(v => v.Variable))}).");
        var columns = new List<string>(request.Variables.Select(v => v.Column)) { request.YColumn };
        if (request.SigmaColumn is not null)
            columns.Add(request.SigmaColumn);
        if (columns.Distinct().Count() != columns.Count)
            throw new ModelFitException(ExitCode.Usage, $"The columns {string.Join(", ", columns)} name one column twice: a variable, the response and sigma must differ.");

        CsvColumns data = CsvColumns.Read(request.DataPath, columns, request.Format, app.Cancellation);
        int n = data.RowCount, v = request.Variables.Count;
        var x = new double[n * v];
        for (int c = 0; c < v; c++)
            data.Values[c].CopyTo(x, c * n);
        double[]? sigma = request.SigmaColumn is null ? null : data.Values[v + 1];
        if (sigma is not null)
            for (int i = 0; i < n; i++)
                if (!(sigma[i] > 0))
                    throw new ModelFitException(ExitCode.Data, $"{request.DataPath}, line {data.Lines[i]}: the sigma column '{request.SigmaColumn}' holds {Numbers.G(sigma[i], 6)}; every sigma must be positive.");
        var inputs = new FitInputs(x, data.Values[v], sigma, request.Start, request.Bounds, request.Fixed, request.ConfidenceLevel,
                                   request.PlotPath is null ? null : CommandPlots.Grid(x));
        var description = new FitDescription(request.DataPath, request.Variables, request.YColumn, request.SigmaColumn, data.SkippedRows);

        FitOutcome outcome = ProgressDisplay.Run(app.Terminal, request.Quiet, "compiling the formula", status =>
        {
            var progress = new ImmediateProgress<FitProgress>(p =>
                status($"iteration {p.Iteration}, cost ½·RSS {Numbers.G(p.Cost, 8)}"));
            var stage = new ImmediateProgress<string>(status);
            var run = new FitRun(inputs, progress, stage, app.Cancellation);
            return app.Binder.Fit(request.Formula, request.Variables.Select(c => c.Variable).ToArray(), run);
        });

        FormulaErrors.Write(request.Formula, outcome.Warnings, app.Terminal.ErrorWriter);
        if (request.JsonPath is not "-")
            FitTable.Write(app.Terminal.Output, outcome, description);
        if (request.JsonPath is { } json)
            OutputPaths.WriteJson(json, app.OutputWriter, stream => FitJson.Write(stream, outcome, description));
        if (request.PlotPath is { } plot)
            CommandPlots.Fit(plot, inputs, outcome, description);
        return !outcome.Result.IsConverged ? ExitCode.NotConverged
             : outcome.Result.IsDetermined ? ExitCode.Success
             : ExitCode.NotDetermined;
    }
}
