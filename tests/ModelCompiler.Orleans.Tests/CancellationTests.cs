// SPDX-License-Identifier: MIT
using Microsoft.Extensions.DependencyInjection;

namespace ModelCompiler.Orleans.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CancellationTests(ClusterFixture fixture)
{
    /// <summary>
    /// Cancelled once its first curves are fitted, the job throws once their grains have stopped: no temporary file is
    /// left, every result file there is complete, and not every partition got one. One silo's fit slot is held by the
    /// test throughout, so the partitions placed there are still queued when the job is cancelled however fast the
    /// others fit, and their waits are cancelled too.
    /// </summary>
    [Fact]
    public async Task CancelledJob_StopsItsGrainsAndLeavesOnlyCompleteFiles()
    {
        using var temp = new TempDirectory();
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(120_000, seed: 11));
        string output = temp.Sub("out");
        var job = new CurveFitJob { InputPath = input, OutputDirectory = output, X = DecayCurves.X, Initial = DecayCurves.Initial };
        // The timeout only turns a test that went wrong into a failure instead of a wait for the default hour.
        var options = new ClusterFitOptions
        {
            CurvesPerPartition = 20_000, PollInterval = TimeSpan.FromMilliseconds(10), PartitionTimeout = TimeSpan.FromMinutes(1),
        };
        using var cancel = new CancellationTokenSource();
        ClusterFitProgress? last = null;
        var progress = new SynchronousProgress<ClusterFitProgress>(p =>
        {
            last = p;
            // Once any curve is done: a partition may finish between two polls, never seen running with curves done.
            if (p.CurvesFinished > 0)
                cancel.Cancel();
        });

        var gate = fixture.Cluster.Silos[1].ServiceProvider.GetRequiredService<FitGate>();
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, job, options, progress, cancel.Token));
        }
        finally
        {
            gate.Release();
        }

        Assert.True(cancel.IsCancellationRequested);
        Assert.NotNull(last);
        Assert.True(last.CurvesFinished > 0, "No partition had started.");
        var files = Directory.Exists(output) ? Directory.GetFiles(output) : [];
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.True(files.Length < 6, $"{files.Length} of 6 partitions were written.");
        foreach (string file in files)
            Assert.Equal(20_000, PartitionFile.Read(file).Results.CurveCount);
    }
}
