// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ModelCompiler.Orleans.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SiloLossTests(ClusterFixture fixture)
{
    /// <summary>
    /// 100 000 curves in 20 partitions on three silos. One secondary silo's fit slot is held by the test, so the
    /// partitions placed there wait in its queue however fast the others fit; once two partitions are complete, that
    /// silo is killed (its calls go unanswered) or stopped (its grains are deactivated and activated afresh
    /// elsewhere, where they no longer know their work). Its partitions are retried on the others, every curve is in
    /// the merged output once, and the results are those of a local fit to the bit. A new silo takes the lost one's
    /// place for the other tests.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SiloLostHalfWay_PartitionsRetriedAndResultsEqualLocalFit(bool graceful)
    {
        const int curves = 100_000;
        using var temp = new TempDirectory();
        var y = DecayCurves.Generate(curves, seed: graceful ? 1 : 2);
        string input = DecayCurves.WriteFile(temp.Path, y);
        var job = new CurveFitJob { InputPath = input, OutputDirectory = temp.Sub("out"), X = DecayCurves.X, Initial = DecayCurves.Initial };
        var options = new ClusterFitOptions
        {
            CurvesPerPartition = 5_000, MaxConcurrentPartitions = 9, MaxAttempts = 5,
            PollInterval = TimeSpan.FromMilliseconds(20), RetryDelay = TimeSpan.FromMilliseconds(500),
            PartitionTimeout = TimeSpan.FromMinutes(1), // a test gone wrong fails instead of waiting for the default hour
        };

        var handle = fixture.Cluster.Silos[1];
        string victim = handle.SiloAddress.ToString();
        // Before the job starts, so that no partition on the victim can finish: a lost silo that had already done
        // all its work would leave nothing to retry.
        var gate = handle.ServiceProvider.GetRequiredService<FitGate>();
        await gate.WaitAsync(CancellationToken.None);
        Task? kill = null;
        var progress = new SynchronousProgress<ClusterFitProgress>(p =>
        {
            if (kill is not null || p.PartitionsCompleted < 2 || !p.Partitions.Any(q => q.Silo == victim && q.State == PartitionState.Queued))
                return;
            lock (options)
                kill ??= Task.Run(() => graceful ? fixture.Cluster.StopSiloAsync(handle) : fixture.Cluster.KillSiloAsync(handle));
        });

        ClusterFitSummary summary;
        try
        {
            summary = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, job, options, progress);
        }
        finally
        {
            if (kill is not null)
                await kill;
            // A killed silo's grains live on in this process; let their queued fits run out.
            gate.Release();
            if (kill is not null)
                await fixture.Cluster.StartAdditionalSiloAsync();
        }

        Assert.NotNull(kill);
        Assert.Equal(20, summary.Partitions.Count);
        Assert.NotEmpty(summary.RetriedPartitions);
        Assert.All(summary.RetriedPartitions, p => Assert.NotEqual(victim, p.Silo));
        Console.WriteLine(summary);
        if (graceful)   // A stopped silo cancels its fits; a killed one's fits may still be running in this process.
            Assert.Empty(Directory.GetFiles(job.OutputDirectory, "*.tmp"));
        Assert.Equal(Enumerable.Range(0, 20), summary.Partitions.Select(p => p.Partition));

        var merged = ClusterCurveFit.ReadResults(summary);
        var local = CurveFit.FitMany<TestModels.DecayModel>(DecayCurves.X, y, DecayCurves.Initial);
        ClusterCurveFitTests.AssertIdentical(local, merged);
        Assert.Equal(local.ConvergedCount, summary.Converged);
        Assert.True(local.ConvergedCount > curves * 9 / 10, $"{local.ConvergedCount} of {curves} converged.");
    }
}
