using System.Text;
using Xunit.Abstractions;
using Microsoft.CodeAnalysis;
using ModelCompiler.Generators.Tests.Fuzz;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The generator never throws and never leaves a formula unanswered: random and mutated formulas each give
/// generated code that compiles, or at least one error at characters inside the formula.
/// </summary>
public class FormulaFuzzTests(ITestOutputHelper output)
{
    private const int FormulaCount = 100_000;

    [Fact]
    public void EveryFormulaGivesCodeOrAnErrorInsideIt()
    {
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        foreach (var formula in new FormulaSource(seed: 2026_11_22).Take(FormulaCount))
        {
            PipelineOutcome outcome;
            try
            {
                outcome = FormulaPipeline.Run(formula);
            }
            catch (Exception e)
            {
                failures.Add($"'{formula}' threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            if (outcome.Source is not null)
            {
                accepted++;
                if (outcome.Errors.Count > 0 || !outcome.Source.Contains("struct FModel"))
                    failures.Add($"'{formula}' gave code and errors, or code without the model type");
                continue;
            }
            rejected++;
            if (outcome.Errors.Count == 0)
                failures.Add($"'{formula}' gave neither code nor an error");
            // An error at the end of the formula underlines the closing quote, one past the last character.
            foreach (var (start, length) in outcome.Spans)
                if (start < 0 || length < 0 || start + length > formula.Length + 1)
                    failures.Add($"'{formula}' has an error at [{start}, {start + length}) outside the formula");
        }

        output.WriteLine($"{accepted} formulas compiled, {rejected} rejected with an error");
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first ones:\n" + string.Join("\n", failures.Take(20)));
        // Both outcomes must be exercised in earnest, or the corpus is not testing what it claims to.
        Assert.InRange(accepted, FormulaCount / 5, FormulaCount);
        Assert.InRange(rejected, FormulaCount / 5, FormulaCount);
    }

    [Fact]
    public void AcceptedFormulasCompileThroughTheGenerator()
    {
        var accepted = new FormulaSource(seed: 7)
            .Take(6_000)
            .Distinct()
            .Where(f => FormulaPipeline.Run(f).Source is not null)
            .Take(800)
            .ToList();
        Assert.Equal(800, accepted.Count);

        foreach (var batch in accepted.Chunk(200))
        {
            var result = GeneratorHarness.Run(Models(batch));
            var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.Equal(batch.Length, result.GeneratedFiles.Count);
            Assert.True(result.CompilationErrors.Count == 0, string.Join("\n", result.CompilationErrors.Take(10)));
        }
    }

    [Fact]
    public void EveryPrefixOfEverySnapshotFormulaGivesCodeOrAnError()
    {
        var prefixes = FormulaSource.SnapshotFormulas()
            .SelectMany(f => Enumerable.Range(0, f.Length + 1).Select(n => f[..n]))
            .Distinct()
            .ToList();
        var result = GeneratorHarness.Run(Models(prefixes));

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8785" or "MC9999");
        var tree = result.Output.SyntaxTrees.First();
        for (int i = 0; i < prefixes.Count; i++)
        {
            bool hasCode = result.GeneratedFiles.Any(f => f.HintName == $"Fuzz{i}.F.g.cs" && f.Text.Contains("struct FModel"));
            var span = ClassSpan(tree, i);
            bool hasError = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && span.Contains(d.Location.SourceSpan));
            Assert.True(hasCode != hasError, $"prefix '{prefixes[i]}': code {hasCode}, error {hasError}");
        }
        // A rejected formula's partial method gets a throwing placeholder body, so the compiler adds no error of its own.
        Assert.Empty(result.CompilationErrors);
    }

    /// <summary>One class per formula, each with a model method of the fuzz signature.</summary>
    private static string Models(IReadOnlyList<string> formulas)
    {
        var source = new StringBuilder("using ModelCompiler;\n");
        for (int i = 0; i < formulas.Count; i++)
            source.Append($"public static partial class Fuzz{i}\n{{\n    [Model(@\"{formulas[i].Replace("\"", "\"\"")}\")]\n    {FormulaPipeline.Declaration};\n}}\n");
        return source.ToString();
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan ClassSpan(SyntaxTree tree, int index) =>
        tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
            .Single(c => c.Identifier.Text == $"Fuzz{index}").Span;
}
