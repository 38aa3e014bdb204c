// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Orleans.Tests;

[Collection(ClusterCollection.Name)]
public sealed class FailureTests(ClusterFixture fixture)
{
    private static readonly ClusterFitOptions Fast = new()
    {
        CurvesPerPartition = 1000, PollInterval = TimeSpan.FromMilliseconds(20), RetryDelay = TimeSpan.FromMilliseconds(100),
    };

    private static CurveFitJob Job(string input, string output, long? curveCount = null) => new()
    {
        InputPath = input, OutputDirectory = output, X = DecayCurves.X, Initial = DecayCurves.Initial, CurveCount = curveCount,
    };

    [Fact]
    public async Task MissingInputFile_FailsAtOnceNamingPartitionAndFile()
    {
        using var temp = new TempDirectory();
        string input = temp.Sub("absent.f64");
        var error = await Assert.ThrowsAsync<CurvePartitionException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out"), curveCount: 1000), Fast));
        Assert.True(error.IsInputError);
        Assert.Equal(0, error.Partition);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("Partition 0", error.Message);
        Assert.Contains(input, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task TruncatedInputFile_FailsNamingThePartitionPastItsEnd()
    {
        using var temp = new TempDirectory();
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(2500, seed: 3));
        var error = await Assert.ThrowsAsync<CurvePartitionException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out"), curveCount: 3000), Fast));
        Assert.True(error.IsInputError);
        Assert.Equal(2, error.Partition);
        Assert.Contains("Partition 2 (curves 2000–2999", error.Message);
        Assert.Contains(input, error.Message);
        Assert.Contains("holds 2500 curves", error.Message);
        Assert.Empty(Directory.Exists(temp.Sub("out")) ? Directory.GetFiles(temp.Sub("out"), "*.tmp") : []);
    }

    [Fact]
    public async Task InputOfNoCurves_IsRefusedNamingTheFile()
    {
        // It "succeeded" with no partitions, and ReadResults then failed with "No partition files to merge" (probe 11).
        using var temp = new TempDirectory();
        string input = Path.Combine(temp.Path, "empty.f64");
        File.WriteAllBytes(input, []);
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out")), Fast));
        Assert.Contains($"{input} holds no curves", error.Message);
    }

    [Fact]
    public async Task InputOfPartialCurves_FailsAsCorrupt()
    {
        using var temp = new TempDirectory();
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(1500, seed: 4));
        await using (var stream = new FileStream(input, FileMode.Append))
            stream.Write(new byte[12]);
        var error = await Assert.ThrowsAsync<CurvePartitionException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out"), curveCount: 1500), Fast));
        Assert.True(error.IsInputError);
        Assert.Contains("Partition", error.Message);
        Assert.Contains($"{input} is corrupt", error.Message);

        // The client, when it reads the curve count itself, refuses the file before any partition runs.
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out")), Fast));
    }

    [Fact]
    public async Task NonFiniteData_IsAnInputErrorNamingPartitionAndCurve()
    {
        using var temp = new TempDirectory();
        var y = DecayCurves.Generate(2000, seed: 5);
        y[1234, 3] = double.NaN;
        string input = DecayCurves.WriteFile(temp.Path, y);
        var error = await Assert.ThrowsAsync<CurvePartitionException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out")), Fast));
        Assert.True(error.IsInputError);
        Assert.Equal(1, error.Partition);
        Assert.Contains("Partition 1 (curves 1000–1999", error.Message);
        Assert.Contains("curve 234, 3] is NaN", error.Message);
        Assert.Contains("counted from the partition's first, curve 1000 of the file", error.Message);
    }

