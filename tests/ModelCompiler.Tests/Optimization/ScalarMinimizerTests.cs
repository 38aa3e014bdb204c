// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

public class ScalarMinimizerTests
{
    // scipy 1.10.1 on f(x) = x² − 4x + 8 (/work/shared/reference/optimize/textbook.json):
    //   bracket(f)                                  -> (1.0, 2.0, 2.6180339999999998), funcalls 4
    //   brent(f) / minimize_scalar(method='brent')  -> x = 2.0, nit 4, nfev 8
    //   golden(f) / minimize_scalar(method='golden')-> x = 2.0, nit 36, nfev 42
    //   fminbound(f, 0, 5) / method='bounded'       -> x = 1.9999999999999996, nfev 6
    [Fact]
    public void A_bracket_search_that_steps_out_of_the_domain_says_f_is_NaN_there()
    {
        // f = (x − 2)² for x ≤ 1.5 and NaN beyond: the downhill search steps past 1.5. The message said "flat or still
        // decreasing", which sends the user looking for a minimum at infinity.
        var result = ScalarMinimizer.Brent(x => x > 1.5 ? double.NaN : (x - 2) * (x - 2));
        Assert.False(result.IsConverged, result.ToString());
        Assert.Contains("f is NaN at x = ", result.Message);
        Assert.DoesNotContain("flat or still decreasing", result.Message);
    }

    [Fact]
    public void Bracket_reproduces_scipy_on_the_textbook_quadratic()
    {
        var bracket = ScalarMinimizer.Bracket<TextbookQuadratic>();
        Assert.True(bracket.IsBracket, bracket.ToString());
        Assert.Equal(1.0, bracket.A);
        Assert.Equal(2.0, bracket.B);
        Assert.Equal(2.6180339999999998, bracket.C);
        Assert.Equal(4, bracket.FunctionEvaluations);
    }

    [Fact]
    public void Brent_reproduces_scipy_on_the_textbook_quadratic()
    {
        var result = ScalarMinimizer.Brent<TextbookQuadratic>();
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(2.0, result.X);
        Assert.Equal(4.0, result.Value);
        Assert.Equal(4, result.Iterations);
        Assert.Equal(8, result.FunctionEvaluations);
    }

    [Fact]
    public void Golden_reproduces_scipy_on_the_textbook_quadratic()
    {
        var result = ScalarMinimizer.Golden<TextbookQuadratic>();
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(2.0, result.X);
        Assert.Equal(36, result.Iterations);
        Assert.Equal(42, result.FunctionEvaluations);
    }

    [Fact]
    public void Bounded_reproduces_scipy_fminbound_on_the_textbook_quadratic()
    {
        var result = ScalarMinimizer.Bounded<TextbookQuadratic>(0, 5);
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(1.9999999999999996, result.X);
        Assert.Equal(6, result.FunctionEvaluations);
        Assert.Equal(6, result.Iterations);
    }

    [Fact]
    public void Delegates_take_the_same_path_as_the_generated_function()
    {
        Func<double, double> f = x => x * x - 4 * x + 8;
        var generated = ScalarMinimizer.Brent<TextbookQuadratic>(-3, -2);
        var viaDelegate = ScalarMinimizer.Brent(f, -3, -2);
        Assert.Equal(generated.X, viaDelegate.X);
        Assert.Equal(generated.FunctionEvaluations, viaDelegate.FunctionEvaluations);
        Assert.Equal(ScalarMinimizer.Golden<TextbookQuadratic>().X, ScalarMinimizer.Golden(f).X);
        Assert.Equal(ScalarMinimizer.Bounded<TextbookQuadratic>(0, 5).X, ScalarMinimizer.Bounded(f, 0, 5).X);
    }

