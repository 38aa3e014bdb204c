// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

public class ScalarRootFinderTests
{
    // Roots to 25 digits from /work/shared/reference/optimize/problems.json (mpmath.findroot, 40 digits).
    private const double CubicRoot = 2.094551481542326591482387;
    private const double KeplerRoot = 1.498701133517848314057985;
    private const double CosineRoot = 0.7390851332151606416553121;

    // The reference set's success test: |x − x*| ≤ 1e-10·max(1, |x*|).
    private static void AssertRoot(double expected, ScalarRootResult result)
    {
        Assert.True(result.IsConverged, result.ToString());
        Assert.True(Math.Abs(result.X - expected) <= 1e-10 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}: {result}");
    }

    public static TheoryData<string> BracketingMethods => new() { "brentq", "brenth", "bisect", "ridder", "toms748", "toms748-k2", "newton-bracketed" };

    /// <summary>The bracketing method named <paramref name="method"/> on delegates (the bracketed Newton takes the derivative).</summary>
    private static ScalarRootResult Bracketing(string method, Func<double, double> f, Func<double, double> derivative, double a, double b)
        => method switch
        {
            "brentq" => ScalarRootFinder.Brent(f, a, b),
            "brenth" => ScalarRootFinder.BrentHyperbolic(f, a, b),
            "bisect" => ScalarRootFinder.Bisect(f, a, b),
            "ridder" => ScalarRootFinder.Ridders(f, a, b),
            "toms748" => ScalarRootFinder.Toms748(f, a, b),
            "toms748-k2" => ScalarRootFinder.Toms748(f, a, b, interpolationSteps: 2),
            _ => ScalarRootFinder.NewtonBracketed(f, derivative, a, b),
        };

    private static ScalarRootResult Bracketing<TFunction>(string method, double a, double b) where TFunction : IScalarFunction
        => method switch
        {
            "brentq" => ScalarRootFinder.Brent<TFunction>(a, b),
            "brenth" => ScalarRootFinder.BrentHyperbolic<TFunction>(a, b),
            "bisect" => ScalarRootFinder.Bisect<TFunction>(a, b),
            "ridder" => ScalarRootFinder.Ridders<TFunction>(a, b),
            "toms748" => ScalarRootFinder.Toms748<TFunction>(a, b),
            "toms748-k2" => ScalarRootFinder.Toms748<TFunction>(a, b, interpolationSteps: 2),
            _ => ScalarRootFinder.NewtonBracketed<TFunction>(a, b),
        };

    [Theory]
    [MemberData(nameof(BracketingMethods))]
    public void Bracketing_methods_solve_the_reference_cubic_and_Keplers_equation(string method)
    {
        var cubic = Bracketing<WallisCubic>(method, 2, 3);
        AssertRoot(CubicRoot, cubic);
        Assert.InRange(CubicRoot, cubic.Lower - 1e-15, cubic.Upper + 1e-15);
        AssertRoot(KeplerRoot, Bracketing<Kepler>(method, 0, Math.PI));
        // Either order of the ends is the same bracket.
        AssertRoot(KeplerRoot, Bracketing<Kepler>(method, Math.PI, 0));
    }

    [Theory]
    [MemberData(nameof(BracketingMethods))]
    public void A_pole_is_a_sign_change_but_not_a_root(string method)
    {
        // 1/(x − 0.3) changes sign on [0, 1] at its pole; every bracketing method closes on 0.3 (scipy's brentq returns
        // it as a root, with f = 7e11 there). The ends' |f| are 3.3 and 1.4; near a root |f| falls, here it grows.
        Func<double, double> f = x => 1 / (x - 0.3), derivative = x => -1 / ((x - 0.3) * (x - 0.3));
        var result = Bracketing(method, f, derivative, 0, 1);
        Assert.False(result.IsConverged, result.ToString());
        Assert.Equal(RootTermination.SignChangeWithoutRoot, result.Termination);
        Assert.Equal(0.3, result.X, 1e-9);
        Assert.Contains("a pole, not a root", result.Message);
        // A steep root of the same bracket is still a root.
        Assert.True(ScalarRootFinder.Brent(x => Math.Tan(x - 0.3) * 1e6, 0, 1).IsConverged);
    }

