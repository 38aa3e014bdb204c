// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Mixtures;

/// <summary>
/// Data that leave components without points or push values to the edge of double: every fitted model stays
/// usable (Sample, Score, PredictProba), what was repaired is reported, and what cannot be represented is refused.
/// </summary>
public sealed class GaussianMixtureDegenerateDataTests
{
    // Ten points that take two values: five components, at most two with any data.
    private static double[,] TwoValues()
    {
        var x = new double[10, 1];
        for (int i = 0; i < 10; i++)
            x[i, 0] = i < 5 ? 1 : 3;
        return x;
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void Emptied_components_are_regularized_reported_and_the_model_stays_usable(CovarianceType type)
    {
        double[,] x = TwoValues();
        var gmm = new GaussianMixture(5, new GaussianMixtureOptions { CovarianceType = type }).Fit(x);

        Assert.NotEqual(EmTermination.NonFiniteLikelihood, gmm.FitSummary.Termination);
        // reg_covar reaches every component: no variance below it, every covariance positive definite.
        for (int c = 0; c < 5; c++)
        {
            double[,] cov = gmm.Covariance(c);
            Assert.True(cov[0, 0] >= 1e-6 && double.IsFinite(cov[0, 0]), $"component {c}: variance {cov[0, 0]}");
        }
        Assert.All(gmm.PrecisionsCholesky, v => Assert.True(double.IsFinite(v) && v > 0));
        // The three components without points are named.
        Assert.Equal(3, gmm.FitSummary.EmptyComponents.Count);
        Assert.Equal(3, gmm.FitSummary.Warnings.Count(w => w.Contains("empty")));
        Assert.Contains("empty", gmm.FitSummary.ToString());

        (double[,] points, _) = gmm.Sample(200, seed: 1);
        Assert.All(points.Cast<double>(), v => Assert.True(double.IsFinite(v)));
        // scikit-learn 1.2.1, GaussianMixture(5, random_state=0).fit(x).score(x) = 5.29566956521752 for full
        // covariance (k-means init); the two occupied components have variance reg_covar = 1e-6 whatever the type.
        Assert.Equal(5.29566956521752, gmm.Score(x), 1e-9);
        double[,] proba = gmm.PredictProba(x);
        for (int i = 0; i < 10; i++)
        {
            double sum = 0;
            for (int c = 0; c < 5; c++)
            {
                Assert.True(double.IsFinite(proba[i, c]));
                sum += proba[i, c];
            }
            Assert.Equal(1, sum, 1e-12);
        }
    }

    [Fact]
    public void An_emptied_component_without_regularization_is_lifted_and_reported()
    {
        var gmm = new GaussianMixture(5, new GaussianMixtureOptions { RegularizationCovariance = 0 }).Fit(TwoValues());
        Assert.All(gmm.Covariances, v => Assert.True(v > 0 && double.IsFinite(v)));
        Assert.NotEmpty(gmm.FitSummary.Warnings);
        gmm.Sample(10);
    }

    [Fact]
    public void Covariances_lifted_in_the_last_step_make_the_fit_degenerate_not_converged()
    {
        // Three copies of (1, 1) and one (2, 2) without regularization: both covariances collapse onto their points and are
        // lifted. The fit read Converged with a lower bound of 22.3 and an AIC of −156, numbers of the lift alone
        // (scikit-learn 1.2.1 raises "ill-defined empirical covariance" on these data with reg_covar = 0).
        var x = new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 }, { 2, 2 } };
        var gmm = new GaussianMixture(2, new GaussianMixtureOptions { RegularizationCovariance = 0 }).Fit(x);
        Assert.Equal(EmTermination.DegenerateComponent, gmm.FitSummary.Termination);
        Assert.False(gmm.Converged);
        Assert.Contains(gmm.FitSummary.Warnings, w => w.Contains("measure the lift, not the data"));
        // With scikit-learn's default regularization the same data give an ordinary fit.
        var regularized = new GaussianMixture(2).Fit(x);
        Assert.Equal(EmTermination.Converged, regularized.FitSummary.Termination);
    }

    [Fact]
    public void Data_whose_spread_overflows_double_are_refused_by_name()
    {
        var random = new Random(5);
        var x = new double[200, 2];
        for (int i = 0; i < 200; i++)
        {
            x[i, 0] = 1 + random.NextDouble();
            x[i, 1] = 1e200 * (i % 2 + 0.1 * random.NextDouble());
        }
        var e = Assert.Throws<ArgumentException>(() => new GaussianMixture(2).Fit(x));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("column 1", e.Message);
        Assert.Contains("overflow", e.Message);
        Assert.Throws<ArgumentException>(() => new BayesianGaussianMixture(2).Fit(x));
        Assert.Throws<ArgumentException>(() => BleiCavi.Fit(x, 2, new BleiCaviOptions { PriorVariance = 1 }));
    }

    [Fact]
    public void Cavi_refuses_data_whose_squares_overflow_even_when_their_spread_does_not()
    {
        // CAVI's prior is centred on zero, so it sums squares about zero: 1e160 + 1e150·u overflows there although its
        // deviations about the data's mean do not.
        var random = new Random(7);
        var x = new double[200, 1];
        for (int i = 0; i < 200; i++)
            x[i, 0] = 1e160 + 1e150 * (i % 2 + 0.1 * random.NextDouble());
        var e = Assert.Throws<ArgumentException>(() => BleiCavi.Fit(x, 2, new BleiCaviOptions { PriorVariance = 1 }));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("column 0 reaches 1E+160 in magnitude", e.Message);
        Assert.Contains("overflow", e.Message);
    }

    [Fact]
    public void Large_but_representable_data_fit_with_finite_parameters()
    {
        // Values near 1e150: squared deviations near 1e300 still fit in double, so the fit goes through.
        var random = new Random(6);
        var x = new double[200, 2];
        for (int i = 0; i < 200; i++)
        {
            x[i, 0] = 1e150 * (1 + random.NextDouble());
            x[i, 1] = 1e150 * (i % 2 + 0.1 * random.NextDouble());
        }
        var gmm = new GaussianMixture(2).Fit(x);
        Assert.Equal(EmTermination.Converged, gmm.FitSummary.Termination);
        Assert.All(gmm.Covariances, v => Assert.True(double.IsFinite(v)));
        Assert.All(gmm.Means.Cast<double>(), v => Assert.True(double.IsFinite(v)));
        Assert.True(double.IsFinite(gmm.Score(x)));
    }

    [Fact]
    public void The_reg_covar_warning_counts_every_variance_it_dominates()
    {
        // A constant second feature: both components' variance of it is reg_covar alone, and the warning named only one.
        var random = new Random(2);
        var x = new double[400, 2];
        for (int i = 0; i < 400; i++)
            (x[i, 0], x[i, 1]) = (10 * (i % 2) + random.NextDouble(), 3);
        var gmm = new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { Seed = 1 } }).Fit(x);
        string warning = Assert.Single(gmm.FitSummary.Warnings, w => w.Contains("RegularizationCovariance"));
        Assert.Contains("feature 1 (1E-06), and half or more of 1 other fitted variance:", warning);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void Data_in_units_so_small_that_reg_covar_dominates_are_warned_about(CovarianceType type)
    {
        // Two clusters 10 standard deviations apart. In units of 1e-6 scikit-learn's default reg_covar of 1e-6 is a million
        // times their variance: the fit merges them (both means at the centre) and reports convergence without a word.
        var random = new Random(3);
        var unit = new double[600, 1];
        for (int i = 0; i < 600; i++)
            unit[i, 0] = (i % 2 == 0 ? 0 : 10) + SyntheticMixtures.Normal(random);
        var small = new double[600, 1];
        for (int i = 0; i < 600; i++)
            small[i, 0] = 1e-6 * unit[i, 0];
        var options = new GaussianMixtureOptions { CovarianceType = type, Em = new EmOptions { Seed = 1 } };

        var fit = new GaussianMixture(2, options).Fit(unit);
        Assert.DoesNotContain(fit.FitSummary.Warnings, w => w.Contains("RegularizationCovariance"));
        var blurred = new GaussianMixture(2, options).Fit(small);
        Assert.Contains(blurred.FitSummary.Warnings, w => w.Contains("RegularizationCovariance 1E-06 is 100% of the fitted variance"));
        Assert.Contains("units nearer 1", blurred.FitSummary.ToString());

        // The variational mixture adds the same absolute reg_covar.
        var bgmOptions = new BayesianGaussianMixtureOptions { CovarianceType = type, Seed = 1 };
        Assert.Empty(new BayesianGaussianMixture(2, bgmOptions).Fit(unit).FitSummary.Warnings);
        Assert.Contains(new BayesianGaussianMixture(2, bgmOptions).Fit(small).FitSummary.Warnings,
                        w => w.Contains("RegularizationCovariance 1E-06 is") && w.Contains("units nearer 1"));
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diagonal)]
    public void Features_in_very_different_units_are_each_held_to_their_own_floor(CovarianceType type)
    {
        // Three clusters told apart by both features: a time in hours, in Unix seconds, beside a length in metres of
        // a few mm. The collapse floor was 1e-10 of the mean feature variance, 6.5e-4, above the length's whole
        // variance (1e-6): every covariance was "lifted", the length's information erased, and 3.3% of the points
        // went to the wrong cluster (scikit-learn 1.2: 0.7%). Each feature now has its own floor.
        var random = new Random(3);
        int n = 3000;
        var x = new double[n, 2];
        var truth = new int[n];
        for (int i = 0; i < n; i++)
        {
            truth[i] = i % 3;
            x[i, 0] = 1.7e9 + 3600 * ((truth[i] - 1) * 4 + SyntheticMixtures.Normal(random));
            x[i, 1] = 1e-3 * ((truth[i] == 1 ? 3 : -1) + SyntheticMixtures.Normal(random));
        }
        var gmm = new GaussianMixture(3, new GaussianMixtureOptions { CovarianceType = type, Em = new EmOptions { Seed = 1, InitializationCount = 3 } })
            .Fit(x);
        Assert.Equal(0, gmm.FitSummary.RepairedSteps);
        Assert.DoesNotContain(gmm.FitSummary.Warnings, w => w.Contains("collapsed"));
        int[] labels = gmm.Predict(x);
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        double agreement = orders.Max(order => Enumerable.Range(0, n).Count(i => order[labels[i]] == truth[i])) / (double)n;
        Assert.True(agreement >= 0.99, $"{agreement:P2} of the points in their own cluster");
    }
}
