// SPDX-License-Identifier: MIT
using System.CommandLine;
using ModelCompiler.Mixtures;
using ModelCompiler.ModelFit.Fitting;
using ModelCompiler.ModelFit.Input;
using ModelCompiler.ModelFit.Output;

namespace ModelCompiler.ModelFit.Commands;

/// <summary><c>modelfit mixture data.csv --components 3 [--covariance full] [--bic 1..8]</c>: a Gaussian mixture by EM.</summary>
internal static class MixtureCommand
{
    public static Command Create(CommandContext app)
    {
        var common = new CommonOptions();
        var columns = new Option<string[]>("--columns") { Description = "The feature columns, as a,b (default: every column).", HelpName = "column,…" };
        var components = new Option<int?>("--components", "-k") { Description = "Number of components K." };
        var bic = new Option<string?>("--bic") { Description = "Fit every K in a range, as 1..8, and keep the lowest BIC.", HelpName = "from..to" };
        var covariance = new Option<string>("--covariance")
        {
            Description = "Covariance structure: full, diag, tied or spherical (scikit-learn's covariance_type).",
            DefaultValueFactory = _ => "full",
        };
        covariance.AcceptOnlyFromAmong("full", "diag", "diagonal", "tied", "spherical");
        var seed = new Option<int>("--seed") { Description = "Seed of the k-means starts.", DefaultValueFactory = _ => 0 };
        var starts = new Option<int>("--starts") { Description = "EM runs from different starts per K (scikit-learn's n_init); the best is kept.", DefaultValueFactory = _ => 1 };

        var command = new Command("mixture", "Fit a Gaussian mixture to columns of a CSV file by EM, choosing the number of components by BIC.");
        command.Add(common.Data);
        foreach (Option option in new Option[] { columns, components, bic, covariance, seed, starts })
            command.Add(option);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            IReadOnlyList<int> ks = Components(parse.GetValue(components), parse.GetValue(bic));
            int startCount = parse.GetValue(starts);
            if (startCount < 1)
                throw new ModelFitException(ExitCode.Usage, $"--starts {startCount}: give at least 1.");
            var options = new GaussianMixtureOptions
            {
                CovarianceType = parse.GetValue(covariance) switch
                {
                    "diag" or "diagonal" => CovarianceType.Diagonal,
                    "tied" => CovarianceType.Tied,
                    "spherical" => CovarianceType.Spherical,
                    _ => CovarianceType.Full,
                },
                Em = EmOptions.Default with { Seed = parse.GetValue(seed), InitializationCount = startCount },
            };
            string[] names = (parse.GetValue(columns) ?? []).SelectMany(c => c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
            return (int)Execute(parse.GetRequiredValue(common.Data), names, ks, options, common.Format(parse),
                                parse.GetValue(common.Json), parse.GetValue(common.Plot), parse.GetValue(common.Quiet), app);
        });
        return command;
    }

    /// <summary>The K to try: --components alone, or the range of --bic.</summary>
    internal static IReadOnlyList<int> Components(int? components, string? bic)
    {
        if (components is not null && bic is not null)
            throw new ModelFitException(ExitCode.Usage, "Give --components or --bic, not both.");
        if (bic is not null)
        {
            string[] parts = bic.Split("..");
            if (parts.Length != 2 || !int.TryParse(parts[0], out int from) || !int.TryParse(parts[1], out int to) || from < 1 || to < from)
                throw new ModelFitException(ExitCode.Usage, $"--bic {bic}: give a range of component counts, as 1..8.");
            return Enumerable.Range(from, to - from + 1).ToArray();
        }
        int k = components ?? throw new ModelFitException(ExitCode.Usage, "Give --components K, or --bic 1..8 to choose K by BIC.");
        if (k < 1)
            throw new ModelFitException(ExitCode.Usage, $"--components {k}: a mixture needs at least 1 component.");
        return [k];
    }

    internal static ExitCode Execute(string path, IReadOnlyList<string> columns, IReadOnlyList<int> components, GaussianMixtureOptions options,
                                     CsvFormat format, string? jsonPath, string? plotPath, bool quiet, CommandContext app)
    {
        OutputPaths.CheckJson(jsonPath);
        OutputPaths.CheckPlot(plotPath);
        CsvColumns data = CsvColumns.Read(path, columns, format, app.Cancellation);
        int n = data.RowCount, d = data.Names.Count;
        var rows = new double[n, d];
        for (int c = 0; c < d; c++)
            for (int i = 0; i < n; i++)
                rows[i, c] = data.Values[c][i];
        if (plotPath is not null && d > 2)
            throw new ModelFitException(ExitCode.Usage, $"--plot draws mixtures of 1 or 2 columns; these data have {d} ({string.Join(", ", data.Names)}); choose two with --columns.");

        MixtureOutcome outcome = ProgressDisplay.Run(app.Terminal, quiet, "fitting", status =>
            MixtureRun.Fit(rows, data.Names, components, options, status, app.Cancellation));

        if (jsonPath is not "-")
            MixtureReport.Write(app.Terminal.Output, outcome, path, options.CovarianceType, data.SkippedRows);
        if (jsonPath is { } json)
            OutputPaths.WriteJson(json, app.OutputWriter, stream => MixtureReport.WriteJson(stream, outcome, path, options.CovarianceType, data.SkippedRows));
        if (plotPath is { } plot)
            CommandPlots.Mixture(plot, outcome);
        return outcome.Chosen.Model.Converged ? ExitCode.Success : ExitCode.NotConverged;
    }
}
