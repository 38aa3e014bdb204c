// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>
/// A fit whose likelihood only grew because a scale reached its floor, or that lost a component, is a degenerate
/// solution: its termination says so, never Converged, and the text names the components.
/// </summary>
public class RegressionMixtureDegenerateTests
{
    [Fact]
    public void ThreePointsOnALineReachTheScaleFloorAndSaySo()
    {
        // Two lines through three collinear points: a component interpolates them and σ falls to its floor.
        var fit = RegressionMixture.Fit<LineMixture, LineModel>([0, 1, 2], [0, 1, 2]);
        Assert.Equal(EmTermination.DegenerateComponent, fit.Termination);
        Assert.False(fit.Converged);
        Assert.Contains(fit.Components, c => c.IsScaleAtFloor);
        Assert.Contains("floor", fit.Message);
        string text = fit.ToString();
        Assert.Contains("DegenerateComponent", text);
        Assert.Contains("at the floor", text);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1e-9)]
    [InlineData(1.7e9)]
    [InlineData(0.0)]
    public void EveryPointAtOneXLeavesTheLineUndeterminedAndSaysSo(double at)
    {
        // Two levels, 1 and 5, all at one x: the slope and intercept of each line are not determined, only their sum
        // at that x. The sums of the design's columns round apart, and the rounding was taken for information: at x =
        // 0.3 the lines came out as a = -1.0e14, b = 3.4e14 (the change of basis found a "column" in the rounding of
        // x's mean), and at x = 1e-9 with finite standard errors of 1.4e5 and 1.4e14.
        var (x, y) = TwoLevelsAtOneX(at, 1, 5);
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(x, y);
        var levels = LevelsAt(fit, at);
        Assert.Equal(1, levels[0], 0.05);
        Assert.Equal(5, levels[1], 0.05);
        foreach (var c in fit.Components)
        {
            Assert.NotNull(c.CovarianceProblem);
            Assert.All(c.StandardErrors, se => Assert.True(double.IsNaN(se), fit.ToString()));
            // No term of the prediction is far larger than the data: the solution does not wander along the null direction.
            Assert.True(Math.Abs(c.Parameters[0]) < 100 && Math.Abs(c.Parameters[1] * at) < 100, fit.ToString());
        }
        // The stop stands (the likelihood is at its maximum), but the result says the printed a and b are one of many
        // equally good: it read "Converged" with nothing more, and only CovarianceProblem told (flexmix and mixtools refuse
        // such a fit).
        Assert.Contains("the points of components 0, 1 do not determine θ", fit.Message);
        string text = fit.ToString();
        Assert.Contains("do not determine θ", text);
        Assert.Contains("(θ not determined)", text);
        Assert.StartsWith("weight ", fit.Components[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("(θ not determined): θ = (", fit.Components[0].ToString());
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(0.3)]
    [InlineData(1.7e9)]
    public void LaplaceLinesWithEveryPointAtOneXStayNearTheData(double at)
    {
        // The same two levels, 3 and 10, with Laplace noise: the least-absolute-deviations steps solved the rank-deficient
        // design by dividing by the rounding of its second column, and the lines came out at a = 4.5e13, b = −9.1e12
        // (x = 5), reported converged. flexmix stops with an error on such data.
        var (x, y) = TwoLevelsAtOneX(at, 3, 10);
        var fit = RegressionMixture.Fit<LaplaceLineMixture, LaplaceLineModel>(x, y);
        var levels = LevelsAt(fit, at);
        Assert.Equal(3, levels[0], 0.05);
        Assert.Equal(10, levels[1], 0.05);
        foreach (var c in fit.Components)
            Assert.True(Math.Abs(c.Parameters[0]) < 100 && Math.Abs(c.Parameters[1] * at) < 100, fit.ToString());
    }

    /// <summary>200 points at x = <paramref name="at"/>, alternately near <paramref name="low"/> and <paramref name="high"/> (±0.15).</summary>
    private static (double[] X, double[] Y) TwoLevelsAtOneX(double at, double low, double high)
    {
        var random = new Random(3);
        double[] x = new double[200], y = new double[200];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = at;
            y[i] = (i % 2 == 0 ? low : high) + 0.3 * (random.NextDouble() - 0.5);
        }
        return (x, y);
    }

    /// <summary>The lines' values at x = <paramref name="at"/>, in increasing order.</summary>
    private static double[] LevelsAt(RegressionMixtureResult fit, double at) =>
        fit.Components.Select(c => c.Parameters[0] + c.Parameters[1] * at).Order().ToArray();

    [Fact]
    public void AnEmptiedComponentIsNotConverged()
    {
        var r = RegressionReference.Load("mix-lines-seed");
        var options = new RegressionMixtureOptions
        {
            InitialWeights = [0.45, 0.45, 0.1],
            InitialParameters = new double[,] { { 0, 1 }, { 0, -1 }, { 1e6, 0 } },
            InitialScales = [10, 10, 1],
            Tolerance = 1e-12,
        };
        var fit = RegressionMixture.Fit<ThreeLinesMixture, ThreeLinesModel>(r.X, r.Y, options);
        Assert.Equal(EmTermination.DegenerateComponent, fit.Termination);
        Assert.Contains("component 2", fit.Message);
        Assert.Contains("empty", fit.ToString());
    }

    [Fact]
    public void RandomStartsPreferAProperMaximumToADegenerateOne()
    {
        // With random partitions some starts collapse a line onto a few points (σ at the floor, log L inflated);
        // the kept start is a proper maximum whenever one of them reached one, as mixtools restarts on σ → 0.
        // On the first 8 points of mix-lines-seed some single starts put a line through two points; with a floor of
        // 1e-12·sd(y) their log L (about −3) beats the proper maximum's (−13.4489).
        var r = RegressionReference.Load("mix-lines-seed");
        double[] x = r.X[..8], y = r.Y[..8];
        var options = new RegressionMixtureOptions { InitializationCount = 12, Seed = 3, MinimumScaleFraction = 1e-12 };
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(x, y, options);
        Assert.Equal(EmTermination.Converged, fit.Termination);
        Assert.DoesNotContain(fit.Components, c => c.IsScaleAtFloor || c.IsEmpty);
        Assert.Equal(-13.4489, fit.LogLikelihood, 4);
    }
}