    [Theory]
    [MemberData(nameof(BracketingMethods))]
    public void A_jump_across_zero_is_a_sign_change_but_not_a_root(string method)
    {
        // x − 1 below 0.3 and x + 1 above it: f changes sign at 0.3 without vanishing; every bracketing method closes there
        // with |f| = 0.7 or 1.3, and scipy's brentq returns it as a root. |f| is 1 and 2 at the ends.
        Func<double, double> f = x => x < 0.3 ? x - 1 : x + 1, derivative = _ => 1;
        var result = Bracketing(method, f, derivative, 0, 1);
        Assert.Equal(RootTermination.SignChangeWithoutRoot, result.Termination);
        Assert.Equal(0.3, result.X, 1e-9);
        Assert.Contains("a jump, not a root", result.Message);
        // A root next to an end of the bracket, where |f| at that end is as small as the root's neighbourhood, is a root;
        // so is a root steep enough to rise from 0 to 0.04 within the final bracket (tanh(1e10·x)).
        Assert.True(ScalarRootFinder.Brent(x => x - 1e-12, 0, 1).IsConverged);
        Assert.True(ScalarRootFinder.Brent(x => Math.Tanh(1e10 * (x - 0.3)), 0, 1).IsConverged);
    }

    [Theory]
    [MemberData(nameof(BracketingMethods))]
    public void Roots_jumps_and_poles_are_told_apart_by_how_f_behaves_as_the_bracket_closes(string method)
    {
        // sign(x − 0.3)·|x − 0.3|^(1/15) is continuous, but still 0.16 two picometres from its root; tanh(1e12·(x − 0.3))
        // is 1 there. Both were called jumps (scipy 1.10.1's brentq returns both roots). x − 0.31 below 0.3 and x + 0.01
        // above, on [−1000, 1000], jumps from −0.01 to 0.31 and has no root; |f| = 0.01 was below a tenth of the ends' |f|,
        // and it was called converged.
        Func<double, double> slow = x => Math.Sign(x - 0.3) * Math.Pow(Math.Abs(x - 0.3), 1.0 / 15);
        Func<double, double> steep = x => Math.Tanh(1e12 * (x - 0.3));
        Func<double, double> jump = x => x < 0.3 ? x - 0.31 : x + 0.01;
        foreach (var f in new[] { slow, steep })
        {
            var root = Bracketing(method, f, _ => 1, 0, 1);
            Assert.True(root.IsConverged, root.ToString());
            Assert.Equal(0.3, root.X, 1e-11);
        }
        var step = Bracketing(method, jump, _ => 1, -1000, 1000);
        Assert.Equal(RootTermination.SignChangeWithoutRoot, step.Termination);
        Assert.Contains("a jump, not a root", step.Message);
    }

    [Theory]
    [MemberData(nameof(BracketingMethods))]
    public void A_bracket_in_small_units_gets_the_digits_of_one_in_units_of_one(string method)
    {
        // x² − 2s² on [0, 2s]: with s = 1e-12 the tolerance was held to 1e-6 of the bracket, and every method returned
        // √2·s to 2–5e-7 (scipy 1.10.1's brentq returns the end 2e-12, 41% off). It is now scaled with the bracket.
        foreach (double s in new[] { 1e-12, 1.0 })
        {
            var result = Bracketing(method, x => x * x - 2 * s * s, x => 2 * x, 0, 2 * s);
            Assert.True(result.IsConverged, result.ToString());
            Assert.Equal(Math.Sqrt(2) * s, result.X, 2e-12 * s);
        }
    }

    [Fact]
    public void Brent_counts_iterations_and_evaluations_as_scipy_does()
    {
        // scipy 1.10.1 brentq / brenth(f, a, b, full_output=True): RootResults.iterations and function_calls. The
        // iteration count was one less: scipy counts the pass that finds the bracket closed.
        var cases = new (Func<double, double> F, double A, double B, int BrentIterations, int BrentCalls, int HyperbolicIterations, int HyperbolicCalls)[]
        {
            (x => x * x * x - 2 * x - 5, 2, 3, 7, 8, 7, 8),
            (x => Math.Tan(x) - 0.5, 0, 1.5, 8, 9, 9, 10),
        };
        foreach (var (f, a, b, brentIterations, brentCalls, hyperbolicIterations, hyperbolicCalls) in cases)
        {
            var brent = ScalarRootFinder.Brent(f, a, b);
            Assert.Equal((brentIterations, brentCalls), (brent.Iterations, brent.FunctionEvaluations));
            var hyperbolic = ScalarRootFinder.BrentHyperbolic(f, a, b);
            Assert.Equal((hyperbolicIterations, hyperbolicCalls), (hyperbolic.Iterations, hyperbolic.FunctionEvaluations));
        }
    }

