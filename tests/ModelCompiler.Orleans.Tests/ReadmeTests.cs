// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Tests.Infrastructure;
using ModelCompiler.Mixtures;

namespace ModelCompiler.Orleans.Tests;

/// <summary>
/// The README's ```csharp blocks marked <c>&lt;!-- compile in: tests/ModelCompiler.Orleans.Tests --&gt;</c> are, in
/// order, ReadmeExample.cs and ReadmeMixtureExample.cs of this project (their licence lines aside), so this project's
/// build compiles them, with the generator and Orleans, and the tests below run them on the cluster.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadmeTests(ClusterFixture fixture)
{
    private const string Marker = "compile in: tests/ModelCompiler.Orleans.Tests";

    private static readonly string[] Files = ["ReadmeExample.cs", "ReadmeMixtureExample.cs"];

    [Fact]
    public void TheBlocksAreTheExamples()
    {
        var blocks = Readme.Blocks().Where(b => b.Language == "csharp" && b.Comments.Contains(Marker)).ToArray();
        Assert.Equal(Files.Length, blocks.Length);
        for (int i = 0; i < Files.Length; i++)
        {
            var example = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "tests", "ModelCompiler.Orleans.Tests", Files[i]))
                              .SkipWhile(l => l.StartsWith("// SPDX", StringComparison.Ordinal));
            Assert.Equal(string.Join("\n", example) + "\n", blocks[i].Code);
        }
    }

    [Fact]
    public async Task TheMixtureExampleFitsPartitionsOnTheCluster()
    {
        using var temp = new TempDirectory();
        double[,] points = MixturePoints.Clusters(MixturePoints.Lengths.Sum(), seed: 21);
        string[] parts = MixturePoints.Write(points, temp.Path, MixturePoints.Lengths);
        var sample = new double[1000, 2];
        Buffer.BlockCopy(points, 0, sample, 0, sample.Length * sizeof(double));
        var distributed = await ClusterGmm.FitAsync(fixture.Client, parts, sample, CancellationToken.None);

        var start = new GaussianMixture(3).Fit(sample);
        var local = new GaussianMixture(3, new GaussianMixtureOptions
        {
            WeightsInit = start.Weights, MeansInit = start.Means, PrecisionsInit = start.Precisions,
            Em = new EmOptions { Tolerance = 1e-6, PartitionLengths = MixturePoints.Lengths },
        }).Fit(points);
        Assert.True(distributed.Converged);
        Assert.Equal(MixturePoints.Bits(local.Covariances), MixturePoints.Bits(distributed.Covariances));
        Assert.Equal(MixturePoints.Bits(local.Weights), MixturePoints.Bits(distributed.Weights));
    }

    [Fact]
    public async Task TheExampleFitsAFileOnTheCluster()
    {
        using var temp = new TempDirectory();
        var y = DecayCurves.Generate(3000, seed: 13);
        string input = DecayCurves.WriteFile(temp.Path, y);
        var results = await DecayJob.FitAsync(fixture.Client, input, temp.Sub("out"), CancellationToken.None);
        var local = CurveFit.FitMany<Lifetimes.DecayModel>(DecayCurves.X, y, DecayCurves.Initial);
        ClusterCurveFitTests.AssertIdentical(local, results);
    }
}
