// Every ```csharp block of README.md is compiled here with the generators, as the Program.cs of a new console app
// that references ModelCompiler, ModelCompiler.Plotting and ModelCompiler.Columnar (`dotnet new console`: implicit usings, nullable on); it must give no error and no
// warning. A block that is not whole by itself says so in an HTML comment just above its fence (blank lines and
// other comments may come between):
//   <!-- compile with: double[] x = [], y = []; -->   hidden C#: its usings and statements go before the block's
//                                                      statements, its type declarations after the block
//   <!-- compile expecting: MC0002 -->                 the block must give exactly these diagnostic ids
//   <!-- compile in: tests/ModelCompiler.Formulas.Tests --> the block is compiled by that project's ReadmeTests instead,
//                                                      with a compiler that knows C# 14's static extension members (the
//                                                      Roslyn here is the generator's, which does not)
// Every fence names its language (```text for output); ```xml blocks must be well-formed; the repository paths that
// ```sh blocks name must exist. The package test runs the usage block in a console app built on the packed package.
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

public partial class ReadmeTests
{
    private const string With = "compile with:";
    private const string Expecting = "compile expecting:";
    private const string In = "compile in:";

    public static TheoryData<string> CSharpBlocks =>
        new(Readme.Blocks().Where(b => b.Language == "csharp").Select(b => b.Location));

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void CSharpBlockCompilesAsAConsoleApp(string location)
    {
        var block = Readme.Blocks().Single(b => b.Location == location);
        string? hidden = null;
        var expected = new SortedSet<string>();
        foreach (string comment in block.Comments.Where(c => c.StartsWith("compile", StringComparison.Ordinal)))
        {
            if (comment.StartsWith(With, StringComparison.Ordinal))
                hidden += comment[With.Length..].Trim() + "\n";
            else if (comment.StartsWith(Expecting, StringComparison.Ordinal))
                expected.UnionWith(comment[Expecting.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            else if (comment.StartsWith(In, StringComparison.Ordinal))
            {
                string project = comment[In.Length..].Trim();
                Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project, "ReadmeTests.cs")),
                    $"{location}: '<!-- {comment} -->' names a project without a ReadmeTests.cs that compiles the block.");
                return;
            }
            else
                Assert.Fail($"{location}: '<!-- {comment} -->' is neither '{With} …', '{Expecting} …' nor '{In} …' (ReadmeTests.cs).");
        }

        string source = hidden is null ? block.Code : Compose(block.Code, hidden);
        var diagnostics = ConsoleApp.Compile(source);
        var ids = new SortedSet<string>(diagnostics.Select(d => d.Id));
        Assert.True(ids.SetEquals(expected),
            $"{location} as Program.cs gives [{string.Join(", ", ids)}], expected [{string.Join(", ", expected)}]:\n" +
            string.Join("\n", diagnostics.Select(d => d.ToString())) + "\n\n" + Numbered(source));
    }

    [Fact]
    public void EveryFenceNamesItsLanguage()
    {
        var blocks = Readme.Blocks();
        Assert.Contains(blocks, b => b.Language == "csharp");
        Assert.All(blocks, b => Assert.False(b.Language.Length == 0, $"{b.Location}: a fence without a language (```csharp, ```sh, ```xml, ```text)."));
    }

    [Fact]
    public void XmlBlocksAreWellFormed()
    {
        foreach (var block in Readme.Blocks().Where(b => b.Language == "xml"))
        {
            var exception = Record.Exception(() => XElement.Parse("<root>" + block.Code + "</root>"));
            Assert.True(exception is null, $"{block.Location}: {exception?.Message}");
        }
    }

    [Fact]
    public void PathsInShellBlocksExist()
    {
        foreach (var block in Readme.Blocks().Where(b => b.Language is "sh" or "bash" or "shell"))
            foreach (string line in block.Code.Split('\n'))
                foreach (string word in line.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (RepositoryPath().IsMatch(word))
                        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, word)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, word)),
                            $"{block.Location}: '{word}' is not in the repository.");
    }

    /// <summary>The block with the hidden code around it: usings and statements first, types last.</summary>
    private static string Compose(string code, string hidden)
    {
        var block = CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions).GetCompilationUnitRoot();
        var extra = CSharpSyntaxTree.ParseText(hidden, GeneratorHarness.ParseOptions).GetCompilationUnitRoot();
        int split = block.Usings.Count > 0 ? block.Usings.Last().FullSpan.End : 0;
        string usings = string.Concat(extra.Usings.Select(u => u.ToFullString()));
        string statements = string.Concat(extra.Members.OfType<GlobalStatementSyntax>().Select(m => m.ToFullString()));
        string types = string.Concat(extra.Members.Where(m => m is not GlobalStatementSyntax).Select(m => m.ToFullString()));
        return code[..split] + usings + statements + "\n" + code[split..] + "\n" + types;
    }

    private static string Numbered(string source) =>
        string.Join("\n", source.Split('\n').Select((line, k) => $"{k + 1,4}  {line}"));

    /// <summary>A relative path with a slash, such as examples/GaussianPeaks; not ~/…, /usr/…, URLs or globs.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.][\w.-]*(/[\w.-]+)+/?$")]
    private static partial Regex RepositoryPath();

    /// <summary>A console app's compilation as the SDK makes it, run through every generator of ModelCompiler.Generators.</summary>
    private static class ConsoleApp
    {
        private const string ImplicitUsings =
            "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
            "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
            Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
                .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal)
                               || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
                .Append(typeof(IModel).Assembly.Location)
                .Append(typeof(ModelCompiler.Plotting.Plots).Assembly.Location)
                .Append(typeof(ScottPlot.Plot).Assembly.Location)
                .Append(typeof(ModelCompiler.Columnar.CurveLayout).Assembly.Location)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray());

        private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(() =>
            typeof(ModelGenerator).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && t.GetCustomAttributes(typeof(GeneratorAttribute), inherit: false).Length > 0)
                .Select(t => Activator.CreateInstance(t) switch
                {
                    IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                    ISourceGenerator generator => generator,
                    _ => throw new InvalidOperationException(t + " is marked [Generator] but is no generator."),
                })
                .ToImmutableArray());

        /// <summary>The warnings and errors of the program, the generators' own included.</summary>
        public static IReadOnlyList<Diagnostic> Compile(string program)
        {
            var tree = CSharpSyntaxTree.ParseText(program, GeneratorHarness.ParseOptions, path: "Program.cs");
            bool topLevel = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
            var compilation = CSharpCompilation.Create("ReadmeBlock",
                [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "GlobalUsings.g.cs")],
                References.Value,
                new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                                             nullableContextOptions: NullableContextOptions.Enable));
            CSharpGeneratorDriver.Create(Generators.Value, parseOptions: GeneratorHarness.ParseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            return generatorDiagnostics.Concat(output.GetDiagnostics())
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .ToList();
        }
    }
}
