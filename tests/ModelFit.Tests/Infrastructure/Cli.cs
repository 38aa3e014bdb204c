using ModelCompiler.ModelFit;
using ModelCompiler.ModelFit.Output;

namespace ModelFit.Tests.Infrastructure;

/// <summary>What one run of the command line gave.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public ExitCode Code => (ExitCode)ExitCode;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs modelfit in this process, with plain fixed-width consoles.</summary>
internal static class Cli
{
    public static CliRun Run(string[] args, FormulaBinder? binder = null, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ModelFitApp.Run(args, Terminal.ForWriters(output, error, width: 110), output, binder, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
