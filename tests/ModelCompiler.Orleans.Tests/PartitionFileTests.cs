// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Orleans.Grains;

namespace ModelCompiler.Orleans.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PartitionFileTests(ClusterFixture fixture)
{
    private static readonly ClusterFitOptions Fast = new() { CurvesPerPartition = 1000, PollInterval = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task RerunningAJob_WritesIdenticalBytes()
    {
        using var temp = new TempDirectory();
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(2200, seed: 9));
        var job = new CurveFitJob { InputPath = input, OutputDirectory = temp.Sub("out"), X = DecayCurves.X, Initial = DecayCurves.Initial };
        var first = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, job, Fast);
        var bytes = first.OutputPaths.Select(File.ReadAllBytes).ToArray();

        // Again into the same folder (the files are replaced) and with other partitions in flight at once.
        var second = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, job, Fast with { MaxConcurrentPartitions = 1 });
        Assert.Equal(first.OutputPaths, second.OutputPaths);
        for (int k = 0; k < bytes.Length; k++)
            Assert.Equal(bytes[k], File.ReadAllBytes(second.OutputPaths[k]));
        Assert.Equal(3, bytes.Length);
        Assert.Empty(Directory.GetFiles(job.OutputDirectory, "*.tmp"));
    }

    [Fact]
    public void RunningOnePartitionTwice_WritesIdenticalBytes()
    {
        using var temp = new TempDirectory();
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(3000, seed: 10));
        var work = new PartitionWork
        {
            Partition = 1, FirstCurve = 1000, CurveCount = 1000, InputPath = input, PointCount = DecayCurves.X.Length,
            X = DecayCurves.X, Initial = DecayCurves.Initial, FitOptions = FitOptionsJson.Write(CurveFitOptions.Default),
            OutputPath = PartitionFile.PathOf(temp.Sub("out"), 1), JobCurveCount = 3000,
        };
        PartitionRunner.Run<TestModels.DecayModel>(work, 1, null, CancellationToken.None);
        byte[] once = File.ReadAllBytes(work.OutputPath);
        PartitionRunner.Run<TestModels.DecayModel>(work, 2, null, CancellationToken.None);
        Assert.Equal(once, File.ReadAllBytes(work.OutputPath));
        Assert.Single(Directory.GetFiles(temp.Sub("out")));
        var (firstCurve, results) = PartitionFile.Read(work.OutputPath);
        Assert.Equal(1000, firstCurve);
        Assert.Equal(1000, results.CurveCount);
    }

    [Fact]
    public async Task Merge_RejectsGapsOverlapsAndTruncatedFiles()
    {
        using var temp = new TempDirectory();
        string input = DecayCurves.WriteFile(temp.Path, DecayCurves.Generate(3000, seed: 12));
        var job = new CurveFitJob { InputPath = input, OutputDirectory = temp.Sub("out"), X = DecayCurves.X, Initial = DecayCurves.Initial };
        var summary = await ClusterCurveFit.FitManyAsync<TestModels.DecayModel>(fixture.Client, job, Fast);
        var paths = summary.OutputPaths;

        var gap = Assert.Throws<InvalidDataException>(() => PartitionFile.ReadMerged([paths[0], paths[2]]));
        Assert.Contains("Curves 1000–1999 are in none", gap.Message);
        var overlap = Assert.Throws<InvalidDataException>(() => PartitionFile.ReadMerged([paths[0], paths[1], paths[1], paths[2]]));
        Assert.Contains("already covers", overlap.Message);
        Assert.Equal(3000, PartitionFile.ReadMerged(paths.Reverse()).CurveCount);
        // The files record the job's size: without its last partition the merge gave 2,000 curves without a word.
        var tail = Assert.Throws<InvalidDataException>(() => PartitionFile.ReadMerged([paths[0], paths[1]]));
        Assert.Contains("cover curves 0–1999 of the job's 3000", tail.Message);

        byte[] whole = File.ReadAllBytes(paths[1]);
        File.WriteAllBytes(paths[1], whole[..^5]);
        var truncated = Assert.Throws<InvalidDataException>(() => ClusterCurveFit.ReadResults(summary));
        Assert.Contains(paths[1], truncated.Message);
    }

    [Fact]
    public void FitOptions_TravelWithEveryProperty()
    {
        // Every public init property set away from its default: a property the JSON form dropped would come back default.
        var options = new CurveFitOptions
        {
            Method = LeastSquaresMethod.MinpackLmdif, FunctionTolerance = 1e-9 / 3, ParameterTolerance = 0.1 + 0.2,
            GradientTolerance = double.Epsilon, MaxFunctionEvaluations = 77, MaxFunctionEvaluationsPerParameter = 13,
            InitialStepBound = Math.PI, PolishSolution = false, GeodesicAcceleration = true, VariableProjection = false,
            AbsoluteSigma = true, MaxDegreeOfParallelism = 3, ConfidenceLevel = 0.99, KeepStartLabels = false,
        };
        var defaults = new CurveFitOptions();
        foreach (var property in typeof(CurveFitOptions).GetProperties().Where(p => p.SetMethod is not null))
            Assert.False(Equals(property.GetValue(options), property.GetValue(defaults)), $"The test leaves {property.Name} at its default.");
        Assert.Equal(options, FitOptionsJson.Read(FitOptionsJson.Write(options)));
    }
}
