// SPDX-License-Identifier: MIT
using OptimizeMenu;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// The OptimizeMenu example's computations (examples/OptimizeMenu/MenuCases.cs), run here as the example runs them, on
/// the example's own generated declarations. The scipy 1.10.1 values they are held against are the example's, from the
/// shared optimization reference set (textbook.json and results.csv).
/// </summary>
public class OptimizeMenuExampleTests
{
    [Fact]
    public void Every_textbook_method_finds_the_minimum_with_no_more_evaluations_than_scipy()
    {
        var rows = MenuCases.Textbook();
        Assert.Equal(10, rows.Count);
        foreach (var row in rows)
        {
            var scipy = row.Scipy!;
            Assert.True(row.Converged, row.Call);
            // fmin stops once the simplex is 1e-4 wide, as scipy's does: x within 2e-5 of 2; the others within 1e-8.
            Assert.True(Math.Abs(row.X[0] - 2) <= (row.Call == "fmin" ? 2e-5 : 1e-8), $"{row.Call}: x = {row.X[0]:R}");
            Assert.True(row.Values <= scipy.Values + AuditValues(row.Call), $"{row.Call}: {row.Values} values against scipy's {scipy.Values}");
            int auditGradients = AuditValues(row.Call) > 0 ? 1 : 0;   // its forward difference counts as a gradient
            Assert.True(row.Gradients <= scipy.Gradients + auditGradients, $"{row.Call}: {row.Gradients} gradients against scipy's {scipy.Gradients}");
            Assert.True(row.Hessians <= scipy.Hessians, $"{row.Call}: {row.Hessians} Hessians against scipy's {scipy.Hessians}");
        }
    }

    [Theory]
    [InlineData("fmin")]
    [InlineData("fmin_powell")]
    [InlineData("fminbound")]
    [InlineData("brent")]
    [InlineData("golden")]
    public void Methods_that_are_scipys_algorithm_return_scipys_x_to_the_bit(string call)
    {
        var row = MenuCases.Textbook().Single(r => r.Call == call);
        Assert.Equal(row.Scipy!.X!.Value, row.X[0]);
        Assert.Equal(row.Scipy.Values + AuditValues(call), row.Values);
    }

    /// <summary>
    /// The values of f the stationarity audit takes after a derivative-free method's stop, which scipy does not check:
    /// on the one-unknown textbook problem a forward difference and a probe that finds f rising.
    /// </summary>
    private static int AuditValues(string call) => call is "fmin" or "fmin_powell" ? 2 : 0;

    [Fact]
    public void Generated_derivatives_and_check_grad_agree_with_the_textbook()
    {
        var (f, d1, d2) = MenuCases.Derivatives(1.3);
        Assert.Equal(1.3 * 1.3 - 4 * 1.3 + 8, f);
        Assert.Equal(2 * 1.3 - 4, d1, 15);
        Assert.Equal(2, d2);
        Assert.Equal(MenuCases.ScipyCheckGrad, MenuCases.CheckGrad());
    }

    [Fact]
    public void Rosenbrock_reaches_the_minimum_where_scipy_does_and_the_same_local_minimum_where_it_stops()
    {
        var rows = MenuCases.Rosenbrock();
        foreach (var row in rows)
        {
            Assert.True(row.Converged, row.Call);
            bool local = row.Scipy!.F > 1;
            if (local)
            {
                // trust-exact at n = 100: scipy and we both end at the local minimum f = 3.98662 (results.csv: 3.9866238543034482).
                Assert.Equal(row.Scipy.F, row.F, 9);
                Assert.True(row.X[0] < -0.99, $"{row.Call}: x1 = {row.X[0]}");
            }
            else
            {
                Assert.True(row.F <= 1e-12, $"{row.Call}: f = {row.F}");
                Assert.All(row.X, v => Assert.True(Math.Abs(v - 1) <= 1e-5, $"{row.Call}: x = {v}"));
            }
        }
        // trust-exact factors no more Hessians than scipy's.
        Assert.All(rows.Where(r => r.Call.StartsWith("trust-exact", StringComparison.Ordinal)),
                   row => Assert.True(row.Hessians <= row.Scipy!.Hessians, $"{row.Call}: {row.Hessians} Hessians"));
    }

    [Fact]
    public void Hybrj_solves_the_helical_valley_with_fewer_calls_than_fsolve()
    {
        var row = MenuCases.HelicalValley();
        Assert.True(row.Converged);
        Assert.True(row.F <= 1e-12, $"||F|| = {row.F}");
        Assert.Equal(1, row.X[0], 12);
        Assert.Equal(0, row.X[1], 12);
        Assert.Equal(0, row.X[2], 12);
        Assert.True(row.Values <= row.Scipy!.Values && row.Gradients <= row.Scipy.Gradients, $"{row.Values} F, {row.Gradients} J");
    }

    [Fact]
    public void Cubic_roots_agree_with_scipy_to_the_last_bit_or_two()
    {
        const double root = 2.0945514815423265914823865;   // problems.json, scalar-cubic
        foreach (var row in MenuCases.Cubic())
        {
            Assert.True(row.Converged, row.Call);
            Assert.True(Math.Abs(row.X[0] - root) <= 4.5e-16, $"{row.Call}: {row.X[0]:R}");
        }
        var brentq = MenuCases.Cubic()[0];
        Assert.Equal(brentq.Scipy!.X!.Value, brentq.X[0]);
        Assert.Equal(brentq.Scipy.Values, brentq.Values);
    }
}
