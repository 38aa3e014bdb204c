using Microsoft.CodeAnalysis;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// One test per diagnostic: its id, and the exact characters it underlines, marked [|like this|] in the
/// source. Every diagnostic the generator reports must be expected by the test.
/// </summary>
public class DiagnosticTests
{
    [Fact]
    public void MC0001_ParseErrorPointsAtTheOffendingCharacter() =>
        AssertSingle("MC0001", """
            public static partial class M
            {
                [Model("a*x + [|*|] b")]
                public static partial double F(double x, double a, double b);
            }
            """, "Formula error: Expected a number, a name or '(' but found '*'");

    [Fact]
    public void MC0001_DoubleStarSuggestsCaret() =>
        AssertSingle("MC0001", """
            public static partial class M
            {
                [Model("a*x[|**|]2")]
                public static partial double F(double x, double a);
            }
            """, "Formula error: '**' is not an operator here: write powers with '^', as in 'x^2'");

    [Fact]
    public void MC0001_UnclosedParenthesisPointsAtIt() =>
        AssertSingle("MC0001", """
            public static partial class M
            {
                [Model("a*[|(|]x+b")]
                public static partial double F(double x, double a, double b);
            }
            """, "Formula error: The '(' here is never closed: add a ')'");

    [Fact]
    public void MC0001_EndOfFormulaUnderlinesTheClosingQuote() =>
        AssertSingle("MC0001", """
            public static partial class M
            {
                [Model("a*x+[|"|])]
                public static partial double F(double x, double a);
            }
            """, "Formula error: The formula ends where an operand was expected");

    [Theory]
    [InlineData("a[|·|]x", "Formula error: Expected an operator but found '·': write '*' for a product")]
    [InlineData("a*x[|²|]", "Formula error: Expected an operator but found '²': write '^2' for a power")]
    [InlineData("a*k[|₁|] + x", "Formula error: Expected an operator but found '₁': a subscript cannot be part of a name (as in C#): write '1' or '_1' instead")]
    [InlineData("a*x [|−|] 1", "Formula error: Expected an operator but found '−': write '-', the ASCII minus, to subtract or negate")]
    [InlineData("[|−|]a*x", "Formula error: Expected a number, a name or '(' but found '−': write '-', the ASCII minus, to subtract or negate")]
    [InlineData("[|٣|]*x*a", "Formula error: Expected a number, a name or '(' but found '٣': write numbers with the digits 0-9")]
    public void MC0001_TypographicCharactersSayWhatToWriteInstead(string formula, string message) =>
        AssertSingle("MC0001", $$"""
            public static partial class M
            {
                [Model("{{formula}}")]
                public static partial double F(double x, double a);
            }
            """, message);

    [Fact]
    public void MC0002_CaseMismatchSuggestsTheNameInScope() =>
        AssertSingle("MC0002", """
            public static partial class M
            {
                [Model("a*[|X|]")]
                public static partial double F(double x, double a);
            }
            """, "'X' is not a variable, a parameter or a constant of this model: the names in scope are x, a, pi, e; did you mean 'x'?");

    [Fact]
    public void MC0002_GreekPiSuggestsPi() =>
        AssertSingle("MC0002", """
            public static partial class M
            {
                [Model("a*sin(2*[|π|]*x)")]
                public static partial double F(double x, double a);
            }
            """, "'π' is not a variable, a parameter or a constant of this model: the names in scope are x, a, pi, e; did you mean 'pi'?");

    [Fact]
    public void MC0003_CaseMismatchSuggestsTheFunction() =>
        AssertSingle("MC0003", """
            public static partial class M
            {
                [Model("a*[|Exp|](x)")]
                public static partial double F(double x, double a);
            }
            """, "'Exp' is not a supported function: the supported functions are exp, log, log10, sqrt, abs, pow, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, erf, erfc, expm1, log1p, log2, cbrt, hypot, min, max, sign; did you mean 'exp'?");

