using Microsoft.CodeAnalysis;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// One test per diagnostic of <c>[Ode]</c>, <c>[Objective]</c> and <c>[Equations]</c>: its id, its exact message, and
/// the exact characters it underlines, marked [|like this|]. Every diagnostic reported must be the expected one, and the
/// compilation with the generated code has no error of its own (a partial method with broken formulas gets a throwing
/// body, so no CS8795 appears beside the MC error).
/// </summary>
public class SystemDiagnosticTests
{
    // ---- [Ode] ----

    [Fact]
    public void MC0001_ParseErrorInsideAnEquation() =>
        AssertSingle("MC0001", """
            [Ode("x' = -k*[|/|]x")]
            public static partial double F(double t, [State] double x, double k);
            """, "Formula error: Expected a number, a name or '(' but found '/'");

    [Fact]
    public void MC0001_ParseErrorInTheLeftSide() =>
        AssertSingle("MC0001", """
            [Ode("x [|y|]' = -k*x")]
            public static partial double F(double t, [State] double x, double k);
            """, "Formula error: Expected '=' after 'x' but found 'y': the left side of '=' is a name alone, as in \"x' = …\" or \"F[i] = …\"; write an equation lhs = rhs as the formula lhs - (rhs)");

    [Fact]
    public void MC0001_AnEquationWrittenAsLeftEqualsRightSaysHowToWriteIt() =>
        AssertSingle("MC0001", """
            [Equations("x[|^|]2 + y^2 = 4", "x - y")]
            public static partial (double, double) F(double x, double y);
            """, "Formula error: Expected '=' after 'x' but found '^': the left side of '=' is a name alone, as in \"x' = …\" or \"F[i] = …\"; write an equation lhs = rhs as the formula lhs - (rhs)");

    [Fact]
    public void MC0001_ASecondDerivativeSaysToWriteAFirstOrderSystem() =>
        AssertSingle("MC0001", """
            [Ode("[|x''|] = -x")]
            public static partial double F(double t, [State] double x);
            """, "Formula error: 'x''' is a second derivative: write it as a first-order system, as \"x' = v\" and \"v' = …\" with v a new state");

    [Fact]
    public void MC0003_UnknownFunctionInAnEquation() =>
        AssertSingle("MC0003", """
            [Ode("x' = -k*[|expp|](x)")]
            public static partial double F([State] double x, double k);
            """, "'expp' is not a supported function: the supported functions are exp, log, log10, sqrt, abs, pow, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, erf, erfc, expm1, log1p, log2, cbrt, hypot, min, max, sign");

    [Fact]
    public void MC0100_NoEquations() =>
        AssertSingle("MC0100", """
            [Ode]
            public static partial double [|F|]([State] double x, double k);
            """, "ODE method 'F' has no equations: give them as [Ode(\"x' = …\", …)] on a partial declaration, or return the tuple of the derivatives from the method's expression body");

    [Fact]
    public void MC0101_EquationsInTheAttributeOnAMethodWithABody() =>
        AssertSingle("MC0101", """
            [Ode("x' = -k*x")]
            public static double [|F|]([State] double x, double k) => -k * x;
            """, "ODE method 'F' has its equations in [Ode(...)], so it must be declared 'static partial' without a body; the generator writes the body");

    [Fact]
    public void MC0102_NoState() =>
        AssertSingle("MC0102", """
            [Ode("x' = -k*x")]
            public static partial double [|F|](double x, double k);
            """, "ODE method 'F' has no state: mark its states with [State]");

    [Fact]
    public void MC0102_TwoParametersBeforeTheStates() =>
        AssertSingle("MC0102", """
            [Ode("x' = -k*x")]
            public static partial double F(double t, double [|k|], [State] double x);
            """, "ODE method 'F' has 2 parameters before its first state: only the time may come before the states; move 'k' after them");

    [Fact]
    public void MC0102_NonDoubleParameter() =>
        AssertSingle("MC0102", """
            [Ode("x' = -k*x")]
            public static partial double F([State] double x, [|int k|]);
            """, "Parameter 'k' of ODE method 'F' must be a 'double', passed by value (not ref, out, in or params)");

