// SPDX-License-Identifier: MIT
using Spectre.Console;

namespace ModelCompiler.ModelFit.Output;

/// <summary>
/// A one-line status on standard error while a command works (a spinner, the stage, the solver's last report), shown
/// only when standard error is a terminal; it disappears when the work ends.
/// </summary>
internal static class ProgressDisplay
{
    public static T Run<T>(Terminal terminal, bool quiet, string first, Func<Action<string>, T> work)
    {
        if (quiet || !terminal.IsInteractive)
            return work(_ => { });
        return terminal.Error.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(first), context =>
            work(text => context.Status(Markup.Escape(text))));
    }
}

/// <summary>An <see cref="IProgress{T}"/> that calls its action on the reporting thread, at once (Progress&lt;T&gt; posts later).</summary>
internal sealed class ImmediateProgress<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
