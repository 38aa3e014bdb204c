// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.Orleans.Mixtures;
using ModelCompiler.Variational;
using static ModelCompiler.Orleans.Tests.MixturePoints;

namespace ModelCompiler.Orleans.Tests;

/// <summary>
/// Mixture fits over point files on the three-silo cluster equal the one-machine fits with the same partition
/// lengths to the bit, also when a silo holding partitions dies in the middle of the fit.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MixtureClusterTests(ClusterFixture fixture)
{
    private static readonly double[,] Points = Clusters(Lengths.Sum(), seed: 7);

    private static readonly GaussianMixtureOptions Start = new()
    {
        WeightsInit = [0.4, 0.3, 0.3],
        MeansInit = new double[,] { { -1, 0 }, { 3, 2 }, { -2, 3 } },
        PrecisionsInit = [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1],
        Em = new EmOptions { Tolerance = 0, MaxIterations = 25, PartitionLengths = Lengths },
    };

    [Fact]
    public async Task GaussianMixtureOnTheClusterEqualsTheLocalFit()
    {
        using var temp = new TempDirectory();
        string[] paths = Write(Points, temp.Path, Lengths);
        var local = new GaussianMixture(3, Start).Fit(Points);
        var distributed = await new GaussianMixture(3, Start).FitAsync(fixture.Client, paths);
        Assert.Equal(25, local.Iterations);
        AssertIdentical(local, distributed);
        // The same partitions named by file:// URIs.
        var byUri = await new GaussianMixture(3, Start).FitAsync(fixture.Client, paths.Select(p => new Uri(p).AbsoluteUri).ToArray());
        AssertIdentical(local, byUri);
    }

    [Fact]
    public async Task BleiCaviOnTheClusterEqualsTheLocalFit()
    {
        using var temp = new TempDirectory();
        string[] paths = Write(Points, temp.Path, Lengths);
        var options = new BleiCaviOptions
        {
            PriorVariance = 25, RestartCount = 1, InitialMeans = new double[,] { { -1, 0 }, { 3, 2 }, { -2, 3 } }, PartitionLengths = Lengths,
        };
        BleiCaviResult local = BleiCavi.Fit(Points, 3, options);
        BleiCaviResult distributed = await ClusterMixtures.FitBleiCaviAsync(fixture.Client, paths, 3, options);
        Assert.True(local.ElboTrace.Count > 5);
        Assert.Equal(Bits(local.ElboTrace), Bits(distributed.ElboTrace));
        Assert.Equal(Bits(local.Means.Cast<double>()), Bits(distributed.Means.Cast<double>()));
        Assert.Equal(Bits(local.Variances), Bits(distributed.Variances));
    }

    [Fact]
    public async Task RegressionMixtureOnTheClusterEqualsTheLocalFit()
    {
        using var temp = new TempDirectory();
        double[,] rows = Planes(Lengths.Sum(), seed: 5);
        string[] paths = Write(rows, temp.Path, Lengths);
        int n = rows.GetLength(0);
        var x = new double[2 * n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
            (x[i], x[n + i], y[i]) = (rows[i, 0], rows[i, 1], rows[i, 2]);
        var options = new RegressionMixtureOptions
        {
            InitialWeights = [0.5, 0.5], InitialParameters = new double[,] { { 0, 1, 0 }, { 1, 0, 1 } }, InitialScales = [1, 1],
            Tolerance = 1e-12, PartitionLengths = Lengths,
        };
        var local = RegressionMixture.Fit<TestModels.PlanesMixture, TestModels.PlanesModel>(x, y, options);
        var distributed = await ClusterMixtures.FitRegressionMixtureAsync<TestModels.PlanesMixture, TestModels.PlanesModel>(
            fixture.Client, paths, options);
        Assert.True(local.Iterations > 5);
        Assert.Equal(Bits(local.LogLikelihoodTrace), Bits(distributed.LogLikelihoodTrace));
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(Bits(local.Components[c].Parameters), Bits(distributed.Components[c].Parameters));
            Assert.Equal(Bits(local.Components[c].StandardErrors), Bits(distributed.Components[c].StandardErrors));
            Assert.Equal(local.Components[c].Scale, distributed.Components[c].Scale);
        }
    }

    /// <summary>
    /// After the third iteration a secondary silo holding a partition is killed while the fit goes on: calls in flight
    /// to it are lost and sent again, later ones reach reactivations on the other silos, which read the same files, and
    /// the fit ends exactly as the local one.
    /// </summary>
    [Fact]
    public async Task ASiloKilledMidFitLeavesTheResultUnchanged()
    {
        // Nine partitions, so that placement puts some on a secondary silo whatever the activations already there.
        int[] lengths = [.. Enumerable.Repeat(EmEngine.ChunkLength, 8), 1234];
        double[,] points = Clusters(lengths.Sum(), seed: 8);
        var start = Start with { Em = Start.Em with { PartitionLengths = lengths } };
        using var temp = new TempDirectory();
        string[] paths = Write(points, temp.Path, lengths);
        var local = new GaussianMixture(3, start).Fit(points);
        var partitions = await ClusterPartitions.ConnectAsync(fixture.Client, paths,
            new ClusterPartitionsOptions { CallTimeout = TimeSpan.FromSeconds(10), RetryDelay = TimeSpan.FromMilliseconds(500), MaxAttempts = 20 });
        string primary = fixture.Cluster.Silos[0].SiloAddress.ToString();
        string? victim = (await partitions.SilosAsync()).FirstOrDefault(s => s != primary);
        Assert.NotNull(victim);

        Task? kill = null;
        var progress = new SynchronousProgress<EmProgress>(p =>
        {
            if (p.Iteration == 3 && kill is null)
                kill = Task.Run(() => fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.ToString() == victim)));
        });
        GaussianMixture distributed;
        try
        {
            distributed = await Task.Run(() => new GaussianMixture(3, start).Fit(partitions, progress));
        }
        finally
        {
            if (kill is not null)
            {
                await kill;
                await fixture.Cluster.StartAdditionalSiloAsync();
            }
        }

        Assert.NotNull(kill);
        Assert.DoesNotContain(victim, await partitions.SilosAsync());
        Console.WriteLine($"calls sent again after the silo was killed: {partitions.Retries}");
        AssertIdentical(local, distributed);
    }

    [Fact]
    public async Task AMissingOrCorruptPartitionFailsTheFitNamingIt()
    {
        using var temp = new TempDirectory();
        string[] paths = Write(Points, temp.Path, Lengths);
        File.Delete(paths[2]);
        var missing = await Assert.ThrowsAsync<MixturePartitionException>(() => new GaussianMixture(3, Start).FitAsync(fixture.Client, paths));
        Assert.True(missing.IsInputError);
        Assert.Equal(2, missing.Partition);
        Assert.Contains(paths[2], missing.Message);

        string corrupt = Path.Combine(temp.Path, "corrupt.points");
        File.Copy(paths[1], corrupt);
        using (var stream = new FileStream(corrupt, FileMode.Open))
            stream.SetLength(stream.Length - 16);
        var truncated = await Assert.ThrowsAsync<MixturePartitionException>(() =>
            new GaussianMixture(3, Start).FitAsync(fixture.Client, [paths[0], corrupt]));
        Assert.Equal(1, truncated.Partition);
        Assert.Contains("truncated", truncated.Message);

        var scheme = await Assert.ThrowsAsync<MixturePartitionException>(() =>
            new GaussianMixture(3, Start).FitAsync(fixture.Client, [paths[0], "http://example.org/part-1.points"]));
        Assert.True(scheme.IsInputError);
        Assert.Contains("scheme 'http'", scheme.Message);
    }

    [Fact]
    public async Task CallsThatKeepTimingOutFailTheFitAfterTheStatedAttempts()
    {
        using var temp = new TempDirectory();
        string[] paths = Write(Points, temp.Path, Lengths);
        var options = new ClusterPartitionsOptions { CallTimeout = TimeSpan.FromTicks(1), MaxAttempts = 3, RetryDelay = TimeSpan.Zero };
        var error = await Assert.ThrowsAsync<MixturePartitionException>(() => ClusterPartitions.ConnectAsync(fixture.Client, paths, options));
        Assert.False(error.IsInputError);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("failed 3 times", error.Message);
        Assert.Contains(paths[error.Partition], error.Message);
    }

    [Fact]
    public async Task BadOptionsAreRefusedByName()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ClusterPartitions.ConnectAsync(fixture.Client, ["a.points"],
            new ClusterPartitionsOptions { MaxAttempts = 0 }));
        Assert.Contains("MaxAttempts", error.Message);
    }

    private static void AssertIdentical(GaussianMixture local, GaussianMixture distributed)
    {
        Assert.Equal(Bits(local.FitSummary.LogLikelihoodTrace), Bits(distributed.FitSummary.LogLikelihoodTrace));
        Assert.Equal(Bits(local.Weights), Bits(distributed.Weights));
        Assert.Equal(Bits(local.Means.Cast<double>()), Bits(distributed.Means.Cast<double>()));
        Assert.Equal(Bits(local.Covariances), Bits(distributed.Covariances));
    }
}
