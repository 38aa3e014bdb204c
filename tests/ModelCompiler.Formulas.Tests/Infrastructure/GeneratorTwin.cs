// SPDX-License-Identifier: MIT
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelCompiler.Generators;

namespace ModelCompiler.Formulas.Tests.Infrastructure;

/// <summary>
/// Runs the source generator on the declaration the run-time compiler stands for — <c>[Model(formula)] public static partial
/// double Formula(…)</c> in <c>public static partial class RuntimeFormula</c> — and returns what it emits and reports.
/// </summary>
internal static class GeneratorTwin
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll")
            .Append(typeof(IModel).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <summary>The C# declaration: the formula as a verbatim literal, the variables marked [Variable] when there are several.</summary>
    public static string Declaration(string formula, IReadOnlyList<string> variables, IReadOnlyList<string> parameters, string? mixture = null)
    {
        string mark = variables.Count > 1 ? "[ModelCompiler.Variable] " : "";
        var arguments = variables.Select(v => $"{mark}double {Identifier(v)}").Concat(parameters.Select(p => $"double {Identifier(p)}"));
        string attributes = $"[ModelCompiler.Model(@\"{formula.Replace("\"", "\"\"")}\")]" + (mixture is null ? "" : $", ModelCompiler.MixtureModel({mixture})");
        return $$"""
            public static partial class RuntimeFormula
            {
                {{attributes.Replace("], ", ", ")}}
                public static partial double Formula({{string.Join(", ", arguments)}});
            }
            """;
    }

    /// <summary>The generator's file and diagnostics for the declaration; the spans of formula diagnostics are mapped back
    /// into the formula string.</summary>
    public static (string? Source, IReadOnlyList<FormulaDiagnostic> Diagnostics) Run(string formula, IReadOnlyList<string> variables,
                                                                                  IReadOnlyList<string> parameters, string? mixture = null)
    {
        string declaration = Declaration(formula, variables, parameters, mixture);
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("Twin", [CSharpSyntaxTree.ParseText(declaration, parse, path: "Twin.cs")], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGenerators(compilation);
        var run = driver.GetRunResult();
        int literal = declaration.IndexOf("@\"", StringComparison.Ordinal) + 2;
        var diagnostics = run.Diagnostics.Select(d =>
        {
            var span = d.Location.SourceSpan;
            bool inFormula = d.Location.GetLineSpan().Path == "Twin.cs" && span.Start >= literal && span.End <= literal + formula.Length + 1;
            // The generator underlines one character at the end of the formula (the closing quote), the run-time compiler none.
            int start = inFormula ? span.Start - literal : 0, length = inFormula ? Math.Min(span.Length, formula.Length - start) : 0;
            // One on a declared parameter of the method: the run-time compiler points at the name's first use in the formula.
            if (!inFormula && d.Location.GetLineSpan().Path == "Twin.cs" && span.Length > 0)
                (start, length) = FirstUse(formula, declaration.Substring(span.Start, span.Length).TrimStart('@'));
            string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Replace(" of 'Formula'", "");
            return new FormulaDiagnostic(d.Id, message, start, length, d.Severity == DiagnosticSeverity.Error);
        }).ToList();
        string? source = run.GeneratedTrees.SingleOrDefault()?.GetText().ToString();
        return (diagnostics.Any(d => d.IsError) ? null : source, diagnostics);
    }

    private static (int Start, int Length) FirstUse(string formula, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(formula, $@"(?<![\p{{L}}\p{{Nd}}_]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\p{{L}}\p{{Nd}}_])");
        return match.Success ? (match.Index, match.Length) : (0, 0);
    }

    private static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
