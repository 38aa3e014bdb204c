using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Which models' Jacobian columns could be the rounding of their formula (ColumnSensitivity): those whose columns reach
/// x through a sum or difference that can cancel, a logarithm, a trigonometric function or a branch may be, and the fits
/// check them; the others are cleared, and their fits skip the two Jacobian evaluations of that check.
/// </summary>
public class ColumnSensitivityTests
{
    [Theory]
    [InlineData("a*exp(-x/tau) + b", false)]                       // columns exp(−x/τ), a·x·exp(−x/τ)/τ², 1
    [InlineData("b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)", false)]
    [InlineData("a*x^2.5 + c*sqrt(x)", false)]
    [InlineData("a*x^p", true)]                                    // ∂/∂p: x^p·log(x), and log cancels near x = 1
    [InlineData("c + d*sin(pi*x)", true)]                          // sin(fl(π)·x) at integer x is rounding
    [InlineData("a*exp(-(x - m)^2/(2*s^2))", false)]               // x − m: exact operands, so one rounding of itself
    [InlineData("a*exp(-(m - x)^2/(2*s^2)) + b", false)]
    [InlineData("a*exp(-(x - 3*m)^2/(2*s^2))", true)]              // 3·m is rounded, and x − fl(3m) cancels near 3m
    [InlineData("a*(x^2 - m)", true)]
    [InlineData("a*exp(-((x - m)^2 + (x - k)^2))", false)]         // a sum of squares cannot cancel
    [InlineData("a*exp(-((x - x0)^2 + (y - y0)^2)/(2*s^2)) + b", false)]  // the batch benchmark's spot, on variables x and y
    [InlineData("a*exp(-((x - m)^2 - (x - k)^2))", true)]          // a difference of squares can
    [InlineData("a*exp(-((x - m)^2 + (x - k)))", true)]            // x − k may be negative
    [InlineData("a*log(x) + b", true)]
    [InlineData("a*max(x - c, 0)", true)]
    [InlineData("a*exp(-k*x)*b", false)]
    public void ClearsColumnsThatCannotCancel(string formula, bool possible)
    {
        var syntax = FormulaParser.Parse(formula, out var error)!;
        Assert.Null(error);
        string[] parameters = System.Text.RegularExpressions.Regex.Matches(formula, @"[A-Za-z_][A-Za-z_0-9]*(?!\s*\()")
            .Select(m => m.Value).Where(n => n is not ("x" or "y" or "pi")).Distinct().ToArray();
        var graph = new Graph();
        var bound = Binder.Bind(graph, syntax, new[] { "x", "y" }, parameters, allowNamedConstants: true);
        var columns = Enumerable.Range(0, parameters.Length).Select(j => Differentiator.Derive(graph, bound.Value, j));
        Assert.Equal(possible, ColumnSensitivity.MayBeRoundingNoise(columns));
    }
}
