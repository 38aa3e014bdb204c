// SPDX-License-Identifier: MIT
using System.CommandLine;
using ModelCompiler.Columnar;
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Fitting;
using ModelCompiler.ModelFit.Input;
using ModelCompiler.ModelFit.Output;

namespace ModelCompiler.ModelFit.Commands;

/// <summary>
/// <c>modelfit many decays.parquet --formula "a*exp(-t/tau)+b" --x t=0:1 --list counts --p0 a=100,tau=6,b=1 --out fits.parquet</c>:
/// one least-squares fit per row of a Parquet, Arrow or CSV file, streamed through the batch solver.
/// </summary>
internal static class ManyCommand
{
    public static Command Create(CommandContext app)
    {
        var common = new CommonOptions();
        var data = new Argument<string>("data") { Description = "The Parquet (.parquet), Arrow IPC (.arrow, .feather, .ipc) or CSV (.csv) file, one row per curve." };
        var formula = new Option<string>("--formula", "-f") { Description = "The model formula of one variable: every other name is a parameter.", Required = true };
        var x = new Option<string?>("--x")
        {
            Description = "The variable and its values at the points, shared by every curve: t=0:0.25 (start:step) or t=0,0.5,2 (the values); with --x-list or --x-columns, the variable's name alone.",
            HelpName = "name=start:step",
        };
        var xList = new Option<string?>("--x-list") { Description = "A list column of each curve's own x, for curves not all measured at the same points.", HelpName = "column" };
        var xColumns = new Option<string?>("--x-columns") { Description = "Columns of each curve's own x, as --columns.", HelpName = "names" };
        var list = new Option<string?>("--list") { Description = "The column holding each curve's values as a list.", HelpName = "column" };
        var columns = new Option<string?>("--columns") { Description = "The columns holding point 1, 2, … of each curve: t0,t1,t2 or t{0..63}.", HelpName = "names" };
        var sigmaList = new Option<string?>("--sigma-list") { Description = "A list column of each point's standard deviation (weights 1/σ²).", HelpName = "column" };
        var sigmaColumns = new Option<string?>("--sigma-columns") { Description = "Columns of each point's standard deviation, as --columns.", HelpName = "names" };
        var p0 = new Option<string[]>("--p0") { Description = "The start every curve's fit takes, as a=1,k=0.1; the others are guessed from the mean of the first 1,000 curves, and those the model is affine in (amplitudes, offsets) then solved for each curve.", HelpName = "name=value,…" };
        var bounds = new Option<string[]>("--bounds") { Description = "Bounds, as k=0:10 (an empty side is unbounded: k=0:).", HelpName = "name=lo:hi,…" };
        var fix = new Option<string[]>("--fix") { Description = "Parameters held at a value, as c=0.", HelpName = "name=value,…" };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The results file (.parquet or .arrow): per curve its parameters, standard errors, RSS and termination.",
            Required = true,
            HelpName = "path",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display." };

        var command = new Command("many", "Fit a formula to every curve (row) of a Parquet, Arrow or CSV file, many curves at once, and write the results to a Parquet or Arrow file.");
        command.Add(data);
        foreach (Option option in new Option[] { formula, x, xList, xColumns, list, columns, sigmaList, sigmaColumns, p0, bounds, fix, output, quiet,
                                                 common.Delimiter, common.DecimalSeparator, common.SkipMissing })
            command.Add(option);
        command.SetAction(parse =>
        {
            CurveLayout? ownX = CurveColumnsSpec.Layout(parse.GetValue(xList), parse.GetValue(xColumns), "--x-list", "--x-columns");
            var (variable, grid) = Points(parse.GetValue(x), ownX is not null);
            var request = new ManyRequest(
                parse.GetRequiredValue(data), parse.GetRequiredValue(formula), variable, grid, ownX,
                CurveColumnsSpec.Layout(parse.GetValue(list), parse.GetValue(columns), "--list", "--columns")
                    ?? throw new ModelFitException(ExitCode.Usage, "Say where the curves are: --list column, or --columns names."),
                CurveColumnsSpec.Layout(parse.GetValue(sigmaList), parse.GetValue(sigmaColumns), "--sigma-list", "--sigma-columns"),
                ParameterAssignments.Values(parse.GetValue(p0) ?? [], "--p0"),
                ParameterAssignments.Bounds(parse.GetValue(bounds) ?? [], "--bounds"),
                ParameterAssignments.Values(parse.GetValue(fix) ?? [], "--fix"),
                parse.GetRequiredValue(output), parse.GetValue(quiet), common.Format(parse));
            return (int)Execute(request, app);
        });
        return command;
    }

