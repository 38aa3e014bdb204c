using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Projects pinned to an older C#: the generated code is valid C# 11, the lowest version that can implement the
/// runtime's static abstract interfaces; below it one MC diagnostic says what is needed, and no error comes from
/// inside a generated file.
/// </summary>
public class LanguageVersionTests
{
    private static string[] AllModels() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.TestProject, "Models"), "*.cs").Order().Select(File.ReadAllText).ToArray();

    [Fact]
    public void GeneratedCodeIsValidCSharp11()
    {
        var result = GeneratorHarness.Run(new CSharpParseOptions(LanguageVersion.CSharp11), GeneratorHarness.CompilationOptions, AllModels());

        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity > DiagnosticSeverity.Info));
        Assert.True(result.CompilationErrors.Count == 0, string.Join("\n", result.CompilationErrors.Take(5)));
        Assert.Contains(result.GeneratedFiles, f => f.Text.Contains("struct PowerModel"));
    }

    [Fact]
    public void BelowCSharp11OneDiagnosticSaysWhichVersionIsNeeded()
    {
        const string Source = """
            using ModelCompiler;
            namespace Lab;
            public static partial class Kinetics
            {
                [Model("a*exp(-k*t)")]
                public static partial double Decay(double t, double a, double k);

                [Model]
                public static double Line(double x, double a, double b) => a + b * x;
            }
            """;
        var result = GeneratorHarness.Run(new CSharpParseOptions(LanguageVersion.CSharp10), GeneratorHarness.CompilationOptions, Source);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("MC0028", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("The code generated for [Model] methods needs C# 11.0 or later (it implements static abstract interface members), " +
                     "but this project uses C# 10.0: set <LangVersion> to 11.0 or later, or remove it to use the SDK's default", diagnostic.GetMessage());
        Assert.Equal((Source.IndexOf("Decay(", StringComparison.Ordinal), "Decay".Length),
                     (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        // The partial method still gets its body, so nothing else fails to compile.
        Assert.True(result.CompilationErrors.Count == 0, string.Join("\n", result.CompilationErrors.Take(5)));
        Assert.DoesNotContain(result.GeneratedFiles, f => f.Text.Contains("struct DecayModel"));
    }
}
