// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Tests.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Variational;

/// <summary>Properties of <see cref="BayesianGaussianMixture"/>: monotone bound, thread independence, surface.</summary>
public sealed class BayesianGaussianMixturePropertyTests
{
    public static TheoryData<CovarianceType, WeightConcentrationPriorType, int, int> Cases()
    {
        var data = new TheoryData<CovarianceType, WeightConcentrationPriorType, int, int>();
        int seed = 1;
        foreach (CovarianceType type in Enum.GetValues<CovarianceType>())
            foreach (WeightConcentrationPriorType prior in Enum.GetValues<WeightConcentrationPriorType>())
                foreach (int d in new[] { 1, 2, 4 })
                    data.Add(type, prior, d, seed++);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LowerBoundNeverDecreases(CovarianceType type, WeightConcentrationPriorType prior, int d, int seed)
    {
        double[,] x = VariationalData.Clusters(1500, d, 3, seed);
        var progress = new BleiCaviPropertyTests.CollectingProgress();
        var options = new BayesianGaussianMixtureOptions
        {
            CovarianceType = type, WeightConcentrationPriorType = prior, Tolerance = 0, MaxIterations = 80,
            InitializationCount = 2, Seed = seed, Initialization = GaussianMixtureInitialization.Random,
        };
        var bgm = new BayesianGaussianMixture(6, options).Fit(x, progress);
        foreach (var group in progress.Reports.GroupBy(r => r.Restart))
        {
            CaviProgress[] steps = group.ToArray();
            Assert.Equal(80, steps.Length);
            for (int t = 1; t < steps.Length; t++)
                Assert.True(steps[t].Bound >= steps[t - 1].Bound - 1e-10 * Math.Abs(steps[t].Bound),
                            $"start {group.Key}: bound fell from {steps[t - 1].Bound:R} to {steps[t].Bound:R} at iteration {t + 1}");
        }
        Assert.Equal(progress.Reports.Where(r => r.Iteration == 80).Max(r => r.Bound), bgm.LowerBound);
        Assert.Equal(1, bgm.Weights.Sum(), 12);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    public void ResultDoesNotDependOnThreadCount(CovarianceType type)
    {
        double[,] x = VariationalData.Clusters(30_000, 2, 4, 21);
        BayesianGaussianMixture Fit(int threads) => new BayesianGaussianMixture(5, new BayesianGaussianMixtureOptions
        {
            CovarianceType = type, Tolerance = 0, MaxIterations = 25, Seed = 5, MaxDegreeOfParallelism = threads,
        }).Fit(x);
        BayesianGaussianMixture one = Fit(1);
        foreach (int threads in new[] { 2, 3 })
        {
            BayesianGaussianMixture many = Fit(threads);
            for (int t = 0; t < one.Iterations; t++)
            {
                double a = one.FitSummary.LowerBoundTrace[t], b = many.FitSummary.LowerBoundTrace[t];
                Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Abs(a), $"bound {t} with {threads} threads: {a:R} vs {b:R}");
            }
            Assertions.NormWise(Assertions.Flatten(one.Means), Assertions.Flatten(many.Means), 1e-12, "means");
            Assertions.NormWise(one.Covariances, many.Covariances, 1e-12, "covariances");
        }
    }

    [Fact]
    public void DirichletProcessSwitchesOffSurplusComponents()
    {
        double[,] x = VariationalData.Clusters(3000, 2, 3, 77, spread: 10);
        var bgm = new BayesianGaussianMixture(8, new BayesianGaussianMixtureOptions { MaxIterations = 500, Seed = 1 }).Fit(x);
        Assert.True(bgm.Converged);
        Assert.InRange(bgm.EffectiveComponents, 3, 4);
    }

    [Fact]
    public void PredictAgreesWithPredictProbaAndScoreWithScoreSamples()
    {
        double[,] x = VariationalData.Clusters(800, 2, 3, 5);
        var bgm = new BayesianGaussianMixture(4, new BayesianGaussianMixtureOptions { CovarianceType = CovarianceType.Tied }).Fit(x);
        double[,] proba = bgm.PredictProba(x);
        int[] labels = bgm.Predict(x);
        for (int i = 0; i < 800; i++)
        {
            double s = 0;
            for (int c = 0; c < 4; c++)
            {
                s += proba[i, c];
                Assert.True(proba[i, c] <= proba[i, labels[i]]);
            }
            Assert.Equal(1, s, 12);
        }
        Assert.Equal(bgm.ScoreSamples(x).Average(), bgm.Score(x), 12);
    }

    [Fact]
    public void SampleDrawsFromTheFittedMixture()
    {
        double[,] x = VariationalData.Clusters(2000, 2, 2, 6);
        var bgm = new BayesianGaussianMixture(2, new BayesianGaussianMixtureOptions
        {
            WeightConcentrationPriorType = WeightConcentrationPriorType.DirichletDistribution,
        }).Fit(x);
        (double[,] points, int[] components) = bgm.Sample(20_000, seed: 3);
        Assert.Equal(20_000, points.GetLength(0));
        Assert.Equal(2, points.GetLength(1));
        double[] weights = bgm.Weights;
        for (int c = 0; c < 2; c++)
        {
            double share = components.Count(v => v == c) / 20_000.0;
            Assert.True(Math.Abs(share - weights[c]) < 0.02, $"component {c}: share {share}, weight {weights[c]}");
        }
        Assert.Equal(bgm.Sample(50, seed: 4).Points, bgm.Sample(50, seed: 4).Points);
    }

    [Fact]
    public void CallerArraysAreNotModified()
    {
        double[,] x = VariationalData.Clusters(300, 2, 2, 2);
        double[,] copy = (double[,])x.Clone();
        double[] meanPrior = [0.5, 0.5];
        var bgm = new BayesianGaussianMixture(3, new BayesianGaussianMixtureOptions { MeanPrior = meanPrior }).Fit(x);
        bgm.Predict(x);
        Assert.Equal(copy, x);
        Assert.Equal([0.5, 0.5], meanPrior);
        Assert.Equal(meanPrior, bgm.Priors.Mean);
    }

    [Fact]
    public void CancellationStopsTheFit()
    {
        double[,] x = VariationalData.Clusters(1000, 2, 3, 4);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new BayesianGaussianMixture(3).Fit(x, cancellationToken: source.Token));
    }
}
