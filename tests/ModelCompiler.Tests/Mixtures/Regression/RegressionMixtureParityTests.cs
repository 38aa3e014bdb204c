// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>
/// Parity with R's mixtools regmixEM and flexmix on the mix-* references, to the tolerances of the reference
/// README: `_fixed` runs from the same start for the same number of iterations (1e-8; log-likelihoods 1e-10
/// relative), converged runs against the MLE of `mle_by_numpy_em` (1e-5), Laplace against the flexmix LAD
/// driver at the README's bound for an exact (simplex) LAD step, 1e-8: IRLS ends on the exact vertex.
/// </summary>
public class RegressionMixtureParityTests
{
    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-hard")]
    public void LinesMatchMixtoolsAfterTheSameIterations(string name) =>
        AssertMixtoolsFixed(name, r => RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, r.StartOptions(0, r.FixedIterations)));

    [Fact]
    public void ParabolasMatchMixtoolsAfterTheSameIterations() =>
        AssertMixtoolsFixed("mix-quad", r => RegressionMixture.Fit<ParabolaMixture, ParabolaModel>(r.X, r.Y, r.StartOptions(0, r.FixedIterations)));

    [Fact]
    public void LevenbergMarquardtMStepMatchesMixtools()
    {
        // The same line behind a model that does not claim linearity: every M-step is a weighted LM fit.
        var r = RegressionReference.Load("mix-lines-seed");
        var fit = RegressionMixture.Fit<OpaqueLineMixture, OpaqueLineModel>(r.X, r.Y, r.StartOptions(0, r.FixedIterations));
        // LM stops at the default 1e-15 tolerances, a few digits short of the direct solve.
        Assertions.NormWise(r.Values("mixtools_fixed", "coef"), RegressionReference.Coefficients(fit), 1e-7, "coef");
        Assertions.NormWise(r.Values("mixtools_fixed", "scale"), RegressionReference.Scales(fit), 1e-7, "scale");
        Assertions.Relative(r.Root.GetProperty("mixtools_fixed").GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-9, "loglik");
    }

    [Theory]
    [InlineData("mix-lines-seed")]
    [InlineData("mix-lines-hard")]
    [InlineData("mix-quad")]
    public void ConvergedFitIsTheMle(string name)
    {
        var r = RegressionReference.Load(name);
        var options = r.StartOptions(1e-14, 5000);
        var fit = name == "mix-quad"
            ? RegressionMixture.Fit<ParabolaMixture, ParabolaModel>(r.X, r.Y, options)
            : RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, options);
        Assertions.NormWise(r.Values("mle_by_numpy_em", "coef"), RegressionReference.Coefficients(fit), 1e-5, "coef");
        Assertions.NormWise(r.Values("mle_by_numpy_em", "scale"), RegressionReference.Scales(fit), 1e-5, "scale");
        Assertions.NormWise(r.Values("mle_by_numpy_em", "weights"), RegressionReference.Weights(fit), 1e-5, "weights");
        Assertions.Relative(r.Root.GetProperty("mle_by_numpy_em").GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-10, "loglik");
    }

    [Fact]
    public void LaplaceMatchesFlexmixLadDriverAfterTheSameIterations()
    {
        var r = RegressionReference.Load("mix-lines-laplace");
        var fit = RegressionMixture.Fit<LaplaceLineMixture, LaplaceLineModel>(r.X, r.Y, r.StartOptions(0, r.FixedIterations));
        Assertions.NormWise(r.Values("flexmix_fixed", "coef"), RegressionReference.Coefficients(fit), 1e-8, "coef");
        Assertions.NormWise(r.Values("flexmix_fixed", "scale"), RegressionReference.Scales(fit), 1e-8, "scale");
        // flexmix's prior is the mean posterior of its last E-step: our responsibilities at the returned θ.
        Assertions.NormWise(r.Values("flexmix_fixed", "prior"), MeanResponsibilities(fit), 1e-8, "prior");
        Assertions.Relative(r.Root.GetProperty("flexmix_fixed").GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-10, "logLik");
    }

    [Fact]
    public void LaplaceConvergedFitIsTheLadMle()
    {
        var r = RegressionReference.Load("mix-lines-laplace");
        var fit = RegressionMixture.Fit<LaplaceLineMixture, LaplaceLineModel>(r.X, r.Y, r.StartOptions(1e-14, 1000));
        Assertions.NormWise(r.Values("mle_by_numpy_em", "coef"), RegressionReference.Coefficients(fit), 1e-8, "coef");
        Assertions.NormWise(r.Values("mle_by_numpy_em", "scale"), RegressionReference.Scales(fit), 1e-8, "scale");
        Assertions.NormWise(r.Values("mle_by_numpy_em", "weights"), RegressionReference.Weights(fit), 1e-8, "weights");
        Assertions.Relative(r.Root.GetProperty("mle_by_numpy_em").GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-10, "loglik");
    }

    [Fact]
    public void LaplaceWithLevenbergMarquardtIrlsMatchesFlexmix()
    {
        // A model not known to be linear: IRLS alone (no exact vertex), the README's 1e-6 bound for an IRLS LAD step.
        var r = RegressionReference.Load("mix-lines-laplace");
        var fit = RegressionMixture.Fit<OpaqueLaplaceLineMixture, OpaqueLineModel>(r.X, r.Y, r.StartOptions(0, r.FixedIterations));
        Assertions.NormWise(r.Values("flexmix_fixed", "coef"), RegressionReference.Coefficients(fit), 1e-6, "coef");
        Assertions.NormWise(r.Values("flexmix_fixed", "scale"), RegressionReference.Scales(fit), 1e-6, "scale");
        Assertions.Relative(r.Root.GetProperty("flexmix_fixed").GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-8, "logLik");
    }

    private static void AssertMixtoolsFixed(string name, Func<RegressionReference, RegressionMixtureResult> fitter)
    {
        var r = RegressionReference.Load(name);
        var fit = fitter(r);
        Assert.Equal(r.FixedIterations, fit.Iterations);
        Assertions.NormWise(r.Values("mixtools_fixed", "coef"), RegressionReference.Coefficients(fit), 1e-8, "coef");
        Assertions.NormWise(r.Values("mixtools_fixed", "scale"), RegressionReference.Scales(fit), 1e-8, "scale");
        Assertions.NormWise(r.Values("mixtools_fixed", "lambda"), RegressionReference.Weights(fit), 1e-8, "lambda");
        Assertions.Relative(r.Root.GetProperty("mixtools_fixed").GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-10, "loglik");
        // all_loglik[t] is at θ_t: our trace holds θ_0 … θ_{T−1}, the final value is at θ_T.
        double[] all = r.Values("mixtools_fixed", "all_loglik");
        double[] mine = [.. fit.LogLikelihoodTrace, fit.LogLikelihood];
        Assert.Equal(all.Length, mine.Length);
        for (int t = 0; t < all.Length; t++)
            Assertions.Relative(all[t], mine[t], 1e-10, $"all_loglik[{t}]");
    }

    private static double[] MeanResponsibilities(RegressionMixtureResult fit)
    {
        double[,] r = fit.Responsibilities;
        int n = r.GetLength(0), k = r.GetLength(1);
        var mean = new double[k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
                mean[j] += r[i, j] / n;
        return mean;
    }
}
