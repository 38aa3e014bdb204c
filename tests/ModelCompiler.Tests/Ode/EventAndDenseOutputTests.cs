// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>Events located on the dense output, and the dense output itself.</summary>
public class EventAndDenseOutputTests
{
    private static readonly OdeRightHandSide Oscillator = (t, y, dydt) =>
    {
        dydt[0] = y[1];
        dydt[1] = -y[0];
    };

    /// <summary>y = cos t crosses zero at π/2 + kπ; falling crossings at π/2 + 2kπ, rising at 3π/2 + 2kπ.</summary>
    [Theory]
    [InlineData("Dopri5")]
    [InlineData("DOP853")]
    [InlineData("Rodas5P")]
    [InlineData("Rodas4")]
    [InlineData("NDF")]
    [InlineData("Auto")]
    public void CrossingsOfCosineAreLocatedWithTheirDirections(string method)
    {
        var problem = new OdeProblem(Oscillator, [1, 0], 0, 20) { IsAutonomous = true };
        var options = new OdeOptions
        {
            RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-12,
            Events = [new OdeEvent((t, y) => y[0]) { Name = "zero" }, new OdeEvent((t, y) => y[0]) { Name = "up", Direction = EventDirection.Rising }],
        };
        var result = OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method), options);
        Assert.Equal(OdeTermination.Completed, result.Termination);
        var zeros = result.EventTimes(0);
        var ups = result.EventTimes(1);
        Assert.Equal(6, zeros.Length);   // π/2 + kπ < 20 for k = 0…5
        Assert.Equal(3, ups.Length);     // 3π/2, 7π/2, 11π/2
        double bound = method is "NDF" ? 1e-8 : 1e-10;
        for (int k = 0; k < zeros.Length; k++)
            Assert.True(Math.Abs(zeros[k] - (Math.PI / 2 + k * Math.PI)) < bound, $"zero {k} at {zeros[k]}");
        for (int k = 0; k < ups.Length; k++)
            Assert.True(Math.Abs(ups[k] - (1.5 * Math.PI + 2 * k * Math.PI)) < bound, $"rising zero {k} at {ups[k]}");
        var firstZero = result.Events.First(e => e.EventIndex == 0);
        Assert.False(firstZero.Rising);
        Assert.True(Math.Abs(firstZero.State[1] + 1) < 1e-8, $"y' at the first zero: {firstZero.State[1]}");
        Assert.Equal(result.Events.Select(e => e.Time).Order().ToArray(), result.Events.Select(e => e.Time).ToArray());
    }

    /// <summary>
    /// A terminal event stops the integration at the crossing, which is located to a few ulps of the interpolant's own
    /// root: the last output time and state are the event's, the dense output ends there, and the first zero of Ai,
    /// found integrating Airy's equation backwards from 0, is −2.338107410459767 (Abramowitz &amp; Stegun, Table 10.13).
    /// </summary>
    [Fact]
    public void TerminalEventFindsTheFirstZeroOfAiBackwards()
    {
        var problem = new OdeProblem<OdeSystems.AirySystem>([0.3550280538878172, -0.2588194037928069], 0, -10);
        var options = new OdeOptions
        {
            RelativeTolerance = 1e-13, AbsoluteTolerance = 1e-15,
            Events = [new OdeEvent((t, y) => y[0]) { Name = "Ai = 0", Terminal = true }],
        };
        var result = OdeSolver.Solve(problem, new Dop853(), options);
        Assert.Equal(OdeTermination.TerminalEvent, result.Termination);
        var zero = Assert.Single(result.Events);
        Assert.True(Math.Abs(zero.Time - -2.338107410459767) < 1e-12, $"first zero of Ai at {zero.Time:R}");
        Assert.Equal(zero.Time, result.FinalTime);
        Assert.Equal(zero.Time, result.Times[^1]);
        Assert.Equal(zero.Time, result.Solution!.EndTime);
        Assert.True(Math.Abs(result.Solution.Evaluate(zero.Time)[0]) < 1e-14);
        Assert.True(result.Times.Zip(result.Times.Skip(1)).All(p => p.Second < p.First), "times decrease when integrating backwards");
        Assert.Contains("terminal event", result.Message);
    }

    /// <summary>The dense output of each method against Airy's reference at all 400 times, from a run storing only its steps.</summary>
    [Theory]
    [InlineData("Dopri5", 1e-10, 1e-7)]
    [InlineData("DOP853", 1e-11, 1e-7)]
    [InlineData("Rodas5P", 1e-10, 1e-6)]
    [InlineData("Rodas4", 1e-8, 1e-3)]
    [InlineData("NDF", 1e-10, 1e-4)]
    [InlineData("Auto", 1e-10, 1e-7)]
    public void DenseOutputMatchesTheReferenceBetweenSteps(string method, double rtol, double bound)
    {
        var (t, reference) = OdeReference.Load("airy", "y", "yp");
        var problem = new OdeProblem<OdeSystems.AirySystem>([reference[0][0], reference[1][0]], 0, t[^1]);
        var result = OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method),
            new OdeOptions { RelativeTolerance = rtol, AbsoluteTolerance = 1e-4 * rtol });
        Assert.True(result.Times.Count < 400, "the steps are fewer than the outputs, so most outputs are interpolated");
        var states = result.Solution!.Evaluate(t);
        double error = 0;
        for (int i = 0; i < t.Length; i++)
            for (int j = 0; j < 2; j++)
                error = Math.Max(error, Math.Abs(states[i, j] - reference[j][i]) / Math.Max(Math.Abs(reference[j][i]), 1e-3));
        Assert.True(error < bound, $"{method}: dense output error {error:E2}");
        // At the steps' ends the interpolant gives the steps' own values.
        for (int i = 0; i < result.Times.Count; i++)
            Assert.Equal(result[i, 0], result.Solution.Evaluate(result.Times[i])[0], 1e-13);
    }

    [Fact]
    public void OutputTimesComeFromTheInterpolantWithoutShorteningSteps()
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 10, [1.0, 0.1, 1.5, 0.075]);
        var free = OdeSolver.Solve(problem, new Dopri5(), new OdeOptions { DenseOutput = false });
        var times = Enumerable.Range(0, 1001).Select(i => i * 0.01).ToArray();
        var dense = OdeSolver.Solve(problem, new Dopri5(), new OdeOptions { DenseOutput = false, OutputTimes = times });
        Assert.Equal(free.Statistics.Steps, dense.Statistics.Steps);
        Assert.Equal(times, dense.Times);
        Assert.Equal(free[free.Times.Count - 1, 0], dense[1000, 0]);
        Assert.Null(dense.Solution);
    }

    [Fact]
    public void SolutionRejectsTimesOutsideTheInterval()
    {
        var problem = new OdeProblem<OdeSystems.LotkaVolterraSystem>([10, 5], 0, 1, [1.0, 0.1, 1.5, 0.075]);
        var result = OdeSolver.Solve(problem, new Dopri5());
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Solution!.Evaluate(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Solution!.Evaluate(double.NaN));
        Assert.Equal(result.StateAt(result.Times.Count - 1).ToArray(), result.Solution![1.0]);
    }
    [Fact]
    public void An_event_function_that_turns_NaN_stops_the_integration_and_says_which()
    {
        // NaN fails every sign test, so the crossing at t = π/2 (where cos t falls through 0 while the function is
        // already NaN) was lost and the integration reported Completed with no events.
        var problem = new OdeProblem(Oscillator, [1, 0], 0, 20) { IsAutonomous = true };
        var options = new OdeOptions { Events = [new OdeEvent((t, y) => t > 1 ? double.NaN : y[0]) { Name = "guarded" }] };
        var result = OdeSolver.Solve(problem, new Dopri5(), options);
        Assert.Equal(OdeTermination.NonFiniteEvent, result.Termination);
        Assert.False(result.Success);
        Assert.InRange(result.FinalTime, 1, 20);
        Assert.Equal(result.FinalTime, result.Times[^1]);
        Assert.Equal(Math.Cos(result.FinalTime), result[result.Times.Count - 1, 0], 1e-5);
        Assert.Contains("event 0 ('guarded') returned NaN", result.Message);

        var atStart = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(problem, new Dopri5(),
            new OdeOptions { Events = [new OdeEvent((t, y) => double.NaN) { Name = "never" }] }));
        Assert.Contains("event 0 ('never') is NaN at the start time 0", atStart.Message);
    }

    /// <summary>
    /// Far from t = 0 (1.7e9, Unix seconds) t + h rounds to a multiple of 2.4e-7: the step must be the one t takes.
    /// BDF advanced y by h and t by the rounded step, and placed the zeros of sin(t − t0) 6e-6 to 1.8e-5 late by 3π;
    /// now every method places them to the resolution of t.
    /// </summary>
    [Theory]
    [InlineData("Dopri5")]
    [InlineData("DOP853")]
    [InlineData("Rodas5P")]
    [InlineData("NDF")]
    [InlineData("Auto")]
    public void EventsFarFromTimeZeroAreFoundToTheResolutionOfT(string method)
    {
        const double t0 = 1.7e9;
        var problem = new OdeProblem(Oscillator, [0.0, 1.0], t0, t0 + 10);
        var result = OdeSolver.Solve(problem, OdeTestProblems.Algorithm(method), new OdeOptions
        {
            RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-12, Events = [new OdeEvent((t, u) => u[0]) { Name = "zero" }],
        });
        Assert.Equal(OdeTermination.Completed, result.Termination);
        double[] zeros = result.Events.Select(e => e.Time - t0).ToArray();
        Assert.Equal(3, zeros.Length);
        for (int m = 0; m < 3; m++)
            Assert.Equal((m + 1) * Math.PI, zeros[m], 1e-6);
    }
}