    [Fact]
    public void MC0102_ReturnTypeIsNotTheTupleOfDerivatives() =>
        AssertSingle("MC0102", """
            [Ode("x' = y", "y' = -x")]
            public static partial [|double|] F([State] double x, [State] double y);
            """, "The return type of ODE method 'F' must be '(double, double)', the derivatives of x, y");

    [Fact]
    public void MC0102_IndexedStateNeedsTheFormulaLanguage() =>
        AssertSingle("MC0102", """
            [Ode]
            public static double[] F([State] double[] [|u|], double k) => u;
            """, "ODE method 'F' has an array state, so its equations go in [Ode(...)] in the formula language, as \"u[i]' = …\"");

    [Fact]
    public void MC0102_NotStatic() =>
        AssertSingle("MC0102", """
            [Ode]
            public double [|F|]([State] double x, double k) => -k * x;
            """, "ODE method 'F' must be static: add the 'static' modifier", inClass: "public partial class M");

    [Fact]
    public void MC0103_UnknownName() =>
        AssertSingle("MC0103", """
            [Ode("x' = -k*[|q|]")]
            public static partial double F(double t, [State] double x, double k);
            """, "'q' is not a state, the time, a parameter or a constant of this system: the names in scope are t, x, k, pi, e");

    [Fact]
    public void MC0103_ANameInTheWrongCaseGetsASuggestion() =>
        AssertSingle("MC0103", """
            [Ode("x' = -[|K|]*x")]
            public static partial double F(double t, [State] double x, double k);
            """, "'K' is not a state, the time, a parameter or a constant of this system: the names in scope are t, x, k, pi, e; did you mean 'k'?",
            alsoExpected: "MC0111");

    [Fact]
    public void MC0104_EquationForAParameter() =>
        AssertSingle("MC0104", """
            [Ode("x' = -k*x", "[|k|]' = 1")]
            public static partial double F([State] double x, double k);
            """, "'k' is not a state of this system: the states of this system are x");

    [Fact]
    public void MC0105_TwoEquationsForOneState() =>
        AssertSingle("MC0105", """
            [Ode("x' = -k*x", "[|x'|] = k")]
            public static partial double F([State] double x, double k);
            """, "Two equations for x': 'x' already has the equation \"x' = -k*x\"");

    [Fact]
    public void MC0106_StateWithoutAnEquation() =>
        AssertSingle("MC0106", """
            [Ode("x' = -k*x")]
            public static partial (double, double) [|F|]([State] double x, [State] double y, double k);
            """, "State y has no equation: add \"y' = …\"");

    [Fact]
    public void MC0107_LeftSideWithoutPrime() =>
        AssertSingle("MC0107", """
            [Ode("[|x|] = -k*x")]
            public static partial double F([State] double x, double k);
            """, "'x' is not an equation this system can use: the left side is the derivative of a state, as \"x' = …\"");

    [Fact]
    public void MC0107_SettingAnElementInsideTheArray() =>
        AssertSingle("MC0107", """
            [Ode("u[i]' = u[i-1] - 2*u[i] + u[i+1]", "u[-1] = 0", "u[n] = 0", "[|u[0]|] = 1")]
            public static partial double[] F([State] double[] u);
            """, "'u[0]' is not an equation this system can use: u[0] is a state: give its derivative as \"u[0]' = …\"; only values beyond the ends, as u[-1] or u[n], can be set");

    [Fact]
    public void MC0108_StridedIndexInAStencil() =>
        AssertSingle("MC0108", """
            [Ode("u[i]' = -u[[|2*i|]]")]
            public static partial double[] F([State] double[] u);
            """, "'u[2*i]' has an index this system cannot use: the equation of row i reads elements i+k, as u[i-1] or u[i+1]");

    [Fact]
    public void MC0108_FixedElementInTheStencil() =>
        AssertSingle("MC0108", """
            [Ode("u[i]' = -u[i]*u[[|0|]]")]
            public static partial double[] F([State] double[] u);
            """, "'u[0]' has an index this system cannot use: the equation for every row reads elements relative to i, as u[i-1]");

