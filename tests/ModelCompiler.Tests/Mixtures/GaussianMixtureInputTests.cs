// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Tests.Mixtures;

public sealed class GaussianMixtureInputTests
{
    private static readonly double[,] Data = SyntheticMixtures.ThreeClusters2D(50, 1);

    [Fact]
    public void Fewer_than_one_component_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(0));
        Assert.Equal("componentCount", e.ParamName);
    }

    [Fact]
    public void More_components_than_points_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new GaussianMixture(4).Fit(new double[3, 2] { { 1, 2 }, { 3, 4 }, { 5, 6 } }));
        Assert.Contains("4 components", e.Message);
        Assert.Contains("3 points", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_data_names_the_row(double bad)
    {
        var x = (double[,])Data.Clone();
        x[17, 1] = bad;
        var e = Assert.Throws<ArgumentException>(() => new GaussianMixture(2).Fit(x));
        Assert.Contains("row 17", e.Message);
        Assert.Equal("x", e.ParamName);
        Assert.Equal(bad, x[17, 1]);
    }

    [Fact]
    public void Empty_data_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new GaussianMixture(1).Fit(new double[0, 2]));

    [Fact]
    public void Predicting_with_the_wrong_dimension_is_rejected()
    {
        var gmm = new GaussianMixture(2).Fit(Data);
        var e = Assert.Throws<ArgumentException>(() => gmm.Predict(new double[5, 3]));
        Assert.Contains("3 features", e.Message);
        Assert.Throws<ArgumentException>(() => gmm.PredictProba(new double[5, 1]));
        Assert.Throws<ArgumentException>(() => gmm.Score(new double[5, 1]));
        Assert.Throws<ArgumentException>(() => gmm.ScoreSamples(new double[5, 1]));
    }

    [Fact]
    public void Using_an_unfitted_mixture_is_an_invalid_operation()
    {
        var gmm = new GaussianMixture(2);
        Assert.Throws<InvalidOperationException>(() => gmm.Predict(Data));
        Assert.Throws<InvalidOperationException>(() => gmm.Weights);
        Assert.Throws<InvalidOperationException>(() => gmm.Sample(10));
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new GaussianMixture(2, new GaussianMixtureOptions { WeightsInit = [0.5, 0.6] }).Fit(Data));
        Assert.Contains("sum", e.Message);
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions { WeightsInit = [1.5, -0.5] }).Fit(Data));
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions { WeightsInit = [1.0] }).Fit(Data));
    }

    [Fact]
    public void Precisions_that_are_not_positive_definite_are_rejected()
    {
        // Component 1: eigenvalues 3 and −1.
        var e = Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions
        {
            PrecisionsInit = [1, 0, 0, 1, 1, 2, 2, 1],
        }).Fit(Data));
        Assert.Contains("component 1", e.Message);
        Assert.Contains("positive definite", e.Message);
    }

    [Fact]
    public void Asymmetric_or_negative_or_misshapen_precisions_are_rejected()
    {
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(() => new GaussianMixture(1, new GaussianMixtureOptions
        {
            CovarianceType = CovarianceType.Tied,
            PrecisionsInit = [2, 0.5, 0, 2],
        }).Fit(Data)).Message);
        Assert.Contains("component 1", Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions
        {
            CovarianceType = CovarianceType.Spherical,
            PrecisionsInit = [1, -1],
        }).Fit(Data)).Message);
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions
        {
            CovarianceType = CovarianceType.Diagonal,
            PrecisionsInit = [1, 1, 1],
        }).Fit(Data));
    }

    [Fact]
    public void Means_of_the_wrong_shape_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new GaussianMixture(2, new GaussianMixtureOptions { MeansInit = new double[2, 3] }).Fit(Data));
        Assert.Contains("2×3", e.Message);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions { RegularizationCovariance = -1 }));
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { MaxIterations = 0 } }));
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { Tolerance = double.NaN } }));
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { InitializationCount = 0 } }));
        Assert.Throws<ArgumentException>(() => new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { MaxDegreeOfParallelism = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2).Fit(Data).Sample(0));
    }

    [Fact]
    public void Caller_arrays_are_not_modified()
    {
        var x = (double[,])Data.Clone();
        double[] weights = [0.5, 0.5];
        double[] precisions = [1, 0, 0, 1, 1, 0, 0, 1];
        var means = new double[,] { { 0, 0 }, { 3, 3 } };
        new GaussianMixture(2, new GaussianMixtureOptions { WeightsInit = weights, PrecisionsInit = precisions, MeansInit = means }).Fit(x);
        Assert.Equal(Assertions.Flatten(Data), Assertions.Flatten(x));
        Assert.Equal([0.5, 0.5], weights);
        Assert.Equal([1, 0, 0, 1, 1, 0, 0, 1], precisions);
        Assert.Equal([0.0, 0, 3, 3], Assertions.Flatten(means));
    }
}
