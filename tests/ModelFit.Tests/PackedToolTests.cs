using System.Text.Json;
using ModelCompiler;
using ModelCompiler.ModelFit;
using ModelFit.Tests.Infrastructure;

namespace ModelFit.Tests;

/// <summary>The packed and installed tool on the bundled seed data, as the README runs it.</summary>
[Collection(PackedToolCollection.Name)]
public class PackedToolTests(PackedTool tool)
{
    private static readonly double[] SeedX = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] SeedY = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];

    [Fact]
    public void FitsTheSeedDataFromTheCertifiedStartAsCurveFitDoes()
    {
        var run = tool.Modelfit("fit", "examples/data/two-gaussians.csv", "--formula", TestModels.TwoGaussiansFormula,
                                "--x", "x", "--y", "y", "--p0", "a1=3,m1=3,s1=1,a2=4,m2=6,s2=1", "--json", "-");
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        FitCommandTests.AssertMatches(CurveFit.Fit<TestModels.TwoGaussiansModel>(SeedX, SeedY, [3, 3, 1, 4, 6, 1]), json.RootElement);
    }

    [Fact]
    public void FitsTheSeedDataWithoutAStartAndPrintsTheTable()
    {
        var run = tool.Modelfit("fit", "examples/data/two-gaussians.csv", "--formula", TestModels.TwoGaussiansFormula);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("│ a1        │", run.Output);
        Assert.Contains("RSS      0.3536246561", run.Output);
        Assert.Equal("", run.Error);
    }

    /// <summary>
    /// A second run of a formula loads the image the first one kept instead of compiling: the file is not written again
    /// (the tool writes an image only after compiling it), and the results are the same.
    /// </summary>
    [Fact]
    public void ASecondRunLoadsTheFormulaTheFirstCompiled()
    {
        string[] args = ["fit", "examples/data/two-gaussians.csv", "--formula", "a*exp(-(x-m)^2/(2*s^2)) + 0.125*b", "--p0", "a=4,m=5,s=2,b=0"];
        var before = Images();
        var first = tool.Modelfit(args);
        Assert.True(first.Code == ExitCode.Success, first.ToString());
        string image = Assert.Single(Images().Except(before));
        var written = File.GetLastWriteTimeUtc(image);

        var second = tool.Modelfit(args);
        Assert.True(second.Code == ExitCode.Success, second.ToString());
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(written, File.GetLastWriteTimeUtc(image));
        Assert.Equal(image, Assert.Single(Images().Except(before)));
    }

    private string[] Images() => Directory.Exists(tool.FormulaCache) ? Directory.GetFiles(tool.FormulaCache) : [];

    [Fact]
    public void ReportsBadInputWithoutAStackTrace()
    {
        var formula = tool.Modelfit("fit", "examples/data/two-gaussians.csv", "--formula", "a*expp(-k*x)");
        Assert.Equal((int)ExitCode.Formula, formula.ExitCode);
        Assert.Contains("error MC0003", formula.Error);
        Assert.Contains("    ^^^^", formula.Error);
        var column = tool.Modelfit("fit", "examples/data/two-gaussians.csv", "--formula", "a*x", "--y", "signal");
        Assert.Equal((int)ExitCode.Data, column.ExitCode);
        Assert.Contains("has no column 'signal'", column.Error);
        Assert.DoesNotContain("   at ", formula.Error + column.Error);
    }
}
