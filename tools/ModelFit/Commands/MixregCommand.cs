// SPDX-License-Identifier: MIT
using System.CommandLine;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.ModelFit.Fitting;
using ModelCompiler.ModelFit.Input;
using ModelCompiler.ModelFit.Output;

namespace ModelCompiler.ModelFit.Commands;

/// <summary><c>modelfit mixreg data.csv --formula "a+b*x" --components 2 [--noise laplace]</c>: a mixture of regressions by EM.</summary>
internal static class MixregCommand
{
    public static Command Create(CommandContext app)
    {
        var common = new CommonOptions();
        var formula = new Option<string>("--formula", "-f") { Description = "The regression formula g(x; θ) of every component.", Required = true };
        var x = new Option<string[]>("--x") { Description = "The variable column(s), as for fit.", DefaultValueFactory = _ => ["x"], HelpName = "column" };
        var y = new Option<string>("--y") { Description = "The response column.", DefaultValueFactory = _ => "y", HelpName = "column" };
        var components = new Option<int>("--components", "-k") { Description = "Number of components K.", DefaultValueFactory = _ => 2 };
        var noise = new Option<string>("--noise") { Description = "Noise of every component: gaussian or laplace.", DefaultValueFactory = _ => "gaussian" };
        noise.AcceptOnlyFromAmong("gaussian", "laplace");
        var seed = new Option<int>("--seed") { Description = "Seed of the random starts.", DefaultValueFactory = _ => 0 };
        var starts = new Option<int>("--starts") { Description = "EM runs from random starts; the best is kept.", DefaultValueFactory = _ => 10 };

        var command = new Command("mixreg", "Fit a mixture of regressions y = g(x; θₖ) + εₖ to columns of a CSV file by EM.");
        command.Add(common.Data);
        foreach (Option option in new Option[] { formula, x, y, components, noise, seed, starts })
            command.Add(option);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            int k = parse.GetValue(components);
            if (k < 1)
                throw new ModelFitException(ExitCode.Usage, $"--components {k}: a mixture needs at least 1 component.");
            int startCount = parse.GetValue(starts);
            if (startCount < 1)
                throw new ModelFitException(ExitCode.Usage, $"--starts {startCount}: give at least 1.");
            var options = RegressionMixtureOptions.Default with { Seed = parse.GetValue(seed), InitializationCount = startCount };
            Noise kind = parse.GetValue(noise) == "laplace" ? Noise.Laplace : Noise.Gaussian;
            return (int)Execute(parse.GetRequiredValue(common.Data), parse.GetRequiredValue(formula), VariableColumn.Parse(parse.GetValue(x) ?? ["x"]),
                                parse.GetValue(y) ?? "y", k, kind, options, common.Format(parse), parse.GetValue(common.Json),
                                parse.GetValue(common.Plot), parse.GetValue(common.Quiet), app);
        });
        return command;
    }

    internal static ExitCode Execute(string path, string formula, IReadOnlyList<VariableColumn> variables, string yColumn, int components, Noise noise,
                                     RegressionMixtureOptions options, CsvFormat format, string? jsonPath, string? plotPath, bool quiet, CommandContext app)
    {
        OutputPaths.CheckJson(jsonPath);
        OutputPaths.CheckPlot(plotPath);
        if (plotPath is not null && variables.Count != 1)
            throw new ModelFitException(ExitCode.Usage, $"--plot draws models of one variable; this one has {variables.Count}.");
        var columns = new List<string>(variables.Select(v => v.Column)) { yColumn };
        if (columns.Distinct().Count() != columns.Count)
            throw new ModelFitException(ExitCode.Usage, $"The columns {string.Join(", ", columns)} name one column twice.");
        CsvColumns data = CsvColumns.Read(path, columns, format, app.Cancellation);
        int n = data.RowCount, v = variables.Count;
        var x = new double[n * v];
        for (int c = 0; c < v; c++)
            data.Values[c].CopyTo(x, c * n);
        double[] y = data.Values[v];

        MixregOutcome outcome = ProgressDisplay.Run(app.Terminal, quiet, "compiling the formula", status =>
            app.Binder.Mixture(formula, variables.Select(c => c.Variable).ToArray(), components, noise,
                               new MixregRun(x, y, options, status, app.Cancellation)));

        FormulaErrors.Write(formula, outcome.Warnings, app.Terminal.ErrorWriter);
        if (jsonPath is not "-")
            MixregReport.Write(app.Terminal.Output, outcome.Result, path, variables, yColumn, data.SkippedRows);
        if (jsonPath is { } json)
            OutputPaths.WriteJson(json, app.OutputWriter, stream => MixregReport.WriteJson(stream, outcome.Result, path, variables, yColumn, data.SkippedRows));
        if (plotPath is { } plot)
            CommandPlots.Mixreg(plot, x, y, outcome);
        return outcome.Result.Converged ? ExitCode.Success : ExitCode.NotConverged;
    }
}
