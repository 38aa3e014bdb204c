using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The package is what users get. `dotnet pack` into a fresh artifacts path must carry the runtime, the generator that
/// build made, the README and the metadata; console apps outside this repository that know only that package must
/// build and run: the README's usage block pasted as Program.cs, and an app that gets ModelCompiler through a library.
/// </summary>
public class PackageTests
{
    private static string Configuration =>
        typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The version this test run was built as, which pack must give the package too.</summary>
    private static string Version =>
        typeof(IModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    [Fact]
    public void APackedPackageServesTheReadmeCodeAndAProjectThatGetsItThroughALibrary()
    {
        using var work = new TemporaryDirectory("modelcompiler-package-");
        string artifacts = work["artifacts"], feed = work["feed"];

        // Built from scratch under another output path than the repository's bin folders.
        Processes.Dotnet(RepositoryPaths.Root, $"pack src/ModelCompiler/ModelCompiler.csproj -c {Configuration} -nodeReuse:false " +
                                               $"--artifacts-path \"{artifacts}\" -o \"{feed}\"");
        string package = Path.Combine(feed, $"ModelCompiler.{Version}.nupkg");
        Assert.True(File.Exists(package), $"No {package}; the feed has {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}.");
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("lib/net10.0/ModelCompiler.dll", entries);
            Assert.Contains("lib/net10.0/ModelCompiler.xml", entries);
            Assert.Equal(Bytes(Path.Combine(artifacts, "bin", "ModelCompiler.Generators", Configuration.ToLowerInvariant(), "ModelCompiler.Generators.dll")),
                         Bytes(zip.GetEntry("analyzers/dotnet/cs/ModelCompiler.Generators.dll")!));
            // The generator loads its symbolic core from beside itself.
            Assert.Equal(Bytes(Path.Combine(artifacts, "bin", "ModelCompiler.Symbolic", Configuration.ToLowerInvariant(), "ModelCompiler.Symbolic.dll")),
                         Bytes(zip.GetEntry("analyzers/dotnet/cs/ModelCompiler.Symbolic.dll")!));
            Assert.Equal(Bytes(Readme.FilePath), Bytes(zip.GetEntry("README.md")!));
            AssertMetadata(XDocument.Load(zip.GetEntry("ModelCompiler.nuspec")!.Open()));
        }

        // Out of the repository, so that none of its build files apply; NuGet sees only the feed, and keeps what it
        // restores in a folder of its own, so no other copy of this version can stand in for the package.
        string consumers = work["consumers"];
        foreach (string project in new[] { "MyFit", "Library", "ThroughLibrary" })
            CopyDirectory(Path.Combine(RepositoryPaths.Root, "tests", "PackageConsumer", project), Path.Combine(consumers, project));
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "PackageConsumer", "Consumers.slnx"), Path.Combine(consumers, "Consumers.slnx"));
        File.WriteAllText(Path.Combine(consumers, "nuget.config"), $"""
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
              <config><add key="globalPackagesFolder" value="{work["packages"]}" /></config>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumers, "MyFit", "Program.cs"), Readme.FirstAfter("## Usage", "csharp").Code);

        Processes.Dotnet(consumers, $"build Consumers.slnx -c Release -nodeReuse:false -p:ModelCompilerVersion={Version}");
        ReadmeUsage.AssertFitPrinted(Processes.Dotnet(consumers, "MyFit/bin/Release/net10.0/MyFit.dll"));

        string decay = Processes.Dotnet(consumers, "ThroughLibrary/bin/Release/net10.0/ThroughLibrary.dll");
        var line = decay.Split('\n').Single(l => l.StartsWith("a k = ", StringComparison.Ordinal));
        var values = line["a k = ".Length..].Trim().Split(' ').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(5.0, values[0], 1e-9);
        Assert.Equal(0.3, values[1], 1e-9);
    }

    private static void AssertMetadata(XDocument nuspec)
    {
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal("ModelCompiler", Value("id"));
        Assert.Equal(Version, Value("version"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("MIT", Value("license"));
        Assert.Contains("source generator", Value("description"));
        Assert.Contains("curve-fitting", Value("tags")!.Split(' '));
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")));
        string? commit = Processes.Git("rev-parse HEAD");
        if (commit is not null)
        {
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.Equal(commit, repository.Attribute("commit")?.Value);
        }
    }

    private static byte[] Bytes(string path) => File.ReadAllBytes(path);

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}

/// <summary>What the README's usage block prints when it runs.</summary>
internal static class ReadmeUsage
{
    public static void AssertFitPrinted(string output)
    {
        Assert.Contains("Model: ", output);
        Assert.Contains("Termination: ", output);
        Assert.Contains("Residual sum of squares ", output);
    }
}
