// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>Posterior, labels and log-likelihood of (x, y) at a fitted mixture or at parameters given outright.</summary>
public class RegressionMixturePredictionTests
{
    [Fact]
    public void AtTheFittedParametersTheyReproduceTheFit()
    {
        var r = RegressionReference.Load("mix-lines-seed");
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, r.StartOptions(1e-12, 1000));
        Assert.Equal(Assertions.Flatten(fit.Responsibilities), Assertions.Flatten(fit.PredictProba(r.X, r.Y)));
        Assert.Equal(fit.Labels(), fit.Predict(r.X, r.Y));
        Assertions.Relative(fit.LogLikelihood / r.X.Length, fit.Score(r.X, r.Y), 1e-14, "score");
        Assertions.Relative(fit.LogLikelihood, fit.ScoreSamples(r.X, r.Y).Sum(), 1e-14, "score samples");
    }

    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-laplace")]
    public void AtGivenParametersTheyAreThePeersPosteriors(string name)
    {
        // initial_posterior_first20: R's posteriors at θ₀ (flexmix's cluster = post0), for the first 20 rows.
        var r = RegressionReference.Load(name);
        var init = r.Root.GetProperty("init");
        double[] weights = MixtureReference.Flat(init.GetProperty("weights"));
        double[,] coef = MixtureReference.Matrix(init.GetProperty("coef"));
        double[] scales = MixtureReference.Flat(init.GetProperty("scale"));
        double[,] proba = name == "mix-lines-laplace"
            ? RegressionMixture.PredictProba<LaplaceLineMixture, LaplaceLineModel>(r.X, r.Y, weights, coef, scales)
            : RegressionMixture.PredictProba<LineMixture, LineModel>(r.X, r.Y, weights, coef, scales);
        double[] expected = MixtureReference.Flat(r.Root.GetProperty("initial_posterior_first20"));
        double[] first20 = Assertions.Flatten(proba)[..40];
        for (int i = 0; i < 40; i++)
            Assert.True(Math.Abs(expected[i] - first20[i]) <= 1e-12, $"posterior {i}: {first20[i]:R} vs {expected[i]:R}");
    }

    [Fact]
    public void ScoreAtTheStartIsMixtoolsFirstLogLikelihood()
    {
        // mixtools' all_loglik[0] is the log-likelihood (a sum) at θ₀.
        var r = RegressionReference.Load("mix-quad");
        var init = r.Root.GetProperty("init");
        double score = RegressionMixture.Score<ParabolaMixture, ParabolaModel>(
            r.X, r.Y, MixtureReference.Flat(init.GetProperty("weights")), MixtureReference.Matrix(init.GetProperty("coef")),
            MixtureReference.Flat(init.GetProperty("scale")));
        Assertions.Relative(r.Values("mixtools_fixed", "all_loglik")[0], score * r.X.Length, 1e-12, "log-likelihood at θ₀");
        int[] labels = RegressionMixture.Predict<ParabolaMixture, ParabolaModel>(
            r.X, r.Y, MixtureReference.Flat(init.GetProperty("weights")), MixtureReference.Matrix(init.GetProperty("coef")),
            MixtureReference.Flat(init.GetProperty("scale")));
        Assert.Equal(r.X.Length, labels.Length);
    }

    [Fact]
    public void NewDataAreCheckedLikeTheFitsData()
    {
        var r = RegressionReference.Load("mix-lines-seed");
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, r.StartOptions(0, 3));
        var e = Assert.Throws<ArgumentException>(() => fit.PredictProba([1, 2], [1.0]));
        Assert.Contains("same length", e.Message);
        e = Assert.Throws<ArgumentException>(() => fit.Score([1, 2], [1, double.NaN]));
        Assert.Contains("row 1", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            RegressionMixture.PredictProba<LineMixture, LineModel>([1.0], [1.0], [0.7, 0.7], new double[2, 2], [1, 1]));
        Assert.Contains("sum to 1", e.Message);
    }
}
