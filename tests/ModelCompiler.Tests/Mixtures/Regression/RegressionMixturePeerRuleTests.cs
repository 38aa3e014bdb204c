// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>
/// The peers' own stopping rules and flexmix's σ, as options, against the peers' converged fits in the mix-*
/// references (R mixtools 2.0.0 regmixEM, flexmix 2.3-18; tolerances from the reference README: 1e-8 for
/// coefficients, scales and weights, 1e-10 relative for log-likelihoods).
/// </summary>
public class RegressionMixturePeerRuleTests
{
    private static RegressionMixtureResult FitLike(RegressionReference r, string name, RegressionMixtureOptions options) =>
        name == "mix-quad"
            ? RegressionMixture.Fit<ParabolaMixture, ParabolaModel>(r.X, r.Y, options)
            : RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, options);

    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-hard")]
    [InlineData("mix-quad")]
    public void MixtoolsStoppingRuleStopsWhereRegmixEmStops(string name)
    {
        // regmixEM's default: stop once the summed log-likelihood after an M-step rose by at most epsilon = 1e-8.
        var r = RegressionReference.Load(name);
        var options = r.StartOptions(1e-8, 10_000) with { StoppingRule = EmStoppingRule.LogLikelihoodIncrease };
        var fit = FitLike(r, name, options);
        var peer = r.Root.GetProperty("mixtools_converged");
        Assert.Equal(peer.GetProperty("iterations").GetInt32(), fit.Iterations);
        Assert.True(fit.Converged, fit.ToString());
        Assertions.NormWise(r.Values("mixtools_converged", "coef"), RegressionReference.Coefficients(fit), 1e-8, "coef");
        Assertions.NormWise(r.Values("mixtools_converged", "scale"), RegressionReference.Scales(fit), 1e-8, "scale");
        Assertions.NormWise(r.Values("mixtools_converged", "lambda"), RegressionReference.Weights(fit), 1e-8, "lambda");
        Assertions.Relative(peer.GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-10, "loglik");
        double[] all = r.Values("mixtools_converged", "all_loglik");
        Assert.Equal(all, [.. fit.LogLikelihoodTrace, fit.LogLikelihood], new RelativeComparer(1e-10));
    }

    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-hard")]
    [InlineData("mix-quad")]
    public void FlexmixScaleMatchesFlexmixAfterTheSameIterations(string name)
    {
        // FLXMRglm(family = "gaussian"): σ² = Σ w r² / mean(w) / (n − p), used in the E-step as flexmix does.
        var r = RegressionReference.Load(name);
        var options = r.StartOptions(0, r.FixedIterations) with { ScaleEstimator = RegressionScaleEstimator.Flexmix };
        var fit = FitLike(r, name, options);
        var peer = r.Root.GetProperty("flexmix_fixed");
        Assertions.NormWise(r.Values("flexmix_fixed", "coef"), RegressionReference.Coefficients(fit), 1e-8, "coef");
        Assertions.NormWise(r.Values("flexmix_fixed", "scale"), RegressionReference.Scales(fit), 1e-8, "scale");
        Assertions.NormWise(r.Values("flexmix_fixed", "prior"), MeanResponsibilities(fit), 1e-8, "prior");
        Assertions.Relative(peer.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-10, "logLik");
    }

    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-hard")]
    [InlineData("mix-quad")]
    public void FlexmixRelativeRuleStopsWhereFlexmixStops(string name)
    {
        // flexmix's default control: |Δ log L| / (|log L| + 0.1) < 1e-6, with its σ.
        var r = RegressionReference.Load(name);
        var options = r.StartOptions(1e-6, 200) with
        {
            StoppingRule = EmStoppingRule.RelativeLogLikelihoodChange,
            ScaleEstimator = RegressionScaleEstimator.Flexmix,
        };
        var fit = FitLike(r, name, options);
        var peer = r.Root.GetProperty("flexmix_converged");
        Assert.Equal(peer.GetProperty("iterations").GetInt32(), fit.Iterations);
        Assertions.NormWise(r.Values("flexmix_converged", "coef"), RegressionReference.Coefficients(fit), 1e-8, "coef");
        Assertions.NormWise(r.Values("flexmix_converged", "scale"), RegressionReference.Scales(fit), 1e-8, "scale");
        Assertions.Relative(peer.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-10, "logLik");
    }

    [Fact]
    public void FlexmixScaleNeedsGaussianNoise()
    {
        var r = RegressionReference.Load("mix-lines-laplace");
        var options = new RegressionMixtureOptions { ScaleEstimator = RegressionScaleEstimator.Flexmix };
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LaplaceLineMixture, LaplaceLineModel>(r.X, r.Y, options));
        Assert.Contains("Gaussian", e.Message);
    }

    [Fact]
    public void InitialWeightsFollowTheGaussianMixtureRule()
    {
        // One rule for explicit weights, scikit-learn's: each in [0, 1], summing to 1 within 1e-8; never renormalized.
        var r = RegressionReference.Load("mix-lines-seed");
        var options = r.StartOptions(0, 3) with { InitialWeights = [1, 1] };
        var e = Assert.Throws<ArgumentException>(() => RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, options));
        Assert.Contains("sum to 1", e.Message);
        var gmm = Assert.Throws<ArgumentException>(() =>
            new GaussianMixture(2, new GaussianMixtureOptions { WeightsInit = [1, 1] }).Fit(new double[,] { { 0 }, { 1 }, { 2 } }));
        Assert.Contains("sum to 1", gmm.Message);
    }

    private static double[] MeanResponsibilities(RegressionMixtureResult fit)
    {
        double[,] resp = fit.Responsibilities;
        int n = resp.GetLength(0), k = resp.GetLength(1);
        var mean = new double[k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
                mean[j] += resp[i, j] / n;
        return mean;
    }

    private sealed class RelativeComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance * Math.Abs(a);
        public int GetHashCode(double value) => 0;
    }
}
