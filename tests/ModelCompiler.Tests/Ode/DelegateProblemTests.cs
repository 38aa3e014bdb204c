// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;
using ModelCompiler.Ode.Integration;

namespace ModelCompiler.Tests.Ode;

/// <summary>Right-hand sides given as delegates, with and without a Jacobian.</summary>
public class DelegateProblemTests
{
    private static readonly double[] LotkaParameters = [1.0, 0.1, 1.5, 0.075];

    private static void Lotka(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
        OdeSystems.LotkaVolterraSystem.Evaluate(t, y, LotkaParameters, dydt);

    [Theory]
    [InlineData("Dopri5")]
    [InlineData("Rodas5P")]
    [InlineData("NDF")]
    [InlineData("Auto")]
    public void DelegateMatchesTheCompiledSystem(string method)
    {
        var times = Enumerable.Range(0, 21).Select(i => i * 0.5).ToArray();
        var options = OdeTestProblems.Options(1e-9, 1e-9);
        var compiled = OdeSolver.Odeint<OdeSystems.LotkaVolterraSystem>([10, 5], times, LotkaParameters, OdeTestProblems.Algorithm(method), options);
        var differenced = OdeSolver.Odeint(Lotka, [10, 5], times, null, OdeTestProblems.Algorithm(method), options);
        var exact = OdeSolver.Odeint(Lotka, [10, 5], times, (t, y, j) => OdeSystems.LotkaVolterraSystem.Jacobian(t, y, LotkaParameters, j),
            OdeTestProblems.Algorithm(method), options);
        for (int i = 0; i < times.Length; i++)
        {
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(compiled[i, c], exact[i, c]);   // the same derivatives give the same trajectory, to the bit
                Assert.True(Math.Abs(compiled[i, c] - differenced[i, c]) < 1e-5 * Math.Abs(compiled[i, c]),
                    $"{method}: differenced Jacobian at t = {times[i]}: {differenced[i, c]} against {compiled[i, c]}");
            }
        }
    }

    /// <summary>
    /// The pattern groups the columns that share no row: at most 5 evaluations of f per Jacobian for the Brusselator's band
    /// of width 2 (2·2 + 1 for a full band), whatever n.
    /// </summary>
    [Fact]
    public void DifferencedJacobianGroupsColumnsByThePattern()
    {
        const int n = 64;
        var p = new[] { 0.02 };
        var pattern = BrusselatorSystem.JacobianPattern(n);
        var function = new DelegateFunction((t, y, f) => BrusselatorSystem.Evaluate(t, y, p, f), null, pattern, isAutonomous: true);
        var y = BrusselatorSystem.InitialState(n / 2);
        var fy = new double[n];
        function.Evaluate(0, y, fy);
        var values = new double[pattern.NonzeroCount];
        var scale = Enumerable.Repeat(1e-6, n).ToArray();
        int evaluations = function.Jacobian(0, y, fy, scale, values);
        Assert.InRange(evaluations, 3, 5);
        var larger = new DelegateFunction((t, y, f) => BrusselatorSystem.Evaluate(t, y, p, f), null, BrusselatorSystem.JacobianPattern(10 * n), true);
        var y10 = BrusselatorSystem.InitialState(5 * n);
        var f10 = new double[10 * n];
        larger.Evaluate(0, y10, f10);
        Assert.Equal(evaluations, larger.Jacobian(0, y10, f10, Enumerable.Repeat(1e-6, 10 * n).ToArray(), new double[BrusselatorSystem.JacobianPattern(10 * n).NonzeroCount]));
        var exact = new double[pattern.NonzeroCount];
        BrusselatorSystem.Jacobian(0, y, p, exact);
        for (int k = 0; k < exact.Length; k++)
            Assert.True(Math.Abs(values[k] - exact[k]) < 1e-6 * Math.Max(1, Math.Abs(exact[k])), $"entry {k}: {values[k]} against {exact[k]}");
    }

    [Fact]
    public void OdeintGivesARepeatedTimeItsRowAgain()
    {
        // scipy's odeint(lambda y, t: -y, [1.0], [0, 1, 1, 2]) returns [1, 0.36787944, 0.36787944, 0.13533528]; the times were
        // refused as not strictly monotone (probe 12).
        var result = OdeSolver.Odeint((t, y, f) => f[0] = -y[0], [1.0], [0, 1, 1, 2], options: OdeOptions.Odeint with { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 });
        Assert.Equal([0.0, 1, 1, 2], result.Times);
        Assert.Equal(result[1, 0], result[2, 0]);
        Assert.Equal(Math.Exp(-1), result[1, 0], 1e-9);
        Assert.Equal(Math.Exp(-2), result[3, 0], 1e-9);
        Assert.Contains("turns back", Assert.Throws<ArgumentException>(() => OdeSolver.Odeint((t, y, f) => f[0] = -y[0], [1.0], [0, 2, 1, 3])).Message);
    }

