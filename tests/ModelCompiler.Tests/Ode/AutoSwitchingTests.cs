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
