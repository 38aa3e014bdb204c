// SPDX-License-Identifier: MIT
using Spectre.Console;

namespace ModelCompiler.ModelFit.Output;

/// <summary>
/// The consoles a command writes to: results on standard output, messages and progress on standard error. Colour only
/// when the stream is a terminal and NO_COLOR is not set; a fixed width where a test or a pipe asks for one.
/// </summary>
public sealed class Terminal
{
    private Terminal(IAnsiConsole output, IAnsiConsole error, TextWriter errorWriter, bool interactive)
    {
        Output = output;
        Error = error;
        ErrorWriter = errorWriter;
        IsInteractive = interactive;
    }

    /// <summary>Where results go (tables).</summary>
    public IAnsiConsole Output { get; }

    /// <summary>Where progress displays go.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Where messages go, as plain lines.</summary>
    public TextWriter ErrorWriter { get; }

    /// <summary>True when standard error is a terminal a progress display can redraw.</summary>
    public bool IsInteractive { get; }

    /// <summary>The process's own console streams.</summary>
    public static Terminal ForConsole()
    {
        bool colour = Environment.GetEnvironmentVariable("NO_COLOR") is not { Length: > 0 };
        var output = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            ColorSystem = colour && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (Console.IsOutputRedirected)
            output.Profile.Width = Width(fallback: 100);
        bool interactive = !Console.IsErrorRedirected;
        var error = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            ColorSystem = colour && interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        return new Terminal(output, error, Console.Error, interactive);
    }

    /// <summary>Plain writers of a fixed width, without colour or progress displays: for tests and captured output.</summary>
    public static Terminal ForWriters(TextWriter output, TextWriter error, int width = 100)
    {
        IAnsiConsole Plain(TextWriter writer)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                ColorSystem = ColorSystemSupport.NoColors,
                Ansi = AnsiSupport.No,
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = width;
            console.Profile.Capabilities.Unicode = true;
            return console;
        }
        return new Terminal(Plain(output), Plain(error), error, interactive: false);
    }

    /// <summary>COLUMNS when it is a number, else the fallback.</summary>
    private static int Width(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns >= 40 ? columns : fallback;
}