    [Fact]
    public void A_non_quadratic_minimum_is_found_to_the_tolerance()
    {
        // x·e^{−x}... minus: f(x) = −x·e^{−x} has its minimum at x = 1.
        Func<double, double> f = x => -x * Math.Exp(-x);
        var brent = ScalarMinimizer.Brent(f, 0, 0.5);
        Assert.True(brent.IsConverged, brent.ToString());
        Assert.InRange(brent.X, 1 - 1e-7, 1 + 1e-7);
        Assert.InRange(1.0, brent.Lower, brent.Upper);

        var golden = ScalarMinimizer.Golden(f, 0, 0.5);
        Assert.InRange(golden.X, 1 - 1e-7, 1 + 1e-7);

        var bounded = ScalarMinimizer.Bounded(f, 0, 4, new ScalarMinimizationOptions { AbsoluteTolerance = 1e-10 });
        Assert.True(bounded.IsConverged, bounded.ToString());
        Assert.InRange(bounded.X, 1 - 1e-7, 1 + 1e-7);
    }

    [Fact]
    public void Golden_ends_at_a_minimum_at_zero_where_scipys_relative_test_never_would()
    {
        Func<double, double> f = x => x * x;
        var result = ScalarMinimizer.Golden(f, -1, -0.5);
        Assert.True(result.IsConverged, result.ToString());
        Assert.True(Math.Abs(result.X) < 1e-10, result.ToString());
        Assert.True(result.Iterations < 100, result.ToString());
    }

    [Fact]
    public void An_explicit_bracket_is_checked_and_used()
    {
        var result = ScalarMinimizer.Brent<TextbookQuadratic>(0, 1.5, 5);
        Assert.True(result.IsConverged);
        Assert.Equal(2.0, result.X, 7);
        // Reversed order is the same bracket.
        Assert.Equal(result.X, ScalarMinimizer.Brent<TextbookQuadratic>(5, 1.5, 0).X);

        var notBetween = Assert.Throws<ArgumentException>(() => ScalarMinimizer.Brent<TextbookQuadratic>(0, 6, 5));
        Assert.Equal("b", notBetween.ParamName);
        var notLower = Assert.Throws<ArgumentException>(() => ScalarMinimizer.Golden<TextbookQuadratic>(2, 3, 4));
        Assert.Contains("f(b)", notLower.Message);
    }

    [Fact]
    public void Bad_intervals_and_options_are_rejected_with_their_names()
    {
        Assert.Equal("lower", Assert.Throws<ArgumentException>(() => ScalarMinimizer.Bounded<TextbookQuadratic>(5, 0)).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentException>(() => ScalarMinimizer.Bounded<TextbookQuadratic>(0, double.PositiveInfinity)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => ScalarMinimizer.Brent<TextbookQuadratic>(double.NaN, 1)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ScalarMinimizer.Brent<TextbookQuadratic>(1, 1)).ParamName);
        var options = new ScalarMinimizationOptions { RelativeTolerance = 0 };
        var error = Assert.Throws<ArgumentException>(() => ScalarMinimizer.Brent<TextbookQuadratic>(options));
        Assert.Equal("options", error.ParamName);
        Assert.Contains(nameof(ScalarMinimizationOptions.RelativeTolerance), error.Message);
    }

    [Fact]
    public void A_function_without_a_minimum_ends_with_BracketNotFound()
    {
        var result = ScalarMinimizer.Brent(x => -x, 0, 1);
        Assert.Equal(ScalarMinimizationTermination.BracketNotFound, result.Termination);
        Assert.False(result.IsConverged);
        Assert.False(ScalarMinimizer.Bracket(x => -x).IsBracket);
        Assert.Equal(ScalarMinimizationTermination.BracketNotFound, ScalarMinimizer.Golden(x => 1.0).Termination);
    }

    [Fact]
    public void Points_where_f_is_nan_are_never_taken_as_the_minimum()
    {
        // NaN outside [−1, 3]: the bounded search stays on the finite side.
        Func<double, double> f = x => x < -1 || x > 3 ? double.NaN : (x - 2.5) * (x - 2.5);
        var result = ScalarMinimizer.Bounded(f, -10, 10, new ScalarMinimizationOptions { AbsoluteTolerance = 1e-9 });
        Assert.True(double.IsFinite(result.Value), result.ToString());
        Assert.InRange(result.X, 2.5 - 1e-6, 2.5 + 1e-6);
    }

