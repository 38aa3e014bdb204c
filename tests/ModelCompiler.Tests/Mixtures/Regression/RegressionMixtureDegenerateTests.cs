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
