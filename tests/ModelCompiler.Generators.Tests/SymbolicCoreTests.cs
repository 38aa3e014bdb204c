using System.Globalization;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Tests;

/// <summary>The formula parser's precedence and literals, and the simplifier's rewrites, one rule per case.</summary>
public class SymbolicCoreTests
{
    [Theory]
    [InlineData("-x^2", "-((x^2))")]
    [InlineData("2^3^x", "(2^(3^x))")]
    [InlineData("2^-x", "(2^-(x))")]
    [InlineData("x^-2^3", "(x^-((2^3)))")]
    [InlineData("-2^2", "-((2^2))")]
    [InlineData("a*x+b", "((a*x)+b)")]
    [InlineData("a-b-c", "((a-b)-c)")]
    [InlineData("a/b/c", "((a/b)/c)")]
    [InlineData("a/b*c", "((a/b)*c)")]
    [InlineData("--x", "-(-(x))")]
    [InlineData("a * exp(-(x - m)^2)", "(a*exp(-(((x-m)^2))))")]
    [InlineData("atan2(a, x) + pow(x, 2)", "(atan2(a,x)+pow(x,2))")]
    [InlineData("  a\t*x ", "(a*x)")]
    public void ParsesWithTheLanguagesPrecedence(string formula, string parenthesized) =>
        Assert.Equal(parenthesized, Parenthesized(Parse(formula)));

    [Theory]
    [InlineData("1.5e-3", 1.5e-3)]
    [InlineData("2E+4", 2e4)]
    [InlineData("6.02214076e23", 6.02214076e23)]
    [InlineData(".5", 0.5)]
    [InlineData("7.", 7.0)]
    [InlineData("1e308", 1e308)]
    [InlineData("0.1", 0.1)]
    public void ReadsScientificLiteralsExactly(string formula, double value) =>
        Assert.Equal(value, Assert.IsType<NumberSyntax>(Parse(formula)).Value);

    [Theory]
    [InlineData("2*")]
    [InlineData("x^")]
    [InlineData("1e")]
    [InlineData("(x")]
    [InlineData("x)")]
    [InlineData("x**2")]
    [InlineData("exp(x,)")]
    [InlineData("")]
    public void RejectsMalformedFormulas(string formula)
    {
        FormulaParser.Parse(formula, out var error);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("x*1", "x0")]
    [InlineData("1*x + 0", "x0")]
    [InlineData("x^1", "x0")]
    [InlineData("x^0", "1")]
    [InlineData("-(-x)", "x0")]
    [InlineData("x - x", "0")]
    [InlineData("2*(3*x)", "6*x0")]
    [InlineData("a + -x", "p0 - x0")]
    [InlineData("-(a - x)", "x0 - p0")]
    [InlineData("x*(-a)", "-(x0*p0)")]
    [InlineData("2^3 + exp(0)", "9")]
    [InlineData("-2^2", "-4")]
    [InlineData("abs(-abs(x))", "abs(x0)")]
    [InlineData("x/1 + 0/2", "x0")]
    [InlineData("(x - x)*a", "0")]
    [InlineData("0*sin(x) + a", "p0")]
    // Where the written formula is NaN (x ≤ 0 for log, x = 0 for 0/x), folding to 0 would hide it.
    [InlineData("0*log(x)", "0*log(x0)")]
    [InlineData("0/x", "0/x0")]
    [InlineData("log(x) - log(x)", "log(x0) - log(x0)")]
    public void SimplifiesAsItBuilds(string formula, string simplified) =>
        Assert.Equal(simplified, Bind(formula).ToString());

    [Fact]
    public void EqualSubexpressionsAreOneNode()
    {
        var graph = new Graph();
        var bound = Binder.Bind(graph, Parse("exp(-(x-a)^2) + exp(-(x-a)^2)*x"), new[] { "x" }, new[] { "a" }, allowNamedConstants: true);
        var exps = Nodes(bound.Value).Where(n => n.Op == Op.Exp).ToList();
        Assert.Single(exps.Distinct());
        Assert.Equal(2, exps.Count);
    }

    [Fact]
    public void DerivativeOfAGaussianReusesItsExponential()
    {
        var graph = new Graph();
        var bound = Binder.Bind(graph, Parse("a*exp(-(x-m)^2/(2*s^2))"), new[] { "x" }, new[] { "a", "m", "s" }, allowNamedConstants: true);
        var exp = Nodes(bound.Value).Single(n => n.Op == Op.Exp);
        for (int j = 0; j < 3; j++)
            Assert.Contains(exp, Nodes(Differentiator.Derive(graph, bound.Value, j)));
        Assert.Equal("exp(-((x0 - p1)^2/(2*p2^2)))", Differentiator.Derive(graph, bound.Value, 0).ToString());
    }