    [Fact]
    public void Open_methods_in_small_units_are_not_met_by_their_first_step()
    {
        // e^(−t/τ) = 1/2 with τ = 1e-12 s: the root is τ·ln 2 = 6.93e-13. Newton's first step from 0 is 5e-13, within the
        // absolute 2e-12, and used to end there as converged with f = 0.107; now the tolerance is held to 1e-6 of that step.
        const double tau = 1e-12;
        double root = tau * Math.Log(2);
        var newton = ScalarRootFinder.Newton(t => Math.Exp(-t / tau) - 0.5, t => -Math.Exp(-t / tau) / tau, 0);
        Assert.True(newton.IsConverged, newton.ToString());
        Assert.Equal(root, newton.X, 1e-12 * root);
        var halley = ScalarRootFinder.Halley(t => Math.Exp(-t / tau) - 0.5, t => -Math.Exp(-t / tau) / tau, t => Math.Exp(-t / tau) / (tau * tau), 0);
        Assert.Equal(root, halley.X, 1e-12 * root);
        // x² = 4e-24 from 1e-12: the secant through scipy's second point 1e-4 takes a first step of 3e-20.
        var secant = ScalarRootFinder.Secant(x => x * x - 4e-24, 1e-12);
        Assert.True(secant.IsConverged, secant.ToString());
        Assert.Equal(2e-12, secant.X, 1e-12 * 2e-12);
    }

    [Fact]
    public void Interpolating_methods_need_a_few_evaluations_where_bisection_needs_forty()
    {
        // scipy 1.10.1 (results.csv, scalar-cubic on [2, 3]): brentq 8, brenth 8, toms748 11, ridder 14, bisect 41 calls of f.
        Assert.InRange(ScalarRootFinder.Brent<WallisCubic>(2, 3).FunctionEvaluations, 5, 10);
        Assert.InRange(ScalarRootFinder.BrentHyperbolic<WallisCubic>(2, 3).FunctionEvaluations, 5, 10);
        Assert.InRange(ScalarRootFinder.Toms748<WallisCubic>(2, 3).FunctionEvaluations, 5, 12);
        Assert.InRange(ScalarRootFinder.Ridders<WallisCubic>(2, 3).FunctionEvaluations, 6, 16);
        Assert.InRange(ScalarRootFinder.Bisect<WallisCubic>(2, 3).FunctionEvaluations, 38, 44);
    }

    [Fact]
    public void Open_methods_solve_the_reference_problems_from_their_starts()
    {
        AssertRoot(CubicRoot, ScalarRootFinder.Newton<WallisCubic>(2));
        AssertRoot(CubicRoot, ScalarRootFinder.Halley<WallisCubic>(2));
        AssertRoot(CubicRoot, ScalarRootFinder.Secant<WallisCubic>(2));
        AssertRoot(KeplerRoot, ScalarRootFinder.Newton<Kepler>(1));
        AssertRoot(KeplerRoot, ScalarRootFinder.Halley<Kepler>(1));
        AssertRoot(KeplerRoot, ScalarRootFinder.Secant<Kepler>(1));
        AssertRoot(CosineRoot, ScalarRootFinder.FixedPoint<Cosine>(1));
        AssertRoot(CosineRoot, ScalarRootFinder.Newton<CosineFixedPoint>(1));
        // scipy 1.10.1: newton 4 f + 4 f′, halley 3 + 3 + 3 on the cubic from 2. Ours evaluates f at the returned
        // point too and stops at 2e-12 rather than 1.48e-8, so one or two more.
        var newton = ScalarRootFinder.Newton<WallisCubic>(2);
        Assert.InRange(newton.FunctionEvaluations, 4, 6);
        Assert.Equal(newton.FunctionEvaluations, newton.DerivativeEvaluations);
        Assert.Equal(0, newton.SecondDerivativeEvaluations);
        var halley = ScalarRootFinder.Halley<WallisCubic>(2);
        Assert.InRange(halley.FunctionEvaluations, 3, 5);
        Assert.Equal(halley.FunctionEvaluations, halley.SecondDerivativeEvaluations);
    }

