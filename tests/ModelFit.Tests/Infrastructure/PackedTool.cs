using System.Diagnostics;
using System.Reflection;

namespace ModelFit.Tests.Infrastructure;

/// <summary>
/// The tool as users get it: packed from tools/ModelFit (once per test run, from the build the tests were made with) and
/// installed with <c>dotnet tool install --tool-path</c> from a feed holding only that package.
/// </summary>
public sealed class PackedTool : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly TemporaryDirectory _work = new("modelfit-tool-");

    private static string Configuration =>
        typeof(PackedTool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public PackedTool()
    {
        string feed = _work["feed"];
        // The build of these tests built the tool; packing it again without building (and without building what it
        // references) packs exactly what the other tests ran.
        Run("dotnet", RepositoryPaths.Root,
            $"pack tools/ModelFit/ModelFit.csproj -c {Configuration} --no-build -p:BuildProjectReferences=false -nodeReuse:false -o \"{feed}\"")
            .AssertSucceeded();
        // Only the feed, and a package folder of its own, so no cached copy of this version can stand in for the package.
        string config = Path.Combine(_work.Path, "nuget.config");
        File.WriteAllText(config, $"""
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
              <config><add key="globalPackagesFolder" value="{_work["packages"]}" /></config>
            </configuration>
            """);
        Run("dotnet", _work.Path, $"tool install ModelCompiler.ModelFit --tool-path \"{_work["tools"]}\" --configfile \"{config}\"").AssertSucceeded();
        Executable = Path.Combine(_work["tools"], OperatingSystem.IsWindows() ? "modelfit.exe" : "modelfit");
        Assert.True(File.Exists(Executable), $"dotnet tool install left no {Executable}.");
    }

    /// <summary>The installed command.</summary>
    public string Executable { get; }

    /// <summary>Where the installed tool keeps compiled formulas (MODELFIT_CACHE), this fixture's own: no test writes to the user's cache.</summary>
    public string FormulaCache => _work["formula-cache"];

    /// <summary>Runs the installed modelfit with the arguments.</summary>
    public CliRun Modelfit(params string[] args)
    {
        var start = new ProcessStartInfo(Executable, args);
        start.Environment["MODELFIT_CACHE"] = FormulaCache;
        return Run(Executable, RepositoryPaths.Root, start);
    }

    public void Dispose() => _work.Dispose();

    private static CliRun Run(string program, string directory, string arguments) =>
        Run(program, directory, new ProcessStartInfo(program, arguments));

    private static CliRun Run(string program, string directory, string[] arguments) =>
        Run(program, directory, new ProcessStartInfo(program, arguments));

    private static CliRun Run(string program, string directory, ProcessStartInfo start)
    {
        start.WorkingDirectory = directory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The tool's launcher finds the runtime through DOTNET_ROOT where dotnet is not in a standard place.
        start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : ResolveDotnet())!;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)}{start.Arguments} did not finish in {Timeout.TotalMinutes} minutes.");
        }
        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The dotnet on the PATH, with links resolved.</summary>
    private static string ResolveDotnet()
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var file = new FileInfo(Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
            if (file.Exists)
                return file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
        }
        return "/usr/share/dotnet/dotnet";
    }
}

[CollectionDefinition(Name)]
public sealed class PackedToolCollection : ICollectionFixture<PackedTool>
{
    public const string Name = "packed modelfit";
}

internal static class CliRunChecks
{
    public static void AssertSucceeded(this CliRun run) => Assert.True(run.ExitCode == 0, run.ToString());
}
