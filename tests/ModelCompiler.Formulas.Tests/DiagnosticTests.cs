// SPDX-License-Identifier: MIT
using ModelCompiler.Formulas.Tests.Infrastructure;

namespace ModelCompiler.Formulas.Tests;

/// <summary>
/// A run-time formula gets the diagnostics the generator gives for <c>[Model(formula)]</c> on the method it stands for:
/// the same ids, the same messages, the same characters of the formula.
/// </summary>
public class DiagnosticTests
{
    /// <summary>Formula, variables, parameters (null: inferred, which the generator gets as the method's parameters).</summary>
    public static TheoryData<string, string, string?> Broken => new()
    {
        { "a*exp(-k*t", "t", null },                 // MC0001: '(' never closed
        { "a**t", "t", null },                       // MC0001: '**'
        { "a*t +", "t", null },                      // MC0001: ends where an operand was expected
        { "a*t·b", "t", null },                      // MC0001: typographic product
        { "2t*a", "t", null },                       // MC0001: a number running into a name
        { "1e999*t*a", "t", null },                  // MC0001: too large for a double
        { "   ", "t", null },                        // MC0001: empty
        { "a*t)", "t", null },                       // MC0001: ')' without '('
        { "a*t + q", "t", "a" },                     // MC0002: unknown name
        { "a*T", "t", "a" },                         // MC0002: case mismatch, with a suggestion
        { "a*exq(t)", "t", "a" },                    // MC0003: unknown function
        { "a*Exp(t)", "t", "a" },                    // MC0003: case mismatch
        { "a*pow(t)", "t", "a" },                    // MC0004: wrong argument count
        { "a*t*log(0)", "t", "a" },                  // MC0022: constant part not finite
        { "a*t/(2-2)", "t", "a" },                   // MC0023: division by zero
        { "a*t + pi", "t", "a,pi" },                 // MC0012: parameter named like a constant
        { "a*t + q*exq(t) + pow(t)", "t", "a" },     // several errors at once
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ErrorsAreTheGenerators(string formula, string variables, string? parameters)
    {
        var (vars, pars) = Names(formula, variables, parameters);
        var (_, expected) = GeneratorTwin.Run(formula, vars, pars);
        Assert.Contains(expected, d => d.IsError);
        var error = Assert.Throws<FormulaException>(() => Formula.Compile(formula, vars, parameters is null ? null : pars));
        Assert.Equal(Sorted(expected), Sorted(error.Diagnostics));
        Assert.Contains(error.Diagnostics.First(d => d.IsError).Id, error.Message);
    }

    public static TheoryData<string, string, string> Warned => new()
    {
        { "a*t", "t", "a,b" },                       // MC0013: b never used
        { "a + b", "t", "a,b" },                     // MC0024: t never used
        { "a*abs(t - b)", "t", "a,b" },              // MC0014: not differentiable everywhere
        { "a*(t - t) + b", "t", "a,b" },             // MC0024 after simplification: t − t is 0
        { "a*exp(-k*t) + b + c", "t", "a,k,b,c" },   // MC0036: b and c act only as b + c
        { "A*exp(-(t - t0)/tau)", "t", "A,t0,tau" }, // MC0036: A and t0 act only as A·exp(t0/τ)
    };

    [Theory]
    [MemberData(nameof(Warned))]
    public void WarningsAreTheGenerators(string formula, string variables, string parameters)
    {
        var (vars, pars) = Names(formula, variables, parameters);
        var (_, expected) = GeneratorTwin.Run(formula, vars, pars);
        Assert.NotEmpty(expected);
        Assert.DoesNotContain(expected, d => d.IsError);
        var model = Formula.Compile(formula, vars, pars);
        Assert.Equal(Sorted(expected), Sorted(model.Warnings));
    }

    [Fact]
    public void ErrorSpanPointsIntoTheFormula()
    {
        var error = Assert.Throws<FormulaException>(() => Formula.Compile("amp*exp(-rate*t) + offst", ["t"], ["amp", "rate", "offset"]));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC0002", diagnostic.Id);
        Assert.Equal("offst", "amp*exp(-rate*t) + offst".Substring(diagnostic.Start, diagnostic.Length));
    }

    [Fact]
    public void ADeclaredNameIsNamedForWhatItIsAndPointedAtInTheFormula()
    {
        // A variable named like a constant was called a parameter, with an empty span; the warnings quoted the
        // compiler's own method, "the formula of 'Formula'".
        var clash = Assert.Single(Assert.Throws<FormulaException>(() => Formula.Compile("a*exp(-e)", ["e"])).Diagnostics);
        Assert.Equal("MC0012", clash.Id);
        Assert.StartsWith("Variable 'e' has the name of the formula constant e", clash.Message);
        Assert.Equal((7, 1), (clash.Start, clash.Length));
        var unused = Assert.Single(Formula.Compile("a + b^2", ["t"], ["a", "b"]).Warnings);
        Assert.Equal("MC0024", unused.Id);
        Assert.StartsWith("The formula never uses its variable 't'", unused.Message);
    }

    [Fact]
    public void ANameTooLongForMetadataIsMC0037()
    {
        // A 5,000-character parameter name failed in the C# compiler (CS7013) and came out as MC9999, "please report this".
        string name = new('a', 5000);
        var error = Assert.Throws<FormulaException>(() => Formula.Compile(name + "*t", ["t"]));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC0037", diagnostic.Id);
        Assert.Equal((0, 5000), (diagnostic.Start, diagnostic.Length));
        Assert.Contains("has 5000 characters, more than 255", diagnostic.Message);
        Assert.True(error.Message.Length < 1000, error.Message);
        Assert.NotNull(Formula.Compile(new string('b', 255) + "*t", ["t"]));
    }

    [Fact]
    public void FormulaWithoutParametersIsMC0035()
    {
        var error = Assert.Throws<FormulaException>(() => Formula.Compile("sin(t)*pi", ["t"]));
        Assert.Equal("MC0035", Assert.Single(error.Diagnostics).Id);
    }

    [Theory]
    [InlineData("t t")]
    [InlineData("")]
    [InlineData("a-b")]
    [InlineData("@in")]
    [InlineData("x\u200Dy")]
    public void VariableThatIsNotANameIsAnArgumentError(string variable)
    {
        var error = Assert.Throws<ArgumentException>(() => Formula.Compile("a*t", ["t", variable]));
        Assert.Equal("variables", error.ParamName);
        Assert.Contains("variables[1]", error.Message);
    }

    [Fact]
    public void NameGivenTwiceIsAnArgumentError()
    {
        var error = Assert.Throws<ArgumentException>(() => Formula.Compile("a*t", ["t"], ["a", "t"]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("parameters[1] = 't' is already variables[0]", error.Message);
    }

    private static (string[] Variables, string[] Parameters) Names(string formula, string variables, string? parameters)
    {
        string[] vars = variables.Split(',');
        string[] pars = parameters?.Split(',') ?? InferredOrPlaceholder(formula, vars);
        return (vars, pars);
    }

    /// <summary>The parameters the run-time compiler infers, which the generator needs declared; a placeholder when the formula does not parse.</summary>
    private static string[] InferredOrPlaceholder(string formula, string[] variables)
    {
        var syntax = Generators.Symbolic.FormulaParser.Parse(formula, out var error);
        var inferred = error is null ? FormulaCompiler.InferParameters(syntax, variables) : [];
        return inferred.Count > 0 ? inferred.ToArray() : ["a"];
    }

    private static List<string> Sorted(IEnumerable<FormulaDiagnostic> diagnostics) =>
        diagnostics.Select(d => d.ToString() + (d.IsError ? " (error)" : "")).Order(StringComparer.Ordinal).ToList();

    // Models users fit every day, whose columns differ from point to point: MC0036 must not fire on them.
    [Theory]
    [InlineData("Vmax*x^n/(K^n + x^n)", "Vmax,n,K")]
    [InlineData("d + (a - d)/(1 + (x/c)^b)", "a,b,c,d")]
    [InlineData("a1*exp(-k1*x) + a2*exp(-k2*x) + c", "a1,k1,a2,k2,c")]
    [InlineData("a*(1 - exp(-k*(x - x0)))", "a,k,x0")]
    [InlineData("a*sin(w*x + p) + c", "a,w,p,c")]
    [InlineData("a*(x - x0)^b", "a,x0,b")]
    [InlineData("K/(1 + exp(-r*(x - x0)))", "K,r,x0")]
    [InlineData("a*exp(-((x - m)/s)^2) + b*x + c", "a,m,s,b,c")]
    [InlineData("a/(1 + ((x - m)/g)^2)", "a,m,g")]
    [InlineData("a*x^b*exp(-c*x)", "a,b,c")]
    [InlineData("y0 + a*(1 - exp(-x/t1)) + b*(1 - exp(-x/t2))", "y0,a,t1,b,t2")]
    [InlineData("a/pi*s/((x - c)^2 + s^2)", "a,c,s")]                          // lmfit's Lorentzian
    [InlineData("a*(((x - c)/s)^2 + 1)^(-b)", "a,c,s,b")]                     // Moffat
    [InlineData("a*(q*s/2 + x - c)^2/((s/2)^2 + (x - c)^2)", "a,q,s,c")]       // Breit–Wigner
    [InlineData("a/(x*s*sqrt(2*pi))*exp(-(log(x) - c)^2/(2*s^2))", "a,c,s")]  // log-normal
    [InlineData("a/sqrt((1 - (x/c)^2)^2 + (2*g*x/c)^2)", "a,c,g")]            // damped oscillator
    [InlineData("a*g/2*exp(g*(c - x + g*s^2/2))*erfc((c + g*s^2 - x)/(sqrt(2)*s))", "a,g,c,s")]  // exponentially modified Gaussian
    [InlineData("a/(exp((x - c)/kt) + 1)", "a,c,kt")]                         // Fermi–Dirac
    [InlineData("a*(1 - 1/(1 + exp((x - c)/s)))", "a,c,s")]                   // logistic step
    [InlineData("100*ka/(V*(ka - ke))*(exp(-ke*x) - exp(-ka*x))", "V,ka,ke")] // one-compartment oral dose of 100
    public void CommonModelsAreNotWarnedOfOneCombination(string formula, string parameters)
    {
        var model = Formula.Compile(formula, ["x"], parameters.Split(','));
        Assert.DoesNotContain(model.Warnings, w => w.Id == "MC0036");
    }
}
