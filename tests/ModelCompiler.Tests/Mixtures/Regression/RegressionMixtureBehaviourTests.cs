// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>Random starts, EM's invariants, degenerate components and bad input.</summary>
public class RegressionMixtureBehaviourTests
{
    /// <summary>x = linspace(−40, 40, 200); even rows on y = 5x − 3 + U(0,3), odd rows on y = −7x + 2 + U(0,3).</summary>
    private static (double[] X, double[] Y) TwoLines(int seed = 3)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, 200).Select(i => -40 + 80.0 * i / 199).ToArray();
        var y = x.Select((v, i) => (i % 2 == 0 ? 5 * v - 3 : -7 * v + 2) + 3 * random.NextDouble()).ToArray();
        return (x, y);
    }

    [Fact]
    public void RandomStartsFindBothLines()
    {
        var (x, y) = TwoLines();
        var fit = RegressionMixture.Fit<RegressionModels.LineModel>(x, y, new RegressionMixtureOptions { Components = 2, Seed = 1 });
        var lines = fit.Components.OrderByDescending(c => c.Coefficients[1]).ToArray();
        // Uniform noise on [0, 3] has mean 1.5: the intercepts move up by it.
        Assert.Equal(-1.5, lines[0].Coefficients[0], 0.5);
        Assert.Equal(5, lines[0].Coefficients[1], 0.02);
        Assert.Equal(3.5, lines[1].Coefficients[0], 0.5);
        Assert.Equal(-7, lines[1].Coefficients[1], 0.02);
        Assert.All(lines, c => Assert.Equal(0.5, c.Weight, 0.01));
        Assert.All(lines, c => Assert.InRange(c.Scale, 0.7, 1.0)); // σ of U(0, 3) is √(3/4) = 0.866
        Assert.All(lines, c => Assert.All(c.StandardErrors, e => Assert.InRange(e, 1e-6, 1)));
        Assert.True(fit.EmResult.Converged);
        Assert.Equal(-2 * fit.LogLikelihood + 2 * 7, fit.Aic, 1e-9);
    }

    [Fact]
    public void TheLikelihoodNeverDecreasesAndResponsibilitiesSumToOne()
    {
        var (x, y) = TwoLines(seed: 8);
        var fit = RegressionMixture.Fit<RegressionModels.QuadraticModel>(x, y,
            new RegressionMixtureOptions { Components = 3, Tolerance = 0, MaxIterations = 60, Initializations = 1, Seed = 2 });
        var trace = fit.EmResult.LowerBoundTrace;
        for (int t = 1; t < trace.Count; t++)
            Assert.True(trace[t] >= trace[t - 1] - 1e-12 * Math.Abs(trace[t - 1]), $"iteration {t}: {trace[t]:R} < {trace[t - 1]:R}");
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(1.0, Enumerable.Range(0, 3).Sum(k => fit.Responsibility(i, k)), 1e-14);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 9000).Select(_ => 20 * random.NextDouble() - 10).ToArray();
        var y = x.Select((v, i) => (i % 3 == 0 ? 1 + 2 * v : -1 + 1.2 * v) + random.NextDouble()).ToArray();
        RegressionMixtureResult Run(int threads) => RegressionMixture.Fit<RegressionModels.LineModel>(x, y,
            new RegressionMixtureOptions { Components = 2, Seed = 4, MaxDegreeOfParallelism = threads, Initializations = 2 });
        var one = Run(1);
        var many = Run(8);
        Assert.Equal(one.LogLikelihood, many.LogLikelihood);
        for (int k = 0; k < 2; k++)
            Assert.Equal(one.Components[k].Coefficients, many.Components[k].Coefficients);
    }

    [Fact]
    public void AComponentOnAFewExactPointsKeepsAFiniteScale()
    {
        // Three points exactly on a line and many noisy ones elsewhere: a component may interpolate the three, and its
        // σ would fall to zero and the likelihood rise without bound; the scale floor holds it.
        var random = new Random(9);
        var x = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();
        var y = x.Select(v => 2 * v + 5 * random.NextDouble()).ToArray();
        (y[0], y[1], y[2]) = (100, 101, 102);
        var start = new RegressionMixtureStart([0.05, 0.95], [[100, 1], [2.5, 2]], [0.5, 2]);
        var fit = RegressionMixture.Fit<RegressionModels.LineModel>(x, y,
            new RegressionMixtureOptions { Components = 2, Tolerance = 0, MaxIterations = 50, Initializations = 1 }, start);
        Assert.All(fit.Components, c => Assert.True(double.IsFinite(c.Scale) && c.Scale > 0));
        Assert.True(double.IsFinite(fit.LogLikelihood));
        Assert.True(fit.EmResult.RepairedSteps > 0);
    }

    [Fact]
    public void BadInputIsRejectedWithTheReason()
    {
        var (x, y) = TwoLines();
        var options = new RegressionMixtureOptions { Components = 2 };
        Assert.Contains("at least 1", Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<RegressionModels.LineModel>(x, y, options with { Components = 0 })).Message);
        Assert.Contains("201 components but the data only 200", Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<RegressionModels.LineModel>(x, y, options with { Components = 201 })).Message);
        Assert.Contains("x has 199 values", Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<RegressionModels.LineModel>(x[1..], y, options)).Message);
        var bad = (double[])y.Clone();
        bad[17] = double.NaN;
        Assert.Contains("at row 17", Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<RegressionModels.LineModel>(x, bad, options)).Message);
        Assert.Contains("sum to 0.9", Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<RegressionModels.LineModel>(x, y, options,
            new RegressionMixtureStart([0.5, 0.4], [[0, 1], [0, -1]], [1, 1]))).Message);
        Assert.Contains("Start scale 1 is 0", Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<RegressionModels.LineModel>(x, y, options,
            new RegressionMixtureStart([0.5, 0.5], [[0, 1], [0, -1]], [1, 0]))).Message);
        Assert.Contains("not linear in its parameters", Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<RegressionModels.SinhSlopeLineModel>(x, y, options)).Message);
    }
}
