// SPDX-License-Identifier: MIT
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelCompiler.Generators.Emit;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Formulas.Tests;

/// <summary>
/// A formula from an untrusted source is data: it is rejected with an MC diagnostic, or compiled as the formula it denotes,
/// with its text in the emitted C# only as an escaped literal and its names only as identifiers — never as code.
/// </summary>
public class SecurityTests
{
    public static TheoryData<string> Injections => new()
    {
        "a*t\"",
        "a*t\\u0022",
        "a*t */ b",
        "a*t /* b",
        "a*t // b",
        "a*t\n#line 1 \"evil.cs\"",
        "#error boom\na*t",
        "a*t\n#if true\n+ b\n#endif",
        "#define X\na*t",
        "#pragma warning disable\na*t",
        "\"); System.IO.File.Delete(\"/tmp/x\"); //",
        "a*t + b; } } class Evil { static Evil() { System.Environment.Exit(1); } }",
        "System.IO.File.Delete(a)",
        "a*t;",
        "\\u0061*t",
        "a\\u0062*t",
        "a*t\u2028+ b",                 // a line separator, which C# counts as a new line: whitespace to the formula
        "a*t\u2029+ b\u0085",
        "a*t\u202E + b",                // a right-to-left override: a formatting character, dropped from the name t as C# does
        "a*t\u200B + b",
        "\u0430*t + a",                 // a Cyrillic а beside a Latin a: two names
        "ａ*t",                         // fullwidth letter: a name
        "a*t\0",
        "a*t\u0007",
        "a*t\u001B[2J",
        "a*t\uD800",                    // a lone surrogate
        "a*t + \U0001D465",             // 𝑥, a letter outside the basic plane
        "0x10*a*t",
        "1e308*10*a*t",
        "a*t + @class + @in",
        "__arglist*t + __makeref",
        "a*t + global::System.Math.PI",
        "a*t + typeof(object)",
        "a*t + nameof(a)",
        "a?.t",
        "a*t + $\"{b}\"",
        "a*t + 'c'",
        "a*t + @\"x\"",
        "a*t /**/",
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public void InjectionIsRejectedOrCompiledAsTheFormulaItDenotes(string formula)
    {
        CompiledModel model;
        try
        {
            model = Formula.Compile(formula, ["t"]);
        }
        catch (FormulaException e)
        {
            Assert.NotEmpty(e.Diagnostics);
            Assert.All(e.Diagnostics.Where(d => d.IsError), d => Assert.Matches("^MC0[0-9]{3}$", d.Id));
            Assert.DoesNotContain(e.Diagnostics, d => d.Id == "MC9999");
            return;
        }
        AssertOnlyData(model);
        // It is the formula it denotes: the values are those of the formula's own syntax, evaluated here.
        var syntax = FormulaParser.Parse(formula, out var error);
        Assert.Null(error);
        double[] t = [0.5, 1.5, 2.5];
        double[] p = model.ParameterNames.Select((_, i) => 1.0 + i).ToArray();
        var values = model.Evaluate(t, p);
        for (int i = 0; i < t.Length; i++)
        {
            double expected = Interpret(syntax, name => name == "t" ? t[i] : p[model.ParameterNames.ToList().IndexOf(name)]);
            Assert.Equal(expected, values[i], 12);
        }
    }

    [Theory]
    [InlineData("class")]
    [InlineData("in")]
    [InlineData("__arglist")]
    [InlineData("System")]
    [InlineData("Vector128")]
    [InlineData("Vector")]
    [InlineData("Span")]
    [InlineData("ReadOnlySpan")]
    [InlineData("ArgumentException")]
    [InlineData("IReadOnlyList")]
    [InlineData("RuntimeFormula")]
    [InlineData("FormulaModel")]
    [InlineData("global")]
    [InlineData("var")]
    [InlineData("nint")]
    [InlineData("dynamic")]
    [InlineData("value")]
    [InlineData("n")]
    [InlineData("i")]
    [InlineData("parameters")]
    [InlineData("jacobian")]
    [InlineData("MemoryMarshal")]
    [InlineData("Formula")]
    [InlineData("values")]
    [InlineData("x")]
    public void AnyNameIsAnIdentifierOfTheEmittedCode(string name)
    {
        var model = Formula.Compile($"a*exp(-k*{(SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" : "")}{name})", [name]);
        AssertOnlyData(model);
        Assert.Equal(2 * Math.Exp(-3 * 0.5), model.Evaluate([0.5], [2, 3])[0], 15);
    }

    [Theory]
    [InlineData("Math")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void NameOfATypeTheKernelsUseIsRejected(string name)
    {
        var error = Assert.Throws<FormulaException>(() => Formula.Compile($"a*exp(-k*{name})", [name]));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC0012", diagnostic.Id);
        Assert.StartsWith($"'{name}' is the name of a type the generated code uses", diagnostic.Message);
    }

    [Fact]
    public void LengthIsBounded()
    {
        string formula = string.Concat(Enumerable.Repeat("a*t + ", 2_000)) + "a";
        var error = Assert.Throws<FormulaException>(() => Formula.Compile(formula, ["t"]));
        Assert.Equal("MC0030", Assert.Single(error.Diagnostics).Id);
        Assert.Contains("12001 characters, more than the limit of 10000", error.Diagnostics[0].Message);
    }

    [Fact]
    public void HundredThousandNestedParenthesesAreAnErrorNotAStackOverflow()
    {
        string formula = new string('(', 100_000) + "a*t" + new string(')', 100_000);
        var error = Assert.Throws<FormulaException>(() => Formula.Compile(formula, ["t"], limits: new FormulaLimits { MaxLength = 1_000_000 }));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC0031", diagnostic.Id);
        Assert.Equal(100, diagnostic.Start);
        // The generator's parser has its own bound, so a deep attribute cannot crash the compiler either.
        FormulaParser.Parse(formula, out var parse);
        Assert.True(parse!.TooDeep);
        Assert.StartsWith("Formula error: The formula nests deeper than 256 levels", FormulaChecks.Syntax(parse).Message);
    }

    [Fact]
    public void NestingWithinTheLimitCompiles()
    {
        string formula = new string('(', 90) + "a*t" + new string(')', 90) + " + " + string.Concat(Enumerable.Repeat("sin(", 40)) + "b*t" + new string(')', 40);
        Assert.Equal(["a", "b"], Formula.Compile(formula, ["t"]).ParameterNames);
    }

    [Fact]
    public void LongFlatSumCompilesWithoutOverflowingTheStack()
    {
        // 1,600 terms: a tree as deep as the sum is long, which binding and differentiating walk recursively.
        string formula = "a*t" + string.Concat(Enumerable.Range(1, 1_600).Select(i => $" + {i % 10}*t"));
        var model = Formula.Compile(formula, ["t"], limits: new FormulaLimits { MaxLength = 20_000 });
        Assert.Equal(2 + Enumerable.Range(1, 1_600).Sum(i => i % 10), model.Evaluate([1.0], [2])[0], 9);
    }

    [Fact]
    public void ParameterCountIsBounded()
    {
        string formula = string.Join(" + ", Enumerable.Range(0, 12).Select(i => $"p{i}*t^{i}"));
        var error = Assert.Throws<FormulaException>(() => Formula.Compile(formula, ["t"], limits: new FormulaLimits { MaxParameters = 10 }));
        Assert.Equal("MC0032", Assert.Single(error.Diagnostics).Id);
    }

    [Fact]
    public void GraphSizeIsBounded()
    {
        var error = Assert.Throws<FormulaException>(() =>
            Formula.Compile("a*exp(-k*t) + c*sin(w*t + phi)/(1 + d*t^2)", ["t"], limits: new FormulaLimits { MaxGraphNodes = 30 }));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC0033", diagnostic.Id);
        Assert.Contains("more than 30 distinct symbolic nodes", diagnostic.Message);
    }

    [Fact]
    public void CompileTimeIsBounded()
    {
        var error = Assert.Throws<FormulaException>(() =>
            Formula.Compile("a*exp(-k*t) + c*t + 17*d", ["t"], limits: new FormulaLimits { CompileTimeout = TimeSpan.FromTicks(1) }));
        Assert.Equal("MC0034", Assert.Single(error.Diagnostics).Id);
    }

    [Fact]
    public void LimitsAreValidated() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Formula.Compile("a*t", ["t"], limits: new FormulaLimits { MaxNestingDepth = 0 }));

    public static TheoryData<string> Texts => new()
    {
        "", "plain", "quote \" and backslash \\", "\\u0022", "\"); System.IO.File.Delete(\"x\"); //", "*/ // #line 1",
        "tab\tnew\nline\rreturn", "\u2028\u2029\u0085", "\0\u0007\u001B\u007F", "\u202E\u2066\u200B\uFEFF", "\uD800 lone", "lone \uDC00",
        "pair \U0001D465 ok", "\uE000 private", "\uFFFF", "α τ 振幅", "\u0301 combining",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void EscapedLiteralReadsBackAsTheSameString(string text)
    {
        string literal = CSharpLiteral.String(text);
        var tree = CSharpSyntaxTree.ParseText($"class C {{ string s = {literal}; }}");
        Assert.Empty(tree.GetDiagnostics());
        var token = Assert.Single(tree.GetRoot().DescendantTokens(), t => t.IsKind(SyntaxKind.StringLiteralToken));
        Assert.Equal(text, token.ValueText);
        // Nothing but printable text and escapes: no new line, no control or formatting character in the source.
        Assert.DoesNotContain(literal, c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator);
    }

    [Fact]
    public void RandomStringsRoundTripThroughTheEscaper()
    {
        var random = new Random(5);
        for (int k = 0; k < 500; k++)
        {
            string text = new(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)(random.Next(4) == 0 ? random.Next(0x20, 0x7F) : random.Next(0, 0x10000))).ToArray());
            var token = CSharpSyntaxTree.ParseText($"class C {{ string s = {CSharpLiteral.String(text)}; }}").GetRoot()
                .DescendantTokens().Single(t => t.IsKind(SyntaxKind.StringLiteralToken));
            Assert.Equal(text, token.ValueText);
        }
    }

    /// <summary>
    /// The emitted source holds the formula only as data: one directive (#nullable enable), no comment outside the
    /// documentation, the formula text as the value of IModel.Formula, and every identifier either one of the generator's
    /// own or a name of the model.
    /// </summary>
    private static void AssertOnlyData(CompiledModel model)
    {
        var tree = CSharpSyntaxTree.ParseText(model.Source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None));
        var root = tree.GetRoot();
        Assert.Empty(tree.GetDiagnostics());
        var directives = root.DescendantTrivia().Where(t => t.IsDirective).Select(t => t.ToString().Trim()).ToList();
        Assert.Equal(["#nullable enable"], directives);
        var formulaProperty = root.DescendantNodes().OfType<PropertyDeclarationSyntax>().Single(p => p.Identifier.Text == "Formula");
        Assert.Equal(model.Formula, ((LiteralExpressionSyntax)formulaProperty.ExpressionBody!.Expression).Token.ValueText);
        var names = model.ParameterNames.Concat(model.VariableNames).ToHashSet();
        foreach (var identifier in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
        {
            string text = identifier.ValueText;
            // Locals made from a name contain it: kV (its broadcast vector), dK (a derivative), values1Ref (a second values).
            Assert.True(GeneratorVocabulary.Contains(text) || IsNumberedLocal(text)
                        || names.Any(n => text.Contains(n, StringComparison.Ordinal) || text.Contains(char.ToUpperInvariant(n[0]) + n[1..], StringComparison.Ordinal)),
                $"'{text}' in the emitted code is neither the generator's nor a name of '{model.Formula}'");
        }
    }

    private static bool IsNumberedLocal(string text) => text.TrimEnd("0123456789".ToCharArray()) is { Length: > 0 } stem && stem.Length < text.Length
        && GeneratorVocabulary.Contains(stem);

    /// <summary>Every identifier the generator writes for a model using every function of the formula language.</summary>
    private static readonly HashSet<string> GeneratorVocabulary = BuildVocabulary();

    private static HashSet<string> BuildVocabulary()
    {
        string everyFunction = "a*exp(t) + log(t) + log10(t) + sqrt(t) + abs(t) + pow(t, 2) + sin(t) + cos(t) + tan(t) + asin(t) + acos(t) + atan(t)"
            + " + atan2(t, 2) + sinh(t) + cosh(t) + tanh(t) + erf(t) + erfc(t) + expm1(t) + log1p(t) + log2(t) + cbrt(t) + hypot(t, 2)"
            + " + min(t, 1) + max(t, 1) + sign(t) + t^2.5 + t^3 + 1/t + pi + e + b/(t*t) + c^t";
        var source = Formula.CompileMixture(everyFunction, ["t"], 2, Noise.Laplace).Model.Source
                     + Formula.CompileMixture(everyFunction, ["t"], 2, Noise.Gaussian).Model.Source
                     + Formula.Compile("a*t + b", ["t"]).Source + Formula.Compile("a*t + b*u", ["t", "u"]).Source;
        return CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText)
            .Where(t => t is not ("a" or "b" or "c" or "t" or "u")).ToHashSet();
    }

    /// <summary>The formula's syntax evaluated directly: what the formula denotes.</summary>
    private static double Interpret(FormulaSyntax syntax, Func<string, double> value) => syntax switch
    {
        NumberSyntax number => number.Value,
        ReferenceSyntax reference => reference.Name switch { "pi" => Math.PI, "e" => Math.E, _ => value(reference.Name) },
        NegateSyntax negate => -Interpret(negate.Operand, value),
        BinarySyntax { Operator: BinaryOperator.Add } b => Interpret(b.Left, value) + Interpret(b.Right, value),
        BinarySyntax { Operator: BinaryOperator.Subtract } b => Interpret(b.Left, value) - Interpret(b.Right, value),
        BinarySyntax { Operator: BinaryOperator.Multiply } b => Interpret(b.Left, value) * Interpret(b.Right, value),
        BinarySyntax { Operator: BinaryOperator.Divide } b => Interpret(b.Left, value) / Interpret(b.Right, value),
        BinarySyntax { Operator: BinaryOperator.Power } b => Math.Pow(Interpret(b.Left, value), Interpret(b.Right, value)),
        _ => throw new NotSupportedException(syntax.GetType().Name),
    };
}
