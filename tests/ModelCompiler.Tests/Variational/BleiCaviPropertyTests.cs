// SPDX-License-Identifier: MIT
using BayesianGmmCavi;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Variational;

/// <summary>Properties of <see cref="BleiCavi"/> that hold for any data: monotone ELBO, thread independence, restarts, the example.</summary>
public sealed class BleiCaviPropertyTests
{
    public static TheoryData<int, int> SeedsAndDimensions => new() { { 1, 1 }, { 2, 1 }, { 3, 2 }, { 4, 2 }, { 5, 3 }, { 6, 5 } };

    [Theory]
    [MemberData(nameof(SeedsAndDimensions))]
    public void ElboNeverDecreases(int seed, int d)
    {
        double[,] x = VariationalData.Clusters(3000, d, 4, seed);
        var options = new BleiCaviOptions { PriorVariance = 25, RelativeTolerance = 0, MaxIterations = 150, RestartCount = 3, Seed = seed };
        var restarts = new List<IReadOnlyList<double>>();
        var progress = new CollectingProgress();
        BleiCaviResult fit = BleiCavi.Fit(x, 5, options, progress);
        Assert.Equal(3 * 150, progress.Reports.Count);
        foreach (var group in progress.Reports.GroupBy(r => r.Restart))
        {
            CaviProgress[] steps = group.ToArray();
            Assert.Equal(150, steps.Length);
            for (int t = 1; t < steps.Length; t++)
                Assert.True(steps[t].Bound >= steps[t - 1].Bound - 1e-10 * Math.Abs(steps[t].Bound),
                            $"restart {group.Key}: ELBO fell from {steps[t - 1].Bound:R} to {steps[t].Bound:R} at iteration {t + 1}");
        }
        Assert.Equal(fit.RestartElbos.Max(), fit.Elbo);
        Assert.Equal(fit.RestartElbos[fit.BestRestart], fit.Elbo);
    }

    [Fact]
    public void ResultDoesNotDependOnThreadCount()
    {
        // 40,000 points are 20 chunks, so two and three workers really split the pass.
        double[,] x = VariationalData.Clusters(40_000, 2, 4, 11);
        BleiCaviResult Fit(int threads) => BleiCavi.Fit(x, 4, new BleiCaviOptions
        {
            PriorVariance = 25, RelativeTolerance = 0, MaxIterations = 40, RestartCount = 2, Seed = 3, MaxDegreeOfParallelism = threads,
        });
        BleiCaviResult one = Fit(1);
        foreach (int threads in new[] { 2, 3 })
        {
            BleiCaviResult many = Fit(threads);
            for (int t = 0; t < one.ElboTrace.Count; t++)
                Assert.True(Math.Abs(one.ElboTrace[t] - many.ElboTrace[t]) <= 1e-12 * Math.Abs(one.ElboTrace[t]), $"ELBO {t} with {threads} threads");
            for (int c = 0; c < 4; c++)
                for (int j = 0; j < 2; j++)
                    Assert.True(Math.Abs(one.Means[c, j] - many.Means[c, j]) <= 1e-12 * Math.Max(1, Math.Abs(one.Means[c, j])), $"m[{c},{j}] with {threads} threads");
        }
    }

    [Fact]
    public void SeedDecidesTheRestarts()
    {
        double[,] x = VariationalData.Clusters(2000, 2, 5, 8);
        var options = new BleiCaviOptions { PriorVariance = 25, RestartCount = 3, Seed = 42 };
        BleiCaviResult a = BleiCavi.Fit(x, 5, options), b = BleiCavi.Fit(x, 5, options);
        Assert.Equal(a.RestartElbos, b.RestartElbos);
        Assert.Equal(a.Means, b.Means);
    }

    [Fact]
    public void AssignmentsAreProbabilities()
    {
        double[,] x = VariationalData.Clusters(500, 3, 3, 9);
        BleiCaviResult fit = BleiCavi.Fit(x, 3, new BleiCaviOptions { PriorVariance = 25, RestartCount = 1 });
        double[,] phi = fit.Assignments(x);
        for (int i = 0; i < 500; i++)
        {
            double s = 0;
            for (int c = 0; c < 3; c++)
            {
                Assert.InRange(phi[i, c], 0, 1);
                s += phi[i, c];
            }
            Assert.Equal(1, s, 12);
        }
    }

    [Fact]
    public void CancellationStopsTheFit()
    {
        double[,] x = VariationalData.Clusters(1000, 2, 3, 4);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            BleiCavi.Fit(x, 3, new BleiCaviOptions { PriorVariance = 25 }, cancellationToken: source.Token));
    }

    [Fact]
    public void ExampleRecoversTheFiveClusterMeans()
    {
        // The BayesianGmmCavi example's data, seed, σ² and restarts.
        double[,] x = FiveClusters.Generate();
        BleiCaviResult fit = BleiCavi.Fit(x, 5, new BleiCaviOptions
        {
            PriorVariance = FiveClusters.PriorVariance, RestartCount = FiveClusters.Restarts, Seed = FiveClusters.Seed,
        });
        Assert.True(fit.Converged);
        double[] sorted = Enumerable.Range(0, 5).Select(c => fit.Means[c, 0]).Order().ToArray();
        for (int c = 0; c < 5; c++)
            Assert.True(Math.Abs(sorted[c] - FiveClusters.TrueMeans[c]) <= 0.1, $"sorted mean {c} is {sorted[c]}, truth {FiveClusters.TrueMeans[c]}");
    }

    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    internal sealed class CollectingProgress : IProgress<CaviProgress>
    {
        public List<CaviProgress> Reports { get; } = [];
        public void Report(CaviProgress value) => Reports.Add(value);
    }
}