    [Fact]
    public void A_first_point_where_f_is_nan_does_not_send_the_bounded_search_through_the_nan_region()
    {
        // (x − 2)² on [0, 3], NaN beyond 1: fmin's first point, 1.15, is NaN, and its tie rule moved the best point to
        // every later NaN, so the search walked to 3 and reported f not finite anywhere. The least value on f's domain is
        // at its edge, x = 1, and the message says so.
        var result = ScalarMinimizer.Bounded(x => x > 1 ? double.NaN : (x - 2) * (x - 2), 0, 3);
        Assert.Equal(ScalarMinimizationTermination.Converged, result.Termination);
        Assert.Equal(1, result.X, 1e-4);
        Assert.Contains("edge of f's domain", result.Message);
        // Brent's search from the default start meets the same edge from the other side.
        var brent = ScalarMinimizer.Brent(x => Math.Abs(x - 2) < 0.5 ? double.NaN : (x - 2) * (x - 2));
        Assert.Equal(2.5, brent.X, 1e-6);
        Assert.Contains("edge of f's domain", brent.Message);
        // An interior minimum says nothing of the kind, and a value that is NaN everywhere is reported as NaN, not ∞.
        Assert.DoesNotContain("edge", ScalarMinimizer.Bounded(x => x > 2.5 ? double.NaN : (x - 2) * (x - 2), 0, 3).Message);
        Assert.True(double.IsNaN(ScalarMinimizer.Bounded(x => double.NaN, 0, 3).Value));
        Assert.True(double.IsNaN(ScalarMinimizer.Brent(x => double.NaN).Value));
    }

    [Fact]
    public void The_iteration_limit_is_a_stated_termination()
    {
        var result = ScalarMinimizer.Golden<TextbookQuadratic>(new ScalarMinimizationOptions { MaxIterations = 3 });
        Assert.Equal(ScalarMinimizationTermination.MaxIterations, result.Termination);
        Assert.Equal(3, result.Iterations);
        Assert.Contains("limit", result.Message);
        var bounded = ScalarMinimizer.Bounded<TextbookQuadratic>(-100, 5, new ScalarMinimizationOptions { MaxIterations = 3 });
        Assert.Equal(ScalarMinimizationTermination.MaxIterations, bounded.Termination);
        Assert.Equal(3, bounded.FunctionEvaluations);
    }
    [Fact]
    public void A_bounded_interval_in_small_units_is_searched_in_its_own_units()
    {
        // f = ((x − 2e-30)/1e-30)² on [0, 1e-29]: with scipy's xatol = 1e-5 fminbound stops at its first point, 3.8e-30.
        var result = ScalarMinimizer.Bounded(x => Math.Pow((x - 2e-30) / 1e-30, 2), 0, 1e-29);
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(2e-30, result.X, 1e-34);
    }

    [Fact]
    public void A_start_in_small_units_shrinks_the_absolute_tolerance_with_it()
    {
        // f = (x − 3e-12)² from the start (0, 1e-11): the absolute floor 1e-11 spans the whole start, and Brent stopped
        // at 0 after 3 evaluations (as scipy 1.10.1 does: minimize_scalar(f, bracket=(0, 1e-11), method='brent') gives
        // x 0, nfev 3). Golden-section and an explicit triple take the same floor.
        static double F(double x) => Math.Pow(x - 3e-12, 2);
        foreach (var result in new[]
                 {
                     ScalarMinimizer.Brent(F, 0, 1e-11), ScalarMinimizer.Golden(F, 0, 1e-11), ScalarMinimizer.Brent(F, 0, 2e-12, 1e-11),
                 })
        {
            Assert.True(result.IsConverged, result.ToString());
            Assert.Equal(3e-12, result.X, 1e-19);
        }
        // A start of width 1 keeps scipy's floor, and its result.
        var unit = ScalarMinimizer.Brent(F, 0, 1);
        Assert.Equal(0, unit.X, 1e-11);
    }

    [Fact]
    public void A_bounded_interval_far_from_zero_is_searched_to_its_absolute_tolerance()
    {
        // f = (t − T − 3)² on [T, T + 10], T = 1.7e9 (Unix seconds): scipy 1.10's fminbound returns T + 3.8196602 after
        // one evaluation, "Solution found", since √ε·|t| = 25 exceeds the interval (checked with /usr/bin/python3).
        const double T = 1.7e9;
        var result = ScalarMinimizer.Bounded(t => Math.Pow(t - T - 3, 2), T, T + 10);
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(3, result.X - T, 1e-5);
    }
}
