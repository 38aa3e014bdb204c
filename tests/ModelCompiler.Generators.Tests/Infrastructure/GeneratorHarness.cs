using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelCompiler.Generators.Tests.Infrastructure;

/// <summary>Runs the model generator in memory over C# sources, as the compiler would.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                           || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(IModel).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>What the SDK's implicit usings give a project, which the model files rely on.</summary>
    private const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n";

    public static CSharpCompilation Compilation(params string[] sources) => Compilation(ParseOptions, CompilationOptions, sources);

    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    public static CSharpCompilation Compilation(CSharpParseOptions parseOptions, CSharpCompilationOptions options, params string[] sources) =>
        CSharpCompilation.Create("Models",
            sources.Select((source, k) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Model{k}.cs"))
                   .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, path: "ImplicitUsings.cs")),
            References.Value, options);

    public static GeneratorDriver Driver(bool trackSteps = false) => Driver(ParseOptions, trackSteps);

    public static GeneratorDriver Driver(CSharpParseOptions parseOptions, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(new[] { new ModelGenerator().AsSourceGenerator() }, parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>The generator's run and the compilation that includes its output.</summary>
    public static GeneratorResult Run(params string[] sources) => Run(ParseOptions, CompilationOptions, sources);

    /// <summary>The same, for a project with other language or compiler settings (LangVersion, warnings as errors…).</summary>
    public static GeneratorResult Run(CSharpParseOptions parseOptions, CSharpCompilationOptions options, params string[] sources)
    {
        var input = Compilation(parseOptions, options, sources);
        var driver = Driver(parseOptions, trackSteps: true).RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        return new GeneratorResult(driver.GetRunResult(), output, generatorDiagnostics);
    }
}

internal sealed record GeneratorResult(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>Errors of the compilation with the generated code in it, the generator's own diagnostics aside.</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors =>
        Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public IReadOnlyList<(string HintName, string Text)> GeneratedFiles =>
        Run.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())).ToList();
}