    /// <summary>The variable's name, and the x the curves share (null when each curve brings its own).</summary>
    private static (string Variable, PointGrid? Grid) Points(string? x, bool ownX)
    {
        if (!ownX)
        {
            var grid = PointGrid.Parse(x ?? throw new ModelFitException(ExitCode.Usage,
                "Say where the points are: --x t=0:0.25 (shared by every curve), or --x-list / --x-columns (each curve's own)."));
            return (grid.Variable, grid);
        }
        string name = x?.Trim() ?? "x";
        if (name.Length == 0 || name.Contains('=') || name.Contains(':') || name.Contains(','))
            throw new ModelFitException(ExitCode.Usage,
                $"--x {x}: with --x-list or --x-columns each curve brings its own x; --x only names the variable, as --x t.");
        return (name, null);
    }

    /// <summary>Everything the many command was given: the points are <see cref="Grid"/>, shared, or each curve's own as <see cref="OwnX"/> says.</summary>
    internal sealed record ManyRequest(
        string DataPath, string Formula, string Variable, PointGrid? Grid, CurveLayout? OwnX, CurveLayout Curves, CurveLayout? Sigma, IReadOnlyDictionary<string, double> Start,
        IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds, IReadOnlyDictionary<string, double> Fixed, string OutputPath, bool Quiet,
        CsvFormat Csv);

    internal static ExitCode Execute(ManyRequest request, CommandContext app)
    {
        bool csv = Path.GetExtension(request.DataPath).ToLowerInvariant() is ".csv" or ".tsv" or ".txt";
        if (!csv && !ColumnarFormats.IsKnown(request.DataPath))
            throw new ModelFitException(ExitCode.Data, $"{request.DataPath}: give a .parquet file, an Arrow IPC file (.arrow, .feather, .ipc) or a .csv file.");
        ColumnarFormat input = csv ? default : ColumnarFormats.Of(request.DataPath, "data", ExitCode.Data);
        OutputPaths.CheckColumnar(request.OutputPath, "--out");
        if (!File.Exists(request.DataPath))
            throw new ModelFitException(ExitCode.Data, $"{request.DataPath}: no such file.");
        if (Path.GetFullPath(request.DataPath) == Path.GetFullPath(request.OutputPath))
            throw new ModelFitException(ExitCode.Usage, $"--out {request.OutputPath} is the data file itself; give another file.");

        using var file = csv ? OpenCsv(request, app) : Open(request, input);
        ICurveReader reader = file.Reader;
        double[]? x = request.Grid?.For(reader.PointCount, request.DataPath);
        ManyOutcome outcome;
        // The file is created with the first block of results: a fit refused before it leaves no file behind.
        bool parquet = ColumnarFormats.Of(request.OutputPath, "--out", ExitCode.Output) == ColumnarFormat.Parquet;
        using (var writer = new CreatedOnFirstWrite(() => parquet ? new ParquetFitWriter(request.OutputPath) : new ArrowFitWriter(request.OutputPath)))
        {
            outcome = ProgressDisplay.Run(app.Terminal, request.Quiet, "compiling the formula", status =>
            {
                var progress = new ImmediateProgress<BatchFitProgress>(p => status($"{p.CurvesFinished:N0} curves fitted, {p.Converged:N0} converged"));
                var run = new ManyRun(new ManyInputs(reader, writer, x, request.Start, request.Bounds, request.Fixed), progress,
                                      new ImmediateProgress<string>(status), app.Cancellation);
                return app.Binder.Many(request.Formula, [request.Variable], run);
            });
        }

        FormulaErrors.Write(request.Formula, outcome.Warnings, app.Terminal.ErrorWriter);
        if (outcome.Curves == 0)
            throw new ModelFitException(ExitCode.Data, $"{request.DataPath} holds no curves; nothing was fitted or written.");
        var text = app.OutputWriter;
        if (outcome.GuessedFrom > 0)
            text.WriteLine($"Start guessed from the {(x is null ? "points" : "mean")} of the first {outcome.GuessedFrom:N0} curves (CurveFit.GuessInitial): " +
                           string.Join(", ", outcome.ParameterNames.Select((name, j) => $"{name}={Numbers.G(outcome.Start[j], 6)}{(outcome.Guessed[j] ? " *" : "")}")) +
                           (x is null
                               ? " (* guessed); each curve starts there, with the guessed parameters the model is affine in solved for it on its own x (CurveFit.StartSolvingLinearOnOwnX)."
                               : " (* guessed); each curve starts there, with the guessed parameters the model is affine in solved for it (CurveFit.StartSolvingLinear)."));
        double percent = outcome.Curves == 0 ? 0 : 100.0 * outcome.Converged / outcome.Curves;
        string others = string.Concat(outcome.Terminations.Where(t => t.Key > FitTermination.DirectSolution).OrderBy(t => t.Key)
                                             .Select(t => $", {t.Value:N0} {t.Key}"));
        text.WriteLine($"{request.Formula}: {outcome.Curves:N0} curves of {outcome.Points} points from {request.DataPath}; " +
                       $"{outcome.Converged:N0} converged ({percent:F2}%){Undetermined(outcome.Undetermined)}{others}." +
                       (file.SkippedRows switch
                       {
                           0 => "",
                           1 => " 1 row with a missing value was left out (--skip-missing).",
                           var rows => $" {rows:N0} rows with a missing value were left out (--skip-missing).",
                       }));
        text.WriteLine($"Results in {request.OutputPath}, a row per curve: {string.Join(", ", FitResultColumns.Names(outcome.ParameterNames))}.");
        return outcome.Converged != outcome.Curves ? ExitCode.NotConverged
             : outcome.Undetermined == 0 ? ExitCode.Success
             : ExitCode.NotDetermined;
    }

