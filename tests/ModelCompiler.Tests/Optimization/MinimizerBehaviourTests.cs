// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>Fixed unknowns, bounds, progress, cancellation, budgets, non-finite regions and a wrong gradient.</summary>
public class MinimizerBehaviourTests
{
    public static TheoryData<MinimizerOptions> EveryMethod() =>
    [
        NelderMeadOptions.Default, PowellOptions.Default, BfgsOptions.Default, ConjugateGradientOptions.Default,
        LbfgsOptions.Default, LbfgsbOptions.Default, NewtonCgOptions.Default, TrustExactOptions.Default,
    ];

    /// <summary>The methods that stop by a gradient test.</summary>
    public static TheoryData<MinimizerOptions> GradientMethods() =>
    [
        BfgsOptions.Default, ConjugateGradientOptions.Default, LbfgsOptions.Default, LbfgsbOptions.Default, NewtonCgOptions.Default,
        TrustExactOptions.Default, BfgsOptions.Scipy, LbfgsbOptions.Scipy,
    ];

    public static TheoryData<MinimizerOptions> BoundedMethods() => [NelderMeadOptions.Default, PowellOptions.Default, LbfgsbOptions.Default];

    /// <summary>The methods that take f alone (Newton-CG and trust-exact need the gradient).</summary>
    public static TheoryData<MinimizerOptions> ValueOnlyMethods() =>
    [
        NelderMeadOptions.Default, PowellOptions.Default, BfgsOptions.Default, ConjugateGradientOptions.Default,
        LbfgsOptions.Default, LbfgsbOptions.Default,
    ];