    [Fact]
    public void Delegates_solve_the_same_problems()
    {
        AssertRoot(CubicRoot, ScalarRootFinder.Brent(x => x * x * x - 2 * x - 5, 2, 3));
        AssertRoot(CubicRoot, ScalarRootFinder.Newton(x => x * x * x - 2 * x - 5, x => 3 * x * x - 2, 2));
        AssertRoot(CubicRoot, ScalarRootFinder.Halley(x => x * x * x - 2 * x - 5, x => 3 * x * x - 2, x => 6 * x, 2));
        AssertRoot(CubicRoot, ScalarRootFinder.NewtonBracketed(x => x * x * x - 2 * x - 5, x => 3 * x * x - 2, 2, 3));
        AssertRoot(CosineRoot, ScalarRootFinder.FixedPoint(Math.Cos, 1));
        AssertRoot(CosineRoot, ScalarRootFinder.Toms748(x => x - Math.Cos(x), 0, 1));
    }

    [Theory]
    [MemberData(nameof(BracketingMethods))]
    public void A_double_root_gives_bracketing_methods_no_sign_change_and_they_say_so(string method)
    {
        // (x − 1)²(x + 2) ≥ 0 on [0, 2]: f(0) = 2, f(2) = 4; scipy raises "f(a) and f(b) must have different signs".
        var error = Assert.Throws<ArgumentException>(() => Bracketing<DoubleRootCubic>(method, 0, 2));
        Assert.Contains("same sign", error.Message);
        Assert.Contains("Newton", error.Message);
    }

    [Fact]
    public void Newton_and_Halley_find_the_double_root_and_report_its_multiplicity()
    {
        // scipy 1.10.1 from x0 = 2: newton stops 1.2e-8 from the root after 27 f and 27 f′ calls, halley 2.5e-9
        // after 18 (linear convergence; tol = 1.48e-8). The generated f″ lets the double root be refined as the
        // simple root of f′.
        foreach (var result in new[] { ScalarRootFinder.Newton<DoubleRootCubic>(2), ScalarRootFinder.Halley<DoubleRootCubic>(2) })
        {
            AssertRoot(1.0, result);
            Assert.Equal(2, result.Multiplicity);
            Assert.Contains("double root", result.Message);
            Assert.True(result.FunctionEvaluations < 30, result.ToString());
        }

        // Without f″ the rounding in f limits Newton to about √ε, and the result says so.
        var plain = ScalarRootFinder.Newton(x => x * x * x - 3 * x + 2, x => 3 * x * x - 3, 2);
        Assert.True(plain.IsConverged, plain.ToString());
        Assert.Equal(2, plain.Multiplicity);
        Assert.True(Math.Abs(plain.X - 1) < 1e-7, plain.ToString());
        Assert.True(plain.Termination is RootTermination.RoundingLimit or RootTermination.ExactRoot, plain.ToString());
    }

    [Fact]
    public void A_minimum_of_abs_f_that_is_no_root_is_not_taken_for_a_double_root()
    {
        // cos x + 1.0001 has no real root; its |f| is least at π, f = 1e-4. Newton crept toward π, saw the steps shrink as
        // at a double root, and reported x = π converged (generated f″) or at the rounding level (delegate). scipy 1.10.1's
        // newton(f, 2, fprime) ends there with a convergence error. So did (x − 2)² + 0.01 from 0.
        var results = new[]
        {
            ScalarRootFinder.Newton(x => Math.Cos(x) + 1.0001, x => -Math.Sin(x), 2),
            ScalarRootFinder.Newton<NoRootFunctions.CosAboveMinusOneEquations>(2),
            ScalarRootFinder.Halley<NoRootFunctions.CosAboveMinusOneEquations>(2),
            ScalarRootFinder.Newton(x => (x - 2) * (x - 2) + 0.01, x => 2 * (x - 2), 0),
        };
        foreach (var result in results)
        {
            Assert.False(result.IsConverged, result.ToString());
            Assert.Equal(RootTermination.NoProgress, result.Termination);
            Assert.Contains("a minimum of |f| that is not a root", result.Message);
        }
        // A double root at f's rounding level stays one: (x − 1.1)² written out, with f″ and without.
        foreach (var result in new[]
                 {
                     ScalarRootFinder.Newton<NoRootFunctions.ExpandedSquareEquations>(0),
                     ScalarRootFinder.Newton(x => x * x - 2.2 * x + 1.21, x => 2 * x - 2.2, 0),
                 })
        {
            Assert.True(result.IsConverged, result.ToString());
            Assert.Equal(1.1, result.X, 1e-7);
        }
    }

