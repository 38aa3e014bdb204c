using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Editing code that is not a model must not redo a model's work: every tracked step of the second run is
/// served from the cache, so typing in a large project stays as fast as without the generator.
/// </summary>
public class IncrementalTests
{
    private const string Models = """
        using ModelCompiler;
        namespace Lab;
        public static partial class Peaks
        {
            [Model("a*exp(-(x-m)^2/(2*s^2)) + c")]
            public static partial double Gaussian(double x, double a, double m, double s, double c);

            [Model]
            public static double Decay(double t, double a, double k) => a * Math.Exp(-k * t);
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
    public void EditingUnrelatedCodeLeavesEveryModelStepCached()
    {
        var compilation = GeneratorHarness.Compilation(Models, Unrelated);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);

        var unrelatedTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("Twice"));
        var edited = compilation.ReplaceSyntaxTree(unrelatedTree, CSharpSyntaxTree.ParseText(
            Unrelated.Replace("2 * n", "n + n") + "\npublic sealed class Added { }\n", GeneratorHarness.ParseOptions, path: unrelatedTree.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { ModelGenerator.Steps.Parse, ModelGenerator.Steps.Specs, ModelGenerator.Steps.Source })
        {
            var outputs = second.TrackedSteps[step].SelectMany(run => run.Outputs).ToList();
            Assert.Equal(2, outputs.Count);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} output {o.Value} was {o.Reason}"));
        }
    }

    /// <summary>The other model in the file moved, so its spec is re-read, but its generated source compares equal.</summary>
    [Fact]
    public void EditingAFormulaChangesOnlyThatModelsSource()
    {
        var compilation = GeneratorHarness.Compilation(Models, Unrelated);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);

        var modelTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("Peaks"));
        var edited = compilation.ReplaceSyntaxTree(modelTree, CSharpSyntaxTree.ParseText(
            Models.Replace("+ c\")]", "+ c*x\")]"), GeneratorHarness.ParseOptions, path: modelTree.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[ModelGenerator.Steps.Source].SelectMany(run => run.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }
}