    /// <summary>Every identifier C# accepts names a parameter in a formula too: Greek letters, modifier and titlecase letters, other scripts, '@' escapes.</summary>
    [Theory]
    [InlineData("α*x + β", "double x, double α, double β")]
    [InlineData("Aʹ*exp(-x/τ) + ǅ", "double x, double Aʹ, double τ, double ǅ")]
    [InlineData("振幅*x + _b2", "double x, double 振幅, double _b2")]
    [InlineData("@in*x + @class", "double x, double @in, double @class")]
    public void UnicodeParameterNamesAreAccepted(string formula, string parameters)
    {
        var result = GeneratorHarness.Run(Namespaced($$"""
            public static partial class M
            {
                [Model("{{formula}}")]
                public static partial double F({{parameters}});
            }
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
        Assert.Contains("struct FModel", Assert.Single(result.GeneratedFiles).Text);
    }

    [Fact]
    public void MC0002_UnknownName() =>
        AssertSingle("MC0002", """
            public static partial class M
            {
                [Model("a*exp(-k*[|t|])")]
                public static partial double F(double x, double a, double k);
            }
            """, "'t' is not a variable, a parameter or a constant of this model: the names in scope are x, a, k, pi, e");

    [Fact]
    public void MC0003_UnsupportedFunction() =>
        AssertSingle("MC0003", """
            public static partial class M
            {
                [Model("a*[|expp|](x)")]
                public static partial double F(double x, double a);
            }
            """, "'expp' is not a supported function: the supported functions are exp, log, log10, sqrt, abs, pow, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, erf, erfc, expm1, log1p, log2, cbrt, hypot, min, max, sign");

    [Fact]
    public void MC0004_WrongArgumentCount() =>
        AssertSingle("MC0004", """
            public static partial class M
            {
                [Model("a*[|atan2(x)|]")]
                public static partial double F(double x, double a);
            }
            """, "Wrong number of arguments: 'atan2' takes 2 arguments but is given 1");

    [Fact]
    public void MC0005_UnsupportedCSharpConstruct() =>
        AssertSingle("MC0005", """
            public static partial class M
            {
                [Model]
                public static double F(double x, double a) => a * [|Math.Round(x)|];
            }
            """, "The call 'Math.Round(…)' cannot be compiled into a model: the supported functions are Math.Exp, Math.Log, Math.Log10, Math.Sqrt, Math.Abs, Math.Pow, Math.Sin, Math.Cos, Math.Tan, Math.Asin, Math.Acos, Math.Atan, Math.Atan2, Math.Sinh, Math.Cosh, Math.Tanh, Math.Log2, Math.Cbrt, Math.Max, Math.Min, Math.Sign, the same functions of double with double.Hypot, double.ExpM1 and double.LogP1, and ScalarMath.Erf, Erfc, Expm1 and Log1p");

    [Fact]
    public void MC0005_UnsupportedOperator() =>
        AssertSingle("MC0005", """
            public static partial class M
            {
                [Model]
                public static double F(double x, double a) => a [|%|] x;
            }
            """, "The operator '%' cannot be compiled into a model: a model formula uses + - * /, comparisons, && and ||");

    /// <summary>Math.Sign returns an int: dividing it by an int is integer division in C#, which a formula cannot express.</summary>
    [Fact]
    public void MC0005_IntegerDivisionOfMathSign() =>
        AssertSingle("MC0005", """
            public static partial class M
            {
                [Model]
                public static double F(double x, double a) => a * x + [|Math.Sign(x) / 2|];
            }
            """, "Integer division 'Math.Sign(x) / 2' cannot be compiled into a model: a formula divides doubles; write 2.0 or cast to double to divide as the model would");

    /// <summary>float arithmetic rounds in C# where the model's double would not: 0.1f·0.1f is 0.0100000007 in float, 0.0100000003 in double.</summary>
    [Fact]
    public void MC0005_FloatArithmetic() =>
        AssertSingle("MC0005", """
            public static partial class M
            {
                [Model]
                public static double F(double x, double a) { float h = 0.1f; return a * x * ([|h * h|]); }
            }
            """, "Float arithmetic 'h * h' cannot be compiled into a model: C# rounds each float result to 7 digits, which the model's double arithmetic would not; declare the locals double");

    [Fact]
    public void MC0006_NotStatic() =>
        AssertSingle("MC0006", """
            public partial class M
            {
                [Model]
                public double [|F|](double x, double a) => a * x;
            }
            """, "Model method 'F' must be static: add the 'static' modifier");

    [Fact]
    public void MC0007_FormulaInAttributeOnMethodWithBody() =>
        AssertSingle("MC0007", """
            public static partial class M
            {
                [Model("a*x")]
                public static double [|F|](double x, double a) => a * x;
            }
            """, "Model method 'F' has its formula in [Model(...)], so it must be declared 'static partial' without a body; the generator writes the body");

    [Fact]
    public void MC0008_NoFormula() =>
        AssertSingle("MC0008", """
            public static partial class M
            {
                [Model]
                public static partial double [|F|](double x, double a);
            }
            """, "Model method 'F' has no formula: give one as [Model(\"...\")] on a partial declaration, or write the formula as the method's body");

    [Fact]
    public void MC0009_NonDoubleParameter() =>
        AssertSingle("MC0009", """
            public static partial class M
            {
                [Model("a*x")]
                public static partial double F(double x, [|int a|]);
            }
            """, "Parameter 'a' of model method 'F' must be a plain 'double' passed by value (not ref, out, in or params)");

    [Fact]
    public void MC0009_NonDoubleReturn() =>
        AssertSingle("MC0009", """
            public static partial class M
            {
                [Model]
                public static [|float|] F(double x, double a) => (float)(a * x);
            }
            """, "The return type of model method 'F' must be a plain 'double'");

    [Fact]
    public void MC0010_NoFittedParameter() =>
        AssertSingle("MC0010", """
            public static partial class M
            {
                [Model("2*x")]
                public static partial double [|F|](double x);
            }
            """, "Model method 'F' has no fitted parameter: after the independent variable (x) add at least one double parameter to fit");

    [Fact]
    public void MC0011_ContainingTypeNotPartial() =>
        AssertSingle("MC0011", """
            public static class [|M|]
            {
                [Model]
                public static double F(double x, double a) => a * x;
            }
            """, "Type 'M' must be declared 'partial' so the generator can add 'FModel' to it");

    [Fact]
    public void MC0029_ATypeThatHidesAFrameworkTypeOfTheGeneratedCode() =>
        AssertSingle("MC0029", """
            public readonly struct Vector256 { }
            public static partial class M
            {
                [Model("a*exp(-k*t)")]
                public static partial double [|Decay|](double t, double a, double k);
            }
            """, "'Test.Vector256' hides System.Runtime.Intrinsics.Vector256, which the code generated for 'Decay' uses: rename it, or declare the model in another type or namespace");

    /// <summary>A base class's nested type is found by the generated code's lookup as the derived class's own.</summary>
    [Fact]
    public void MC0029_AnInheritedTypeThatHidesAFrameworkType() =>
        AssertSingle("MC0029", """
            public class Lab { public struct Span<T> { } }
            public partial class M : Lab
            {
                [Model("a*exp(-k*t)")]
                public static partial double [|Decay|](double t, double a, double k);
            }
            """, "'Test.Lab.Span<T>' hides System.Span<T>, which the code generated for 'Decay' uses: rename it, or declare the model in another type or namespace");

    /// <summary>A base class's private nested type is not found from the derived class, and hides nothing.</summary>
    [Fact]
    public void APrivateBaseTypeOfTheSameNameHidesNothing()
    {
        var result = GeneratorHarness.Run(Namespaced("""
            public class Lab { private struct Span<T> { } }
            public partial class M : Lab
            {
                [Model("a*exp(-k*t)")]
                public static partial double Decay(double t, double a, double k);
            }
            """));
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.CompilationErrors);
    }

    /// <summary>
    /// The user's own Math, in the model's namespace, is found before the usings of the generated file: the generated code
    /// names System.Math in full, for models, mixtures, ODEs and objectives alike. A property named List does not hide
    /// List&lt;T&gt;, which is looked up with one type argument.
    /// </summary>
    [Fact]
    public void AUsersOwnMathDoesNotBreakTheGeneratedCode()
    {
        var result = GeneratorHarness.Run(Namespaced("""
            public static class Math { public static double Twice(double v) => 2 * v; }
            public static partial class M
            {
                public static double List => 1;
                [Model("a*exp(-k*t) + c*log(t) + sqrt(t)^p")]
                public static partial double Decay(double t, double a, double k, double c, double p);
                [Model("a + b*exp(x)"), MixtureModel(Components = 2, Noise = Noise.Laplace)]
                public static partial double Lines(double x, double a, double b);
                [Ode("y' = -k*exp(y)*sin(t)")]
                public static partial double Cooling(double t, [State] double y, double k);
                [Objective("(1-x)^2 + 100*(y-x^2)^2 + exp(x)")]
                public static partial double Valley(double x, double y);
            }
            """));
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.CompilationErrors);
    }

    /// <summary>
    /// A power of a power nested 12 deep, (k·x)^4096 written as repeated squares: the graph shares them, but the
    /// normal-equation kernels' column factors were flattened as a tree, 2^12 factors of k in 408 KB of code (at 14
    /// deep the compiler overflowed its stack on the generated line).
    /// </summary>
    [Fact]
    public void NestedPowersGenerateCodeOfTheirOwnSize()
    {
        string tower = "x*k";
        for (int d = 0; d < 12; d++)
            tower = $"({tower})^2";
        var result = GeneratorHarness.Run(Namespaced($$"""
            public static partial class M
            {
                [Model("a*{{tower}}")]
                public static partial double Tower(double x, double a, double k);
            }
            """));
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.CompilationErrors);
        Assert.InRange(result.GeneratedFiles.Sum(f => f.Text.Length), 1, 200_000);
    }

    [Fact]
    public void MC0005_AnExtensionMethodIsNotAModel() =>
        AssertSingle("MC0005", """
            public static partial class M
            {
                [Model("a*x + b")]
                public static partial double [|Line|](this double x, double a, double b);
            }
            """, "An extension model method cannot be compiled into a model: the generated model type calls it with its variables and parameters alike; remove 'this'");

    [Fact]
    public void MC0005_OneMethodTakesOneGeneratorAttribute() =>
        AssertSingle("MC0005", """
            public static partial class M
            {
                [Model("(x - a)^2"), Objective("(x - a)^2")]
                public static partial double [|Both|](double x, double a);
            }
            """, "A method with both [Model] and [Objective] cannot be compiled into a model: each generates the method's body; declare the other on a method of its own");

    [Fact]
    public void MC0005_AFileLocalTypeCannotHoldAModel() =>
        AssertSingle("MC0005", """
            file static partial class [|F|]
            {
                [Model("a*x + b")]
                public static partial double Line(double x, double a, double b);
            }
            """, "A model in the file-local type 'F' cannot be compiled into a model: the generator writes the model's code in a file of its own, where a file-local type is another type; remove 'file'");

    [Fact]
    public void MC0012_DuplicateModelName() =>
        AssertSingle("MC0012", """
            public static partial class M
            {
                [Model]
                public static double F(double x, double a) => a * x;

                [Model]
                public static double [|F|](double x, double a, double b) => a * x + b;
            }
            """, "Another model named 'F' is declared earlier in 'M'; model names must be unique within a type because each generates 'FModel'");

    [Fact]
    public void MC0012_ModelTypeNamedLikeItsContainingType() =>
        AssertSingle("MC0012", """
            public static partial class DecayModel
            {
                [Model]
                public static double [|Decay|](double t, double a, double k) => a * Math.Exp(-k * t);
            }
            """, "The type generated for model 'Decay' would be named 'DecayModel', the name of the type that contains it; rename the method or the type");

    [Fact]
    public void MC0012_ModelTypeHidingAnInheritedMember() =>
        AssertSingle("MC0012", """
            public class Base { public class DecayModel { } }
            public partial class Derived : Base
            {
                [Model]
                public static double [|Decay|](double t, double a, double k) => a * Math.Exp(-k * t);
            }
            """, "The type generated for model 'Decay', 'DecayModel', would hide the member 'DecayModel' that 'Derived' inherits from 'Base'; rename one of them");

    [Fact]
    public void MC0012_MixtureTypeNamedLikeAMember() =>
        AssertSingle("MC0012", """
            public static partial class M
            {
                public static int LineMixture => 2;
                [Model("a + b*x"), MixtureModel(Components = 2)]
                public static partial double [|Line|](double x, double a, double b);
            }
            """, "Type 'M' already has a member named 'LineMixture', the name of a type generated for model 'Line'; rename one of them");

    [Fact]
    public void MC0012_StemNamedLikeItsContainingType() =>
        AssertSingle("MC0012", """
            public static partial class Hill
            {
                [Model("vmax*x^n/(k^n + x^n)")]
                public static partial double [|HillModel|](double x, double vmax, double k, double n);
            }
            """, "The type generated for model 'HillModel' would be named 'Hill', the name of the type that contains it; rename the method or the type");

    /// <summary>
    /// The model type is the method's name followed by Model, and a method already named …Model is not doubled:
    /// Atan2Model gives Atan2 (its mixture Atan2Mixture), not Atan2ModelModel.
    /// </summary>
    [Fact]
    public void AMethodNamedModelIsNotDoubled()
    {
        var result = GeneratorHarness.Run(Namespaced("""
            public static partial class M
            {
                [Model]
                public static double Atan2Model(double x, double a, double b) => a * Math.Atan2(x, b);

                [Model("a + b*x"), MixtureModel(Components = 2)]
                public static partial double LineModel(double x, double a, double b);

                [Model]
                public static double Decay(double t, double a, double k) => a * Math.Exp(-k * t);
            }

            public static class Use
            {
                public static int Count => M.Atan2.ParameterCount + M.Line.ParameterCount + M.LineMixture.Components + M.DecayModel.ParameterCount;
            }
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.CompilationErrors.Count == 0, string.Join("\n", result.CompilationErrors));
        Assert.DoesNotContain(result.GeneratedFiles, f => f.Text.Contains("ModelModel") || f.Text.Contains("ModelMixture"));
    }

    [Fact]
    public void MC0012_ParameterNamedLikeAConstant() =>
        AssertSingle("MC0012", """
            public static partial class M
            {
                [Model("a*exp(x)")]
                public static partial double F(double x, double a, double [|e|]);
            }
            """, "Parameter 'e' has the name of the formula constant e; rename it so the formula is not ambiguous",
            alsoExpected: "MC0013");

    [Theory]
    [InlineData("Math")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    [InlineData("MemoryMarshal")]
    public void MC0012_ParameterNamedLikeATypeTheKernelsUse(string name) =>
        AssertSingle("MC0012", $$"""
            public static partial class M
            {
                [Model("a*exp(-x/{{name}})")]
                public static partial double F(double x, double a, double [|{{name}}|]);
            }
            """, $"'{name}' is the name of a type the generated code uses (Math, MemoryMarshal, Vector256, Vector512); rename this variable or parameter");

    [Theory]
    [InlineData("ParameterCount")]
    [InlineData("VariableCount")]
    [InlineData("AccumulateNormalEquations512")]
    public void MC0012_ParameterNamedLikeAMemberOfTheGeneratedModel(string name) =>
        AssertSingle("MC0012", $$"""
            public static partial class M
            {
                [Model("a*x + {{name}}")]
                public static partial double F(double x, double a, double [|{{name}}|]);
            }
            """, $"'{name}' is the name of a member of the generated model type, which its code calls; rename this variable or parameter");

    [Fact]
    public void MC0012_VariableNamedLikeATypeTheKernelsUseInACSharpBody() =>
        AssertSingle("MC0012", """
            public static partial class M
            {
                [Model]
                public static double F(double [|Vector512|], double a) => a * Vector512;
            }
            """, "'Vector512' is the name of a type the generated code uses (Math, MemoryMarshal, Vector256, Vector512); rename this variable or parameter");

    [Fact]
    public void MC0013_UnusedParameterIsAWarning()
    {
        var diagnostic = AssertSingle("MC0013", """
            public static partial class M
            {
                [Model("a*x")]
                public static partial double F(double x, double a, double [|b|]);
            }
            """, "Parameter 'b' is never used by the formula of 'F': its Jacobian column is zero and a fit cannot determine it; remove it or use it");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        // In the source's syntax tree, where #pragma warning disable MC0013 reaches it: a file span outside any tree, as
        // the diagnostics were reported before, was beyond every pragma, and only NoWarn could silence a warning.
        Assert.True(diagnostic.Location.IsInSource);
        Assert.NotNull(diagnostic.Location.SourceTree);
    }

    [Fact]
    public void MC0036_ParametersWithOneColumnAreAWarning()
    {
        // b and c act only as b + c: from a guessed start a fit moved them to ∓1.2e13, and the model's rounding there gave a
        // sum of squares below the least possible.
        var diagnostic = AssertSingle("MC0036", """
            public static partial class M
            {
                [Model("a*exp(-k*x) + b + c")]
                public static partial double F(double x, double a, double k, double b, double [|c|]);
            }
            """, "Parameters 'c' and 'b' of 'F' have Jacobian columns that are constants: the formula depends on them only through b + c, which a fit cannot separate; keep one of them");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        AssertSingle("MC0036", """
            public static partial class M
            {
                [Model("a*x^b + c*x^b")]
                public static partial double F(double x, double a, double b, double [|c|]);
            }
            """, "Parameters 'c' and 'a' of 'F' have Jacobian columns that are constant multiples of x^b: the formula depends on them only through a + c, which a fit cannot separate; keep one of them");
        AssertSingle("MC0036", """
            public static partial class M
            {
                [Model("a*x - 2*b*x")]
                public static partial double F(double x, double a, double [|b|]);
            }
            """, "Parameters 'b' and 'a' of 'F' have Jacobian columns that are constant multiples of x: the formula depends on them only through a - 2*b, which a fit cannot separate; keep one of them");

        // Columns whose ratio depends on the parameters alone: an amplitude and a shift of one exponential, a product.
        AssertSingle("MC0036", """
            public static partial class M
            {
                [Model("A*exp(-(t - t0)/tau)")]
                public static partial double F(double t, double A, double [|t0|], double tau);
            }
            """, "Parameters 't0' and 'A' of 'F' have Jacobian columns that are multiples of exp((t0 - t)/tau) by factors of the parameters alone: the formula depends on them only through one combination of them, which a fit cannot separate; keep one of them");
        AssertSingle("MC0036", """
            public static partial class M
            {
                [Model("a*b*x^2 + c")]
                public static partial double F(double x, double a, double [|b|], double c);
            }
            """, "Parameters 'b' and 'a' of 'F' have Jacobian columns that are multiples of x^2 by factors of the parameters alone: the formula depends on them only through one combination of them, which a fit cannot separate; keep one of them");
        AssertSingle("MC0036", """
            public static partial class M
            {
                [Model("a*exp(-k*x) + b^2 + c")]
                public static partial double F(double x, double a, double k, double b, double [|c|]);
            }
            """, "Parameters 'c' and 'b' of 'F' have Jacobian columns that are constant over the points: the formula depends on them only through one combination of them, which a fit cannot separate; keep one of them");
    }

    [Theory]
    [InlineData("a*exp(-(x - m)^2/(2*s^2)) + c")]
    [InlineData("a*exp(-k*x) + b*x*exp(-k*x)")]
    [InlineData("d + (a - d)/(1 + (x/c)^b)")]
    [InlineData("a*exp(-x/w1) + b*exp(-x/w2)")]
    [InlineData("a*x/(k + x)")]
    public void MC0036_IsNotRaisedForColumnsThatDifferFromPointToPoint(string formula)
    {
        string[] parameters = System.Text.RegularExpressions.Regex.Matches(formula, @"[A-Za-z_][A-Za-z_0-9]*(?!\s*\()")
            .Select(m => m.Value).Where(n => n != "x").Distinct().ToArray();
        var diagnostics = GeneratorHarness.Run(Namespaced($$"""
            public static partial class M
            {
                [Model("{{formula}}")]
                public static partial double F(double x, {{string.Join(", ", parameters.Select(p => "double " + p))}});
            }
            """)).GeneratorDiagnostics;
        Assert.DoesNotContain(diagnostics, d => d.Id == "MC0036");
    }

    [Fact]
    public void MC0014_NonDifferentiableFunctionIsInformation()
    {
        var diagnostic = AssertSingle("MC0014", """
            public static partial class M
            {
                [Model("a*[|abs|](x - c)")]
                public static partial double F(double x, double a, double c);
            }
            """, "'abs' is not differentiable everywhere: its derivative does not exist where its argument is 0; the generated Jacobian uses 0 there");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
    }

    [Fact]
    public void MC0014_MaxSaysWhichBranchTheJacobianTakes() =>
        AssertSingle("MC0014", """
            public static partial class M
            {
                [Model("a + b*[|max|](x - c, 0)")]
                public static partial double F(double x, double a, double b, double c);
            }
            """, "'max' is not differentiable everywhere: its derivative does not exist where its arguments are equal; the generated Jacobian uses the first argument's there, or 0 where the other argument's is 0 (the flat side of max(x - c, 0))");

    [Fact]
    public void MC0014_Hypot() =>
        AssertSingle("MC0014", """
            public static partial class M
            {
                [Model("a*[|hypot|](x, b)")]
                public static partial double F(double x, double a, double b);
            }
            """, "'hypot' is not differentiable everywhere: its derivative does not exist where both arguments are 0; the generated Jacobian uses 0 there");

    [Fact]
    public void MC0015_VariableAfterFittedParameter() =>
        AssertSingle("MC0015", """
            public static partial class M
            {
                [Model("a*x + y")]
                public static partial double F([Variable] double x, double a, [Variable] double [|y|]);
            }
            """, "Parameter 'y' is marked [Variable] but follows the fitted parameter 'a': independent variables must be the leading parameters");

    [Fact]
    public void MC0022_NonFiniteConstantIsAnErrorAtItsCharacters() =>
        AssertSingle("MC0022", """
            public static partial class M
            {
                [Model("a*[|log(0)|]+x")]
                public static partial double F(double x, double a);
            }
            """, "'log(0)' is -∞ whatever the data and parameters, so the model cannot be finite where it is used: correct this constant part of the formula");

    [Fact]
    public void MC0022_NonFiniteConstantInCSharp() =>
        AssertSingle("MC0022", """
            public static partial class M
            {
                [Model]
                public static double F(double x, double a) => a * [|Math.Sqrt(-1.0)|] + x;
            }
            """, "'Math.Sqrt(-1.0)' is NaN whatever the data and parameters, so the model cannot be finite where it is used: correct this constant part of the formula");

    [Fact]
    public void MC0022_OverflowingConstantProduct() =>
        AssertSingle("MC0022", """
            public static partial class M
            {
                [Model("a*x + [|1e308*10|]")]
                public static partial double F(double x, double a);
            }
            """, "'1e308*10' is +∞ whatever the data and parameters, so the model cannot be finite where it is used: correct this constant part of the formula");

    [Fact]
    public void MC0022_FunctionLeftToRunTimeOutsideItsDomain() =>
        AssertSingle("MC0022", """
            public static partial class M
            {
                [Model("a*x + [|log1p(-1)|]")]
                public static partial double F(double x, double a);
            }
            """, "'log1p(-1)' is -∞ whatever the data and parameters, so the model cannot be finite where it is used: correct this constant part of the formula");

    [Fact]
    public void MC0022_OnlyTheInnermostNonFiniteConstantIsReported() =>
        AssertSingle("MC0022", """
            public static partial class M
            {
                [Model("a*x + exp(2*[|log(0)|])")]
                public static partial double F(double x, double a);
            }
            """, "'log(0)' is -∞ whatever the data and parameters, so the model cannot be finite where it is used: correct this constant part of the formula");

    [Fact]
    public void MC0023_DivisionByZeroUnderlinesTheDivisor() =>
        AssertSingle("MC0023", """
            public static partial class M
            {
                [Model("a*x/[|0|]")]
                public static partial double F(double x, double a);
            }
            """, "The divisor '0' is 0 whatever the data and parameters: the formula divides by zero wherever it is evaluated");

    [Fact]
    public void MC0023_DivisorThatFoldsToZero() =>
        AssertSingle("MC0023", """
            public static partial class M
            {
                [Model("a/([|1-1|])+x")]
                public static partial double F(double x, double a);
            }
            """, "The divisor '1-1' is 0 whatever the data and parameters: the formula divides by zero wherever it is evaluated");

    [Fact]
    public void MC0023_AnUnknownNameIsNotAlsoADivisionByZero() =>
        AssertSingle("MC0002", """
            public static partial class M
            {
                [Model("a*x/[|t|]")]
                public static partial double F(double x, double a);
            }
            """, "'t' is not a variable, a parameter or a constant of this model: the names in scope are x, a, pi, e");

    [Fact]
    public void MC0024_FormulaWithoutItsVariableIsAWarning()
    {
        var diagnostic = AssertSingle("MC0024", """
            public static partial class M
            {
                [Model("a + b^2")]
                public static partial double F(double [|x|], double a, double b);
            }
            """, "The formula of 'F' never uses its variable 'x': the model has the same value at every point; check the formula");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void MC0024_AVariableThatCancelsIsNotUsed() =>
        AssertSingle("MC0024", """
            public static partial class M
            {
                [Model("(x-x)*a + b")]
                public static partial double F(double [|x|], double a, double b);
            }
            """, "The formula of 'F' never uses its variable 'x': the model has the same value at every point; check the formula",
            alsoExpected: "MC0013");

    [Fact]
    public void MC0013_AParameterThatCancelsIsNotUsed() =>
        AssertSingle("MC0013", """
            public static partial class M
            {
                [Model("b*x + (a - a)")]
                public static partial double F(double x, double [|a|], double b);
            }
            """, "Parameter 'a' is never used by the formula of 'F': its Jacobian column is zero and a fit cannot determine it; remove it or use it");

    [Fact]
    public void MC0020_MixtureWithoutComponentsUnderlinesTheCount() =>
        AssertSingle("MC0020", """
            public static partial class M
            {
                [Model("a + b*x"), MixtureModel(Components = [|0|], Noise = Noise.Laplace)]
                public static partial double F(double x, double a, double b);
            }
            """, "Mixture of 'F' has Components = 0: a mixture needs at least one component; set Components to 1 or more");

    [Fact]
    public void MC0021_UndefinedNoiseUnderlinesTheValue() =>
        AssertSingle("MC0021", """
            public static partial class M
            {
                [Model("a + b*x"), MixtureModel(Components = 2, Noise = [|(Noise)7|])]
                public static partial double F(double x, double a, double b);
            }
            """, "Mixture of 'F' has Noise = 7, which is neither Noise.Gaussian nor Noise.Laplace");

    [Fact]
    public void MC0020_TheModelIsStillGeneratedWithoutItsMixture()
    {
        var result = GeneratorHarness.Run(Namespaced("""
            public static partial class M
            {
                [Model("a + b*x"), MixtureModel(Components = -1)]
                public static partial double F(double x, double a, double b);
            }
            """));
        Assert.Equal("MC0020", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.CompilationErrors);
        var (_, text) = Assert.Single(result.GeneratedFiles);
        Assert.Contains("struct FModel", text);
        Assert.DoesNotContain("struct FMixture", text);
    }

    [Fact]
    public void MC0025_ModelOnALocalFunction() =>
        AssertSingle("MC0025", """
            public static partial class M
            {
                public static double Outer(double t)
                {
                    [[|Model("a*x")|]]
                    static double L(double x, double a) => a * x;
                    return L(t, 2);
                }
            }
            """, "[Model] on the local function 'L' has no effect: a model must be a static method of a partial class, struct or record, where the generator can add its model type");

    [Fact]
    public void MC0025_ModelOnALambda() =>
        AssertSingle("MC0025", """
            public static partial class M
            {
                public static Func<double, double, double> G = [[|Model|]] (double x, double a) => a * x;
            }
            """, "[Model] on a lambda has no effect: a model must be a static method of a partial class, struct or record, where the generator can add its model type");

    [Fact]
    public void MC0026_PrivateModelMethodIsAWarning()
    {
        var diagnostic = AssertSingle("MC0026", """
            public static partial class M
            {
                [Model]
                static double [|F|](double x, double a) => a * x;
            }
            """, "Model method 'F' is private, so its generated type 'FModel' is private too and only 'M' can use it: declare the method internal or public to use FModel elsewhere");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void MC0027_MixtureModelWithoutModel() =>
        AssertSingle("MC0027", """
            public static partial class M
            {
                [[|MixtureModel(Components = 2)|]]
                public static double F(double x, double a) => a * x;
            }
            """, "[MixtureModel] on 'F' has no effect without [Model] on the same method: add [Model] (or [Model(\"…\")]) to define the regression function");

    [Fact]
    public void MC9999_EmissionFailureBecomesADiagnostic()
    {
        var result = GeneratorHarness.Run(Namespaced("""
            public static partial class M
            {
                [Model("a*x")]
                public static partial double F(double x, double a);
            }
            """));
        var spec = Assert.Single(result.Run.Results[0].TrackedSteps, s => s.Key == ModelGenerator.Steps.Specs).Value
            .SelectMany(step => step.Outputs).Select(o => (ModelSpec?)o.Value).Single()!;

        var failed = GeneratedSource.Create(spec, _ => throw new InvalidOperationException("boom"));

        Assert.NotNull(failed.Failure);
        Assert.Equal("MC9999", failed.Failure!.Descriptor.Id);
        Assert.Equal("The model generator failed on 'F' (InvalidOperationException: boom); please report this with the formula",
            failed.Failure.ToDiagnostic().GetMessage());
    }

    [Fact]
    public void AFormulaErrorIsTheOnlyErrorTheUserSees()
    {
        var result = GeneratorHarness.Run(Namespaced("""
            public static partial class M
            {
                [Model("a*exp(-k*t)")]
                public static partial double F(double x, double a, double k);
            }
            """));
        Assert.Equal("MC0002", Assert.Single(result.GeneratorDiagnostics).Id);
        // The placeholder body keeps the compiler from adding CS8795 ("partial method must have an implementation").
        Assert.Empty(result.CompilationErrors);
        var (_, text) = Assert.Single(result.GeneratedFiles);
        Assert.Contains("throw new global::System.InvalidOperationException(\"The formula of model 'F' has errors", text);
        Assert.DoesNotContain("struct FModel", text);
    }

    /// <summary>
    /// A signature error on a partial model method leaves it without an implementation; the generator gives it a
    /// throwing one of the exact declared signature, so the compiler adds no CS8795 beside the MC error.
    /// </summary>
    [Theory]
    [InlineData("MC0005", "public static partial class M { [Model(\"a*x\")] public static partial double F<T>(double x, double a) where T : class, new(); }")]
    [InlineData("MC0006", "public partial class M { [Model(\"a*x\")] public partial double F(double x, double a); }")]
    [InlineData("MC0008", "public static partial class M { [Model] public static partial double F(double x, double a); }")]
    [InlineData("MC0009", "public static partial class M { [Model(\"a*x\")] public static partial double F(double x, int a); }")]
    [InlineData("MC0009", "public static partial class M { [Model(\"a*x\")] internal static partial double F(double x, ref double a, params double[] rest); }")]
    [InlineData("MC0009", "public static partial class M { [Model(\"a*x\")] public static partial ref double F(double x, in double a); }")]
    [InlineData("MC0009", "public static partial class M { [Model(\"a*x\")] public static partial float F(double x, double a); }")]
    [InlineData("MC0009", "public static partial class M { [Model(\"a*x\")] public static partial double F(double x, System.Collections.Generic.List<string?> a); }")]
    [InlineData("MC0010", "public static partial class M { [Model(\"2*x\")] public static partial double F(double x); }")]
    [InlineData("MC0012", "public static partial class M { [Model(\"a*x\")] public static partial double F(double x, double a); [Model(\"a*x+b\")] public static partial double F(double x, double a, double b); }")]
    [InlineData("MC0015", "public static partial class M { [Model(\"a*x + y\")] public static partial double F([Variable] double x, double a, [Variable] double y); }")]
    [InlineData("MC0015", "public partial struct S { public static partial class M { [Model(\"a*x + y\")] private static partial double F([Variable] double x, double a, [Variable] double y); } }")]
    public void ASignatureErrorIsTheOnlyErrorTheUserSees(string id, string source)
    {
        var result = GeneratorHarness.Run(Namespaced(source));
        var errors = result.GeneratorDiagnostics.Concat(result.CompilationErrors).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0 && errors.All(e => e.Id == id), string.Join("\n", errors));
    }

    /// <summary>
    /// A partial method that returns a value must have an accessibility modifier (CS8796, the compiler's own error on the
    /// declaration); the generator then writes no implementation, which would repeat the error inside its file.
    /// </summary>
    [Fact]
    public void AMissingAccessibilityModifierIsReportedOnce()
    {
        var result = GeneratorHarness.Run(Namespaced("""
            public static partial class M
            {
                [Model("a*x")]
                static partial double F(double x, double a);
            }
            """));
        var error = Assert.Single(result.GeneratorDiagnostics.Concat(result.CompilationErrors), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS8796", error.Id);
        Assert.Equal("Model0.cs", error.Location.SourceTree?.FilePath);
    }

    private static string Namespaced(string body) => "using ModelCompiler;\nnamespace Test;\n" + body;

    private static Diagnostic AssertSingle(string id, string markedSource, string message, string? alsoExpected = null)
    {
        string marked = Namespaced(markedSource);
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal) - 2;
        string source = marked.Replace("[|", "").Replace("|]", "");

        var diagnostics = GeneratorHarness.Run(source).GeneratorDiagnostics;

        var matching = diagnostics.Where(d => d.Id == id).ToList();
        var diagnostic = Assert.Single(matching);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal((start, end - start), (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.All(diagnostics.Where(d => d.Id != id), d => Assert.Equal(alsoExpected, d.Id));
        return diagnostic;
    }
}
