// SPDX-License-Identifier: MIT
using System.Text.Json;
using ModelCompiler.Mixtures;
using static ModelCompiler.Tests.Mixtures.Assertions;

namespace ModelCompiler.Tests.Mixtures;

/// <summary>
/// Step-by-step parity with scikit-learn 1.2.1's GaussianMixture (reference fits in Data/mixtures,
/// made by the shared reference set's scripts/make_reference.py): same explicit initialization, tol = 0,
/// same max_iter; tolerances from the reference README (parameters 1e-8 norm-wise, bounds and scores
/// 1e-10 relative, predict_proba 1e-8 absolute).
/// </summary>
public sealed class GaussianMixtureParityTests
{
    public static TheoryData<string, int> Fits()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "gmm-1d", "gmm-2d", "gmm-8d" })
            for (int i = 0; i < MixtureReference.Load(name).Fits.Length; i++)
                data.Add(name, i);
        return data;
    }

    private static GaussianMixture FitLike(MixtureReference reference, JsonElement fit, int maxIterations, int? threads = null)
    {
        JsonElement init = fit.GetProperty("init");
        var options = new GaussianMixtureOptions
        {
            CovarianceType = MixtureReference.Type(fit.GetProperty("covariance_type").GetString()!),
            RegularizationCovariance = fit.GetProperty("reg_covar").GetDouble(),
            WeightsInit = MixtureReference.Flat(init.GetProperty("weights_init")),
            MeansInit = MixtureReference.Matrix(init.GetProperty("means_init")),
            PrecisionsInit = MixtureReference.Flat(init.GetProperty("precisions_init")),
            Em = new EmOptions { Tolerance = 0, MaxIterations = maxIterations, MaxDegreeOfParallelism = threads },
        };
        return new GaussianMixture(reference.K, options).Fit(reference.X);
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void Final_parameters_bounds_and_criteria_match_scikit_learn(string dataset, int index)
    {
        MixtureReference reference = MixtureReference.Load(dataset);
        JsonElement fit = reference.Fits[index];
        var gmm = FitLike(reference, fit, fit.GetProperty("max_iter").GetInt32());

        NormWise(MixtureReference.Flat(fit.GetProperty("weights")), gmm.Weights, 1e-8, "weights");
        NormWise(MixtureReference.Flat(fit.GetProperty("means")), Flatten(gmm.Means), 1e-8, "means");
        NormWise(MixtureReference.Flat(fit.GetProperty("covariances")), gmm.Covariances, 1e-8, "covariances");
        NormWise(MixtureReference.Flat(fit.GetProperty("precisions_cholesky")), gmm.PrecisionsCholesky, 1e-8, "precisions_cholesky");

        Assert.Equal(fit.GetProperty("n_iter").GetInt32(), gmm.Iterations);
        Assert.Equal(fit.GetProperty("converged").GetBoolean(), gmm.Converged);
        Relative(fit.GetProperty("lower_bound").GetDouble(), gmm.LowerBound, 1e-10, "lower_bound");
        double[] trace = MixtureReference.Flat(fit.GetProperty("lower_bound_per_iteration"));
        Assert.Equal(trace.Length, gmm.FitSummary.LowerBoundTrace.Count);
        for (int t = 0; t < trace.Length; t++)
            Relative(trace[t], gmm.FitSummary.LowerBoundTrace[t], 1e-10, $"lower_bound_per_iteration[{t}]");

        Relative(fit.GetProperty("score").GetDouble(), gmm.Score(reference.X), 1e-10, "score");
        Relative(fit.GetProperty("aic").GetDouble(), gmm.Aic(reference.X), 1e-10, "aic");
        Relative(fit.GetProperty("bic").GetDouble(), gmm.Bic(reference.X), 1e-10, "bic");
        Assert.Equal(fit.GetProperty("n_parameters").GetInt32(), gmm.FreeParameterCount);
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void First_rows_predictions_match_scikit_learn(string dataset, int index)
    {
        MixtureReference reference = MixtureReference.Load(dataset);
        JsonElement fit = reference.Fits[index];
        var gmm = FitLike(reference, fit, fit.GetProperty("max_iter").GetInt32());
        JsonElement first = fit.GetProperty("first20");
        double[,] head = MixtureReference.FirstRows(reference.X, 20);

        double[] proba = Flatten(gmm.PredictProba(head));
        double[] expectedProba = MixtureReference.Flat(first.GetProperty("predict_proba"));
        for (int i = 0; i < proba.Length; i++)
            Assert.True(Math.Abs(proba[i] - expectedProba[i]) <= 1e-8, $"predict_proba[{i}]: {proba[i]} vs {expectedProba[i]}");
        Assert.Equal(MixtureReference.Flat(first.GetProperty("predict")).Select(v => (int)v), gmm.Predict(head));
        double[] samples = gmm.ScoreSamples(head);
        double[] expectedSamples = MixtureReference.Flat(first.GetProperty("score_samples"));
        for (int i = 0; i < samples.Length; i++)
            Relative(expectedSamples[i], samples[i], 1e-10, $"score_samples[{i}]");
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void Five_iterations_match_scikit_learn_step_by_step(string dataset, int index)
    {
        MixtureReference reference = MixtureReference.Load(dataset);
        JsonElement fit = reference.Fits[index];
        JsonElement after = fit.GetProperty("after_5_iterations");
        var gmm = FitLike(reference, fit, 5);
        NormWise(MixtureReference.Flat(after.GetProperty("weights")), gmm.Weights, 1e-8, "weights");
        NormWise(MixtureReference.Flat(after.GetProperty("means")), Flatten(gmm.Means), 1e-8, "means");
        NormWise(MixtureReference.Flat(after.GetProperty("covariances")), gmm.Covariances, 1e-8, "covariances");
        Relative(after.GetProperty("score").GetDouble(), gmm.Score(reference.X), 1e-10, "score");
    }

    [Fact]
    public void Textbook_shared_sigma_estimates_of_seed_001_are_reproduced()
    {
        // The reference README's estimates for gmm-1d, tied, reg_covar 0, 100 iterations (scikit-learn 1.2.1):
        // π₁ = 0.29762, μ = (4.95731, 14.96369), σ² = 3.94937.
        MixtureReference reference = MixtureReference.Load("gmm-1d");
        JsonElement fit = reference.Fits.First(f => f.GetProperty("covariance_type").GetString() == "tied"
                                                   && f.GetProperty("reg_covar").GetDouble() == 0);
        var gmm = FitLike(reference, fit, 100);
        Assert.Equal(0.29762, gmm.Weights[0], 5);
        Assert.Equal(4.95731, gmm.Means[0, 0], 5);
        Assert.Equal(14.96369, gmm.Means[1, 0], 5);
        Assert.Equal(3.94937, gmm.Covariances[0], 5);
    }
}
