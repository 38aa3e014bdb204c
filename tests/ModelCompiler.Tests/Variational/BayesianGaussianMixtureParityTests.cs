// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;
using ModelCompiler.Mixtures;
using ModelCompiler.Tests.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Variational;

/// <summary>
/// Parity with scikit-learn 1.2.1's BayesianGaussianMixture (Data/mixtures/bgm-2d.json): the first
/// M-step from one-hot init_label responsibilities, default priors, reg_covar 1e-6, tol 0, 100
/// iterations; all four covariance types under both weight priors. Tolerances from the reference
/// README: parameters 1e-8 norm-wise, every lower bound 1e-10 relative.
/// </summary>
public sealed class BayesianGaussianMixtureParityTests
{
    public static TheoryData<int> Fits => new() { 0, 1, 2, 3, 4, 5, 6, 7 };

    [Theory]
    [MemberData(nameof(Fits))]
    public void MatchesScikitLearn(int index)
    {
        var reference = MixtureReference.Load("bgm-2d");
        JsonElement f = reference.Fits[index];
        BayesianGaussianMixture fit = Fit(reference, f, f.GetProperty("n_iter").GetInt32());
        string what = $"{f.GetProperty("covariance_type").GetString()}/{f.GetProperty("weight_concentration_prior_type").GetString()}";

        JsonElement priors = f.GetProperty("priors_resolved");
        Assert.Equal(priors.GetProperty("weight_concentration_prior").GetDouble(), fit.Priors.WeightConcentration, 15);
        Assertions.NormWise(Flat(priors.GetProperty("mean_prior")), fit.Priors.Mean, 1e-12, what + " mean_prior");
        Assertions.NormWise(Flat(priors.GetProperty("covariance_prior")), fit.Priors.Covariance, 1e-12, what + " covariance_prior");

        Assertions.NormWise(Flat(f.GetProperty("weights")), fit.Weights, 1e-8, what + " weights");
        Assertions.NormWise(Flat(f.GetProperty("means")), Assertions.Flatten(fit.Means), 1e-8, what + " means");
        Assertions.NormWise(Flat(f.GetProperty("covariances")), fit.Covariances, 1e-8, what + " covariances");
        Assertions.NormWise(Flat(f.GetProperty("precisions_cholesky")), fit.PrecisionsCholesky, 1e-8, what + " precisions_cholesky");
        Assertions.NormWise(Flat(f.GetProperty("mean_precision")), fit.MeanPrecision, 1e-8, what + " mean_precision");
        Assertions.NormWise(Flat(f.GetProperty("degrees_of_freedom")), fit.DegreesOfFreedom, 1e-8, what + " dof");
        double[] concentration = Flat(f.GetProperty("weight_concentration"));
        double[] ours = fit.WeightConcentrationB is { } b ? [.. fit.WeightConcentration, .. b] : fit.WeightConcentration;
        Assertions.NormWise(concentration, ours, 1e-8, what + " weight_concentration");

        double[] trace = Flat(f.GetProperty("lower_bound_per_iteration"));
        Assert.Equal(trace.Length, fit.Iterations);
        for (int t = 0; t < trace.Length; t++)
            Assertions.Relative(trace[t], fit.FitSummary.LowerBoundTrace[t], 1e-10, $"{what} lower bound at iteration {t + 1}");
        Assertions.Relative(f.GetProperty("lower_bound").GetDouble(), fit.LowerBound, 1e-10, what + " lower_bound");
        Assert.False(fit.Converged);

        Assertions.Relative(f.GetProperty("score").GetDouble(), fit.Score(reference.X), 1e-10, what + " score");
        double[,] first = MixtureReference.FirstRows(reference.X, 20);
        JsonElement first20 = f.GetProperty("first20");
        double[] samples = fit.ScoreSamples(first);
        double[] expectedSamples = Flat(first20.GetProperty("score_samples"));
        for (int i = 0; i < 20; i++)
            Assertions.Relative(expectedSamples[i], samples[i], 1e-10, $"{what} score_samples[{i}]");
        double[] proba = Assertions.Flatten(fit.PredictProba(first));
        double[] expectedProba = Flat(first20.GetProperty("predict_proba"));
        for (int i = 0; i < proba.Length; i++)
            Assert.True(Math.Abs(proba[i] - expectedProba[i]) <= 1e-8, $"{what} predict_proba[{i}]: {proba[i]} vs {expectedProba[i]}");
        Assert.Equal(first20.GetProperty("predict").EnumerateArray().Select(e => e.GetInt32()), fit.Predict(first));
        Assert.Equal(f.GetProperty("components_with_weight_above_0.01").GetInt32(), fit.EffectiveComponents);
    }

    [Theory]
    [MemberData(nameof(Fits))]
    public void MatchesScikitLearnAfterFiveIterations(int index)
    {
        var reference = MixtureReference.Load("bgm-2d");
        JsonElement f = reference.Fits[index];
        BayesianGaussianMixture fit = Fit(reference, f, 5);
        JsonElement after = f.GetProperty("after_5_iterations");
        Assertions.NormWise(Flat(after.GetProperty("weights")), fit.Weights, 1e-8, "weights after 5");
        Assertions.NormWise(Flat(after.GetProperty("means")), Assertions.Flatten(fit.Means), 1e-8, "means after 5");
        Assertions.NormWise(Flat(after.GetProperty("covariances")), fit.Covariances, 1e-8, "covariances after 5");
        Assertions.Relative(after.GetProperty("lower_bound").GetDouble(), fit.LowerBound, 1e-10, "lower bound after 5");
    }

    internal static BayesianGaussianMixture Fit(MixtureReference reference, JsonElement f, int iterations, int? threads = null)
    {
        int k = reference.K;
        int[] labels = InitLabels();
        var resp = new double[labels.Length, k];
        for (int i = 0; i < labels.Length; i++)
            resp[i, labels[i]] = 1;
        var options = new BayesianGaussianMixtureOptions
        {
            CovarianceType = MixtureReference.Type(f.GetProperty("covariance_type").GetString()!),
            WeightConcentrationPriorType = f.GetProperty("weight_concentration_prior_type").GetString() == "dirichlet_process"
                ? WeightConcentrationPriorType.DirichletProcess
                : WeightConcentrationPriorType.DirichletDistribution,
            InitialResponsibilities = resp,
            Tolerance = 0,
            MaxIterations = iterations,
            MaxDegreeOfParallelism = threads,
        };
        return new BayesianGaussianMixture(k, options).Fit(reference.X);
    }

    /// <summary>The CSV's init_label column: the nearest of the JSON's init_centers for each point.</summary>
    internal static int[] InitLabels()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "mixtures", "bgm-2d.csv");
        string[] lines = File.ReadAllLines(path);
        int column = Array.IndexOf(lines[0].Split(','), "init_label");
        return lines.Skip(1).Select(l => int.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToArray();
    }

    private static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Number ? [e.GetDouble()] : MixtureReference.Flat(e);
}
