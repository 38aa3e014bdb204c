// SPDX-License-Identifier: MIT
using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>Robertson's kinetics to t = 1e11 with the stiff methods and per-component absolute tolerances.</summary>
public class RobertsonTests
{
    /// <summary>
    /// The mass y1 + y2 + y3 = 1 is an invariant of the equations, and every method here preserves linear invariants
    /// exactly in exact arithmetic (each step adds combinations of f, whose components sum to zero, and Newton
    /// corrections in the span of (I − cJ)⁻¹f, which preserves the sum too); so the sum holds to rounding at every output.
    /// </summary>
    [Theory]
    [InlineData("NDF")]
    [InlineData("BDF")]
    [InlineData("Rodas5P")]
    [InlineData("Rodas4")]
    [InlineData("Auto")]
    public void MassIsConservedToRounding(string method)
    {
        var (result, error) = OdeTestProblems.Robertson(OdeTestProblems.Algorithm(method), 1e-8);
        Assert.True(error < 1e-5, $"{method}: relative error {error:E2} at t = 1e11");
        for (int i = 0; i < result.Times.Count; i++)
        {
            double sum = result[i, 0] + result[i, 1] + result[i, 2];
            Assert.True(Math.Abs(sum - 1) <= 1e-12, $"{method}: y1 + y2 + y3 − 1 = {sum - 1:E2} at t = {result.Times[i]}");
        }
    }

    /// <summary>Every output time, not only the last, against the reference (relative, per component, y3 ≥ 1e-10 only).</summary>
    [Fact]
    public void WholeTrajectoryMatches()
    {
        var (t, reference) = OdeReference.Load("robertson", "y1", "y2", "y3");
        var (result, _) = OdeTestProblems.Robertson(new Bdf(), 1e-8);
        for (int i = 1; i < t.Length; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                if (reference[j][i] < 1e-10)
                    continue;
                double relative = Math.Abs(result[i, j] - reference[j][i]) / reference[j][i];
                Assert.True(relative < 1e-5, $"y{j + 1} at t = {t[i]}: {result[i, j]} against {reference[j][i]} ({relative:E2})");
            }
        }
    }

    /// <summary>
    /// The README's warning made concrete: a single absolute tolerance of 1e-10 for all components leaves y2 (8.3e-14 at
    /// t = 1e11) without control, while the per-component one gets it to 1e-4.
    /// </summary>
    [Fact]
    public void PerComponentAbsoluteToleranceControlsTheSmallSpecies()
    {
        var (_, reference) = OdeReference.Load("robertson", "y2");
        double y2 = reference[0][^1];
        var options = new OdeOptions { RelativeTolerance = 1e-6, AbsoluteTolerances = [1e-14, 1e-20, 1e-14], DenseOutput = false };
        var controlled = OdeSolver.Odeint<OdeSystems.RobertsonSystem>([1, 0, 0], [0, 1e11], [0.04, 3e7, 1e4], new Bdf(), options);
        Assert.True(Math.Abs(controlled[1, 1] - y2) / y2 < 1e-4, $"y2 = {controlled[1, 1]} against {y2}");
        var uniform = OdeSolver.Odeint<OdeSystems.RobertsonSystem>([1, 0, 0], [0, 1e11], [0.04, 3e7, 1e4], new Bdf(),
            options with { AbsoluteTolerances = null, AbsoluteTolerance = 1e-10 });
        Assert.True(Math.Abs(uniform[1, 1] - y2) / y2 > Math.Abs(controlled[1, 1] - y2) / y2);
    }
}
