using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The version scheme of Directory.Build.props: major.minor.(commit height) with the commit in the informational
/// version where git is there, major.minor.0-local in a source tree without .git.
/// </summary>
public class VersionTests
{
    private static string MajorMinor { get; } =
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("ModelCompilerMajorMinor").Single().Value;

    [Fact]
    public void TheAssembliesCarryTheCommitHeightAndTheCommit()
    {
        string? height = Processes.Git("rev-list --count HEAD");
        string? commit = Processes.Git("rev-parse HEAD");
        string expected = height is null ? $"{MajorMinor}.0-local" : $"{MajorMinor}.{height}";
        foreach (var assembly in new[] { typeof(IModel).Assembly, typeof(ModelGenerator).Assembly })
        {
            string informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            Assert.Equal(expected, informational.Split('+')[0]);
            if (commit is not null)
                Assert.Equal(commit, informational.Split('+')[1]);
        }
        // What the generator writes into [GeneratedCode] is the version the package has.
        Assert.Equal(expected, GeneratorInfo.Version);
    }

    [Fact]
    public void ASourceTreeWithoutGitBuildsTheDocumentedDefault()
    {
        using var tree = new TemporaryDirectory("modelcompiler-tarball-");
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "src/ModelCompiler/ModelCompiler.csproj" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(tree[file])!);
            File.Copy(Path.Combine(RepositoryPaths.Root, file), tree[file]);
        }
        var versions = Versions(tree.Path);
        Assert.Equal($"{MajorMinor}.0-local", versions.Version);
        Assert.Equal($"{MajorMinor}.0-local", versions.PackageVersion);
    }

    [Fact]
    public void AVersionSuffixLabelsTheComputedVersion()
    {
        string height = Processes.Git("rev-list --count HEAD") ?? "0";
        var versions = Versions(RepositoryPaths.Root, "-p:VersionSuffix=beta");
        Assert.Equal($"{MajorMinor}.{height}-beta", versions.Version);
        Assert.Equal($"{MajorMinor}.{height}-beta", versions.PackageVersion);
    }

    /// <summary>The runtime project's Version and PackageVersion once the version target has run.</summary>
    private static (string Version, string PackageVersion) Versions(string root, string arguments = "")
    {
        string json = Processes.Dotnet(root, "msbuild src/ModelCompiler/ModelCompiler.csproj -nologo -t:VersionFromGit " +
                                             $"-getProperty:Version -getProperty:PackageVersion {arguments}");
        var properties = JsonDocument.Parse(json).RootElement.GetProperty("Properties");
        return (properties.GetProperty("Version").GetString()!, properties.GetProperty("PackageVersion").GetString()!);
    }
}