    private static string Undetermined(long curves) =>
        curves == 0 ? "" : $", {curves:N0} of them with a parameter the data do not determine (standard error ∞)";

    /// <summary>A results writer whose file is created when the first block arrives.</summary>
    private sealed class CreatedOnFirstWrite(Func<IBatchFitWriter> create) : IBatchFitWriter, IDisposable
    {
        private IBatchFitWriter? _writer;

        public void Write(long firstCurve, BatchFitResult block) => (_writer ??= create()).Write(firstCurve, block);

        public void Complete() => _writer?.Complete();

        public void Dispose() => (_writer as IDisposable)?.Dispose();
    }

    /// <summary>The reader of the data file, and what disposes it.</summary>
    private sealed record OpenFile(ICurveReader Reader, IDisposable? File, int SkippedRows = 0) : IDisposable
    {
        public void Dispose() => File?.Dispose();
    }

    /// <summary>A CSV file's rows, read whole: one column per point (a CSV file has no list columns).</summary>
    private static OpenFile OpenCsv(ManyRequest request, CommandContext app)
    {
        if (request.Curves.PointColumnNames is not { } points || request.Sigma is { PointColumnNames: null } || request.OwnX is { PointColumnNames: null })
            throw new ModelFitException(ExitCode.Usage,
                "A CSV file has no list columns: give the points' columns with --columns (and σ's with --sigma-columns, x's with --x-columns).");
        IReadOnlyList<string>? sigma = request.Sigma?.PointColumnNames, x = request.OwnX?.PointColumnNames;
        foreach (var (names, option) in new[] { (sigma, "--sigma-columns"), (x, "--x-columns") })
            if (names is not null && names.Count != points.Count)
                throw new ModelFitException(ExitCode.Usage, $"{option} names {names.Count} columns but --columns names {points.Count}: give one per point.");
        CsvColumns data = CsvColumns.Read(request.DataPath, [.. points, .. sigma ?? [], .. x ?? []], request.Csv, app.Cancellation);
        return new OpenFile(MatrixCurveReader.FromCsv(data, points, sigma, x), null, data.SkippedRows);
    }

    private static OpenFile Open(ManyRequest request, ColumnarFormat format)
    {
        try
        {
            if (format == ColumnarFormat.Parquet)
            {
                var parquet = new ParquetCurveReader(request.DataPath, request.Curves, request.Sigma, request.OwnX);
                return new OpenFile(parquet, parquet);
            }
            var arrow = new ArrowCurveReader(request.DataPath, request.Curves, request.Sigma, request.OwnX);
            return new OpenFile(arrow, arrow);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            throw new ModelFitException(ExitCode.Data, Numbers.MessageOf(e));
        }
    }
}