    [Theory]
    // a·(e·(2·d·k)) is (a·2·k)·(e·d): the loop multiplies e by d, the sums get the rest once per call.
    [InlineData("a*exp(-(x-m)^2/(2*s^2))", 1, true)]
    [InlineData("a*exp(-(x-m)^2/(2*s^2))", 2, true)]
    // ∂/∂a is the exponential alone: nothing to take out.
    [InlineData("a*exp(-(x-m)^2/(2*s^2))", 0, false)]
    // ∂/∂b of a*x + b is 1 at every point: no varying part to split off.
    [InlineData("a*x + b", 1, false)]
    public void JacobianColumnsSplitIntoAPointInvariantFactorAndTheVaryingRest(string formula, int column, bool splits)
    {
        var graph = new Graph();
        string[] parameters = formula.Contains('m') ? ["a", "m", "s"] : ["a", "b"];
        var bound = Binder.Bind(graph, Parse(formula), new[] { "x" }, parameters, allowNamedConstants: true);
        var lowered = Lowering.Lower(graph, [Differentiator.Derive(graph, bound.Value, column)], reciprocals: true)[0];
        var (varying, scale) = ColumnScales.Split(graph, lowered);
        Assert.Equal(splits, scale is not null);
        if (scale is null)
        {
            Assert.Same(lowered, varying);
            return;
        }
        Assert.False(scale.DependsOnVariables);
        Assert.All(Factors(varying), factor => Assert.True(factor.DependsOnVariables, $"{factor} is a point-invariant factor left in the loop"));
        // The product of the two parts is the column, at any point and parameters.
        double[] p = [1.7, 0.3, 0.9];
        foreach (double x in new[] { -1.0, 0.25, 2.0 })
        {
            double expected = Evaluate(lowered, x, p), actual = Evaluate(scale, x, p) * Evaluate(varying, x, p);
            Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected), $"{actual:R} vs {expected:R} at x = {x}");
        }
    }

    /// <summary>The factors of a product (through negations) that varies over the points.</summary>
    private static IEnumerable<Node> Factors(Node node) => node.Op is Op.Multiply or Op.Negate && node.DependsOnVariables
        ? node.Args.SelectMany(Factors)
        : [node];

    private static double Evaluate(Node node, double x, double[] p) => node.Op switch
    {
        Op.Constant => node.Value,
        Op.Variable => x,
        Op.Parameter => p[node.Index],
        Op.Add => Evaluate(node[0], x, p) + Evaluate(node[1], x, p),
        Op.Subtract => Evaluate(node[0], x, p) - Evaluate(node[1], x, p),
        Op.Multiply => Evaluate(node[0], x, p) * Evaluate(node[1], x, p),
        Op.Divide => Evaluate(node[0], x, p) / Evaluate(node[1], x, p),
        Op.Negate => -Evaluate(node[0], x, p),
        Op.Exp => Math.Exp(Evaluate(node[0], x, p)),
        _ => throw new NotSupportedException(node.Op.ToString()),
    };

    private static FormulaSyntax Parse(string formula)
    {
        var syntax = FormulaParser.Parse(formula, out var error);
        Assert.Null(error);
        return syntax;
    }

    private static Node Bind(string formula) =>
        Binder.Bind(new Graph(), Parse(formula), new[] { "x" }, new[] { "a" }, allowNamedConstants: true).Value;

    private static IEnumerable<Node> Nodes(Node root) =>
        new[] { root }.Concat(root.Args.SelectMany(Nodes));

    private static string Parenthesized(FormulaSyntax syntax) => syntax switch
    {
        NumberSyntax n => n.Value.ToString(CultureInfo.InvariantCulture),
        ReferenceSyntax r => r.Name,
        NegateSyntax n => "-(" + Parenthesized(n.Operand) + ")",
        BinarySyntax b => "(" + Parenthesized(b.Left) + Symbol(b.Operator) + Parenthesized(b.Right) + ")",
        CallSyntax c => c.Name + "(" + string.Join(",", c.Arguments.Select(Parenthesized)) + ")",
        _ => throw new ArgumentException(syntax.GetType().Name),
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^",
        _ => op.ToString(),
    };
}
