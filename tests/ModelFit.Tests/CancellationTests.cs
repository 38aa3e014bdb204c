using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ModelCompiler.ModelFit;
using ModelFit.Tests.Infrastructure;

namespace ModelFit.Tests;

/// <summary>Ctrl-C as a user sends it: SIGINT to the running tool.</summary>
public class CancellationTests
{
    private static string Configuration =>
        typeof(CancellationTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    [Fact]
    public async Task SigintCancelsWithItsMessageAndCode130()
    {
        if (!OperatingSystem.IsLinux())
            return;   // mkfifo and kill; CI runs on Linux
        using var work = new TemporaryDirectory("modelfit-sigint-");
        // The data come through a named pipe the test writes: the tool is surely reading (its handler long installed) when
        // the signal goes, and it cannot finish before the test has written everything after it.
        string fifo = work["data.csv"];
        Run("mkfifo", fifo);
        string tool = Path.Combine(RepositoryPaths.Root, "tools", "ModelFit", "bin", Configuration, "net10.0", "modelfit.dll");
        var start = new ProcessStartInfo("dotnet", [tool, "fit", fifo, "-f", "a*exp(-k*x) + c"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var writer = new StreamWriter(fifo);   // opens when the tool opens the file to read it
            writer.WriteLine("x,y");
            WriteRows(writer, 0, 5000);
            writer.Flush();
            Run("kill", $"-INT {process.Id}");
            Thread.Sleep(500);   // the runtime turns the signal into the cancellation on a thread of its own
            WriteRows(writer, 5000, 50_000);
        }
        catch (IOException)
        {
            // The tool stopped reading: it was cancelled while the test still wrote.
        }
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "modelfit did not stop after SIGINT.");
        string output = await stdout, error = await stderr;
        Assert.True(process.ExitCode == (int)ExitCode.Cancelled, $"exit {process.ExitCode}\n{output}\n{error}");
        Assert.Contains("Cancelled: the work was stopped (Ctrl-C) before it finished; no results were written.", error);
        Assert.Equal("", output);
    }

    private static void WriteRows(StreamWriter writer, int from, int to)
    {
        for (int i = from; i < to; i++)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i * 1e-3},{5 * Math.Exp(-0.3 * i * 1e-3) + 1}"));
        writer.Flush();
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {arguments}: {process.StandardError.ReadToEnd()}");
    }
}
