using System.Diagnostics;

namespace ModelCompiler.Generators.Tests.Infrastructure;

/// <summary>Runs dotnet and git as a user would from a shell, for the tests of packaging and versioning.</summary>
internal static class Processes
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>dotnet with the arguments in the directory; its standard output, or a failed assertion with both outputs.</summary>
    public static string Dotnet(string directory, string arguments)
    {
        var (exitCode, stdout, stderr) = Run("dotnet", directory, arguments);
        Assert.True(exitCode == 0, $"dotnet {arguments} (in {directory}) failed ({exitCode}):\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>git's answer in the repository, or null where there is no .git or git fails (a source tarball).</summary>
    public static string? Git(string arguments)
    {
        if (!Path.Exists(Path.Combine(RepositoryPaths.Root, ".git")))
            return null;
        try
        {
            var (exitCode, stdout, _) = Run("git", RepositoryPaths.Root, arguments);
            return exitCode == 0 ? stdout.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // no git on the PATH
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, string directory, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {arguments} (in {directory}) did not finish in {Timeout.TotalMinutes} minutes:\n{stdout.Result}\n{stderr.Result}");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A directory under the system's temporary folder, deleted with everything in it on disposal.</summary>
internal sealed class TemporaryDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
