// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Tests.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Variational;

/// <summary>Bad input at the boundary of the variational solvers: clear ArgumentExceptions naming the problem.</summary>
public sealed class VariationalInputTests
{
    private static readonly BleiCaviOptions Cavi = new() { PriorVariance = 10 };
    private static double[,] Data() => VariationalData.Clusters(50, 2, 2, 1);

    [Fact]
    public void CaviRejectsTooFewOrTooManyComponents()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BleiCavi.Fit(Data(), 0, Cavi));
        var e = Assert.Throws<ArgumentException>(() => BleiCavi.Fit(Data(), 51, Cavi));
        Assert.Contains("K = 51", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void CaviNamesTheRowWithANonFiniteValue(double bad)
    {
        double[,] x = Data();
        x[17, 1] = bad;
        var e = Assert.Throws<ArgumentException>(() => BleiCavi.Fit(x, 2, Cavi));
        Assert.Contains("row 17", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void CaviRejectsABadPriorVariance(double sigma2)
    {
        var e = Assert.Throws<ArgumentException>(() => BleiCavi.Fit(Data(), 2, new BleiCaviOptions { PriorVariance = sigma2 }));
        Assert.Contains("PriorVariance", e.Message);
    }

    [Fact]
    public void CaviRejectsBadOptions()
    {
        Assert.Contains("MaxIterations", Assert.Throws<ArgumentException>(() => BleiCavi.Fit(Data(), 2, Cavi with { MaxIterations = 0 })).Message);
        Assert.Contains("RestartCount", Assert.Throws<ArgumentException>(() => BleiCavi.Fit(Data(), 2, Cavi with { RestartCount = 0 })).Message);
        Assert.Contains("RelativeTolerance", Assert.Throws<ArgumentException>(() => BleiCavi.Fit(Data(), 2, Cavi with { RelativeTolerance = -1 })).Message);
        Assert.Contains("InitialMeans", Assert.Throws<ArgumentException>(() => BleiCavi.Fit(Data(), 2, Cavi with { InitialMeans = new double[2, 3] })).Message);
        Assert.Contains("InitialVariances[1]", Assert.Throws<ArgumentException>(() => BleiCavi.Fit(Data(), 2, Cavi with { InitialVariances = [1, 0] })).Message);
        Assert.Throws<ArgumentException>(() => BleiCavi.Fit(new double[0, 2], 1, Cavi));
    }

    [Fact]
    public void MixtureRejectsBadConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesianGaussianMixture(0));
        Assert.Contains("WeightConcentrationPrior", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { WeightConcentrationPrior = 0 })).Message);
        Assert.Contains("MeanPrecisionPrior", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { MeanPrecisionPrior = -1 })).Message);
        Assert.Contains("RegularizationCovariance", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { RegularizationCovariance = double.NaN })).Message);
    }

    [Fact]
    public void MixtureRejectsBadData()
    {
        double[,] x = Data();
        x[33, 0] = double.NaN;
        Assert.Contains("row 33", Assert.Throws<ArgumentException>(() => new BayesianGaussianMixture(2).Fit(x)).Message);
        Assert.Throws<ArgumentException>(() => new BayesianGaussianMixture(51).Fit(Data()));
        var fitted = new BayesianGaussianMixture(2).Fit(Data());
        Assert.Throws<ArgumentException>(() => fitted.Predict(new double[3, 3]));
        Assert.Throws<InvalidOperationException>(() => new BayesianGaussianMixture(2).Predict(Data()));
    }

    [Fact]
    public void MixtureRejectsBadPriorsAndResponsibilities()
    {
        double[,] x = Data();
        Assert.Contains("DegreesOfFreedomPrior", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { DegreesOfFreedomPrior = 1 }).Fit(x)).Message);
        Assert.Contains("MeanPrior", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { MeanPrior = [1, 2, 3] }).Fit(x)).Message);
        Assert.Contains("positive definite", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { CovariancePrior = [1, 2, 2, 1] }).Fit(x)).Message);
        Assert.Contains("CovariancePrior", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { CovarianceType = CovarianceType.Diagonal, CovariancePrior = [1, -1] }).Fit(x)).Message);
        Assert.Contains("n×K", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { InitialResponsibilities = new double[50, 3] }).Fit(x)).Message);
        var resp = new double[50, 2];
        for (int i = 0; i < 50; i++)
            resp[i, i % 2] = 1;
        resp[7, 0] = -1;
        Assert.Contains("row 7", Assert.Throws<ArgumentException>(() =>
            new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions { InitialResponsibilities = resp }).Fit(x)).Message);
    }

    [Theory]
    [InlineData(CovarianceType.Full, 76.32020270002505, 3.5466399661366306)]
    [InlineData(CovarianceType.Tied, 76.3199545890793, 3.5467070638924483)]
    [InlineData(CovarianceType.Diagonal, 76.32020267160341, 3.5466399639438744)]
    [InlineData(CovarianceType.Spherical, -32.514152550036684, -3.3374760182449434)]
    public void AConstantFeatureIsFittedAsScikitLearnFitsIt(CovarianceType type, double lowerBound, double score)
    {
        // The default covariance prior, the data's covariance, is singular with a constant feature; it was refused
        // (except for spherical covariances), where reg_covar keeps every posterior covariance positive definite.
        // References: scikit-learn 1.2.1, BayesianGaussianMixture(2, covariance_type, max_iter=100, tol=0) on these
        // points, started from the responsibilities [0]*6 + [1]*6 (_initialize(X, resp)): lower_bound_ and score(X).
        double[] u = [0.1, -0.4, 0.7, 0.2, -0.9, 0.5, 6.1, 5.6, 6.8, 5.9, 6.4, 5.2];
        var x = new double[12, 2];
        var resp = new double[12, 2];
        for (int i = 0; i < 12; i++)
        {
            x[i, 0] = u[i];
            x[i, 1] = 5;
            resp[i, i < 6 ? 0 : 1] = 1;
        }
        var fit = new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions
        {
            CovarianceType = type, InitialResponsibilities = resp, Tolerance = 0, MaxIterations = 100,
        }).Fit(x);
        Assertions.Relative(lowerBound, fit.LowerBound, 1e-9, "lower bound");
        Assertions.Relative(score, fit.Score(x), 1e-9, "score");
    }
}
