// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>Where the random starts lead: the partitions' pooled start, and the varied starts of random subsets.</summary>
public class RegressionMixtureStartTests
{
    // Data/regression-mixtures/README.md: mixtools 2.0.0 regmixEM, 10 starts, log L = −972.345371; flexmix 2.3-18,
    // 10 starts, −982.457661.
    private const double Mixtools = -972.345371, Flexmix = -982.457661;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TwoLinesWithOutliersReachMixtoolsMaximum(int seed)
    {
        var (x, y) = Load("lines-outliers");
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(x, y, new RegressionMixtureOptions { Seed = seed });
        Assert.Equal(EmTermination.Converged, fit.Termination);
        Assert.Equal(Mixtools, fit.LogLikelihood, 1e-4);
        // Both lines found: slopes near 2 and −1.5 (the second wide, with the outliers).
        var slopes = fit.Components.Select(c => c.Parameters[1]).Order().ToArray();
        Assert.InRange(slopes[1], 1.9, 2.1);
        // Random partitions alone start every component near the one pooled line and stop where flexmix stops.
        var partitions = RegressionMixture.Fit<LineMixture, LineModel>(x, y,
            new RegressionMixtureOptions { Seed = seed, Initialization = RegressionMixtureInitialization.RandomPartition });
        Assert.Equal(Flexmix, partitions.LogLikelihood, 0.01);
    }

    [Fact]
    public void RandomSubsetsAloneReachItAndFallBackToPartitionsOnFewPoints()
    {
        var (x, y) = Load("lines-outliers");
        var subsets = new RegressionMixtureOptions { Initialization = RegressionMixtureInitialization.RandomSubsets };
        Assert.Equal(Mixtools, RegressionMixture.Fit<LineMixture, LineModel>(x, y, subsets).LogLikelihood, 1e-4);
        // Fewer than K·(2P + 1) = 10 points: the starts are the random partitions, draw for draw.
        var few = RegressionMixture.Fit<LineMixture, LineModel>(x[..9], y[..9], subsets);
        var partitions = RegressionMixture.Fit<LineMixture, LineModel>(x[..9], y[..9],
            subsets with { Initialization = RegressionMixtureInitialization.RandomPartition });
        Assert.Equal(partitions.LogLikelihood, few.LogLikelihood);
        Assert.Equal(RegressionReference.Coefficients(partitions), RegressionReference.Coefficients(few));
    }

    private static (double[] X, double[] Y) Load(string name)
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "regression-mixtures", name + ".csv"));
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray());
    }
}
