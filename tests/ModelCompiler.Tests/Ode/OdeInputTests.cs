// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>Bad input is an ArgumentException naming the argument and index; failures inside are a stated termination.</summary>
public class OdeInputTests
{
    private static readonly double[] LotkaParameters = [1.0, 0.1, 1.5, 0.075];

    [Fact]
    public void NonFiniteInitialStateIsRejectedWithItsIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, double.NaN], 0, 1, LotkaParameters));
        Assert.Equal("initialState", e.ParamName);
        Assert.Contains("index 1", e.Message);
        var d = Assert.Throws<ArgumentException>(() => new OdeProblem((t, y, f) => f.Clear(), [double.PositiveInfinity], 0, 1));
        Assert.Contains("index 0", d.Message);
    }

    [Fact]
    public void AStateBelowItsAbsoluteToleranceEverywhereIsRefusedAndSolvedOnceTheToleranceFitsIt()
    {
        // y' = −10⁹·y from 10⁻¹² over 5 ns (a lifetime in seconds): with atol 1e-8 the error test saw nothing, and
        // Dopri5 returned 1.2e-12 in two steps for 1e-12·e⁻⁵ = 6.7e-15.
        var tiny = new OdeProblem((t, y, f) => f[0] = -1e9 * y[0], [1e-12], 0, 5e-9);
        var e = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(tiny, new Dopri5()));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("y0[0] = 1E-12", e.Message);
        var fitted = OdeSolver.Solve(tiny, new Dopri5(), new OdeOptions { AbsoluteTolerance = 1e-20 });
        Assert.True(fitted.Success, fitted.ToString());
        double exact = 1e-12 * Math.Exp(-5);
        Assert.True(Math.Abs(fitted[fitted.Times.Count - 1, 0] - exact) <= 1e-5 * exact, fitted.ToString());
        // An all-zero state is exact, and relative tolerances of 1 or more ask for no accuracy: both pass.
        Assert.True(OdeSolver.Solve(new OdeProblem((t, y, f) => f[0] = -y[0], [0.0], 0, 1), new Dopri5()).Success);
        Assert.True(OdeSolver.Solve(tiny, new Dopri5(), new OdeOptions { RelativeTolerance = 1, InitialStep = 1e-10, MaxStep = 1e-10 }).Success);
    }

    [Fact]
    public void WrongLengthsAndNonFiniteParametersAreRejected()
    {
        Assert.Contains("3 states", Assert.Throws<ArgumentException>(() => new OdeProblem<OdeSystems.LorenzSystem>([0, 1], 0, 1, [10, 28, 3])).Message);
        Assert.Contains("has 3", Assert.Throws<ArgumentException>(() => new OdeProblem<OdeSystems.LorenzSystem>([0, 1, 0], 0, 1, [10, 28])).Message);
        var e = Assert.Throws<ArgumentException>(() => new OdeProblem<OdeSystems.LorenzSystem>([0, 1, 0], 0, 1, [10, double.NaN, 3]));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("Parameter 1 (rho)", e.Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => new OdeProblem<BrusselatorSystem>([1], 0, 1, [0.02])).Message);
        Assert.Throws<ArgumentException>(() => new OdeProblem<OdeSystems.AirySystem>([1, 0], 0, 1, [1.0]));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void EmptyOrNonFiniteIntervalsAreRejected(double t0, double tEnd) =>
        Assert.Throws<ArgumentException>(() => new OdeProblem<OdeSystems.AirySystem>([1, 0], t0 == 0 && tEnd == 1 ? 0 : t0, t0 == 0 && tEnd == 1 ? 0 : tEnd));

    [Theory]
    [InlineData(0.0, 1e-8, "RelativeTolerance")]
    [InlineData(-1e-6, 1e-8, "RelativeTolerance")]
    [InlineData(1e-17, 1e-8, "RelativeTolerance")]
    [InlineData(1e-6, 0.0, "AbsoluteTolerance")]
    [InlineData(1e-6, double.NaN, "AbsoluteTolerance")]
    public void NonPositiveTolerancesAreRejected(double rtol, double atol, string named)
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 1, LotkaParameters);
        var e = Assert.Throws<ArgumentException>(() =>
            OdeSolver.Solve(problem, new Dopri5(), new OdeOptions { RelativeTolerance = rtol, AbsoluteTolerance = atol }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void PerComponentTolerancesAreCheckedForLengthAndSign()
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 1, LotkaParameters);
        Assert.Contains("AbsoluteTolerances[1]", Assert.Throws<ArgumentException>(() =>
            OdeSolver.Solve(problem, options: new OdeOptions { AbsoluteTolerances = [1e-8, -1] })).Message);
        Assert.Contains("3 values; the system has 2", Assert.Throws<ArgumentException>(() =>
            OdeSolver.Solve(problem, options: new OdeOptions { RelativeTolerances = [1e-6, 1e-6, 1e-6] })).Message);
    }

    [Fact]
    public void OtherOptionsAreValidated()
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 1, LotkaParameters);
        Assert.Contains("MaxSteps", Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, options: new OdeOptions { MaxSteps = 0 })).Message);
        Assert.Contains("InitialStep", Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, options: new OdeOptions { InitialStep = -1 })).Message);
        Assert.Contains("MaxStep", Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, options: new OdeOptions { MaxStep = 0 })).Message);
        Assert.Contains("Events[0]", Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, options: new OdeOptions { Events = [null!] })).Message);
    }

    [Theory]
    [InlineData(new[] { 0.0, 0.5, 0.4, 1.0 }, "strictly increasing")]
    [InlineData(new[] { 0.0, 0.5, 0.5 }, "strictly increasing")]
    [InlineData(new[] { 0.0, 1.5 }, "outside")]
    [InlineData(new[] { -0.1, 0.5 }, "outside")]
    [InlineData(new[] { 0.0, double.NaN }, "finite")]
    public void OutputTimesMustBeMonotoneAndInside(double[] times, string expected)
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 1, LotkaParameters);
        var e = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, options: new OdeOptions { OutputTimes = times }));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OdeintTimesMustBeMonotoneAndAtLeastTwo()
    {
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => OdeSolver.Odeint<OdeSystems.LotkaVolterraSystem>([10, 5], [0.0], LotkaParameters)).Message);
        var e = Assert.Throws<ArgumentException>(() => OdeSolver.Odeint<OdeSystems.LotkaVolterraSystem>([10, 5], [0.0, 1, 0.5], LotkaParameters));
        Assert.Equal("times", e.ParamName);
        Assert.Contains("time 2", e.Message);
        Assert.Throws<ArgumentException>(() => OdeSolver.Odeint<OdeSystems.LotkaVolterraSystem>([10, 5], [0.0, 1], LotkaParameters,
            options: new OdeOptions { OutputTimes = [0.5] }));
    }

    /// <summary>y' = y² from y(0) = 1 blows up at t = 1: the integration stops there with a reason, never a NaN trajectory.</summary>
    [Theory]
    [InlineData("Dopri5")]
    [InlineData("DOP853")]
    [InlineData("Rodas5P")]
    [InlineData("NDF")]
    [InlineData("Auto")]
    public void BlowUpStopsWithAReasonAndFiniteStates(string method)
    {
        var problem = new OdeProblem((t, y, f) => f[0] = y[0] * y[0], [1.0], 0, 2) { Jacobian = (t, y, j) => j[0] = 2 * y[0] };
        var result = OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method));
        Assert.False(result.Success);
        Assert.True(result.Termination is OdeTermination.StepSizeTooSmall or OdeTermination.NonFiniteRightHandSide, result.Termination.ToString());
        Assert.True(Math.Abs(result.FinalTime - 1) < 1e-3, $"stopped at {result.FinalTime}");
        Assert.Contains("Stopped at t =", result.Message);
        for (int i = 0; i < result.Times.Count; i++)
            Assert.True(double.IsFinite(result[i, 0]), $"state {i} is {result[i, 0]}");
    }

    /// <summary>y' = −√y reaches y = 0 at t = 2 and leaves f's domain after: NaN is never accepted into the solution.</summary>
    [Theory]
    [InlineData("Dopri5")]
    [InlineData("Rodas4")]
    [InlineData("BDF")]
    public void RightHandSideTurningNaNIsAStatedTermination(string method)
    {
        var problem = new OdeProblem((t, y, f) => f[0] = -Math.Sqrt(y[0]), [1.0], 0, 3) { IsAutonomous = true };
        var result = OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method));
        if (result.Success)
        {
            // A method may step over the root to a tiny negative y only if f stays finite; it cannot here.
            Assert.Fail($"{method} reported success through a NaN right-hand side: {result}");
        }
        Assert.True(result.FinalTime > 1.9 && result.FinalTime < 2.01, $"stopped at {result.FinalTime}");
        Assert.All(Enumerable.Range(0, result.Times.Count), i => Assert.True(double.IsFinite(result[i, 0])));
    }

    [Fact]
    public void NonFiniteAtTheStartIsReportedBeforeAnyStep()
    {
        var problem = new OdeProblem((t, y, f) => f[0] = Math.Log(y[0]), [-1.0], 0, 1);
        var result = OdeSolver.Solve(problem, new Dopri5());
        Assert.Equal(OdeTermination.NonFiniteRightHandSide, result.Termination);
        Assert.Equal(0, result.FinalTime);
        Assert.Single(result.Times);
        // The dense solution of a run without a step is the initial state at t0 (its range was [NaN, NaN]).
        Assert.Equal(0, result.Solution!.StartTime);
        Assert.Equal(0, result.Solution.EndTime);
        Assert.Equal(-1.0, result.Solution.Evaluate(0)[0]);
        Assert.Contains("[0, 0]", Assert.Throws<ArgumentOutOfRangeException>(() => result.Solution.Evaluate(0.5)).Message);
    }

    /// <summary>
    /// An interval of a few units in the last place of t (1e-7 at t = 1e9, where an ulp is 1.2e-7) is shorter than
    /// the smallest step the methods take inside an interval, but the step that ends on the end time is exact: one
    /// step, not StepSizeTooSmall with the initial state.
    /// </summary>
    [Theory]
    [InlineData("Dopri5")]
    [InlineData("DOP853")]
    [InlineData("Rodas5P")]
    [InlineData("Rodas4")]
    [InlineData("NDF")]
    [InlineData("Auto")]
    public void AnIntervalOfAFewUlpsIsOneStep(string method)
    {
        foreach (double span in new[] { 1e-7, 1e-6 })
        {
            var result = OdeSolver.Solve(new OdeProblem((t, y, f) => f[0] = -y[0], [1.0], 1e9, 1e9 + span), OdeTestProblems.Algorithm(method));
            Assert.Equal(OdeTermination.Completed, result.Termination);
            Assert.Equal(1e9 + span, result.FinalTime);
            double elapsed = (1e9 + span) - 1e9;   // the interval as t represents it
            Assert.Equal(Math.Exp(-elapsed), result[result.Times.Count - 1, 0], 1e-12);
        }
    }

    [Fact]
    public void TooManyStepsIsAStatedTermination()
    {
        var problem = new OdeProblem<OdeSystems.VanDerPolSystem>([2, 0], 0, 3000, [1000]);
        var result = OdeSolver.Solve(problem, new Dopri5(), new OdeOptions { MaxSteps = 500, OutputTimes = [0, 1, 3000] });
        Assert.Equal(OdeTermination.MaxStepsReached, result.Termination);
        Assert.Equal(500, result.Statistics.Steps);
        Assert.Contains("MaxSteps", result.Message);
        // Van der Pol at μ = 1000 is stiff, and Dopri5's own stiffness test found it so: the message says that, not "if".
        Assert.Contains("the problem is stiff", result.Message);
        Assert.Contains("use Bdf, Rodas5P or Auto", result.Message);
        Assert.Contains("output times after", result.Message);
        Assert.True(result.Times.Count < 3);

        // A problem that is not stiff keeps the general advice.
        var oscillator = new OdeProblem((t, y, dydt) => { dydt[0] = y[1]; dydt[1] = -y[0]; }, [1.0, 0], 0, 1000);
        var cut = OdeSolver.Solve(oscillator, new Dopri5(), new OdeOptions { MaxSteps = 50 });
        Assert.Equal(OdeTermination.MaxStepsReached, cut.Termination);
        Assert.Contains("raise MaxSteps, loosen the tolerances, or use a stiff method if the problem is stiff", cut.Message);
    }

    [Fact]
    public void CallerArraysAreNeverModified()
    {
        double[] y0 = [10, 5];
        double[] parameters = [1.0, 0.1, 1.5, 0.075];
        double[] times = [0, 0.5, 1];
        double[] atol = [1e-9, 1e-9];
        var y0Copy = (double[])y0.Clone();
        var parametersCopy = (double[])parameters.Clone();
        var timesCopy = (double[])times.Clone();
        var atolCopy = (double[])atol.Clone();
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>(y0, 0, 1, parameters);
        OdeSolver.Solve(problem, new Rodas5P(), new OdeOptions { OutputTimes = times, AbsoluteTolerances = atol });
        OdeSolver.Odeint<OdeSystems.LotkaVolterraSystem>(y0, times, parameters, new Bdf(), new OdeOptions { AbsoluteTolerances = atol });
        problem.InitialState[0] = 99;   // a copy: the problem keeps its own
        Assert.Equal(y0Copy, y0);
        Assert.Equal(parametersCopy, parameters);
        Assert.Equal(timesCopy, times);
        Assert.Equal(atolCopy, atol);
        Assert.Equal(10, problem.InitialState[0]);
    }

    [Fact]
    public void DelegateJacobianPatternMustFitTheState()
    {
        var problem = new OdeProblem((t, y, f) => f.Clear(), [1.0, 2.0], 0, 1) { JacobianPattern = SparsityPattern.Dense(3, 3) };
        Assert.Contains("3×3", Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, new Bdf())).Message);
    }

    [Fact]
    public void ProgressIsReportedAndCancellationThrows()
    {
        var problem = new OdeProblem<OdeSystems.VanDerPolSystem>([2, 0], 0, 3000, [1000]);
        var reports = new List<OdeProgress>();
        var progress = new SynchronousProgress<OdeProgress>(reports.Add);
        var result = OdeSolver.Solve(problem, new Bdf(), progress: progress);
        Assert.True(reports.Count >= result.Statistics.Steps / 100);
        Assert.Equal(3000, reports[^1].Time);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Time >= p.First.Time));

        using var cancellation = new CancellationTokenSource();
        var cancelling = new SynchronousProgress<OdeProgress>(p =>
        {
            if (p.Time > 100)
                cancellation.Cancel();
        });
        Assert.Throws<OperationCanceledException>(() => OdeSolver.Solve(problem, new Bdf(), progress: cancelling, cancellationToken: cancellation.Token));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
    [Fact]
    public void A_right_hand_side_written_for_more_states_is_refused_by_name()
    {
        // Two derivatives written for one state: before, an IndexOutOfRangeException from inside the stepper.
        var e = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(
            new OdeProblem((t, y, dydt) => { dydt[0] = y[0]; dydt[1] = 1; }, [1.0], 0, 1), new Dopri5()));
        Assert.Equal("rightHandSide", e.ParamName);
        Assert.Contains("outside y or dydt (length 1,", e.Message);
        Assert.IsType<IndexOutOfRangeException>(e.InnerException);
    }
}
