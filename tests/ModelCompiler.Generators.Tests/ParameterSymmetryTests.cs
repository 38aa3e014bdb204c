using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Which formulas may have exchangeable terms (ParameterSymmetry): every permutation of alike terms is seen, in any
/// order of sums and products, and a formula whose parameters all play different parts is cleared, so that its fits
/// skip the run-time search.
/// </summary>
public class ParameterSymmetryTests
{
    [Theory]
    [InlineData("a1*exp(-x/t1) + a2*exp(-x/t2)", true)]
    [InlineData("a2*exp(-x/t2) + b + a1*exp(-x/t1)", true)]                                   // any order, with a constant
    [InlineData("b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)", true)]                       // Lanczos
    [InlineData("a1*exp(-(x-m1)^2/(2*s1^2)) + exp(-(x-m2)^2/(2*s2^2))*a2", true)]             // factors in either order
    [InlineData("(1 + a1*x)*(1 + a2*x)", true)]                                               // alike factors
    [InlineData("a*sin(w*x) + b*sin(v*x)", true)]
    [InlineData("a*exp(-x/tau) + b", false)]
    [InlineData("a*exp(-((x-x0)^2)/(2*s^2)) + b", false)]
    [InlineData("a1*exp(-x/t1) + a2*exp(-x/t2)^2", false)]                                    // the terms differ
    [InlineData("a1*exp(-x/t1) - a2*exp(-x/t2)", false)]                                      // a difference is not a sum of alike terms
    [InlineData("a*x + b*x^2", false)]
    public void SeesExchangeableTerms(string formula, bool possible)
    {
        var syntax = FormulaParser.Parse(formula, out var error)!;
        Assert.Null(error);
        string[] parameters = Names(formula).Where(n => n != "x").ToArray();
        var bound = Binder.Bind(new Graph(), syntax, new[] { "x" }, parameters, allowNamedConstants: true);
        Assert.Equal(possible, ParameterSymmetry.IsPossible(bound.Value, parameters.Length));
    }

    [Fact]
    public void OneParameterHasNothingToExchangeWith()
    {
        var bound = Binder.Bind(new Graph(), FormulaParser.Parse("exp(-x/t)", out _)!, new[] { "x" }, new[] { "t" }, allowNamedConstants: true);
        Assert.False(ParameterSymmetry.IsPossible(bound.Value, 1));
    }

    /// <summary>The identifiers of a formula, functions aside, in order of first appearance.</summary>
    private static IEnumerable<string> Names(string formula) =>
        System.Text.RegularExpressions.Regex.Matches(formula, @"[A-Za-z_][A-Za-z_0-9]*(?!\s*\()")
            .Select(m => m.Value).Distinct();
}
