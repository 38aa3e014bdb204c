using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The package is what users get: `dotnet pack` of the runtime must carry the generator, and a project outside
/// this repository that references only the package must build, generate its model, and fit with it.
/// </summary>
public class PackageTests
{
    private const string Version = "0.0.0-local";

    private static string Configuration =>
        typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    [Fact]
    public void APackageConsumerBuildsGeneratesAndFits()
    {
        string work = Directory.CreateTempSubdirectory("modelcompiler-package-").FullName;
        try
        {
            string feed = Path.Combine(work, "feed");
            // --no-build packs the runtime and generator this test run was built from, and leaves their outputs alone.
            Dotnet(RepositoryPaths.Root, $"pack src/ModelCompiler/ModelCompiler.csproj --no-build -c {Configuration} -o \"{feed}\" -p:Version={Version}");

            string package = Path.Combine(feed, $"ModelCompiler.{Version}.nupkg");
            using (var zip = ZipFile.OpenRead(package))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("lib/net10.0/ModelCompiler.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/ModelCompiler.Generators.dll", entries);
            }

            // Copied out of the repository so that none of its build files apply: a consumer as a user has it.
            string consumer = Path.Combine(work, "consumer");
            Directory.CreateDirectory(consumer);
            foreach (var file in new[] { "PackageConsumer.csproj", "Program.cs" })
                File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "PackageConsumer", file), Path.Combine(consumer, file));

            string output = Dotnet(consumer, $"run -c Release -p:ModelCompilerVersion={Version} " +
                                             $"-p:RestoreAdditionalProjectSources=\"{feed}\" -p:RestorePackagesPath=\"{Path.Combine(work, "packages")}\"");

            var line = output.Split('\n').Single(l => l.StartsWith("a k = ", StringComparison.Ordinal));
            var values = line["a k = ".Length..].Trim().Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(5.0, values[0], 1e-9);
            Assert.Equal(0.3, values[1], 1e-9);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Dotnet(string directory, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {arguments} failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
