// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Orleans.Tests;

/// <summary>
/// The README's ```csharp block marked <c>&lt;!-- compile in: tests/ModelCompiler.Orleans.Tests --&gt;</c> is
/// ReadmeExample.cs of this project (its licence line aside), so this project's build compiles it, with the generator
/// and Orleans, and the test below runs it on the cluster.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadmeTests(ClusterFixture fixture)
{
    private const string Marker = "compile in: tests/ModelCompiler.Orleans.Tests";

    [Fact]
    public void TheBlockIsReadmeExample()
    {
        var block = Assert.Single(Readme.Blocks(), b => b.Language == "csharp" && b.Comments.Contains(Marker));
        var example = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "tests", "ModelCompiler.Orleans.Tests", "ReadmeExample.cs"))
                          .SkipWhile(l => l.StartsWith("// SPDX", StringComparison.Ordinal));
        Assert.Equal(string.Join("\n", example) + "\n", block.Code);
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
