// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

public class EquationSolverTests
{
    [Fact]
    public void More_equations_than_unknowns_are_refused_by_name()
    {
        // Two residuals written for one unknown: the span of F has one entry, so the delegate's index error is the only
        // sign, and it must come out as the argument's fault, not as IndexOutOfRangeException from inside the solver.
        var e = Assert.Throws<ArgumentException>(() => EquationSolver.Solve((x, f) => { f[0] = x[0]; f[1] = x[0] - 1; }, [1.0]));
        Assert.Equal("residuals", e.ParamName);
        Assert.Contains("must be square", e.Message);
        Assert.IsType<IndexOutOfRangeException>(e.InnerException);
    }

    [Fact]
    public void A_local_minimum_of_the_residual_is_not_reported_as_a_root()
    {
        // The trigonometric system from x₀ = 0.1: Levenberg–Marquardt ends where ‖F‖ = 0.0053 and JᵀF ≈ 0; MINPACK
        // (and scipy) report its step test as convergence there.
        var result = SystemSuite.Get("sys-trigonometric-n10").Run(new EquationSolverOptions { Method = EquationMethod.LevenbergMarquardt });
        Assert.Equal(EquationTermination.LocalMinimum, result.Termination);
        Assert.False(result.IsConverged);
        Assert.InRange(result.ResidualNorm, 0.005, 0.006);
        Assert.Contains("local minimum", result.Message);
    }

    /// <summary>The methods a caller can name; Automatic runs one of them.</summary>
    public static TheoryData<EquationMethod> ChosenMethods() =>
        [EquationMethod.Hybrid, EquationMethod.LevenbergMarquardt, EquationMethod.Broyden, EquationMethod.Newton];

    [Theory]
    [MemberData(nameof(ChosenMethods))]
    public void A_linear_system_in_large_and_tiny_units_is_solved_with_differences(EquationMethod method)
    {
        // F = (x₀ − 3e10, 1e-12·x₁ − 2e-9) from (1, 1). The forward step √ε·|x₀| is lost in F₀'s rounding, so the
        // differenced column read 0: Levenberg–Marquardt reported a local minimum and the others no progress at the start.
        // scipy 1.10's fsolve stops there too, ier = 5 at (25551, 510742) (checked with /usr/bin/python3).
        var result = EquationSolver.Solve((x, f) => { f[0] = x[0] - 3e10; f[1] = 1e-12 * x[1] - 2e-9; }, [1.0, 1.0],
                                          new EquationSolverOptions { Method = method });
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(3e10, result.X[0], 1e-3);
        Assert.Equal(2000, result.X[1], 1e-9);
    }

    [Fact]
    public void A_root_where_the_Jacobian_is_singular_is_reached_to_the_rounding_level_and_says_so()
    {
        // Powell's singular system: hybrj's progress tests stop it (scipy: "not making good progress") at ‖F‖ ≈ 1e-34.
        var result = SystemSuite.Get("sys-powell-singular").Run();
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(EquationTermination.MachinePrecision, result.Termination);
        Assert.True(result.ResidualNorm < 1e-30, result.ToString());
        Assert.Contains("singular", result.Message);
    }

    [Theory]
    [InlineData(EquationMethod.Hybrid)]
    [InlineData(EquationMethod.LevenbergMarquardt)]
    [InlineData(EquationMethod.Newton)]
    [InlineData(EquationMethod.Broyden)]
    public void A_double_root_approached_by_halving_steps_meets_the_step_tolerance(EquationMethod method)
    {
        // x² = 0, y − 1 = 0 from (1, 1): each step halves x. The hybrid method's region never shrank after such good steps,
        // and it spent its 300 evaluations to x = 2.8e-63, not converged (scipy 1.10.1's hybr does the same); the others
        // stopped on the step tolerance near x = 1e-12.
        var result = EquationSolver.Solve((v, f) => { f[0] = v[0] * v[0]; f[1] = v[1] - 1; }, [1.0, 1.0],
                                          new EquationSolverOptions { Method = method });
        Assert.True(result.IsConverged, result.ToString());
        Assert.True(Math.Abs(result.X[0]) < 1e-10, result.ToString());
        Assert.Equal(1, result.X[1], 14);
    }

