using Microsoft.CodeAnalysis;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The generated source of every model under Models/ is pinned by a committed snapshot, read by a person:
/// a change to the emitted code shows up in review as a diff of these files.
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string> ModelFiles() =>
        new(Directory.GetFiles(Path.Combine(RepositoryPaths.TestProject, "Models"), "*.cs").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void GeneratedSourceMatchesSnapshot(string file)
    {
        var result = GeneratorHarness.Run(File.ReadAllText(Path.Combine(RepositoryPaths.TestProject, "Models", file)));

        // Information (MC0014 on functions with kinks) is expected; warnings and errors are not.
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity > DiagnosticSeverity.Info));
        Assert.Empty(result.CompilationErrors);
        Assert.NotEmpty(result.GeneratedFiles);
        foreach (var (hintName, text) in result.GeneratedFiles)
            Snapshot.Verify(hintName.Replace("ModelCompiler.Generators.Tests.Models.", "").Replace(".g.cs", ""), text, ".cs", WithoutVersion);
    }

    /// <summary>The generator's version is not part of what a snapshot pins down.</summary>
    private static string WithoutVersion(string text) => text.Replace($"\"{GeneratorInfo.Version}\"", "\"%VERSION%\"");
}