    [Theory]
    [MemberData(nameof(ValueOnlyMethods))]
    public void Unknowns_in_very_different_units_are_solved_or_reported_unsolved(MinimizerOptions options)
    {
        // A distance near 3·s and a time near 2/(10·s): curvatures 2/s² and 200·s², 1e12 to 1e36 apart. From the
        // origin f = 9, its minimum 0. Before the audit, L-BFGS-B stopped by its function test at f = 8.25 (s = 1e4)
        // and f = 9 (s = 1e6), and CG and L-BFGS at rounding level at f = 9 (s = 1e8), all as converged.
        foreach (double scale in new[] { 1e2, 1e4, 1e6, 1e8 })
        {
            var result = Minimizer.Minimize(x => Math.Pow((x[0] - 3 * scale) / scale, 2) + Math.Pow(x[1] * scale * 10 - 2, 2),
                                            [0.0, 0.0], options);
            if (result.IsConverged)
                Assert.True(result.Value < 1e-6, $"scale {scale}: {result}");
            else if (result.Termination == MinimizationTermination.Stalled)
                Assert.True(result.Value < 9 - 1e-5, $"scale {scale}: {result}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void Fixed_unknowns_keep_their_start_values(MinimizerOptions options)
    {
        // Wood's function with x₂ = x₄ = 1 fixed: 100(1 − x₁²)² + (1 − x₁)² + 90(1 − x₃²)² + (1 − x₃)², minimum at 1.
        var result = Minimizer.Minimize<Wood>([1.2, 1, 1.2, 1], options, Bounds.FixedAt([false, true, false, true]));
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(1, result[1]);
        Assert.Equal(1, result[3]);
        Assert.Equal(1, result[0], 4);
        Assert.Equal(1, result[2], 4);
        if (result.Gradient is { } gradient)
        {
            Assert.Equal(0, gradient[1]);
            Assert.Equal(0, gradient[3]);
        }
    }

    [Fact]
    public void Equal_bounds_fix_an_unknown()
    {
        var result = Minimizer.Minimize<Rosenbrock>([0.5, 2], TrustExactOptions.Default, Bounds.Box([double.NegativeInfinity, 2], [double.PositiveInfinity, 2]));
        Assert.Equal(2, result[1]);
        Assert.True(result.IsConverged, result.ToString());
        Assert.InRange(Math.Abs(result.Gradient![0]), 0, 1e-8);   // stationary in x₁ (near √2)
        Assert.Equal(0, result.Gradient[1]);                      // the fixed place holds 0, as documented
    }

    [Theory]
    [MemberData(nameof(BoundedMethods))]
    public void An_active_bound_holds_the_minimizer(MinimizerOptions options)
    {
        // (x₁ − 3)² + (x₂ + 1)² on [−1, 1]²: the minimizer (1, −1) has x₁ at its upper bound and x₂ inside.
        var result = Minimizer.Minimize(x => (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1), [0, 0], options,
                                        Bounds.Box([-1, -1], [1, 1]));
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(1, result[0], 6);
        Assert.Equal(-1, result[1], 4);
        Assert.Equal(4, result.Value, 6);
    }

    [Fact]
    public void Powell_searches_half_lines_when_only_one_side_is_bounded()
    {
        var result = Minimizer.Minimize(x => (x[0] + 2) * (x[0] + 2) + (x[1] - 5) * (x[1] - 5), [1, 0], PowellOptions.Default,
                                        new Bounds { Lower = [0, double.NegativeInfinity] });
        Assert.Equal(0, result[0], 5);
        Assert.Equal(5, result[1], 5);
    }

    [Fact]
    public void A_line_search_that_met_NaN_says_so()
    {
        // x·log x + y² − x·y + √y, NaN for y < 0: BFGS's line searches run into the wall y = 0 and fail there. The message
        // blamed the gradient and the unknowns' scales alone.
        static double F(ReadOnlySpan<double> x) => x[0] * Math.Log(x[0]) + x[1] * x[1] - x[0] * x[1] + Math.Sqrt(x[1]);
        var result = Minimizer.Minimize(F, [1, 1], BfgsOptions.Default);
        Assert.Equal(MinimizationTermination.LineSearchFailed, result.Termination);
        Assert.Contains("NaN or infinite at", result.Message);
        Assert.Contains("edge of f's domain", result.Message);
        // A line search that fails without meeting one does not say it.
        var rosenbrock = Minimizer.Minimize(x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2), [-1.2, 1], BfgsOptions.Default);
        Assert.DoesNotContain("NaN or infinite at", rosenbrock.Message);
    }

    [Fact]
    public void Nelder_Meads_restarts_leave_the_budget_the_audit_needs()
    {
        // x·log x + y² − x·y + √y, NaN for y < 0: its least value −1/e lies on the wall at (1/e, 0). Nelder–Mead from
        // (1, 1) collapses there at f = −0.367873; with Restarts = 0 the audit calls it stalled, but the default's
        // restarts spent the whole budget of 200·n values, the audit could not run, and the stop was reported converged.
        // scipy 1.10.1's Nelder–Mead reports success at the same point.
        static double F(ReadOnlySpan<double> x) => x[0] * Math.Log(x[0]) + x[1] * x[1] - x[0] * x[1] + Math.Sqrt(x[1]);
        var result = Minimizer.Minimize(F, [1, 1], NelderMeadOptions.Default);
        Assert.False(result.IsConverged, result.ToString());
        Assert.Equal(MinimizationTermination.Stalled, result.Termination);
        Assert.True(result.FunctionEvaluations <= 400, result.ToString());
    }

    [Fact]
    public void A_derivative_free_stop_against_a_wall_of_NaN_is_not_a_minimum()
    {
        // f = (x − 1.5)² + (y − 1)² − 5x inside the disc x² + y² < 4 and NaN outside: its least value, −9.2424 at
        // (1.940, 0.485), lies on the wall. Powell's line searches meet the wall at (2, 0), f = −8.75, and stopped there
        // converged; scipy's Powell reports failure ("NaN result encountered").
        static double F(ReadOnlySpan<double> x) =>
            x[0] * x[0] + x[1] * x[1] < 4 ? (x[0] - 1.5) * (x[0] - 1.5) + (x[1] - 1) * (x[1] - 1) - 5 * x[0] : double.NaN;
        var result = Minimizer.Minimize(F, [0, 0], PowellOptions.Default);
        Assert.Equal(MinimizationTermination.Stalled, result.Termination);
        Assert.Contains("against the edge of f's domain", result.Message);
        // A minimum inside the domain, near the wall but a difference step from it, converges.
        var inside = Minimizer.Minimize(x => x[0] * x[0] + x[1] * x[1] < 4 ? (x[0] - 1.5) * (x[0] - 1.5) + (x[1] - 1) * (x[1] - 1) : double.NaN,
                                        [0, 0], PowellOptions.Default);
        Assert.True(inside.IsConverged, inside.ToString());
    }

    [Fact]
    public void Lbfgsb_differences_stay_inside_the_box()
    {
        // f is NaN below 0; its minimizer over [0, 1] is the bound 0, where central differences must turn one-sided.
        static double F(ReadOnlySpan<double> x) => x[0] < 0 ? double.NaN : (x[0] + 1) * (x[0] + 1) + Math.Sqrt(x[0]) * 1e-12;
        var result = Minimizer.Minimize(F, [0.5], LbfgsbOptions.Default, Bounds.Box([0], [1]));
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(0, result[0]);
        Assert.Equal(2, result.Gradient![0], 4);
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void Progress_reports_every_iteration_with_all_unknowns(MinimizerOptions options)
    {
        var reports = new List<MinimizationProgress>();
        var result = Minimizer.Minimize<Rosenbrock>([-1.2, 1], options, progress: new Recorder(reports));
        Assert.Equal(result.Iterations, reports.Count);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.Iteration));
        Assert.All(reports, r => Assert.Equal(2, r.Parameters.Count));
        Assert.Equal(result.Value, reports[^1].Value);
        if (options is not NelderMeadOptions)
            for (int i = 1; i < reports.Count; i++)
                Assert.True(reports[i].Value <= reports[i - 1].Value);
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void Cancellation_from_the_progress_handler_stops_the_run(MinimizerOptions options)
    {
        using var source = new CancellationTokenSource();
        var reports = new List<MinimizationProgress>();
        var progress = new Recorder(reports, after: 3, source);
        Assert.Throws<OperationCanceledException>(() => Minimizer.Minimize<Rosenbrock>([-1.2, 1], options, null, progress, source.Token));
        Assert.Equal(3, reports.Count);
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void The_evaluation_budget_is_never_exceeded(MinimizerOptions options)
    {
        var result = Minimizer.Minimize<Rosenbrock>([-1.2, 1], options with { MaxFunctionEvaluations = 17 });
        Assert.Equal(MinimizationTermination.MaxFunctionEvaluations, result.Termination);
        Assert.False(result.IsConverged);
        Assert.InRange(result.FunctionEvaluations, 1, 17);
        Assert.True(result.Value < Rosenbrock.Evaluate([-1.2, 1]));
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void The_iteration_limit_is_a_stated_termination(MinimizerOptions options)
    {
        var result = Minimizer.Minimize<Rosenbrock>([-1.2, 1], options with { MaxIterations = 3 });
        Assert.Equal(MinimizationTermination.MaxIterations, result.Termination);
        Assert.Equal(3, result.Iterations);
        Assert.Contains("iteration limit", result.Message);
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void Trial_points_where_f_is_not_finite_are_rejected(MinimizerOptions options)
    {
        // f = x − 2 log x + (x − 1)²/10, minimum near 1.64, NaN for x ≤ 0; from 8 the first steps overshoot below 0.
        static double F(ReadOnlySpan<double> x) => x[0] <= 0 ? double.NaN : x[0] - 2 * Math.Log(x[0]) + (x[0] - 1) * (x[0] - 1) / 10;
        static double G(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = x[0] <= 0 ? double.NaN : 1 - 2 / x[0] + (x[0] - 1) / 5;
            return F(x);
        }
        var objective = new DelegateObjective(F, G) { Hessian = (x, h) => h[0] = 2 / (x[0] * x[0]) + 0.2 };
        var result = Minimizer.Minimize(objective, [8], options);
        Assert.True(result.IsConverged, result.ToString());
        double xStar = (-4 + Math.Sqrt(16 + 40)) / 2;   // root of x² + 4x − 10 = 0
        Assert.Equal(xStar, result[0], 5);
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void An_objective_unbounded_below_is_not_converged_and_the_message_says_why(MinimizerOptions options)
    {
        // f = x₀ + (x₁ − 1)² falls without end as x₀ → −∞. The stop itself reads as a failed line search, a spent
        // budget or a stall, which would send the user to check the gradient or the scaling; the message must say that
        // x ran off. L-BFGS-B reported convergence at x₀ = −3.5e16, its projected gradient P(x − g) − x rounded to 0.
        var objective = new DelegateObjective(x => x[0] + (x[1] - 1) * (x[1] - 1), (x, g) =>
        {
            g[0] = 1;
            g[1] = 2 * (x[1] - 1);
            return x[0] + (x[1] - 1) * (x[1] - 1);
        })
        { Hessian = (x, h) => { h[0] = 0; h[1] = 0; h[2] = 0; h[3] = 2; } };
        var result = Minimizer.Minimize(objective, [1, 0], options);
        Assert.False(result.IsConverged, result.ToString());
        Assert.True(result.Value < -1e5, result.ToString());   // the trust-region methods' radius is capped at 1000
        // The remark needs x grown 1e20-fold, or 1e10-fold with f fallen by 1e10 times its start's size (f₀ = 2).
        if (Math.Abs(result[0]) >= 1e20 || Math.Abs(result[0]) >= 1e10 && 2 - result.Value >= 2e10)
            Assert.Contains("x[0] ran from 1 to", result.Message);
        else
            Assert.DoesNotContain("unbounded below", result.Message);
    }

    [Fact]
    public void A_run_down_a_linear_objective_says_it_may_be_unbounded()
    {
        // BFGS on x + y from (0, 0) ran its 400 iterations to x = −1.5e14, f = −2.9e14, and said only that the limit was reached.
        var result = Minimizer.Minimize<StopCheckObjectives.LinearObjective>([0.0, 0], BfgsOptions.Default);
        Assert.Equal(MinimizationTermination.MaxIterations, result.Termination);
        Assert.Contains("the objective may be unbounded below", result.Message);
    }

    [Fact]
    public void Trust_region_radii_scale_with_a_large_start_and_a_capped_run_says_so()
    {
        // Unknowns near 1e12 with scipy's absolute MaxTrustRadius of 1000: 400 steps moved x by 4e5 (scipy's trust-ncg and
        // trust-exact stop the same way). A start of that size now scales the radii by it, and the minimum is reached.
        var objective = new DelegateObjective(x => Math.Pow(x[0] - 3e12, 2) + Math.Pow(x[1] + 1e12, 2), (x, g) =>
        {
            g[0] = 2 * (x[0] - 3e12);
            g[1] = 2 * (x[1] + 1e12);
            return Math.Pow(x[0] - 3e12, 2) + Math.Pow(x[1] + 1e12, 2);
        })
        { Hessian = (x, h) => { h[0] = 2; h[1] = 0; h[2] = 0; h[3] = 2; } };
        foreach (MinimizerOptions options in new MinimizerOptions[] { NewtonCgOptions.Default, TrustExactOptions.Default })
        {
            var scaled = Minimizer.Minimize(objective, [1e12, 1e12], options);
            Assert.True(scaled.IsConverged, scaled.ToString());
            Assert.Equal(3e12, scaled[0], 1e-3);
            // From 0 the start gives no scale: the iteration limit comes first, and the message names the radius.
            var capped = Minimizer.Minimize(objective, [0.0, 0.0], options);
            Assert.Equal(MinimizationTermination.MaxIterations, capped.Termination);
            Assert.Contains("filled the largest trust radius, MaxTrustRadius = 1E+03", capped.Message);
        }
        var raised = Minimizer.Minimize(objective, [0.0, 0.0], NewtonCgOptions.Default with { MaxTrustRadius = 1e13 });
        Assert.True(raised.IsConverged, raised.ToString());
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void An_objective_that_reaches_minus_infinity_is_not_converged(MinimizerOptions options)
    {
        // f = −x₀² + x₁² overflows to −∞ as x₀ runs off. Powell's line search got there and its function tolerance test,
        // comparing −∞ with −∞, passed: FunctionTolerance at f = −∞.
        var objective = new DelegateObjective(x => -x[0] * x[0] + x[1] * x[1], (x, g) =>
        {
            g[0] = -2 * x[0];
            g[1] = 2 * x[1];
            return -x[0] * x[0] + x[1] * x[1];
        })
        { Hessian = (x, h) => { h[0] = -2; h[1] = 0; h[2] = 0; h[3] = 2; } };
        var result = Minimizer.Minimize(objective, [0.1, 0.1], options);
        Assert.False(result.IsConverged, result.ToString());
        if (double.IsNegativeInfinity(result.Value))
        {
            Assert.Equal(MinimizationTermination.NonFiniteValue, result.Termination);
            Assert.Contains("f is -∞ at the returned point", result.Message);
        }
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void A_gradient_below_the_tolerance_in_large_units_is_not_taken_for_a_minimum(MinimizerOptions options)
    {
        // f = ((x − 2e30)/1e30)², from x = 1e30 where f = 1 and f' = −2e-30. scipy 1.10's BFGS and L-BFGS-B report
        // success there after 2 evaluations, at f = 1 (minimize(..., [1e30], method='BFGS'), checked with /usr/bin/python3).
        var objective = new DelegateObjective(x => Math.Pow((x[0] - 2e30) / 1e30, 2), (x, g) =>
        {
            g[0] = 2 * (x[0] - 2e30) / 1e60;
            return Math.Pow((x[0] - 2e30) / 1e30, 2);
        })
        { Hessian = (x, h) => h[0] = 2 / 1e60 };
        var result = Minimizer.Minimize(objective, [1e30], options);
        if (result.Termination == MinimizationTermination.Stalled)
        {
            Assert.True(result.Value < 0.01, result.ToString());   // the check's doublings end near 2.05e30
            Assert.Contains(options is NelderMeadOptions or PowellOptions ? "rescale the unknowns" : "gradient test being absolute",
                            result.Message);
        }
        else
            Assert.True(result.IsConverged && result.Value < 1e-6, result.ToString());
    }

    [Theory]
    [MemberData(nameof(ValueOnlyMethods))]
    public void Differences_are_taken_in_the_units_of_an_unknown_started_below_1(MinimizerOptions options)
    {
        // f = ((x₀ − 2e-30)/1e-30)² (+ (x₁ − 1)²) from 1e-30, f alone. Central steps of ε^(1/3)·max(1, |x₀|) = 6e-6 see
        // f's walls at ±6e-6 alike and read ∂f/∂x₀ = 0: every gradient method reported the gradient test met at the
        // start, f = 1. In its own units the gradient is 2e30, and a curvature of 2e60 is more than the line searches
        // resolve from a unit step, so they may fail, but they must say so.
        var single = Minimizer.Minimize(x => Math.Pow((x[0] - 2e-30) / 1e-30, 2), [1e-30], options);
        Assert.False(single.IsConverged && single.Value > 1e-6, single.ToString());
        var mixed = Minimizer.Minimize(x => Math.Pow((x[0] - 2e-30) / 1e-30, 2) + Math.Pow(x[1] - 1, 2), [1e-30, 0], options);
        Assert.False(mixed.IsConverged && mixed.Value > 1e-6, mixed.ToString());
        if (single.Gradient is { } gradient && !single.IsConverged)
            Assert.True(Math.Abs(gradient[0]) > 1e20, single.ToString());
    }

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void A_gradient_stop_in_an_unknown_started_at_zero_is_not_taken_for_a_minimum(MinimizerOptions options)
    {
        // f = (x/3e8 − 1)² + (y/2e-9 − 1)² from (0, 0): ∂f/∂x = −6.7e-9 there, below every gradient tolerance, and x
        // = 0 has no scale of its own. BFGS, CG, L-BFGS, Newton-CG and trust-exact reported the gradient test met at
        // f = 1 with x still near 0 (so do scipy 1.10.1's BFGS and L-BFGS-B: minimize(f, [0, 0], jac=grad,
        // method='BFGS') gives success True, fun 1.0, x [6.7e-9, 2e-9]).
        static double F(ReadOnlySpan<double> v) => Math.Pow(v[0] / 3e8 - 1, 2) + Math.Pow(v[1] / 2e-9 - 1, 2);
        var objective = new DelegateObjective(F, (v, g) =>
        {
            g[0] = 2 * (v[0] / 3e8 - 1) / 3e8;
            g[1] = 2 * (v[1] / 2e-9 - 1) / 2e-9;
            return F(v);
        })
        { Hessian = (v, h) => { h[0] = 2 / 9e16; h[1] = 0; h[2] = 0; h[3] = 2 / 4e-18; } };
        var result = Minimizer.Minimize(objective, [0.0, 0.0], options);
        if (result.Termination == MinimizationTermination.Stalled)
            Assert.True(result.Value < 0.01, result.ToString());   // the check's doublings reach x near 3e8
        else if (result.IsConverged)
            Assert.True(result.Value < 1e-6, result.ToString());
    }

    [Theory]
    [MemberData(nameof(GradientMethods))]
    public void A_gradient_stop_at_the_start_in_small_units_is_not_taken_for_a_minimum(MinimizerOptions options)
    {
        // f = (x − 3e-9)² + (y − 5e-9)² from (0, 0): f = 3.4e-17 and ‖∇f‖ = 1.2e-8 there, below every gradient
        // tolerance, so the gradient methods stopped at the start, converged, with x wrong by 100% (scipy 1.10.1's BFGS, CG,
        // L-BFGS-B and Newton-CG report success at (0, 0) too). The whole of f is the drop left.
        static double F(ReadOnlySpan<double> v) => Math.Pow(v[0] - 3e-9, 2) + Math.Pow(v[1] - 5e-9, 2);
        var objective = new DelegateObjective(F, (v, g) =>
        {
            g[0] = 2 * (v[0] - 3e-9);
            g[1] = 2 * (v[1] - 5e-9);
            return F(v);
        })
        { Hessian = (v, h) => { h[0] = 2; h[1] = 0; h[2] = 0; h[3] = 2; } };
        var result = Minimizer.Minimize(objective, [0.0, 0.0], options);
        Assert.False(result.IsConverged && result.Value > 1e-20, result.ToString());
        if (result.Termination == MinimizationTermination.Stalled)
            Assert.True(result.Value < 3e-17, result.ToString());   // the check moved one unknown toward its minimum
    }

    [Theory]
    [MemberData(nameof(GradientMethods))]
    public void A_start_on_a_maximum_is_not_taken_for_a_minimum(MinimizerOptions options)
    {
        // f = 1 − x² − y² + x⁴ + y⁴ from (0, 0): ∇f = 0 there, a maximum, and the first-order methods stopped before their
        // first step, converged at f = 1 (so do scipy 1.10.1's BFGS, CG and L-BFGS-B). The minima are at x², y² = ½, f = ½.
        static double F(ReadOnlySpan<double> v) => 1 - v[0] * v[0] - v[1] * v[1] + Math.Pow(v[0], 4) + Math.Pow(v[1], 4);
        var objective = new DelegateObjective(F, (v, g) =>
        {
            g[0] = -2 * v[0] + 4 * Math.Pow(v[0], 3);
            g[1] = -2 * v[1] + 4 * Math.Pow(v[1], 3);
            return F(v);
        })
        { Hessian = (v, h) => { h[0] = -2 + 12 * v[0] * v[0]; h[1] = 0; h[2] = 0; h[3] = -2 + 12 * v[1] * v[1]; } };
        var result = Minimizer.Minimize(objective, [0.0, 0.0], options);
        Assert.False(result.IsConverged && result.Value > 0.99, result.ToString());
        // A start on the minimum of x² + y² stays converged there.
        var bowl = Minimizer.Minimize(new DelegateObjective(v => v[0] * v[0] + v[1] * v[1], (v, g) =>
        {
            g[0] = 2 * v[0];
            g[1] = 2 * v[1];
            return v[0] * v[0] + v[1] * v[1];
        })
        { Hessian = (v, h) => { h[0] = 2; h[1] = 0; h[2] = 0; h[3] = 2; } }, [0.0, 0.0], options);
        Assert.True(bowl.IsConverged, bowl.ToString());
        Assert.Equal(0, bowl.Value);
    }

    [Fact]
    public void A_box_narrower_than_the_gradient_tolerance_ends_on_the_bound_f_falls_toward()
    {
        // (x − 5)² on [0, 1e-9] from 0: the projected gradient there is the box's width, 1e-9, below the tolerance, and
        // L-BFGS-B stopped at the start, the wrong end of the box (so does scipy 1.10.1: minimize(f, [0],
        // method='L-BFGS-B', bounds=[(0, 1e-9)]) gives x [0], success True).
        int calls = 0;
        var result = Minimizer.Minimize(x =>
        {
            calls++;
            return Math.Pow(x[0] - 5, 2);
        }, [0.0], LbfgsbOptions.Default, Bounds.Box([0.0], [1e-9]));
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(1e-9, result[0]);
        Assert.Equal(calls, result.FunctionEvaluations);
        // A wider box is met by the Cauchy point as before: (x − 5)² on [0, 1] ends on 1, every value counted.
        int wide = 0;
        var onBound = Minimizer.Minimize(x =>
        {
            wide++;
            return Math.Pow(x[0] - 5, 2);
        }, [0.0], LbfgsbOptions.Default, Bounds.Box([0.0], [1.0]));
        Assert.Equal(1, onBound[0]);
        Assert.Equal(wide, onBound.FunctionEvaluations);
    }

    [Theory]
    [MemberData(nameof(HessianMethods))]
    public void A_gradient_stop_where_the_hessian_curves_downward_is_left_for_a_minimum(MinimizerOptions options)
    {
        // f = x⁴ − x² + y², a saddle at (0, 0), minima f = −¼ at x = ±1/√2. From (0, 0.1) ∂f/∂x is 0 all the way, and
        // from (0, 0) ∇f = 0 at the start: the methods reported the saddle as converged, as scipy 1.10.1 does there
        // (minimize(f, x0, jac, hess, method='trust-ncg' or 'Newton-CG') gives x [0, 0], fun 0.0, success True; trust-exact
        // too from (0, 0)).
        var objective = new DelegateObjective(v => Math.Pow(v[0], 4) - v[0] * v[0] + v[1] * v[1], (v, g) =>
        {
            g[0] = 4 * Math.Pow(v[0], 3) - 2 * v[0];
            g[1] = 2 * v[1];
            return Math.Pow(v[0], 4) - v[0] * v[0] + v[1] * v[1];
        })
        { Hessian = (v, h) => { h[0] = 12 * v[0] * v[0] - 2; h[1] = 0; h[2] = 0; h[3] = 2; } };
        foreach (double[] start in new[] { new[] { 0.0, 0.1 }, new[] { 0.0, 0.0 } })
        {
            // The delegate's stored Hessian, and the generated objective's Hessian–vector products (Newton-CG's choice).
            foreach (var result in new[] { Minimizer.Minimize(objective, start, options), Minimizer.Minimize<SaddleObjectives.SaddleObjective>(start, options) })
            {
                Assert.True(result.IsConverged, result.ToString());
                Assert.Equal(-0.25, result.Value, 12);
                Assert.Equal(Math.Sqrt(0.5), Math.Abs(result[0]), 6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(GradientMethods))]
    public void A_gradient_stop_on_a_plateau_is_not_taken_for_a_minimum(MinimizerOptions options)
    {
        // −exp(−x²) + y² from (7, 0): ∂f/∂x = 7e-21 at the start. Newton-CG and trust-exact took one step to (6, 0) and
        // stopped there, converged at f = −2.3e-16, where the minimum is −1 at the origin (scipy 1.10.1's trust-exact reports
        // success at the start).
        foreach (double x0 in new[] { 7.0, 10.0 })
        {
            var result = Minimizer.Minimize<StopCheckObjectives.PlateauObjective>([x0, 0], options);
            Assert.False(result.IsConverged, result.ToString());
            Assert.Equal(MinimizationTermination.Stalled, result.Termination);
            Assert.True(result.Value < -1e-5, result.ToString());   // the check moved x toward the minimum
        }
        // From (3, 0) every method reaches the minimum, and the check leaves that alone.
        var near = Minimizer.Minimize<StopCheckObjectives.PlateauObjective>([3.0, 0], options);
        Assert.True(near.IsConverged, near.ToString());
        Assert.Equal(-1, near.Value, 9);   // scipy's gtol 1e-5 leaves x near 5e-6
    }

    [Theory]
    [MemberData(nameof(GradientMethods))]
    public void A_saddle_reached_with_an_unknown_symmetry_kept_still_is_not_taken_for_a_minimum(MinimizerOptions options)
    {
        // x² − y² + y⁴ from (1, 0): ∂f/∂y = 0 wherever y = 0, so the first-order methods ran to the saddle (0, 0) and
        // stopped there, converged (so do scipy 1.10.1's BFGS, CG, L-BFGS-B and Newton-CG). The minima are −¼ at y = ±1/√2.
        var result = Minimizer.Minimize<StopCheckObjectives.SymmetricSaddleObjective>([1.0, 0], options);
        if (result.IsConverged)
            Assert.Equal(-0.25, result.Value, 12);
        else
        {
            Assert.Equal(MinimizationTermination.Stalled, result.Termination);
            Assert.True(result.Value < -1e-3, result.ToString());
        }
        // An unknown still at its minimum by symmetry costs a probe on each side and stays converged: (x − 1)² + y² from (0, 0).
        var bowl = Minimizer.Minimize<StopCheckObjectives.ShiftedBowlObjective>([0.0, 0], options);
        Assert.True(bowl.IsConverged, bowl.ToString());
        Assert.True(bowl.Value < 1e-20, bowl.ToString());
    }

    [Fact]
    public void A_failed_line_search_blames_the_gradient_only_when_it_is_the_users()
    {
        // BFGS on the kink |x| + 2|y| from (1, 1) ends with a failed line search near 0; the message told a generated
        // objective's user that the gradient might not match f.
        var generated = Minimizer.Minimize<StopCheckObjectives.KinkObjective>([1.0, 1], BfgsOptions.Default);
        Assert.Equal(MinimizationTermination.LineSearchFailed, generated.Termination);
        Assert.DoesNotContain("may not match", generated.Message);
        Assert.Contains("The gradient is f's own, generated from its formula", generated.Message);
        static double F(ReadOnlySpan<double> v) => Math.Abs(v[0]) + 2 * Math.Abs(v[1]);
        var differenced = Minimizer.Minimize(F, [1.0, 1], BfgsOptions.Default);
        if (differenced.Termination == MinimizationTermination.LineSearchFailed)
            Assert.Contains("The gradient is by finite differences", differenced.Message);
        var users = Minimizer.Minimize(new DelegateObjective(F, (v, g) =>
        {
            g[0] = Math.Sign(v[0]);
            g[1] = 2 * Math.Sign(v[1]);
            return F(v);
        }), [1.0, 1], BfgsOptions.Default);
        Assert.Equal(MinimizationTermination.LineSearchFailed, users.Termination);
        Assert.Contains("the gradient may not match f", users.Message);
    }

    [Fact]
    public void A_line_search_whose_first_trial_overshoots_by_orders_of_magnitude_comes_back_to_the_valley()
    {
        // The cubic step after such a trial cancelled to rounding and landed back on x, and the search failed at f = 1.7e-18
        // (CG) and 1.4e-15 (L-BFGS-B). scipy 1.10.1 converges on both: CG to f = 7.9e-25, L-BFGS-B to f = 0.
        var valley = Minimizer.Minimize<StopCheckObjectives.SteepValleyObjective>([1.0, 1], ConjugateGradientOptions.Default);
        Assert.True(valley.IsConverged, valley.ToString());
        Assert.True(valley.Value < 1e-20, valley.ToString());
        Assert.Equal(0.001, valley[1], 15);
        var tiny = Minimizer.Minimize<StopCheckObjectives.TinyUnitsObjective>([0.0, 0], LbfgsbOptions.Default);
        Assert.True(tiny.IsConverged, tiny.ToString());
        Assert.True(tiny.Value < 1e-20, tiny.ToString());
    }

    [Fact]
    public void A_line_search_trial_that_rounds_back_onto_x_is_not_evaluated()
    {
        // CG on a bowl in units of 1e-9 reaches f = 4e-30, where the trials of its last line searches round back onto x:
        // evaluating them again took the run to 47 values of f.
        static double F(ReadOnlySpan<double> v, Span<double> g)
        {
            double u = (v[0] - 3e-9) / 1e-9, w = (v[1] + 2e-9) / 1e-9;
            g[0] = 2 * u / 1e-9;
            g[1] = 2 * w / 1e-9;
            return u * u + w * w;
        }
        var result = Minimizer.Minimize(F, [0.0, 0], ConjugateGradientOptions.Default);
        Assert.True(result.IsConverged, result.ToString());
        Assert.True(result.Value < 1e-20, result.ToString());
        Assert.True(result.FunctionEvaluations <= 30, result.ToString());
    }

    [Fact]
    public void A_failed_line_search_with_a_difference_gradient_is_judged_by_extrapolated_central_differences()
    {
        // CG with central differences stopped on Rosenbrock's function at x = 1 − 3e-9, f = 8e-18, with a failed line search:
        // there the gradient is 4.4e-9, within the tolerance 1e-8, but the differences' error is 1.5e-8.
        static double Rosenbrock(ReadOnlySpan<double> v) => 100 * Math.Pow(v[1] - v[0] * v[0], 2) + Math.Pow(1 - v[0], 2);
        var result = Minimizer.Minimize(Rosenbrock, [-1.2, 1], ConjugateGradientOptions.Default);
        Assert.Equal(MinimizationTermination.GradientTolerance, result.Termination);
        Assert.Contains("extrapolated central differences", result.Message);
        Assert.Equal(1, result[0], 7);
        Assert.True(result.GradientNorm <= 1e-8, result.ToString());
        // Where the gradient really is not small (at a kink), the failure stands.
        var kink = Minimizer.Minimize(v => Math.Abs(v[0]) + 2 * Math.Abs(v[1]), [1.0, 1], BfgsOptions.Default);
        Assert.False(kink.IsConverged && kink.Message.Contains("extrapolated"), kink.ToString());
    }

    public static TheoryData<MinimizerOptions> HessianMethods() => [NewtonCgOptions.Default, TrustExactOptions.Default];

    [Fact]
    public void A_rounding_level_stop_with_a_gradient_that_does_not_match_f_is_not_converged()
    {
        // Rosenbrock with the gradient's two components swapped: every line search of CG fails where f still falls, and
        // it stopped at f = 4.4 as "no further decrease is possible in double precision" (scipy 1.10.1's CG reports
        // failure there).
        static double F(ReadOnlySpan<double> v) => 100 * Math.Pow(v[1] - v[0] * v[0], 2) + Math.Pow(1 - v[0], 2);
        var swapped = new DelegateObjective(F, (v, g) =>
        {
            g[1] = -400 * v[0] * (v[1] - v[0] * v[0]) - 2 * (1 - v[0]);
            g[0] = 200 * (v[1] - v[0] * v[0]);
            return F(v);
        });
        var result = Minimizer.Minimize(swapped, [-1.2, 1], ConjugateGradientOptions.Default);
        Assert.False(result.IsConverged, result.ToString());
        if (result.Termination == MinimizationTermination.Stalled)
            Assert.Contains("the gradient does not match f", result.Message);
        // The right gradient converges as before.
        var right = new DelegateObjective(F, (v, g) =>
        {
            g[0] = -400 * v[0] * (v[1] - v[0] * v[0]) - 2 * (1 - v[0]);
            g[1] = 200 * (v[1] - v[0] * v[0]);
            return F(v);
        });
        Assert.True(Minimizer.Minimize(right, [-1.2, 1], ConjugateGradientOptions.Default).IsConverged);
    }

    [Fact]
    public void A_gradient_stop_at_an_ordinary_minimum_evaluates_two_values_more()
    {
        // Rosenbrock from the textbook start ends by the gradient test; no unknown is large, so the check costs only the
        // central difference that compares the user's gradient with f.
        int calls = 0;
        var objective = new DelegateObjective(x =>
        {
            calls++;
            return 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2);
        }, (x, g) =>
        {
            calls++;
            g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
            g[1] = 200 * (x[1] - x[0] * x[0]);
            return 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2);
        });
        var result = Minimizer.Minimize(objective, [-1.2, 1], BfgsOptions.Default);
        Assert.Equal(MinimizationTermination.GradientTolerance, result.Termination);
        Assert.Equal(calls, result.FunctionEvaluations);
        Assert.Equal(result.GradientEvaluations + 2, result.FunctionEvaluations);
    }

    [Theory]
    [MemberData(nameof(GradientMethods))]
    public void A_gradient_stop_where_the_users_gradient_does_not_match_f_is_not_converged(MinimizerOptions options)
    {
        // (x − 3)² + (y + 1)² with ∂f/∂x given 0.5 too high: the gradient vanishes at (2.75, −1), f = 0.0625, and every
        // gradient method stopped there, converged (so do scipy 1.10.1's BFGS, CG, L-BFGS-B and Newton-CG).
        static double F(ReadOnlySpan<double> v) => Math.Pow(v[0] - 3, 2) + Math.Pow(v[1] + 1, 2);
        DelegateObjective Objective(double offset) => new(F, (v, g) =>
        {
            g[0] = 2 * (v[0] - 3) + offset;
            g[1] = 2 * (v[1] + 1);
            return F(v);
        })
        { Hessian = (v, h) => { h[0] = 2; h[1] = 0; h[2] = 0; h[3] = 2; } };
        var wrong = Minimizer.Minimize(Objective(0.5), [0.0, 0.0], options);
        Assert.False(wrong.IsConverged, wrong.ToString());
        Assert.Contains("the gradient does not match f", wrong.Message);
        Assert.True(wrong.Value < 0.03, wrong.ToString());   // the point found along d, below the stop's 0.0625
        var right = Minimizer.Minimize(Objective(0), [0.0, 0.0], options);
        Assert.True(right.IsConverged, right.ToString());
    }

    [Fact]
    public void A_run_off_to_infinity_is_named_where_the_method_would_blame_the_gradient()
    {
        // BFGS on −x²: the steps double without end until the line search fails near 1e154 (f = −8e307).
        var result = Minimizer.Minimize(x => -x[0] * x[0], [1.0], BfgsOptions.Default);
        Assert.Equal(MinimizationTermination.LineSearchFailed, result.Termination);
        Assert.Contains("x[0] ran from 1 to", result.Message);
        Assert.Contains("unbounded below", result.Message);
        // A budget spent on an ordinary problem says nothing of the kind.
        var tight = Minimizer.Minimize<Rosenbrock>([-1.2, 1], BfgsOptions.Default with { MaxIterations = 3 });
        Assert.DoesNotContain("unbounded", tight.Message);
    }

    [Fact]
    public void A_gradient_that_does_not_match_f_ends_in_a_failed_line_search()
    {
        // The gradient of Rosenbrock with its first component's sign flipped.
        var result = Minimizer.Minimize((x, g) =>
        {
            double f = Rosenbrock.EvaluateWithGradient(x, g);
            g[0] = -g[0];
            return f;
        }, [-1.2, 1], BfgsOptions.Default);
        Assert.Equal(MinimizationTermination.LineSearchFailed, result.Termination);
        Assert.Contains("GradientCheck", result.Message);
    }

    /// <summary>
    /// McKinnon (1998): f = θφ|x|^τ + y + y² (x ≤ 0), θx^τ + y + y² (x > 0) with τ = 2, θ = 6, φ = 60. From his start
    /// simplex the standard method shrinks onto the origin (f = 0), which is no minimizer; the minimum is f = −¼ at (0, −½).
    /// </summary>
    private static double McKinnon(ReadOnlySpan<double> v) => (v[0] <= 0 ? 360 * v[0] * v[0] : 6 * v[0] * v[0]) + v[1] + v[1] * v[1];

    private static NelderMeadOptions McKinnonStart()
    {
        double r = Math.Sqrt(33);
        var simplex = new double[,] { { 0, 0 }, { 1, 1 }, { (1 + r) / 8, (1 - r) / 8 } };
        return NelderMeadOptions.Default with { InitialSimplex = simplex, Adaptive = false };
    }

    [Fact]
    public void Nelder_mead_restarts_escape_mckinnons_stagnation()
    {
        // Without restarts the stationarity audit reports the collapse, moving y alone downhill.
        var options = McKinnonStart();
        var stalled = Minimizer.Minimize(McKinnon, [0, 0], options with { Restarts = 0 });
        Assert.Equal(MinimizationTermination.Stalled, stalled.Termination);
        Assert.Contains("stopped (SimplexTolerance) at f = 0, but moving unknown 1 alone", stalled.Message);
        Assert.InRange(stalled.Value, -0.25, -0.2);
        var restarted = Minimizer.Minimize(McKinnon, [0, 0], options);
        Assert.Equal(-0.25, restarted.Value, 10);
        Assert.Equal(-0.5, restarted[1], 5);
    }

    [Fact]
    public void A_simplex_collapsed_in_a_large_unknown_is_reported_stalled_where_scipy_reports_success()
    {
        // scipy 1.10.1: minimize(lambda x: ((x[0]-300)/100)**2 + (x[1]*1000-2)**2, [0, 0], method='Nelder-Mead') ->
        // success True, fun 8.999986177169777, x [0.0005522460937500002, 0.00200439453125], nfev 31. Its start edge in
        // x₀ is the zero step 0.00025, over which f changes by 1.5e-5, below its fatol of 1e-4: the simplex converged
        // 300 short of the minimum (f = 0).
        static double F(ReadOnlySpan<double> v) => Math.Pow((v[0] - 300) / 100, 2) + Math.Pow(v[1] * 1000 - 2, 2);
        var result = ScipyOptimize.Fmin(F, [0, 0]);
        Assert.Equal(MinimizationTermination.Stalled, result.Termination);
        Assert.Contains("stopped (SimplexTolerance) at f = 8.99999, but moving unknown 0 alone", result.Message);
        Assert.True(result.Value < 1, result.ToString());
        Assert.Equal(0.00200439453125, result[1]);
        var powell = ScipyOptimize.FminPowell(F, [0, 0]);   // Powell's line searches reach the minimum: no stall
        Assert.Equal(MinimizationTermination.FunctionTolerance, powell.Termination);
        Assert.InRange(powell.Value, 0, 1e-20);
    }

    [Fact]
    public void A_nelder_mead_restart_cut_short_by_the_budget_keeps_the_convergence_it_checked()
    {
        // A distance near 3e8 and a time near 2e-9, correlated. The simplex converges at f ≈ 1e-31 within ~240 of the
        // 400 values; the restart's full-size simplex cannot shrink again in the rest, and the exact answer was
        // reported as MaxFunctionEvaluations.
        static double F(ReadOnlySpan<double> v)
        {
            double a = (v[0] - 3e8) / 1e8, b = (v[1] - 2e-9) / 1e-9;
            return a * a + b * b + a * b;
        }
        var once = Minimizer.Minimize(F, [2e8, 1e-9], NelderMeadOptions.Default with { Restarts = 0 });
        Assert.Equal(MinimizationTermination.SimplexTolerance, once.Termination);
        var checkedOnce = Minimizer.Minimize(F, [2e8, 1e-9], NelderMeadOptions.Default);
        // The restart ran until only the audit's values were left of the 400 (its gradient and two probes per unknown).
        Assert.InRange(checkedOnce.FunctionEvaluations, 400 - 3 - 4, 400);
        Assert.Equal(MinimizationTermination.SimplexTolerance, checkedOnce.Termination);
        Assert.True(checkedOnce.Value <= once.Value, $"{checkedOnce} against {once}");
        Assert.Equal(3e8, checkedOnce[0], 1e-3);
        Assert.Equal(2e-9, checkedOnce[1], 1e-20);
    }

    [Fact]
    public void A_nelder_mead_restart_still_improving_when_the_budget_ends_reports_the_budget()
    {
        // McKinnon's stagnation: the restart leaves the origin at once, and a budget of 30 more values ends it far from
        // the minimum, which is no convergence.
        var options = McKinnonStart();
        var stalled = Minimizer.Minimize(McKinnon, [0, 0], options with { Restarts = 0 });
        var cut = Minimizer.Minimize(McKinnon, [0, 0], options with { MaxFunctionEvaluations = stalled.FunctionEvaluations + 30 });
        Assert.True(cut.Value < -1e-3, cut.ToString());
        Assert.Equal(MinimizationTermination.MaxFunctionEvaluations, cut.Termination);
    }

    [Fact]
    public void Results_read_well()
    {
        var result = Minimizer.Minimize<Rosenbrock>([-1.2, 1], BfgsOptions.Default);
        string text = result.ToString();
        Assert.StartsWith("BFGS: GradientTolerance:", text);
        Assert.Contains($"{result.Iterations} iterations", text);
        Assert.Contains("x = [", text);
        Assert.Equal(2, result.InverseHessian!.GetLength(1));
    }

    private sealed class Recorder(List<MinimizationProgress> reports, int after = int.MaxValue, CancellationTokenSource? source = null)
        : IProgress<MinimizationProgress>
    {
        public void Report(MinimizationProgress value)
        {
            reports.Add(value);
            if (reports.Count == after)
                source?.Cancel();
        }
    }
}

/// <summary>x⁴ − x² + y², generated: a saddle at the origin between two minima.</summary>
public static partial class SaddleObjectives
{
    [Objective("x^4 - x^2 + y^2")]
    public static partial double Saddle(double x, double y);
}

/// <summary>
/// Objectives whose stops need checking: a plateau far from the minimum, a saddle that symmetry leads to, a bowl with one
/// unknown at its minimum, a linear objective, a valley whose line searches overshoot by orders of magnitude, a bowl in
/// tiny units, and a kink.
/// </summary>
public static partial class StopCheckObjectives
{
    [Objective("-exp(-x^2) + y^2")]
    public static partial double Plateau(double x, double y);

    [Objective("x^2 - y^2 + y^4")]
    public static partial double SymmetricSaddle(double x, double y);

    [Objective("(x - 1)^2 + y^2")]
    public static partial double ShiftedBowl(double x, double y);

    [Objective("x + y")]
    public static partial double Linear(double x, double y);

    [Objective("(x - 1)^2 + 1e6*(1000*y - 1)^2")]
    public static partial double SteepValley(double x, double y);

    [Objective("((x - 3e-9)/1e-9)^2 + ((y + 2e-9)/1e-9)^2")]
    public static partial double TinyUnits(double x, double y);

    [Objective("abs(x) + 2*abs(y)")]
    public static partial double Kink(double x, double y);
}