    [Fact]
    public void Grouped_differences_over_a_band_cost_a_few_evaluations_whatever_n()
    {
        var system = SystemSuite.Get("sys-broyden-tridiagonal-n100");
        var dense = EquationSolver.Solve(system.Residuals, system.Start);
        var banded = EquationSolver.Solve(system.Residuals, SparsityPattern.Banded(100, 1, 1), system.Start);
        Assert.True(SystemSuite.Solved(dense) && SystemSuite.Solved(banded));
        // A tridiagonal Jacobian is three groups of columns: 3 evaluations per Jacobian instead of 100.
        Assert.Equal(dense.JacobianEvaluations, banded.JacobianEvaluations);
        Assert.Equal(dense.FunctionEvaluations - 100 * dense.JacobianEvaluations, banded.FunctionEvaluations - 3 * banded.JacobianEvaluations);

        var central = EquationSolver.Solve(system.Residuals, SparsityPattern.Banded(100, 1, 1), system.Start,
            new EquationSolverOptions { Method = EquationMethod.Newton, FiniteDifferences = FiniteDifferenceScheme.Central });
        Assert.True(SystemSuite.Solved(central), central.ToString());
    }

    [Theory]
    [MemberData(nameof(ChosenMethods))]
    public void A_system_without_a_root_is_not_solved_from_a_far_start(EquationMethod method)
    {
        // x² + 1 from 1e9: ‖F(x₀)‖ = 1e18, so the stop at ‖F‖ = 1 passed "ε of its start" and was called a root at the
        // rounding level by every method (scipy 1.10.1's root(method='hybr') reports failure).
        var options = new EquationSolverOptions { Method = method };
        var far = EquationSolver.Solve((x, f) => f[0] = x[0] * x[0] + 1, [1e9], options);
        Assert.False(far.IsConverged, far.ToString());
        // x² − 2x + 1.0001 has its least |F| = 1e-4 at 1: with one unknown the cosine test cannot see that, and
        // Levenberg–Marquardt called it converged by the step tolerance.
        var near = EquationSolver.Solve((x, f) => f[0] = x[0] * x[0] - 2 * x[0] + 1.0001, [3.0], options);
        Assert.False(near.IsConverged, near.ToString());
        // A root where J is singular is still a root at the rounding level.
        var singular = EquationSolver.Solve((x, f) => f[0] = (x[0] - 1) * (x[0] - 1), [3.0], options);
        Assert.True(singular.IsConverged, singular.ToString());
    }

    [Fact]
    public void A_stop_far_from_a_root_is_not_a_root_whatever_the_start()
    {
        // From far starts eˣ makes ‖F(x₀)‖ about 1e47, so stops at ‖F‖ = 3.9, 185 and 1e16 passed "ε of the start" and
        // were called roots at the rounding level; a Levenberg–Marquardt stop at F = (1.8e4, 3.3e39) passed the step
        // tolerance and was called converged. ‖F‖/‖J‖ says a root lies at least 0.63 to 5e7 away from each of them.
        // scipy 1.10.1's root(method='hybr') finds (1.0042, −1.7296) from the first start.
        (double[] Start, EquationMethod Method)[] runs =
        [
            ([108.26658146375165, -3.2167300181075604], EquationMethod.Automatic),
            ([109.20495542660586, 3.2279994730968022], EquationMethod.Newton),
            ([105.67019657961568, 0], EquationMethod.Broyden),
            ([100, 100], EquationMethod.LevenbergMarquardt),
        ];
        foreach (var (start, method) in runs)
        {
            var result = EquationSolver.Solve<ReferenceProblems.CircleAndExponentialEquations>(start, new EquationSolverOptions { Method = method });
            Assert.False(result.IsConverged, result.ToString());
        }
        // Powell's badly scaled system from (0, −103): ‖F(x₀)‖ = 6e44, and Newton stopped at ‖F‖ = 1.02. From (3.1, −107)
        // Levenberg–Marquardt's steps shrank at x = (1.6e18, −90), F = 1.5e39, where J is so ill-conditioned that
        // ‖F‖/‖J‖ put a root within 1e-4 of x's size; the Gauss–Newton step does not.
        var powell = EquationSolver.Solve<ReferenceProblems.SysPowellBadlyScaledEquations>([0, -103.15386542265949],
                                                                                       new EquationSolverOptions { Method = EquationMethod.Newton });
        Assert.True(powell.IsConverged == (powell.ResidualNorm < 1e-8), powell.ToString());
        var lm = EquationSolver.Solve<ReferenceProblems.SysPowellBadlyScaledEquations>([3.078962436075771, -106.97921730437278],
                                                                                   new EquationSolverOptions { Method = EquationMethod.LevenbergMarquardt });
        Assert.False(lm.IsConverged, lm.ToString());
    }

