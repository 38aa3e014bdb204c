// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit;

/// <summary>What every command runs with: where it writes, how formulas are compiled, and the token Ctrl-C cancels.</summary>
/// <param name="Terminal">The consoles.</param>
/// <param name="OutputWriter">Standard output as plain text (JSON to "-").</param>
/// <param name="Binder">The formula compiler.</param>
/// <param name="Cancellation">Cancelled by Ctrl-C or SIGTERM.</param>
public sealed record CommandContext(Output.Terminal Terminal, TextWriter OutputWriter, FormulaBinder Binder, CancellationToken Cancellation);
