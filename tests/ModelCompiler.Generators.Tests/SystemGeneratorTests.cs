using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The generator on <c>[Ode]</c>, <c>[Objective]</c> and <c>[Equations]</c> as a compiler component: it survives every
/// prefix of every equation of the test declarations (as while typing), its steps stay cached when unrelated code
/// changes, and its output documents every public member (users may build with GenerateDocumentationFile and
/// TreatWarningsAsErrors).
/// </summary>
public class SystemGeneratorTests
{
    private static readonly string[] Attributes = ["Ode", "Objective", "Equations"];

    private static IEnumerable<MethodDeclarationSyntax> Declarations() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.TestProject, "Models"), "*.cs").Order()
            .SelectMany(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => Attributes.Contains(a.Name.ToString())));

    [Fact]
    public void EveryPrefixOfEveryEquationGivesCodeOrAnError()
    {
        var source = new System.Text.StringBuilder("using ModelCompiler;\n");
        var classes = new List<string>();
        foreach (var method in Declarations())
        {
            var attribute = method.AttributeLists.SelectMany(l => l.Attributes).Single(a => Attributes.Contains(a.Name.ToString()));
            var texts = attribute.ArgumentList?.Arguments.Select(a => ((LiteralExpressionSyntax)a.Expression).Token.ValueText).ToList() ?? [];
            string declaration = method.WithAttributeLists(default).WithoutLeadingTrivia().ToFullString().Trim();
            if (texts.Count == 0)
                continue;
            for (int k = 0; k < texts.Count; k++)
            {
                for (int n = 0; n <= texts[k].Length; n++)
                {
                    var arguments = texts.Select((t, j) => "@\"" + (j == k ? t[..n] : t).Replace("\"", "\"\"") + "\"");
                    string name = $"Fuzz{classes.Count}";
                    classes.Add(name);
                    source.Append($"public static partial class {name}\n{{\n    [{attribute.Name}({string.Join(", ", arguments)})]\n    {declaration}\n}}\n");
                }
            }
        }
        Assert.True(classes.Count > 1000, $"only {classes.Count} prefixes");

        var result = GeneratorHarness.Run(source.ToString());

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8785" or "MC9999");
        var tree = result.Output.SyntaxTrees.First();
        var spans = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().ToDictionary(c => c.Identifier.Text, c => c.Span);
        var errorsByClass = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .GroupBy(d => spans.First(s => s.Value.Contains(d.Location.SourceSpan)).Key).ToDictionary(g => g.Key, g => g.Count());
        var codeByClass = result.GeneratedFiles.Where(f => !f.Text.Contains("throw new global::System.InvalidOperationException"))
            .Select(f => f.HintName.Split('.')[0]).ToHashSet();
        foreach (string name in classes)
            Assert.True(codeByClass.Contains(name) != errorsByClass.ContainsKey(name),
                $"{name}: code {codeByClass.Contains(name)}, errors {errorsByClass.GetValueOrDefault(name)}");
        // A rejected formula's partial method gets a throwing placeholder body, so the compiler adds no error of its own.
        Assert.Empty(result.CompilationErrors);
    }

    private const string Systems = """
        using ModelCompiler;
        namespace Lab;
        public static partial class Dynamics
        {
            [Ode("x' = -k*x + y", "y' = -y")]
            public static partial (double, double) Decay(double t, [State] double x, [State] double y, double k);

            [Objective("sum(i, 0, n-2, (x[i+1] - x[i])^2)")]
            public static partial double Smooth(double[] x);

            [Equations]
            public static (double, double) Roots(double a, double b) => (a * a - b, b - 1);
        }
        """;

    private const string Unrelated = """
        namespace Lab;
        public static class Helpers
        {
            public static int Twice(int n) => 2 * n;
        }
        """;

    [Fact]
    public void EditingUnrelatedCodeLeavesEverySystemStepCached()
    {
        var compilation = GeneratorHarness.Compilation(Systems, Unrelated);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        Assert.Equal(3, driver.GetRunResult().GeneratedTrees.Length);

        var unrelatedTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("Twice"));
        var edited = compilation.ReplaceSyntaxTree(unrelatedTree, CSharpSyntaxTree.ParseText(
            Unrelated.Replace("2 * n", "n + n") + "\npublic sealed class Added { }\n", GeneratorHarness.ParseOptions, path: unrelatedTree.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { SystemPipeline.Steps.Parse, SystemPipeline.Steps.Specs, SystemPipeline.Steps.Source })
        {
            var outputs = second.TrackedSteps[step].SelectMany(run => run.Outputs).ToList();
            Assert.Equal(3, outputs.Count);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} output {o.Value} was {o.Reason}"));
        }
    }

    [Fact]
    public void EditingAnEquationChangesOnlyThatSystemsSource()
    {
        var compilation = GeneratorHarness.Compilation(Systems, Unrelated);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("Dynamics"));
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            Systems.Replace("\"y' = -y\"", "\"y' = -2*y\""), GeneratorHarness.ParseOptions, path: tree.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[SystemPipeline.Steps.Source].SelectMany(run => run.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void GeneratedSystemsDocumentEveryPublicMember()
    {
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.TestProject, "Models"), "*.cs")
            .Where(f => Path.GetFileName(f) is "Odes.cs" or "Objectives.cs" or "EquationSystems.cs" or "IndexedSystems.cs")
            .Select(File.ReadAllText).ToArray();
        var input = GeneratorHarness.Compilation(sources);
        input = input.RemoveAllSyntaxTrees().AddSyntaxTrees(input.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), options)));
        CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);

        Assert.DoesNotContain(generatorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith("System.g.cs", StringComparison.Ordinal)
            || t.FilePath.EndsWith("Objective.g.cs", StringComparison.Ordinal) || t.FilePath.EndsWith("Equations.g.cs", StringComparison.Ordinal)).ToList();
        Assert.True(generated.Count >= 20, $"{generated.Count} generated systems");
        var warnings = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree)).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings.Take(10)));
    }
}