    [Fact]
    public void An_infinite_slope_is_not_a_zero_step_to_a_root()
    {
        // √x + 1 from 4: damped Newton reached x = 0, where f′ = ∞ makes the step 0 and it met the step test, "converged"
        // with f = 1 (scipy 1.10.1: nan, not converged). acos x + 0.1 from 0 ended the same way at x = 1.
        foreach (var result in new[]
                 {
                     ScalarRootFinder.Newton(x => Math.Sqrt(x) + 1, x => 0.5 / Math.Sqrt(x), 4),
                     ScalarRootFinder.Newton(x => Math.Acos(x) + 0.1, x => -1 / Math.Sqrt(1 - x * x), 0),
                 })
        {
            Assert.False(result.IsConverged, result.ToString());
            Assert.Equal(RootTermination.NonFiniteValue, result.Termination);
        }
    }

    [Fact]
    public void Undamped_Newton_on_atan_from_afar_ends_as_diverged_and_damped_Newton_converges()
    {
        var undamped = ScalarRootFinder.Newton<Arctangent>(10, new ScalarRootOptions { Damping = false });
        Assert.False(undamped.IsConverged, undamped.ToString());
        Assert.Equal(RootTermination.Diverged, undamped.Termination);
        Assert.Contains("diverge", undamped.Message);

        var damped = ScalarRootFinder.Newton<Arctangent>(10);
        Assert.True(damped.IsConverged, damped.ToString());
        Assert.True(Math.Abs(damped.X) < 1e-12, damped.ToString());

        var bracketed = ScalarRootFinder.NewtonBracketed<Arctangent>(-10, 30);
        Assert.True(bracketed.IsConverged, bracketed.ToString());
        Assert.True(Math.Abs(bracketed.X) < 1e-12, bracketed.ToString());

        var secant = ScalarRootFinder.Secant<Arctangent>(10, 11, new ScalarRootOptions { Damping = false });
        Assert.False(secant.IsConverged, secant.ToString());
    }

    [Fact]
    public void A_stationary_start_is_a_zero_derivative_termination()
    {
        var result = ScalarRootFinder.Newton(x => x * x - 1, x => 2 * x, 0);
        Assert.Equal(RootTermination.ZeroDerivative, result.Termination);
        Assert.False(result.IsConverged);
        Assert.Equal(0, result.X);
    }

