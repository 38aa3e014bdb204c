// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Orleans.TestingHost;

namespace ModelCompiler.Orleans.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterCurveFitTests(ClusterFixture fixture)
{
    private static readonly ClusterFitOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(20), RetryDelay = TimeSpan.FromMilliseconds(200) };

    private static CurveFitJob Job(string input, string output, long? curveCount = null) => new()
    {
        InputPath = input, OutputDirectory = output, X = DecayCurves.X, Initial = DecayCurves.Initial, CurveCount = curveCount,
    };

    [Fact]
    public async Task SmallJobMatchesLocalFitBitForBit()
    {
        using var temp = new TempDirectory();
        var y = DecayCurves.Generate(2500, seed: 7);
        string input = DecayCurves.WriteFile(temp.Path, y);
        var summary = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(
            fixture.Client, Job(input, temp.Sub("out")), Fast with { CurvesPerPartition = 1000 });

        Assert.Equal(3, summary.Partitions.Count);
        Assert.Equal(2500, summary.CurveCount);
        var merged = ClusterCurveFit.ReadResults(summary);
        var local = CurveFit.FitMany<TestModels.DecayModel>(DecayCurves.X, y, DecayCurves.Initial);
        AssertIdentical(local, merged);
        Assert.Equal(local.ConvergedCount, summary.Converged);
    }

    [Fact]
    public async Task RunningAJobAgainUnderItsJobIdFitsItAgain()
    {
        // The grains of the first run were still active and answered the second with their state: new data in the same
        // file, or a deleted result file, came back as the old fits, "all converged".
        using var temp = new TempDirectory();
        var options = Fast with { CurvesPerPartition = 600, JobId = "again" };
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(1200, seed: 3));
        var first = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out")), options);
        var y = DecayCurves.Generate(1200, seed: 4);
        DecayCurves.WriteFile(temp.Path, y);
        File.Delete(first.Partitions[1].OutputPath);
        var second = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, Job(input, temp.Sub("out")), options);
        AssertIdentical(CurveFit.FitMany<TestModels.DecayModel>(DecayCurves.X, y, DecayCurves.Initial), ClusterCurveFit.ReadResults(second));
    }

    /// <summary>Curves over three decades of brightness, each starting with its amplitude and background solved: every silo's rule gives the local rule's starts.</summary>
    [Fact]
    public async Task SolvedStartsMatchTheLocalFitWithTheSameRule()
    {
        using var temp = new TempDirectory();
        var y = DecayCurves.Generate(1200, seed: 8);
        for (int c = 0; c < 1200; c++)
            for (int i = 0; i < DecayCurves.X.Length; i++)
                y[c, i] *= Math.Pow(10, c % 4 - 1);
        string input = DecayCurves.WriteFile(temp.Path, y);
        var summary = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(
            fixture.Client, Job(input, temp.Sub("out")) with { SolveLinearPerCurve = true }, Fast with { CurvesPerPartition = 500 });

        var rule = CurveFit.StartSolvingLinear<TestModels.DecayModel>(DecayCurves.X, DecayCurves.Initial);
        var local = CurveFit.FitMany<TestModels.DecayModel>(DecayCurves.X, y, rule);
        AssertIdentical(local, ClusterCurveFit.ReadResults(summary));
        Assert.NotEqual(CurveFit.FitMany<TestModels.DecayModel>(DecayCurves.X, y, DecayCurves.Initial).Evaluations, local.Evaluations);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(
            fixture.Client, Job(input, temp.Sub("bad")) with { SolveLinearPerCurve = true, Initial = [1, 0, 0] }, Fast));
        Assert.Contains("SolveLinearPerCurve: The model is NaN at point 0 at the shared start", refused.Message);
    }

    internal static void AssertIdentical(BatchFitResult expected, BatchFitResult actual)
    {
        Assert.Equal(expected.CurveCount, actual.CurveCount);
        Assert.Equal(expected.Formula, actual.Formula);
        Assert.Equal(Bits(expected.Parameters), Bits(actual.Parameters));
        Assert.Equal(Bits(expected.StandardErrors), Bits(actual.StandardErrors));
        Assert.Equal(Bits(expected.ResidualSumOfSquares), Bits(actual.ResidualSumOfSquares));
        Assert.Equal(expected.Terminations, actual.Terminations);
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.Evaluations, actual.Evaluations);
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
