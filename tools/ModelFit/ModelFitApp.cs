// SPDX-License-Identifier: MIT
using System.CommandLine;
using ModelCompiler.ModelFit.Commands;
using ModelCompiler.ModelFit.Output;

namespace ModelCompiler.ModelFit;

/// <summary>
/// The modelfit command line: the commands fit, many, mixture and mixreg, and the one place where failures become messages
/// and exit codes (<see cref="ExitCode"/>). Nothing here prints a stack trace.
/// </summary>
public static class ModelFitApp
{
    /// <summary>Runs the command line <paramref name="args"/> and returns the exit code.</summary>
    public static int Run(string[] args, Terminal terminal, TextWriter output, FormulaBinder? binder = null,
                          CancellationToken cancellationToken = default)
    {
        var context = new CommandContext(terminal, output, binder ?? FormulaBinder.RunTime, cancellationToken);
        var root = new RootCommand(
            "modelfit: fit formulas to CSV data by least squares with compiled value-and-Jacobian kernels, many curves at once from " +
            "Parquet, Arrow or CSV files, Gaussian mixtures " +
            "with BIC model selection, and mixtures of regressions.")
        {
            FitCommand.Create(context),
            ManyCommand.Create(context),
            MixtureCommand.Create(context),
            MixregCommand.Create(context),
        };
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                terminal.ErrorWriter.WriteLine("error: " + error.Message);
            string command = parse.CommandResult.Command == root ? "modelfit" : "modelfit " + parse.CommandResult.Command.Name;
            terminal.ErrorWriter.WriteLine($"Run '{command} --help' for the options.");
            return (int)ExitCode.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = terminal.ErrorWriter,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e)
        {
            return (int)Report(e, terminal.ErrorWriter);
        }
    }

    /// <summary>The message and exit code of a failure.</summary>
    internal static ExitCode Report(Exception e, TextWriter error)
    {
        switch (e)
        {
            case ModelFitException failure:
                error.WriteLine("error: " + failure.Message);
                return failure.Code;
            case FormulaException formula:
                FormulaErrors.Write(formula, error);
                return ExitCode.Formula;
            case OperationCanceledException:
                error.WriteLine("Cancelled: the work was stopped (Ctrl-C) before it finished; no results were written.");
                return ExitCode.Cancelled;
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return Report(aggregate.InnerExceptions[0], error);
            default:
                error.WriteLine($"internal error: {e.GetType().Name}: {Numbers.MessageOf(e)}");
                error.WriteLine("This is a bug in modelfit, not a problem with the input; please report it with the command line.");
                if (Environment.GetEnvironmentVariable("MODELFIT_DEBUG") == "1")
                    error.WriteLine(e.ToString());
                return ExitCode.InternalError;
        }
    }
}
