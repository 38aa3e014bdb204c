// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.Ode;

/// <summary>Lorenz (β = 8/3) against the multiple-precision reference, as far as double precision allows.</summary>
public class LorenzTests
{
    /// <summary>
    /// At rtol = atol = 1e-13 the chaos amplifies the truncation error about tenfold per two time units: DOP853 stays
    /// within 1e-9 of the reference up to t = 20 (4e-10 measured; scipy's DOP853 at the same tolerance: 8e-10) and within
    /// 1e-4 up to t = 29.99 (4.5e-6 measured, scipy 1e-5). Dopri5 holds 1e-6 to t = 20 (9e-8 measured).
    /// </summary>
    [Theory]
    [InlineData("DOP853", 20.0, 1e-9)]
    [InlineData("DOP853", 29.99, 1e-4)]
    [InlineData("Dopri5", 20.0, 1e-6)]
    [InlineData("Rodas5P", 20.0, 1e-7)]
    public void TightToleranceFollowsTheReference(string method, double tMax, double bound)
    {
        var (_, error) = OdeTestProblems.Lorenz(OdeTestProblems.Algorithm(method), 1e-13, tMax);
        Assert.True(error < bound, $"{method}: absolute error {error:E2} over t ≤ {tMax}");
    }

    /// <summary>The textbook's β = 3 call from (0, 1, 0) and (0, 1.01, 0): both trajectories to t = 10 with Auto at rtol 1e-10.</summary>
    [Fact]
    public void TextbookParametersBothInitialValues()
    {
        var (t, reference) = OdeReference.Load("lorenz-beta3", "x_a", "y_a", "z_a", "x_b", "y_b", "z_b");
        var times = t.Where(x => x <= 10).ToArray();
        foreach (var (start, offset) in new[] { (new double[] { 0, 1, 0 }, 0), (new double[] { 0, 1.01, 0 }, 3) })
        {
            var result = ModelCompiler.Ode.OdeSolver.Odeint<OdeSystems.LorenzSystem>(start, times, [10, 28, 3],
                options: OdeTestProblems.Options(1e-10, 1e-10));
            for (int i = 0; i < times.Length; i++)
                for (int j = 0; j < 3; j++)
                    Assert.True(Math.Abs(result[i, j] - reference[offset + j][i]) < 1e-5,
                        $"component {j} at t = {times[i]} from y0[1] = {start[1]}: {result[i, j]} against {reference[offset + j][i]}");
        }
    }
}