    [Fact]
    public async Task AttemptsThatTimeOut_AreRetriedThenFailTheJob()
    {
        using var temp = new TempDirectory();
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(1000, seed: 6));
        // The first poll comes after 20 ms, so no attempt can finish within 1 ms.
        var options = Fast with { PartitionTimeout = TimeSpan.FromMilliseconds(1), MaxAttempts = 2, RetryDelay = TimeSpan.Zero };
        var error = await Assert.ThrowsAsync<CurvePartitionException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out")), options));
        Assert.False(error.IsInputError);
        Assert.Equal(2, error.Attempts);
        Assert.Contains("Partition 0 (curves 0–999", error.Message);
        Assert.Contains("failed 2 attempt(s)", error.Message);
        Assert.Contains("did not finish within 00:00:00.0010000", error.Message);
    }

    public static TheoryData<ClusterFitOptions, string> BadOptions => new()
    {
        { new ClusterFitOptions { CurvesPerPartition = 0 }, nameof(ClusterFitOptions.CurvesPerPartition) },
        { new ClusterFitOptions { MaxAttempts = 0 }, nameof(ClusterFitOptions.MaxAttempts) },
        { new ClusterFitOptions { PartitionTimeout = TimeSpan.Zero }, nameof(ClusterFitOptions.PartitionTimeout) },
        { new ClusterFitOptions { PartitionTimeout = TimeSpan.MaxValue }, nameof(ClusterFitOptions.PartitionTimeout) },
        { new ClusterFitOptions { RetryDelay = TimeSpan.FromSeconds(-1) }, nameof(ClusterFitOptions.RetryDelay) },
        { new ClusterFitOptions { MaxConcurrentPartitions = 0 }, nameof(ClusterFitOptions.MaxConcurrentPartitions) },
        { new ClusterFitOptions { PollInterval = TimeSpan.Zero }, nameof(ClusterFitOptions.PollInterval) },
        { new ClusterFitOptions { JobId = "a/b" }, nameof(ClusterFitOptions.JobId) },
        { new ClusterFitOptions { JobId = "" }, nameof(ClusterFitOptions.JobId) },
    };

    [Theory, MemberData(nameof(BadOptions))]
    public async Task BadOptions_ThrowArgumentExceptionNamingTheOption(ClusterFitOptions options, string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job("in.f64", "out", 10), options));
        Assert.Equal("options", error.ParamName);
        Assert.StartsWith(name + " ", error.Message);
    }

    public static TheoryData<CurveFitJob, string> BadJobs => new()
    {
        { Job("", "out", 10), nameof(CurveFitJob.InputPath) },
        { Job("in.f64", " ", 10), nameof(CurveFitJob.OutputDirectory) },
        { Job("in.f64", "out", 10) with { X = [] }, nameof(CurveFitJob.X) },
        { Job("in.f64", "out", 10) with { X = [0, double.NaN] }, "X[1]" },
        { Job("in.f64", "out", 10) with { Initial = [1, 2] }, nameof(CurveFitJob.Initial) },
        { Job("in.f64", "out", -1), nameof(CurveFitJob.CurveCount) },
        { Job("in.f64", "out", 10) with { FitOptions = new CurveFitOptions { FunctionTolerance = -1 } }, nameof(CurveFitJob.FitOptions) },
        { Job("in.f64", "out", 10) with { FitOptions = new CurveFitOptions { Method = LeastSquaresMethod.MinpackLmdif } }, nameof(CurveFitJob.FitOptions) },
        { Job("in.f64", "out", 10) with { Setup = new BatchFitSetup { LowerBounds = new double[2, 3] } }, "Setup.LowerBounds" },
        { Job("in.f64", "out", 10) with { Setup = new BatchFitSetup { Sigma = new double[1, 3] } }, "Setup.Sigma" },
    };

    [Theory, MemberData(nameof(BadJobs))]
    public async Task BadJobs_ThrowArgumentExceptionNamingTheProperty(CurveFitJob job, string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, job, Fast));
        Assert.Equal("job", error.ParamName);
        Assert.StartsWith(name, error.Message);
    }

    [Theory]
    [InlineData(0, null, nameof(CurveFitSiloOptions.MaxConcurrentFits))]
    [InlineData(1, 0, nameof(CurveFitSiloOptions.MaxDegreeOfParallelism))]
    public void BadSiloOptions_ThrowArgumentExceptionNamingTheOption(int fits, int? cores, string name)
    {
        var options = new CurveFitSiloOptions { MaxConcurrentFits = fits, MaxDegreeOfParallelism = cores };
        Assert.False(options.IsValid(out string? error));
        Assert.StartsWith(name + " ", error);
    }
}