    [Fact]
    public void Newton_factors_a_large_banded_system_in_its_band()
    {
        // n = 20 000: a dense n×n factor would need 3.2 GB; the band needs 80 doubles a row.
        var start = Enumerable.Repeat(-1.0, 20_000).ToArray();
        var result = EquationSolver.Solve<BroydenTridiagonalSystem>(start, new EquationSolverOptions { Method = EquationMethod.Newton });
        Assert.True(result.IsConverged, result.ToString());
        Assert.True(result.ResidualNorm < 1e-10, result.ToString());
        Assert.True(result.JacobianEvaluations <= 10, result.ToString());
    }

    [Fact]
    public void The_default_takes_newton_for_a_large_banded_system_and_the_hybrid_method_otherwise()
    {
        // The hybrid method's dense QR took 11 s on the tridiagonal Broyden system at n = 2,000, and more than five
        // minutes at 10,000; Newton's banded LU takes milliseconds. Small systems keep fsolve's method and iterates.
        var large = EquationSolver.Solve<BroydenTridiagonalSystem>(Enumerable.Repeat(-1.0, 2_000).ToArray());
        Assert.Equal(EquationMethod.Newton, large.Method);
        Assert.True(large.IsConverged && large.ResidualNorm < 1e-10, large.ToString());

        var small = EquationSolver.Solve<BroydenTridiagonalSystem>(Enumerable.Repeat(-1.0, 100).ToArray());
        var hybrid = EquationSolver.Solve<BroydenTridiagonalSystem>(Enumerable.Repeat(-1.0, 100).ToArray(),
                                                                     new EquationSolverOptions { Method = EquationMethod.Hybrid });
        Assert.Equal(EquationMethod.Hybrid, small.Method);
        Assert.Equal(hybrid.X, small.X);

        // A dense pattern stays with the hybrid method whatever n, and an explicit choice is kept.
        var dense = EquationSolver.Solve((x, f) =>
        {
            double sum = x.ToArray().Sum();
            for (int i = 0; i < x.Length; i++)
                f[i] = x[i] + 0.01 * sum - 1;
        }, new double[250]);
        Assert.Equal(EquationMethod.Hybrid, dense.Method);
        Assert.True(dense.IsConverged, dense.ToString());
        var chosen = EquationSolver.Solve<BroydenTridiagonalSystem>(Enumerable.Repeat(-1.0, 300).ToArray(),
                                                                     new EquationSolverOptions { Method = EquationMethod.Hybrid });
        Assert.Equal(EquationMethod.Hybrid, chosen.Method);
    }

    [Fact]
    public void A_Jacobian_delegate_gives_the_same_iterates_as_the_generated_Jacobian()
    {
        SystemJacobian jacobian = (x, j) =>
        {
            j[0] = -1;
            j[1] = 0;
            j[2] = -20 * x[0];
            j[3] = 10;
        };
        var viaDelegates = EquationSolver.Solve(RosenbrockSystem.Evaluate, jacobian, [-1.2, 1]);
        var generated = EquationSolver.Solve<RosenbrockSystem>([-1.2, 1]);
        Assert.Equal(generated.X, viaDelegates.X);
        Assert.Equal(generated.FunctionEvaluations, viaDelegates.FunctionEvaluations);
        Assert.Equal(generated.JacobianEvaluations, viaDelegates.JacobianEvaluations);
    }

