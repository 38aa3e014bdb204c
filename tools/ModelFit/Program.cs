// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using ModelCompiler;
using ModelCompiler.ModelFit;
using ModelCompiler.ModelFit.Output;

Formula.CacheDirectory = FormulaCacheLocation.From(Environment.GetEnvironmentVariable);

// Ctrl-C and SIGTERM cancel the token the solvers watch; the command then ends with its message and exit code 130.
// A second Ctrl-C ends the process at once.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
return ModelFitApp.Run(args, Terminal.ForConsole(), Console.Out, cancellationToken: cancellation.Token);
