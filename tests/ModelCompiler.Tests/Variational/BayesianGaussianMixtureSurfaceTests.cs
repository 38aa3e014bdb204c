// SPDX-License-Identifier: MIT
using System.Text.Json;
using ModelCompiler.Mixtures;
using ModelCompiler.Tests.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Variational;

/// <summary>
/// The rest of scikit-learn's BayesianGaussianMixture surface against scikit-learn 1.2.1 on bgm-2d: precisions_, the
/// shape of degrees_of_freedom_, warm_start, and AIC/BIC of the fitted point estimates.
/// </summary>
public sealed class BayesianGaussianMixtureSurfaceTests
{
    public static TheoryData<int> Fits => new() { 0, 1, 2, 3, 4, 5, 6, 7 };

    private static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Number ? [e.GetDouble()] : MixtureReference.Flat(e);

    private static readonly Dictionary<int, BayesianGaussianMixture> Fitted = new();

    /// <summary>Reference fit <paramref name="index"/> run to scikit-learn's n_iter, once per test run (fits are read only).</summary>
    private static BayesianGaussianMixture FullFit(int index)
    {
        lock (Fitted)
        {
            if (!Fitted.TryGetValue(index, out var fit))
            {
                var reference = MixtureReference.Load("bgm-2d");
                JsonElement f = reference.Fits[index];
                Fitted[index] = fit = BayesianGaussianMixtureParityTests.Fit(reference, f, f.GetProperty("n_iter").GetInt32());
            }
            return fit;
        }
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void PrecisionsAndDegreesOfFreedomHaveScikitLearnsValuesAndShapes(int index)
    {
        JsonElement f = MixtureReference.Load("bgm-2d").Fits[index];
        var fit = FullFit(index);
        Assertions.NormWise(Flat(f.GetProperty("precisions")), fit.Precisions, 1e-8, "precisions_");
        // degrees_of_freedom_ is a scalar for tied covariance, one value per component otherwise.
        Assertions.NormWise(Flat(f.GetProperty("degrees_of_freedom")), fit.DegreesOfFreedom, 1e-8, "degrees_of_freedom_");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void WarmStartContinuesOneIterationAtATimeAsScikitLearn(int index)
    {
        // The reference's lower_bound_per_iteration comes from warm_start=True, max_iter=1 and repeated fit calls.
        var reference = MixtureReference.Load("bgm-2d");
        JsonElement f = reference.Fits[index];
        var single = BayesianGaussianMixtureParityTests.Fit(reference, f, 1);
        var warm = new BayesianGaussianMixture(reference.K, single.Options with { WarmStart = true });
        double[] trace = Flat(f.GetProperty("lower_bound_per_iteration"));
        for (int t = 0; t < 5; t++)
        {
            warm.Fit(reference.X);
            Assert.Equal(1, warm.Iterations);
            Assertions.Relative(trace[t], warm.LowerBound, 1e-10, $"lower bound of warm fit {t + 1}");
        }
        JsonElement after = f.GetProperty("after_5_iterations");
        Assertions.NormWise(Flat(after.GetProperty("weights")), warm.Weights, 1e-8, "weights after 5 warm fits");
        Assertions.NormWise(Flat(after.GetProperty("covariances")), warm.Covariances, 1e-8, "covariances after 5 warm fits");
    }

    [Fact]
    public void WarmStartMeetsTheToleranceAgainstTheLastFitsBound()
    {
        // scikit-learn starts a warm fit from lower_bound_ of the last one, so a settled fit settles again in one
        // iteration; measured from L₀ = −∞ it could not stop before the second.
        var reference = MixtureReference.Load("bgm-2d");
        JsonElement f = reference.Fits[0];
        var options = BayesianGaussianMixtureParityTests.Fit(reference, f, 1).Options with { WarmStart = true, Tolerance = 0.5, MaxIterations = 200 };
        var warm = new BayesianGaussianMixture(reference.K, options).Fit(reference.X);
        Assert.True(warm.Converged && warm.Iterations > 1, warm.FitSummary.ToString());
        warm.Fit(reference.X);
        Assert.True(warm.Converged, warm.FitSummary.ToString());
        Assert.Equal(1, warm.Iterations);
    }

    [Theory]
    // scikit-learn 1.2.1: GaussianMixture.aic/bic(X) with the BGM's weights_, means_, covariances_ and
    // precisions_cholesky_ set (benchmarks/peers/bgm_information_criteria_sklearn.py).
    [InlineData(0, 35, 22748.056927025173, 22958.279791892932)]
    [InlineData(1, 29, 23053.282709167917, 23227.467368629776)]
    [InlineData(2, 23, 23215.319188339137, 23353.465642395095)]
    [InlineData(3, 20, 23292.65839493658, 23412.785746289584)]
    [InlineData(4, 35, 22747.31907444005, 22957.54193930781)]
    [InlineData(7, 20, 23292.341829867688, 23412.46918122069)]
    public void InformationCriteriaAreThoseOfThePointEstimates(int index, int parameters, double aic, double bic)
    {
        var reference = MixtureReference.Load("bgm-2d");
        var fit = FullFit(index);
        Assert.Equal(parameters, fit.FreeParameterCount);
        Assertions.Relative(aic, fit.Aic(reference.X), 1e-9, "aic");
        Assertions.Relative(bic, fit.Bic(reference.X), 1e-9, "bic");
    }
}
