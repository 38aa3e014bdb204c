// SPDX-License-Identifier: MIT
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Variational;

/// <summary>
/// Blei's model fixes the observation variance at 1, so data in other units are outside it: the fit still runs, and
/// its warnings say that the means do not describe the clusters.
/// </summary>
public sealed class BleiCaviUnitsTests
{
    private static BleiCaviResult FitIn(double unit, double offset = 0)
    {
        double[,] x = VariationalData.Clusters(4000, 2, 3, seed: 7);
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < 2; j++)
                x[i, j] = offset + unit * x[i, j];
        return BleiCavi.Fit(x, 3, new BleiCaviOptions { PriorVariance = 100 * (unit * unit + offset * offset), Seed = 1 });
    }

    [Fact]
    public void DataInTheModelsUnitsGetNoWarning()
    {
        Assert.Empty(FitIn(1).Warnings);
        // Far from 0 the spread is found through a cancelling sum; its rounding must not raise a false warning.
        Assert.Empty(FitIn(1, offset: 1e6).Warnings);
    }

    [Fact]
    public void TightClustersUnitsApartAndOnePointPerComponentGetNoUnitsWarning()
    {
        // Points 1 and 5 with two components, and clusters 1e-3 wide at 0 and 10: the means describe them, but the
        // spread about them is far below 1, and the warning told the user to rescale x (probe 10).
        Assert.Empty(BleiCavi.Fit(new double[,] { { 1 }, { 5 } }, 2, new BleiCaviOptions { PriorVariance = 100, Seed = 1 }).Warnings);
        var tight = new double[200, 1];
        var random = new Random(3);
        for (int i = 0; i < 200; i++)
            tight[i, 0] = 10 * (i % 2) + 1e-3 * (random.NextDouble() - 0.5);
        var fit = BleiCavi.Fit(tight, 2, new BleiCaviOptions { PriorVariance = 100, Seed = 1 });
        Assert.Empty(fit.Warnings);
        // Points that are all the same are said to be, not blamed on their units.
        var same = BleiCavi.Fit(new double[,] { { 3 }, { 3 }, { 3 }, { 3 } }, 2, new BleiCaviOptions { PriorVariance = 100, Seed = 1 });
        string warning = Assert.Single(same.Warnings);
        Assert.Contains("every point is the same", warning);
        Assert.DoesNotContain("rescale", warning);
    }

    [Fact]
    public void TheResultPrintsItsMeansAndWarnings()
    {
        // It printed the record's default: "Means = System.Double[,]".
        var same = BleiCavi.Fit(new double[,] { { 3 }, { 3 }, { 3 }, { 3 } }, 2, new BleiCaviOptions { PriorVariance = 100, Seed = 1 });
        string text = same.ToString();
        Assert.DoesNotContain("System.", text);
        Assert.Contains("component 1: m = (", text);
        Assert.Contains("warning: every point is the same", text);
    }

    [Theory]
    [InlineData(1e-3)]   // clusters 1e-3 wide: the unit variance swamps them
    [InlineData(1e3)]    // clusters 1e3 wide, far wider than the model allows
    public void DataInOtherUnitsAreWarnedAbout(double unit)
    {
        BleiCaviResult fit = FitIn(unit);
        string warning = Assert.Single(fit.Warnings);
        Assert.Contains("where the model fixes it at 1", warning);
        Assert.Contains("rescale x", warning);
    }
}
