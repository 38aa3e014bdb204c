using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Which models' Jacobian columns could be the rounding of their formula (ColumnSensitivity): those whose columns reach
/// x through a sum, a difference, a logarithm, a trigonometric function or a branch may be, and the fits check them; the
/// others are cleared, and their fits skip the two Jacobian evaluations of that check.
/// </summary>
public class ColumnSensitivityTests
{
    [Theory]
    [InlineData("a*exp(-x/tau) + b", false)]                       // columns exp(−x/τ), a·x·exp(−x/τ)/τ², 1
    [InlineData("b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)", false)]
    [InlineData("a*x^2.5 + c*sqrt(x)", false)]
    [InlineData("a*x^p", true)]                                    // ∂/∂p: x^p·log(x), and log cancels near x = 1
    [InlineData("c + d*sin(pi*x)", true)]                          // sin(fl(π)·x) at integer x is rounding
    [InlineData("a*exp(-(x - m)^2/(2*s^2))", true)]                // x − m cancels near m
    [InlineData("a*log(x) + b", true)]
    [InlineData("a*max(x - c, 0)", true)]
    [InlineData("a*exp(-k*x)*b", false)]
    public void ClearsColumnsThatCannotCancel(string formula, bool possible)
    {
        var syntax = FormulaParser.Parse(formula, out var error)!;
        Assert.Null(error);
        string[] parameters = System.Text.RegularExpressions.Regex.Matches(formula, @"[A-Za-z_][A-Za-z_0-9]*(?!\s*\()")
            .Select(m => m.Value).Where(n => n is not ("x" or "pi")).Distinct().ToArray();
        var graph = new Graph();
        var bound = Binder.Bind(graph, syntax, new[] { "x" }, parameters, allowNamedConstants: true);
        var columns = Enumerable.Range(0, parameters.Length).Select(j => Differentiator.Derive(graph, bound.Value, j));
        Assert.Equal(possible, ColumnSensitivity.MayBeRoundingNoise(columns));
    }
}
