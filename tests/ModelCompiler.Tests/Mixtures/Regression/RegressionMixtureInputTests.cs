// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>Bad input at the boundary: an ArgumentException that names the problem and the row.</summary>
public class RegressionMixtureInputTests
{
    private static readonly double[] X = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
    private static readonly double[] Y = X.Select((v, i) => i % 2 == 0 ? 2 * v : -v).ToArray();

    [Fact]
    public void LengthMismatchIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LineMixture, LineModel>(X, Y[..19]));
        Assert.Contains("same length", e.Message);
    }

    [Fact]
    public void MoreComponentsThanPointsIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<ThreeLinesMixture, ThreeLinesModel>([1.0, 2.0], [1.0, 2.0]));
        Assert.Contains("3 components need at least 3 points", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteResponseNamesTheRow(double bad)
    {
        double[] y = (double[])Y.Clone();
        y[7] = bad;
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LineMixture, LineModel>(X, y));
        Assert.Contains("row 7", e.Message);
    }

    [Fact]
    public void NonFiniteVariableNamesTheRow()
    {
        double[] x = (double[])X.Clone();
        x[12] = double.NegativeInfinity;
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LineMixture, LineModel>(x, Y));
        Assert.Contains("row 12", e.Message);
    }

    [Fact]
    public void PartialExplicitStartIsRejected()
    {
        var options = new RegressionMixtureOptions { InitialWeights = [0.5, 0.5] };
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LineMixture, LineModel>(X, Y, options));
        Assert.Contains("or none", e.Message);
    }

    [Fact]
    public void ExplicitStartOfTheWrongShapeIsRejected()
    {
        var options = new RegressionMixtureOptions
        {
            InitialWeights = [0.5, 0.5], InitialParameters = new double[2, 3], InitialScales = [1, 1],
        };
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LineMixture, LineModel>(X, Y, options));
        Assert.Contains("2×2", e.Message);
    }

    [Fact]
    public void NonPositiveStartScaleIsRejected()
    {
        var options = new RegressionMixtureOptions
        {
            InitialWeights = [0.5, 0.5], InitialParameters = new double[2, 2], InitialScales = [1, 0],
        };
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LineMixture, LineModel>(X, Y, options));
        Assert.Contains("InitialScales[1]", e.Message);
    }

    [Fact]
    public void InvalidOptionIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<LineMixture, LineModel>(X, Y, new RegressionMixtureOptions { MaxIterations = 0 }));
        Assert.Contains("MaxIterations", e.Message);
    }
}