    [Fact]
    public void MC0109_StencilReadsBeyondAnEndWithoutAValue() =>
        AssertSingle("MC0109", """
            [Ode("u[i]' = u[i-1] - 2*u[i] + [|u[i+1]|]", "u[-1] = 0")]
            public static partial double[] F([State] double[] u);
            """, "'u[i+1]' reads outside the array: row n-1 reads u[n], which is outside u: give its value, as \"u[n] = 0\", or give row n-1 an equation of its own, \"u[n-1]' = …\"");

    [Fact]
    public void MC0110_SumInAnOde() =>
        AssertSingle("MC0110", """
            [Ode("x' = -[|sum|](i, 0, 2, x)")]
            public static partial double F([State] double x);
            """, "'sum' cannot be used here: sums are for objectives; an equation reads the elements it needs, as x[i-1] + x[i+1]");

    [Fact]
    public void MC0111_UnusedParameterIsAWarning()
    {
        var diagnostic = AssertSingle("MC0111", """
            [Ode("x' = -k*x")]
            public static partial double F([State] double x, double k, double [|q|]);
            """, "Parameter 'q' is never used by the equations of 'F': its column of ∂f/∂p is zero and a fit cannot determine it; remove it or use it");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void MC0161_ATimeAfterTheStatesIsAWarning()
    {
        // t after the state is a constant parameter: the run was autonomous, y(1) = 1 where e⁻¹ was meant.
        var diagnostic = AssertSingle("MC0161", """
            [Ode("x' = -k*x*t")]
            public static partial double F([State] double x, double [|t|], double k);
            """, "Parameter 't' of ODE method 'F' comes after the states, so it is a constant parameter, not the time: the time is the one parameter before the first [State]; move 't' there if it is the time");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        // Before the states it is the time, and a parameter of another name after them is a parameter.
        Assert.DoesNotContain(GeneratorHarness.Run(Wrap("""
            [Ode("x' = -k*x*t")]
            public static partial double F(double t, [State] double x, double k);
            """, "public static partial class M")).GeneratorDiagnostics, d => d.Id == "MC0161");
    }

    [Fact]
    public void MC0162_EquationsThatAreNotSquareAreAWarning()
    {
        // EquationSolver refuses such a system only at its first run.
        var diagnostic = AssertSingle("MC0162", """
            [Equations("x + y - 1")]
            public static partial double [|F|](double x, double y);
            """, "Equations method 'F' has 1 equation in 2 unknowns (x, y): the equation solvers need as many equations as unknowns; add or remove equations, or, for more equations than unknowns, minimize the sum of their squares with an [Objective]");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        AssertSingle("MC0162", """
            [Equations("x - 1", "x + 1", "2*x")]
            public static partial (double, double, double) [|F|](double x);
            """, "Equations method 'F' has 3 equations in 1 unknown (x): the equation solvers need as many equations as unknowns; add or remove equations, or, for more equations than unknowns, minimize the sum of their squares with an [Objective]");
        // A C# body counts its tuple's elements; a square one says nothing.
        AssertSingle("MC0162", """
            [Equations]
            public static (double, double) [|G|](double x, double y, double z) => (x - y, y - z);
            """, "Equations method 'G' has 2 equations in 3 unknowns (x, y, z): the equation solvers need as many equations as unknowns; add or remove equations, or, for more equations than unknowns, minimize the sum of their squares with an [Objective]");
        Assert.DoesNotContain(GeneratorHarness.Run(Wrap("""
            [Equations("x + y - 1", "x - y")]
            public static partial (double, double) F(double x, double y);
            """, "public static partial class M")).GeneratorDiagnostics, d => d.Id == "MC0162");
    }

    [Fact]
    public void MC0022_AndMC0023_NameWhatASystemsFormulaDependsOn()
    {
        // They said "whatever the data and parameters", [Model]'s words, where an objective has unknowns.
        AssertSingle("MC0022", """
            [Objective("x^2 + [|log(0)|]")]
            public static partial double F(double x);
            """, "'log(0)' is -∞ whatever the unknowns, so the formula cannot be finite where it is used: correct this constant part of the formula");
        AssertSingle("MC0023", """
            [Ode("x' = -k*x/([|1 - 1|])")]
            public static partial double F([State] double x, double k);
            """, "The divisor '1 - 1' is 0 whatever the time, the states and the parameters: the formula divides by zero wherever it is evaluated");
    }

    [Fact]
    public void MC0160_AnUnknownTheObjectiveNeverUsesIsAWarning()
    {
        var diagnostic = AssertSingle("MC0160", """
            [Objective("(x1 - 1)^2")]
            public static partial double F(double x1, double [|x2|]);
            """, "Unknown 'x2' is never used by the formula of 'F': nothing depends on it, so it cannot be determined and stays where it starts; remove it or use it");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void MC0011_ContainingTypeNotPartialNamesTheSystemType() =>
        AssertSingle("MC0011", """
            [Ode("x' = -k*x")]
            public static partial double F([State] double x, double k);
            """, "Type 'M' must be declared 'partial' so the generator can add 'FSystem' to it", inClass: "public static class [|M|]");

    [Fact]
    public void MC0012_DuplicateSystemName() =>
        AssertSingle("MC0012", """
            [Ode("x' = -k*x")]
            public static partial double F([State] double x, double k);

            [Ode("x' = k*x")]
            public static partial double [|F|]([State] double x, double k, double q);
            """, "Another method named 'F' with [Ode] is declared earlier in 'M'; each generates 'FSystem', so the names must be unique within a type",
            alsoExpected: "MC0111");

    [Fact]
    public void MC0012_ReservedNameInAnIndexedSystem() =>
        AssertSingle("MC0012", """
            [Ode("u[i]' = -u[i]")]
            public static partial double[] F([State] double[] u, double [|n|]);
            """, "Parameter 'n' of an indexed system has the name of n, the array's length; rename it");

    [Fact]
    public void MC0012_ParameterNamedLikeATypeTheKernelsUse() =>
        AssertSingle("MC0012", """
            [Ode("x' = -x/Math")]
            public static partial double F([State] double x, double [|Math|]);
            """, "'Math' is the name of a type the generated code uses (Math, Vector256, Vector512); rename this variable or parameter");

    [Fact]
    public void MC0012_UnknownNamedLikeATypeTheKernelsUse() =>
        AssertSingle("MC0012", """
            [Objective("(Vector512 - 1)^2")]
            public static partial double F(double [|Vector512|]);
            """, "'Vector512' is the name of a type the generated code uses (Math, Vector256, Vector512); rename this variable or parameter");

    // ---- [Objective] and [Equations] ----

    [Fact]
    public void MC0150_NoFormula() =>
        AssertSingle("MC0150", """
            [Objective]
            public static partial double [|F|](double x);
            """, "Objective method 'F' has no formula: give it as [Objective(\"…\")] on a partial declaration, or write it as the method's expression body");

    [Fact]
    public void MC0151_FormulaInTheAttributeOnAMethodWithABody() =>
        AssertSingle("MC0151", """
            [Equations("x - 1")]
            public static double [|F|](double x) => x - 1;
            """, "Equations method 'F' has its formula in [Equations(...)], so it must be declared 'static partial' without a body; the generator writes the body");

    [Fact]
    public void MC0152_ArrayUnknownBesideAnother() =>
        AssertSingle("MC0152", """
            [Objective("sum(i, 0, n-1, x[i]^2)")]
            public static partial double F(double[] [|x|], double y);
            """, "Objective method 'F' has an array unknown, so it must be its only parameter");

    [Fact]
    public void MC0152_ObjectiveReturnsDouble() =>
        AssertSingle("MC0152", """
            [Objective("x^2")]
            public static partial [|float|] F(double x);
            """, "The return type of Objective method 'F' must be 'double'");

    [Fact]
    public void MC0152_NoUnknown() =>
        AssertSingle("MC0152", """
            [Objective("1")]
            public static partial double [|F|]();
            """, "Objective method 'F' has no unknown: add double parameters, or one double[] for an indexed objective");

    [Fact]
    public void MC0153_UnknownName() =>
        AssertSingle("MC0153", """
            [Objective("x^2 + [|y|]")]
            public static partial double F(double x);
            """, "'y' is not an unknown or a constant here: the names in scope are x, pi, e");

    [Fact]
    public void MC0154_TwoValuesForOneEnd() =>
        AssertSingle("MC0154", """
            [Equations("F[i] = x[i-1] - x[i]", "x[-1] = 0", "[|x[-1]|] = 1")]
            public static partial double[] F(double[] x);
            """, "Two equations for x[-1]: x[-1] is already given by \"x[-1] = 0\"");

    [Fact]
    public void MC0155_NoEquationForEveryRow() =>
        AssertSingle("MC0155", """
            [Equations("x[-1] = 0")]
            public static partial double[] [|F|](double[] x);
            """, "x has no equation for every row: add one for every i, as \"F[i] = …\" in terms of x[i-1], x[i], x[i+1]…");

    [Fact]
    public void MC0156_NamedEquationWithALeftSide() =>
        AssertSingle("MC0156", """
            [Equations("[|F1|] = x - 1")]
            public static partial double F(double x);
            """, "'F1' is not an equation this system can use: write each equation as the formula that is zero at the solution, as \"x1 - 1\"");

    [Fact]
    public void MC0157_IndexThatIsNotAffine() =>
        AssertSingle("MC0157", """
            [Objective("sum(i, 0, n-1, x[[|i*i|]]^2)")]
            public static partial double F(double[] x);
            """, "'x[i*i]' has an index this system cannot use: an index is a whole number, n or i times a whole number, plus a whole number, as i+1, 2*i, n-1 or 0");

    [Fact]
    public void MC0158_SumReadsPastTheEnd() =>
        AssertSingle("MC0158", """
            [Objective("sum(i, 0, n-1, [|x[i+1]|]^2)")]
            public static partial double F(double[] x);
            """, "'x[i+1]' reads outside the array: at i = n-1 it reads x[n]; the sum's range must keep every index within 0 … n-1");

    [Fact]
    public void MC0158_SaysWhereASumReadsInTermsOfN()
    {
        // The message quoted the size it happened to check at ("at i = 199 it reads x[200] for n = 200").
        AssertSingle("MC0158", """
            [Objective("sum(i, 1, n-1, [|x[2*i-3]|]^2)")]
            public static partial double F(double[] x);
            """, "'x[2*i-3]' reads outside the array: at i = 1 it reads x[-1]; the sum's range must keep every index within 0 … n-1");
        // A bound that is not a·n + b is quoted at a checked size.
        AssertSingle("MC0158", """
            [Objective("sum(i, 0, n/2, [|x[2*i]|]^2)")]
            public static partial double F(double[] x);
            """, "'x[2*i]' reads outside the array: at i = 100 it reads x[200] for n = 200; the sum's range must keep every index within 0 … n-1");
    }

    [Fact]
    public void MC0158_FixedElementOutsideTheArray() =>
        AssertSingle("MC0158", """
            [Objective("[|x[n]|]^2 + sum(i, 0, n-1, x[i]^2)")]
            public static partial double F(double[] x);
            """, "'x[n]' reads outside the array: x[n] is outside x, whose elements are x[0] … x[n-1]");

    [Fact]
    public void MC0159_SumInsideAFunction() =>
        AssertSingle("MC0159", """
            [Objective("([|sum|](i, 0, n-1, x[i]) - 1)^2")]
            public static partial double F(double[] x);
            """, "Invalid 'sum': a sum must be a term of the objective, added or subtracted at the top level, as in \"x[0]^2 + sum(i, …)\"");

    [Fact]
    public void MC0159_SumWithABadBound() =>
        AssertSingle("MC0159", """
            [Objective("sum(i, 0, [|n*x[0]|], x[i]^2)")]
            public static partial double F(double[] x);
            """, "Invalid 'sum': its bounds are whole numbers made of n, as 0 or n-2 or n/2 - 1: a bound is made of n, whole numbers, + - * and division by a whole number");

    [Fact]
    public void MC0159_SumWithAnEmptyRange() =>
        AssertSingle("MC0159", """
            [Objective("sum(i, [|n, n-1|], x[i]^2)")]
            public static partial double F(double[] x);
            """, "Invalid 'sum': its range is empty for every n: the lower bound must not exceed the upper one");

    [Fact]
    public void MC0005_UnsupportedCSharpInATupleBody() =>
        AssertSingle("MC0005", """
            [Equations]
            public static (double, double) F(double x1, double x2) => (x1 - 1, [|Math.Round(x2)|]);
            """, "The call 'Math.Round(…)' cannot be compiled into a model: the supported functions are Math.Exp, Math.Log, Math.Log10, Math.Sqrt, Math.Abs, Math.Pow, Math.Sin, Math.Cos, Math.Tan, Math.Asin, Math.Acos, Math.Atan, Math.Atan2, Math.Sinh, Math.Cosh, Math.Tanh, Math.Log2, Math.Cbrt, Math.Max, Math.Min, Math.Sign, the same functions of double with double.Hypot, double.ExpM1 and double.LogP1, and ScalarMath.Erf, Erfc, Expm1 and Log1p");

    [Fact]
    public void AFormulaErrorIsTheOnlyErrorTheUserSees()
    {
        var result = GeneratorHarness.Run(Wrap("""
            [Ode("x' = -k*q", "y' = x")]
            public static partial (double, double) F([State] double x, [State] double y, double k);

            [Objective("[|sum|](i, 0, 1, x[i])^2")]
            public static partial double G(double[] x);

            [Equations("x - 1")]
            public static partial (double, double) H(double x);
            """, "public static partial class M").Replace("[|", "").Replace("|]", ""));
        Assert.Equal(["MC0103", "MC0152", "MC0159"], result.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.Empty(result.CompilationErrors);
        Assert.Equal(3, result.GeneratedFiles.Count(f => f.Text.Contains("throw new global::System.InvalidOperationException(\"The formulas of '")));
    }

    [Fact]
    public void MC9999_EmissionFailureBecomesADiagnostic()
    {
        var result = GeneratorHarness.Run(Wrap("""
            [Ode("x' = -k*x")]
            public static partial double F([State] double x, double k);
            """, "public static partial class M"));
        var spec = result.Run.Results[0].TrackedSteps[SystemPipeline.Steps.Specs]
            .SelectMany(step => step.Outputs).Select(o => o.Value).OfType<Model.SystemSpec>().Single();

        var failed = SystemSource.Create(spec, _ => throw new InvalidOperationException("boom"));

        Assert.Equal("MC9999", failed.Failure!.Descriptor.Id);
        Assert.Equal("The model generator failed on 'F' (InvalidOperationException: boom); please report this with the formula",
            failed.Failure.ToDiagnostic().GetMessage());
    }

    private static string Wrap(string members, string inClass) =>
        "using ModelCompiler;\nnamespace Test;\n" + inClass + "\n{\n" + members + "\n}\n";

    private static Diagnostic AssertSingle(string id, string markedMembers, string message, string inClass = "public static partial class M",
                                           string? alsoExpected = null)
    {
        string marked = Wrap(markedMembers, inClass);
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal) - 2;
        string source = marked.Replace("[|", "").Replace("|]", "");

        var result = GeneratorHarness.Run(source);
        var diagnostics = result.GeneratorDiagnostics;

        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal((start, end - start), (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.All(diagnostics.Where(d => d.Id != id), d => Assert.Equal(alsoExpected, d.Id));
        // One error per problem: the generated code adds none of its own (no CS8795 beside a broken partial method).
        if (id != "MC0011" && id != "MC0102" || !markedMembers.Contains("partial"))
            Assert.DoesNotContain(result.CompilationErrors, e => e.Id is "CS8795" or "CS0759");
        return diagnostic;
    }
}
