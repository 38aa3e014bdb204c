// SPDX-License-Identifier: MIT
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Formulas.Tests;

/// <summary>
/// The README's ```csharp blocks marked <c>&lt;!-- compile in: tests/ModelCompiler.Formulas.Tests --&gt;</c>, compiled as the
/// Program.cs of a console app that references ModelCompiler and ModelCompiler.Formulas, by this project's Roslyn, which
/// knows C# 14's static extension members (<c>CurveFit.Fit(model, …)</c>). No error and no warning; a
/// <c>compile with:</c> comment gives hidden declarations, put before the block.
/// </summary>
public class ReadmeTests
{
    private const string Marker = "compile in: tests/ModelCompiler.Formulas.Tests";
    private const string With = "compile with:";

    public static TheoryData<string> Blocks() =>
        new(Readme.Blocks().Where(b => b.Language == "csharp" && b.Comments.Contains(Marker)).Select(b => b.Location));

    [Fact]
    public void SomeBlockIsCompiledHere() => Assert.NotEmpty(Blocks());

    [Theory]
    [MemberData(nameof(Blocks))]
    public void BlockCompilesAsAConsoleApp(string location)
    {
        var block = Readme.Blocks().Single(b => b.Location == location);
        string hidden = string.Concat(block.Comments.Where(c => c.StartsWith(With, StringComparison.Ordinal)).Select(c => c[With.Length..].Trim() + "\n"));
        // The block's usings first, then the hidden statements, then the rest of the block.
        var lines = block.Code.Split('\n');
        int usings = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) || l.Trim().Length == 0).Count();
        string source = string.Join("\n", lines[..usings]) + "\n" + hidden + string.Join("\n", lines[usings..]);
        const string implicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
                                      "global using System.Threading;\nglobal using System.Threading.Tasks;\n";
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(framework, "System*.dll").Append(Path.Combine(framework, "netstandard.dll"))
            .Append(typeof(IModel).Assembly.Location).Append(typeof(Formula).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("ReadmeBlock",
            [CSharpSyntaxTree.ParseText(source, parse, "Program.cs"), CSharpSyntaxTree.ParseText(implicitUsings, parse, "GlobalUsings.g.cs")],
            references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, $"{location}:\n{string.Join("\n", problems)}\n\n{source}");
    }
}
