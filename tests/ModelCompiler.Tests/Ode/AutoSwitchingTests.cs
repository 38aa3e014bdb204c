// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>Auto: explicit where the problem is not stiff, BDF where it is, every switch reported.</summary>
public class AutoSwitchingTests
{
    /// <summary>
    /// Van der Pol with μ = 1000 is stiff in its slow phases and not in its jumps: Auto leaves Dopri5 for the NDF at
    /// the start, and back and forth around the jumps; the result lists each switch with its reason, and the
    /// statistics count them.
    /// </summary>
    [Fact]
    public void VanDerPolSwitchesToTheStiffMethodInTheSlowPhases()
    {
        var (result, error) = OdeTestProblems.VanDerPol(new Auto(), 1e-6);
        Assert.True(error < 1e-3, $"relative error {error:E2} at t = 3000");
        var switches = result.MethodSwitches;
        Assert.True(switches.Count >= 3, $"{switches.Count} switches");
        Assert.Equal(switches.Count, result.Statistics.MethodSwitches);
        Assert.Equal(("Dopri5", "NDF"), (switches[0].From, switches[0].To));
        Assert.True(switches[0].Time < 1, $"the first switch comes early in the first slow phase, at {switches[0].Time}");
        Assert.Contains(switches, s => s.To == "Dopri5");
        for (int i = 1; i < switches.Count; i++)
        {
            Assert.Equal(switches[i - 1].To, switches[i].From);
            Assert.True(switches[i].Time > switches[i - 1].Time);
        }
        Assert.All(switches, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Contains("switch Dopri5 → NDF", result.ToString());
        // The explicit method alone would need a step near 3/|λ| ≈ 1e-3 through [0, 3000]; Auto needs a small fraction.
        Assert.True(result.Statistics.Steps < 10_000, $"{result.Statistics.Steps} steps");
    }

    /// <summary>
    /// Time in Unix seconds: at t = 1.7e9 the clock resolves steps of 3.8e-6 at best, above Dopri5's stable step for
    /// λ = −1e6 (3.3e-6), so the explicit method failed before its stiffness test had its 15 steps, and Auto reported
    /// StepSizeTooSmall ("a singularity") where odeint and Bdf complete. It now hands over to the stiff method there.
    /// </summary>
    [Fact]
    public void AStepTheClockCannotHoldHandsOverToTheStiffMethod()
    {
        double t0 = 1.7e9;
        double[] times = [.. Enumerable.Range(0, 11).Select(i => t0 + i * 0.5)];
        var result = OdeSolver.Odeint((t, y, dydt) => dydt[0] = -1e6 * (y[0] - Math.Cos(t - t0)), [1.0], times);
        Assert.True(result.Success, result.Message);
        Assert.Contains("fell below the smallest step", result.MethodSwitches[0].Reason);
        // y follows cos(s) + 1e-6·sin(s) to first order in 1/λ; the tolerances are odeint's 1.49e-8.
        for (int i = 0; i < times.Length; i++)
        {
            double s = times[i] - t0;
            Assert.Equal(Math.Cos(s) + 1e-6 * Math.Sin(s), result[i, 0], 1e-6);
        }
    }

    [Fact]
    public void NonstiffProblemsStayExplicit()
    {
        foreach (var (result, _) in new[] { OdeTestProblems.Lorenz(new Auto(), 1e-8), OdeTestProblems.LotkaVolterra(new Auto(), 1e-8) })
        {
            Assert.Empty(result.MethodSwitches);
            Assert.Equal(0, result.Statistics.JacobianEvaluations);
            Assert.Equal("Dopri5", result.Statistics.LastMethod);
        }
    }

    /// <summary>
    /// Robertson at a tight tolerance: the explicit steps stay accuracy-limited (h·|λ| ≈ 1) for a long time, yet a BDF
    /// can take far longer ones; Auto notices that and switches early, costing about what the NDF alone costs.
    /// </summary>
    [Fact]
    public void RobertsonSwitchesEarlyAtTightTolerance()
    {
        var (auto, _) = OdeTestProblems.Robertson(new Auto(), 1e-10);
        var (ndf, _) = OdeTestProblems.Robertson(new Bdf(), 1e-10);
        Assert.Equal("NDF", auto.MethodSwitches[0].To);
        Assert.True(auto.MethodSwitches[0].Time < 0.1, $"switched at {auto.MethodSwitches[0].Time}");
        Assert.True(auto.Statistics.FunctionEvaluations < 1.5 * ndf.Statistics.FunctionEvaluations,
            $"Auto {auto.Statistics.FunctionEvaluations} against NDF {ndf.Statistics.FunctionEvaluations} evaluations");
    }

    [Fact]
    public void RosenbrockCanBeTheStiffHalf()
    {
        var (result, error) = OdeTestProblems.VanDerPol(new Auto { Stiff = new Rodas5P() }, 1e-6);
        Assert.True(error < 1e-3, $"relative error {error:E2}");
        Assert.Equal("Rodas5P", result.MethodSwitches[0].To);
    }
}