    [Fact]
    public void Progress_reports_every_accepted_step_and_cancellation_stops_the_solve()
    {
        var reports = new List<EquationSolverProgress>();
        var progress = new SynchronousProgress<EquationSolverProgress>(reports.Add);
        var result = EquationSolver.Solve<RosenbrockSystem>([-1.2, 1], progress: progress);
        Assert.Equal(result.Iterations, reports.Count);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.Iteration));
        Assert.Equal(result.ResidualNorm, reports[^1].ResidualNorm);
        Assert.Equal(result.X, reports[^1].X);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        foreach (var method in Enum.GetValues<EquationMethod>())
            Assert.ThrowsAny<OperationCanceledException>(() =>
                EquationSolver.Solve<RosenbrockSystem>([-1.2, 1], new EquationSolverOptions { Method = method }, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_argument_and_index_named()
    {
        var wrongLength = Assert.Throws<ArgumentException>(() => EquationSolver.Solve<RosenbrockSystem>([1, 2, 3]));
        Assert.Equal("x0", wrongLength.ParamName);
        Assert.Contains("x1, x2", wrongLength.Message);

        var notFinite = Assert.Throws<ArgumentException>(() => EquationSolver.Solve<RosenbrockSystem>([1, double.NaN]));
        Assert.Equal("x0", notFinite.ParamName);
        Assert.Contains("x0[1]", notFinite.Message);

        var fNotFinite = Assert.Throws<ArgumentException>(() => EquationSolver.Solve((x, f) => f[0] = Math.Log(x[0]), [-1.0]));
        Assert.Contains("F[0]", fNotFinite.Message);

        // The helical valley's Jacobian divides by x1² + x2².
        var jacobianNotFinite = Assert.Throws<ArgumentException>(() => EquationSolver.Solve<HelicalValleySystem>([0, 0, 1]));
        Assert.Contains("Jacobian", jacobianNotFinite.Message);

        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => EquationSolver.Solve<BroydenTridiagonalSystem>([])).ParamName);
        Assert.Equal("jacobianPattern", Assert.Throws<ArgumentException>(() =>
            EquationSolver.Solve(BroydenTridiagonalSystem.Evaluate, SparsityPattern.Banded(5, 1, 1), new double[4])).ParamName);

        var options = Assert.Throws<ArgumentException>(() =>
            EquationSolver.Solve<RosenbrockSystem>([-1.2, 1], new EquationSolverOptions { StepTolerance = 0 }));
        Assert.Equal("options", options.ParamName);
        Assert.Contains("StepTolerance", options.Message);

        var x0 = new double[] { -1.2, 1 };
        EquationSolver.Solve<RosenbrockSystem>(x0);
        Assert.Equal([-1.2, 1], x0);
    }

    [Fact]
    public void Budget_and_residual_tolerance_are_stated_terminations()
    {
        var spent = SystemSuite.Get("sys-powell-badly-scaled").Run(new EquationSolverOptions { MaxFunctionEvaluations = 20 });
        Assert.Equal(EquationTermination.MaxFunctionEvaluations, spent.Termination);
        Assert.False(spent.IsConverged);
        Assert.InRange(spent.FunctionEvaluations, 20, 21);

        var loose = SystemSuite.Get("sys-wood").Run(new EquationSolverOptions { ResidualTolerance = 1e-3 });
        Assert.Equal(EquationTermination.ResidualTolerance, loose.Termination);
        Assert.True(loose.Residuals.All(r => Math.Abs(r) <= 1e-3));
    }

    [Fact]
    public void The_result_prints_the_unknowns_by_name_and_why_it_stopped()
    {
        string named = EquationSolver.Solve<RosenbrockSystem>([-1.2, 1]).ToString();
        Assert.Contains("x2", named);
        Assert.Contains("ExactSolution", named);
        Assert.Contains("1 - x1", named);
        string indexed = SystemSuite.Get("sys-broyden-tridiagonal-n100").Run().ToString();
        Assert.Contains("x[0]", indexed);
        Assert.Contains("… 80 more", indexed);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
