// SPDX-License-Identifier: MIT
using System.Text.Json;
using ModelCompiler.Mixtures;
using static ModelCompiler.Tests.Mixtures.Assertions;

namespace ModelCompiler.Tests.Mixtures;

public sealed class GaussianMixturePropertyTests
{
    private sealed class Recorder<T> : IProgress<T>
    {
        public List<T> Items { get; } = [];
        public void Report(T value)
        {
            lock (Items)
                Items.Add(value);
        }
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void Lower_bound_never_decreases(CovarianceType type)
    {
        // EM's monotonicity holds for the exact M-step, so reg_covar = 0 (as scikit-learn's test_monotonic_likelihood).
        double[,] x = SyntheticMixtures.ThreeClusters2D(5000, 11);
        foreach (var init in new[] { GaussianMixtureInitialization.Random, GaussianMixtureInitialization.KMeansPlusPlus, GaussianMixtureInitialization.KMeans })
        {
            var gmm = new GaussianMixture(4, new GaussianMixtureOptions
            {
                CovarianceType = type,
                RegularizationCovariance = 0,
                Initialization = init,
                Em = new EmOptions { Tolerance = 0, MaxIterations = 60, Seed = 3 },
            }).Fit(x);
            IReadOnlyList<double> trace = gmm.FitSummary.LowerBoundTrace;
            Assert.Equal(60, trace.Count);
            for (int t = 1; t < trace.Count; t++)
                Assert.True(trace[t] >= trace[t - 1] - 1e-12 * Math.Abs(trace[t - 1]),
                            $"{type}/{init}: bound fell from {trace[t - 1]:R} to {trace[t]:R} at iteration {t + 1}");
        }
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Spherical)]
    public void Responsibilities_sum_to_one_and_agree_with_predict(CovarianceType type)
    {
        double[,] x = SyntheticMixtures.ThreeClusters2D(3001, 5);
        var gmm = new GaussianMixture(3, new GaussianMixtureOptions { CovarianceType = type }).Fit(x);
        double[,] proba = gmm.PredictProba(x);
        int[] labels = gmm.Predict(x);
        for (int i = 0; i < x.GetLength(0); i++)
        {
            double sum = 0;
            int best = 0;
            for (int c = 0; c < 3; c++)
            {
                Assert.InRange(proba[i, c], 0.0, 1.0);
                sum += proba[i, c];
                if (proba[i, c] > proba[i, best])
                    best = c;
            }
            Assert.True(Math.Abs(sum - 1) <= 1e-14, $"row {i}: responsibilities sum to {sum:R}");
            Assert.Equal(best, labels[i]);
        }
        // fit_predict agrees with predict after the same fit.
        var again = new GaussianMixture(3, new GaussianMixtureOptions { CovarianceType = type });
        Assert.Equal(labels, again.FitPredict(x));
        // score is the mean of score_samples.
        Assert.Equal(gmm.ScoreSamples(x).Average(), gmm.Score(x), 12);
    }

    [Fact]
    public void Sample_then_refit_recovers_the_parameters()
    {
        // Truth: a 3-component full mixture fitted to synthetic data; 200,000 draws from it are refitted
        // from k-means. Standard errors at this n are about 0.005 on means and weights.
        var truth = new GaussianMixture(3).Fit(SyntheticMixtures.ThreeClusters2D(4000, 21));
        (double[,] points, int[] components) = truth.Sample(200_000, seed: 8);
        Assert.Equal(200_000, components.Length);
        var refit = new GaussianMixture(3, new GaussianMixtureOptions { Em = new EmOptions { Tolerance = 1e-8, MaxIterations = 500 } }).Fit(points);
        Assert.True(refit.Converged);
        double[,] trueMeans = truth.Means, fitMeans = refit.Means;
        for (int c = 0; c < 3; c++)
        {
            // Match components by the nearest mean.
            int m = Enumerable.Range(0, 3).MinBy(j => Math.Pow(fitMeans[j, 0] - trueMeans[c, 0], 2) + Math.Pow(fitMeans[j, 1] - trueMeans[c, 1], 2));
            Assert.Equal(truth.Weights[c], refit.Weights[m], 0.01);
            Assert.Equal(trueMeans[c, 0], fitMeans[m, 0], 0.03);
            Assert.Equal(trueMeans[c, 1], fitMeans[m, 1], 0.03);
            double[,] a = truth.Covariance(c), b = refit.Covariance(m);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                    Assert.Equal(a[i, j], b[i, j], 0.05 * Math.Max(1, Math.Abs(a[i, i])));
        }
        // The sampled component counts follow the weights.
        for (int c = 0; c < 3; c++)
            Assert.Equal(truth.Weights[c], components.Count(v => v == c) / 200_000.0, 0.005);
    }