    [Fact]
    public void ABlowUpIsPrintedWithTheTimeItReachedToTenDigits()
    {
        // y' = y² from 1 blows up at t = 1; Dopri5 stops just past it, and the summary printed "from 0 to 1" (probe 12).
        var result = OdeSolver.Solve(new OdeProblem((t, y, f) => f[0] = y[0] * y[0], [1.0], 0, 2), new Dopri5());
        Assert.Equal(OdeTermination.StepSizeTooSmall, result.Termination);
        double last = result.Times[result.Times.Count - 1];
        Assert.Contains($"to {last.ToString("G10", System.Globalization.CultureInfo.InvariantCulture)};", result.ToString());
        Assert.NotEqual(1, last);
    }

    [Fact]
    public void APatternThatLeavesOutNonzerosIsRefusedAtTheStart()
    {
        // y0' = −10y0 + 9y1, y1' = 9y0 − 10y1 declared diagonal: both columns were differenced together, and NDF returned
        // y0(1) = 0.97 where it is 0.184, Rodas5P 1% off at every tolerance, each Completed (probe 12).
        var problem = new OdeProblem((t, y, f) => { f[0] = -10 * y[0] + 9 * y[1]; f[1] = 9 * y[0] - 10 * y[1]; }, [1.0, 0], 0, 1)
        {
            JacobianPattern = SparsityPattern.Banded(2, 0, 0),
        };
        foreach (OdeAlgorithm method in new OdeAlgorithm[] { new Bdf(), new Rodas5P(), new Dopri5() })
        {
            var error = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, method));
            Assert.Contains("problem.JacobianPattern leaves out nonzeros of ∂f/∂y", error.Message);
        }
        // The true pattern (dense, or tridiagonal here) solves it.
        var tridiagonal = new OdeProblem(problem.RightHandSide, [1.0, 0], 0, 1) { JacobianPattern = SparsityPattern.Banded(2, 1, 1) };
        var right = OdeSolver.Solve(tridiagonal, new Bdf(),
                                    new OdeOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-12 });
        double exact = 0.5 * (Math.Exp(-1) + Math.Exp(-19));
        Assert.Equal(exact, right[right.Times.Count - 1, 0], 1e-7);
        // A right pattern with a saturating term on a scale of 1e-12, started at 0, is not taken for a wrong one: the check
        // steps in the solver's own sizes, not across the term's curvature.
        var saturating = new OdeProblem((t, y, f) =>
        {
            f[0] = 1e-9 - y[0] / (1e-12 + y[0]) * 1e-9;
            f[1] = y[0] - y[1] + y[2];
            f[2] = y[1] - 2 * y[2];
        }, [0.0, 0, 0], 0, 1) { JacobianPattern = SparsityPattern.Banded(3, 1, 1) };
        Assert.True(OdeSolver.Solve(saturating, new Bdf()).Success);
    }

    [Fact]
    public void DelegateWithPatternSolvesThePdeWithBandedLu()
    {
        var p = new[] { 0.02 };
        var y0 = BrusselatorSystem.InitialState(32);
        var problem = new OdeProblem((t, y, f) => BrusselatorSystem.Evaluate(t, y, p, f), y0, 0, 10)
        {
            JacobianPattern = BrusselatorSystem.JacobianPattern(64),
            IsAutonomous = true,
        };
        var result = OdeSolver.Solve(problem, new Bdf(), new OdeOptions { OutputTimes = [10], RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-8 });
        var compiled = OdeSolver.Solve(new OdeProblem<BrusselatorSystem>(y0, 0, 10, p), new Bdf(),
            new OdeOptions { OutputTimes = [10], RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-8 });
        Assert.Equal(OdeLinearSolver.Banded, result.Statistics.LinearSolver);
        for (int j = 0; j < 64; j++)
            Assert.True(Math.Abs(result[0, j] - compiled[0, j]) < 1e-6, $"state {j}: {result[0, j]} against {compiled[0, j]}");
        Assert.Equal("y[0]", result.StateNames[0]);
    }

    [Theory]
    [InlineData("Rodas5P")]
    [InlineData("Rodas4")]
    public void TheTimeDerivativeIsDifferencedOnTheProblemsTimeScaleNotTheClocks(string method)
    {
        // y′ = −1e6·(y − cos s) − sin s, s = t − t0, y(t0) = 1: y = cos s exactly, with t in Unix seconds. ∂f/∂t was
        // differenced over √ε·|t| = 25 s, across which the forcing is not differentiated at all, and both Rosenbrock
        // methods ended with StepSizeTooSmall a second into the interval.
        const double t0 = 1.7e9;
        OdeAlgorithm algorithm = method == "Rodas5P" ? new Rodas5P() : new Rodas4();
        var problem = new OdeProblem((t, y, dydt) => dydt[0] = -1e6 * (y[0] - Math.Cos(t - t0)) - Math.Sin(t - t0), [1.0], t0, t0 + 10);
        var result = OdeSolver.Solve(problem, algorithm, new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 });
        Assert.True(result.Success, result.Message);
        Assert.Equal(Math.Cos(10), result.StateAt(result.Times.Count - 1)[0], 1e-7);
    }

    [Theory]
    [InlineData("Rodas5P")]
    [InlineData("Rodas4")]
    public void AStartFarFromZeroTakesAboutTheStepsOfAStartAtZero(string method)
    {
        // y1′ = −y1, y2′ = cos(t − t0) on [t0, t0 + 10]. From t0 = 1e9 the forward difference of ∂f/∂t (step 5e-4 there)
        // was off by 2.4e-4·f_tt, and Rodas5P took 1267 steps where it takes 146 from 0 (Rodas4: 4747 and 654).
        OdeResult Solve(double t0) => OdeSolver.Solve(
            new OdeProblem((t, y, dydt) => { dydt[0] = -y[0]; dydt[1] = Math.Cos(t - t0); }, [1.0, 0.0], t0, t0 + 10),
            method == "Rodas5P" ? new Rodas5P() : new Rodas4(), new OdeOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-12 });
        var near = Solve(0);
        var far = Solve(1e9);
        Assert.True(far.Success, far.Message);
        Assert.InRange(far.Statistics.Steps, near.Statistics.Steps, 1.5 * near.Statistics.Steps);
        Assert.Equal(Math.Sin(10), far.StateAt(far.Times.Count - 1)[1], 1e-7);
    }

    [Theory]
    [InlineData("Rodas5P", 0.0, 1.0)]
    [InlineData("Rodas4", 0.0, 1.0)]
    [InlineData("Rodas5P", 1.0, 0.0)]
    public void ATimeDerivativeAtTheEdgeOfFsDomainIsTakenOnItsSide(string method, double t0, double end)
    {
        // y′ = √t is NaN for t < 0 and y′ = √(1 − t) for t > 1: the central difference of ∂f/∂t at the interval's end
        // evaluates f just beyond it, and the integration must still run, with the one-sided difference inside.
        OdeAlgorithm algorithm = method == "Rodas5P" ? new Rodas5P() : new Rodas4();
        double Root(double t) => t0 == 0 ? Math.Sqrt(t) : Math.Sqrt(1 - t);
        var problem = new OdeProblem((t, y, dydt) => dydt[0] = Root(t), [0.0], t0, end);
        var result = OdeSolver.Solve(problem, algorithm, new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 });
        Assert.True(result.Success, result.Message);
        Assert.Equal(t0 == 0 ? 2.0 / 3 : -2.0 / 3, result.StateAt(result.Times.Count - 1)[0], 1e-6);
    }

    [Theory]
    [InlineData("Rodas5P")]
    [InlineData("Rodas4")]
    [InlineData("Bdf")]
    public void AJacobianThatLeavesTheDomainOfFIsReportedAsSuch(string method)
    {
        // f is NaN beyond y = 2, which y′ = y reaches at t = ln 2: near there the Jacobian's difference step crosses 2.
        // The Rosenbrock methods blamed a Newton iteration they do not have (StepSizeTooSmall).
        OdeAlgorithm algorithm = method switch { "Rodas5P" => new Rodas5P(), "Rodas4" => new Rodas4(), _ => new Bdf() };
        var problem = new OdeProblem((t, y, dydt) => dydt[0] = y[0] > 2 ? double.NaN : y[0], [1.0], 0, 1);
        var result = OdeSolver.Solve(problem, algorithm);
        Assert.Equal(OdeTermination.NonFiniteRightHandSide, result.Termination);
        Assert.Contains("Jacobian ∂f/∂y became NaN or infinite", result.Message);
        Assert.DoesNotContain("Newton", result.Message);
        Assert.Equal(Math.Log(2), result.FinalTime, 1e-5);
    }

    [Fact]
    public void AStartTheClockCannotResolveSaysToMoveTheOrigin()
    {
        // y′ = −y from t0 = 1e12 at rtol 1e-8: BDF's order-1 start needs steps near 1e-4, and t there moves in steps of
        // 1.2e-4 (16 of them are the smallest step taken). scipy 1.10's BDF fails there too.
        var problem = new OdeProblem((t, y, dydt) => dydt[0] = -y[0], [1.0], 1e12, 1e12 + 5);
        var result = OdeSolver.Solve(problem, new Bdf(), new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 });
        Assert.Equal(OdeTermination.StepSizeTooSmall, result.Termination);
        Assert.Contains("measuring time from a nearer origin, as t − 1E+12", result.Message);
        // Measured from the origin, the same problem is solved.
        var shifted = OdeSolver.Solve(new OdeProblem((t, y, dydt) => dydt[0] = -y[0], [1.0], 0, 5), new Bdf(),
                                      new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 });
        Assert.True(shifted.Success, shifted.Message);
    }
}