    [Fact]
    public void A_function_running_off_to_a_zero_at_infinity_is_not_reported_as_converged()
    {
        // x·e^{−x} → 0 as x → ∞: Newton from 2 marches right with |f| shrinking but never reaches a root.
        var result = ScalarRootFinder.Newton(x => x * Math.Exp(-x), x => (1 - x) * Math.Exp(-x), 2);
        Assert.False(result.IsConverged, result.ToString());
        Assert.Equal(RootTermination.MaxIterations, result.Termination);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_argument_named()
    {
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Brent<WallisCubic>(double.NaN, 3)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Brent<WallisCubic>(2, double.PositiveInfinity)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Bisect<WallisCubic>(2, 2)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Brent(Math.Log, -1, 3)).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Newton<WallisCubic>(double.NaN)).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Newton(Math.Log, x => 1 / x, -1)).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Secant(Math.Sqrt, -4)).ParamName);
        Assert.Equal("x1", Assert.Throws<ArgumentException>(() => ScalarRootFinder.Secant<WallisCubic>(2, 2)).ParamName);
        // x1 chosen by scipy's rule lands 1.7e5 away from x0 = 1.7e9, where exp((t − x0)/100) overflows: the message
        // says the second start was the method's choice and how to give one.
        var chosen = Assert.Throws<ArgumentException>(() => ScalarRootFinder.Secant(t => Math.Exp((t - 1.7e9) / 100) - 2, 1.7e9));
        Assert.Equal("x1", chosen.ParamName);
        Assert.Contains("scipy's rule", chosen.Message);
        Assert.Contains("give x1 nearer x0", chosen.Message);
        var options = Assert.Throws<ArgumentException>(() => ScalarRootFinder.Brent<WallisCubic>(2, 3, new ScalarRootOptions { AbsoluteTolerance = 0 }));
        Assert.Equal("options", options.ParamName);
        Assert.Contains("AbsoluteTolerance", options.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScalarRootFinder.Toms748<WallisCubic>(2, 3, interpolationSteps: 3));
    }

    [Fact]
    public void An_end_that_is_a_root_is_returned_at_once()
    {
        var result = ScalarRootFinder.Brent(x => x * x - 4, 2, 5);
        Assert.Equal(RootTermination.ExactRoot, result.Termination);
        Assert.Equal(2, result.X);
        Assert.Equal(2, result.FunctionEvaluations);
    }

    [Fact]
    public void NaN_inside_the_bracket_is_a_stated_termination_with_the_bracket_kept()
    {
        Func<double, double> f = x => x < 0.25 ? -1 : x > 0.75 ? 1 : double.NaN;
        foreach (var result in new[] { ScalarRootFinder.Brent(f, 0, 1), ScalarRootFinder.Bisect(f, 0, 1), ScalarRootFinder.Ridders(f, 0, 1), ScalarRootFinder.Toms748(f, 0, 1) })
        {
            Assert.Equal(RootTermination.NonFiniteValue, result.Termination);
            Assert.False(result.IsConverged);
            Assert.True(result.Lower <= 0.25 && result.Upper >= 0.75, result.ToString());
        }
    }

    [Fact]
    public void The_iteration_limit_leaves_a_valid_bracket()
    {
        var result = ScalarRootFinder.Bisect<WallisCubic>(2, 3, new ScalarRootOptions { MaxIterations = 5 });
        Assert.Equal(RootTermination.MaxIterations, result.Termination);
        Assert.InRange(CubicRoot, result.Lower, result.Upper);
        Assert.Equal(1.0 / 32, result.Upper - result.Lower, 15);
    }

    [Fact]
    public void Hard_bracketing_cases_converge_within_bisections_count()
    {
        // Alefeld–Potra–Shi test functions: a steep power, a flat-then-steep exponential, a near-discontinuity.
        var cases = new (Func<double, double> F, double A, double B)[]
        {
            (x => Math.Pow(x, 20) - 1, 0, 5),
            (x => Math.Exp(-20 * x) * (x - 1) + Math.Pow(x, 20), 0, 1),
            (x => Math.Atan(1e6 * (x - 0.3)), -1, 1),
            (x => x * Math.Exp(x) - 1, -1, 1),
        };
        foreach (var (f, a, b) in cases)
        {
            foreach (var result in new[] { ScalarRootFinder.Brent(f, a, b), ScalarRootFinder.BrentHyperbolic(f, a, b), ScalarRootFinder.Ridders(f, a, b), ScalarRootFinder.Toms748(f, a, b), ScalarRootFinder.Toms748(f, a, b, interpolationSteps: 2) })
            {
                Assert.True(result.IsConverged, result.ToString());
                Assert.True(result.Upper - result.Lower <= 2e-12 + 1e-15 * Math.Abs(result.X) || result.Value == 0, result.ToString());
                Assert.True(result.FunctionEvaluations <= 100, result.ToString());
            }
        }
    }
    [Fact]
    public void A_bracket_in_small_units_is_not_met_by_its_endpoints()
    {
        // f = x − 3e-30 on [0, 1e-29]: the whole bracket lies within scipy's xtol = 2e-12, so brentq returns an endpoint.
        foreach (var result in new[]
                 {
                     ScalarRootFinder.Brent(x => x - 3e-30, 0, 1e-29), ScalarRootFinder.BrentHyperbolic(x => x - 3e-30, 0, 1e-29),
                     ScalarRootFinder.Bisect(x => x - 3e-30, 0, 1e-29), ScalarRootFinder.Ridders(x => x - 3e-30, 0, 1e-29),
                     ScalarRootFinder.Toms748(x => x - 3e-30, 0, 1e-29),
                 })
        {
            Assert.True(result.IsConverged, result.ToString());
            Assert.Equal(3e-30, result.X, 1e-35);
        }
    }
}

/// <summary>One-unknown systems for the root finders: no real root, and a double root written out.</summary>
public static partial class NoRootFunctions
{
    [Equations("cos(x) + 1.0001")]
    public static partial double CosAboveMinusOne(double x);

    [Equations("x^2 - 2.2*x + 1.21")]
    public static partial double ExpandedSquare(double x);
}