    [Fact]
    public void Sampling_is_a_function_of_the_seed()
    {
        var gmm = new GaussianMixture(2, new GaussianMixtureOptions { CovarianceType = CovarianceType.Diagonal })
            .Fit(SyntheticMixtures.ThreeClusters2D(1000, 1));
        Assert.Equal(Flatten(gmm.Sample(100, 4).Points), Flatten(gmm.Sample(100, 4).Points));
        Assert.NotEqual(Flatten(gmm.Sample(100, 4).Points), Flatten(gmm.Sample(100, 5).Points));
    }

    [Theory]
    [InlineData(CovarianceType.Full, GaussianMixtureInitialization.KMeans)]
    [InlineData(CovarianceType.Tied, GaussianMixtureInitialization.KMeansPlusPlus)]
    [InlineData(CovarianceType.Diagonal, GaussianMixtureInitialization.Random)]
    [InlineData(CovarianceType.Spherical, GaussianMixtureInitialization.RandomFromData)]
    public void Results_do_not_depend_on_the_thread_count(CovarianceType type, GaussianMixtureInitialization init)
    {
        // 50,001 points = 25 chunks, so several workers really share the passes.
        double[,] x = SyntheticMixtures.ThreeClusters2D(50_001, 9);
        GaussianMixture Fit(int threads) => new GaussianMixture(4, new GaussianMixtureOptions
        {
            CovarianceType = type,
            Initialization = init,
            Em = new EmOptions { Tolerance = 0, MaxIterations = 30, Seed = 2, InitializationCount = 2, MaxDegreeOfParallelism = threads },
        }).Fit(x);
        GaussianMixture one = Fit(1);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            GaussianMixture many = Fit(threads);
            NormWise(one.Weights, many.Weights, 1e-12, $"weights on {threads} threads");
            NormWise(Flatten(one.Means), Flatten(many.Means), 1e-12, $"means on {threads} threads");
            NormWise(one.Covariances, many.Covariances, 1e-12, $"covariances on {threads} threads");
            Relative(one.LowerBound, many.LowerBound, 1e-12, $"lower bound on {threads} threads");
        }
    }

    [Fact]
    public void Warm_start_one_iteration_at_a_time_equals_one_long_run()
    {
        // scikit-learn's property, asserted by the reference script: max_iter = 1 with warm_start, M times,
        // gives the single max_iter = M fit.
        MixtureReference reference = MixtureReference.Load("gmm-2d");
        JsonElement init = reference.Fits[0].GetProperty("init");
        GaussianMixtureOptions Options(int iterations, bool warm) => new()
        {
            WeightsInit = MixtureReference.Flat(init.GetProperty("weights_init")),
            MeansInit = MixtureReference.Matrix(init.GetProperty("means_init")),
            PrecisionsInit = MixtureReference.Flat(init.GetProperty("precisions_init")),
            Em = new EmOptions { Tolerance = 0, MaxIterations = iterations, WarmStart = warm },
        };
        var stepwise = new GaussianMixture(4, Options(1, warm: true));
        var bounds = new List<double>();
        for (int t = 0; t < 6; t++)
            bounds.Add(stepwise.Fit(reference.X).LowerBound);
        var single = new GaussianMixture(4, Options(6, warm: false)).Fit(reference.X);
        Assert.Equal(single.Weights, stepwise.Weights);
        Assert.Equal(single.Covariances, stepwise.Covariances);
        Assert.Equal(single.FitSummary.LowerBoundTrace, bounds);
    }

    [Fact]
    public void Several_starts_keep_the_best_and_report_progress()
    {
        double[,] x = SyntheticMixtures.ThreeClusters2D(4000, 13);
        var progress = new Recorder<EmProgress>();
        var gmm = new GaussianMixture(5, new GaussianMixtureOptions
        {
            Initialization = GaussianMixtureInitialization.Random,
            Em = new EmOptions { InitializationCount = 4, Seed = 7, Tolerance = 1e-6, MaxIterations = 300 },
        }).Fit(x, progress);
        var finals = progress.Items.GroupBy(p => p.Initialization).Select(g => g.Last()).ToArray();
        Assert.Equal(4, finals.Length);
        double best = finals.Max(p => p.LowerBound);
        Assert.Equal(best, gmm.LowerBound);
        Assert.Equal(finals.First(p => p.LowerBound == best).Initialization, gmm.FitSummary.BestInitialization);
        // The kept parameters are that start's: scoring the data reproduces a bound at least as good.
        Assert.True(gmm.Score(x) >= gmm.LowerBound - 1e-9);
        Assert.All(progress.Items.Where(p => p.Iteration == 1), p => Assert.Equal(double.PositiveInfinity, p.Change));
    }

    [Fact]
    public void Same_seed_gives_the_same_fit()
    {
        double[,] x = SyntheticMixtures.ThreeClusters2D(3000, 17);
        var options = new GaussianMixtureOptions { Em = new EmOptions { Seed = 42, InitializationCount = 2 } };
        var a = new GaussianMixture(3, options).Fit(x);
        var b = new GaussianMixture(3, options).Fit(x);
        Assert.Equal(a.Covariances, b.Covariances);
        Assert.Equal(Flatten(a.Means), Flatten(b.Means));
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var gmm = new GaussianMixture(2);
        Assert.ThrowsAny<OperationCanceledException>(() => gmm.Fit(SyntheticMixtures.ThreeClusters2D(10_000, 1), null, cts.Token));
        Assert.False(gmm.IsFitted);
    }

    [Fact]
    public void A_collapsing_component_is_regularized_and_reported_not_NaN()
    {
        // 1-D, reg_covar = 0: six identical points at 100 and a component started on them collapse to zero
        // variance; the family lifts the variance and reports it.
        var random = new Random(4);
        var x = new double[1006, 1];
        for (int i = 0; i < 1000; i++)
            x[i, 0] = SyntheticMixtures.Normal(random);
        for (int i = 1000; i < 1006; i++)
            x[i, 0] = 100;
        var gmm = new GaussianMixture(2, new GaussianMixtureOptions
        {
            CovarianceType = CovarianceType.Full,
            RegularizationCovariance = 0,
            WeightsInit = [0.5, 0.5],
            MeansInit = new double[,] { { 0 }, { 100 } },
            PrecisionsInit = [1, 1],
            Em = new EmOptions { Tolerance = 0, MaxIterations = 10 },
        }).Fit(x);
        Assert.True(gmm.FitSummary.RepairedSteps > 0);
        Assert.True(gmm.FitSummary.LastMaximization.RegularizedComponents > 0);
        Assert.Equal(EmTermination.DegenerateComponent, gmm.FitSummary.Termination);
        Assert.All(gmm.Covariances, v => Assert.True(double.IsFinite(v) && v > 0));
        Assert.True(double.IsFinite(gmm.LowerBound));
        Assert.Equal(100, gmm.Means[1, 0], 12);
    }

    [Fact]
    public void An_empty_component_keeps_its_parameters_and_is_reported()
    {
        // A component started a million standard deviations away gets no responsibility at all.
        double[,] x = SyntheticMixtures.ThreeClusters2D(2000, 3);
        var gmm = new GaussianMixture(2, new GaussianMixtureOptions
        {
            CovarianceType = CovarianceType.Diagonal,
            WeightsInit = [0.5, 0.5],
            MeansInit = new double[,] { { 0, 0 }, { 1e6, 1e6 } },
            PrecisionsInit = [1, 1, 1, 1],
            Em = new EmOptions { Tolerance = 0, MaxIterations = 5 },
        }).Fit(x);
        Assert.Equal(1, gmm.FitSummary.LastMaximization.EmptyComponents);
        Assert.Equal(1e6, gmm.Means[1, 0]);
        Assert.True(gmm.Weights[1] < 1e-15);
        Assert.All(gmm.Covariances, v => Assert.True(double.IsFinite(v)));
        Assert.All(gmm.ScoreSamples(x), v => Assert.True(double.IsFinite(v)));
    }
}
