using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The generated files under the strictest usual project settings, and the size of their documentation: every
/// public member documented, no warning of any kind, and doc comments that stay short however deep the formula.
/// </summary>
public class GeneratedDocumentationTests
{
    /// <summary>
    /// GenerateDocumentationFile=true (documentation mode Diagnose), TreatWarningsAsErrors=true and nullable
    /// warnings as errors: no diagnostic may come from a generated file, for models, mixtures, partial-method bodies
    /// and the placeholder of a formula with errors alike.
    /// </summary>
    [Fact]
    public void GeneratedFilesBuildWithDocumentationAndWarningsAsErrors()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.TestProject, "Models"), "*.cs").Order().Select(File.ReadAllText)
            .Append("""
                using ModelCompiler;
                namespace Strict;
                /// <summary>A model whose formula has an error: its method gets a placeholder body.</summary>
                public static partial class Broken
                {
                    /// <summary>Broken.</summary>
                    [Model("a*exp(-k*t)")]
                    public static partial double F(double x, double a, double k);
                }
                """)
            .ToArray();
        var parseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var options = GeneratorHarness.CompilationOptions.WithGeneralDiagnosticOption(ReportDiagnostic.Error);

        var result = GeneratorHarness.Run(parseOptions, options, sources);

        var generatedTrees = result.Run.GeneratedTrees.ToHashSet();
        var fromGeneratedFiles = result.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .ToList();
        Assert.True(fromGeneratedFiles.Count == 0, string.Join("\n", fromGeneratedFiles.Take(10)));
        Assert.Contains(result.GeneratedFiles, f => f.Text.Contains("struct LinesMixture"));
        Assert.Contains(result.GeneratedFiles, f => f.Text.Contains("throw new global::System.InvalidOperationException"));
    }

    /// <summary>
    /// Locals make a formula a graph whose printed tree doubles with every level: the value and derivatives of this
    /// one print to megabytes. Documentation shows each expression up to a length, then says it is not shown.
    /// </summary>
    [Fact]
    public void DocumentationOfADeepFormulaStaysShort()
    {
        var body = new StringBuilder("double u1 = a * x + b;\n");
        for (int k = 2; k <= 10; k++)
            body.Append($"        double u{k} = u{k - 1} * u{k - 1} * c + b * u{k - 1};\n");
        var result = GeneratorHarness.Run($$"""
            using ModelCompiler;
            namespace Deep;
            public static partial class M
            {
                [Model]
                public static double F(double x, double a, double b, double c)
                {
                    {{body}}
                    return u10;
                }
            }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
        string text = Assert.Single(result.GeneratedFiles).Text;
        var documentation = text.Split('\n').Where(line => line.TrimStart().StartsWith("///", StringComparison.Ordinal)).ToList();
        Assert.All(documentation, line => Assert.True(line.Length <= 500, $"a documentation line of {line.Length} characters"));
        Assert.True(documentation.Sum(line => line.Length) <= 3000, $"{documentation.Sum(line => line.Length)} characters of documentation");
        Assert.Contains(documentation, line => line.Contains("not shown"));
    }
}
