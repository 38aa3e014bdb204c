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
    /// A run keeps the formula it compiled in the tool's cache, and a later run of the formula loads it instead of
    /// compiling: shown by putting one formula's image under another's key, whose run then answers with the first's
    /// model (its offset b counts 0.125 instead of 0.25, so b comes out twice as large).
    /// </summary>
    [Fact]
    public void ALaterRunLoadsTheFormulaAnEarlierOneCompiled()
    {
        const string Eighth = "a*exp(-(x-m)^2/(2*s^2)) + 0.125*b", Quarter = "a*exp(-(x-m)^2/(2*s^2)) + 0.25*b";
        double OffsetOf(CliRun run)
        {
            Assert.True(run.Code == ExitCode.Success, run.ToString());
            using var json = JsonDocument.Parse(run.Output);
            return json.RootElement.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "b")
                       .GetProperty("value").GetDouble();
        }
        CliRun Fit(string formula) =>
            tool.Modelfit("fit", "examples/data/two-gaussians.csv", "--formula", formula, "--p0", "a=4,m=5,s=2,b=0", "--json", "-");

        var before = Images();
        double eighth = OffsetOf(Fit(Eighth));
        string eighthImage = Assert.Single(Images().Except(before));
        double quarter = OffsetOf(Fit(Quarter));
        string quarterImage = Assert.Single(Images().Except(before), f => f != eighthImage);
        Assert.Equal(eighth, 2 * quarter, 1e-9 * Math.Abs(eighth));

        File.Copy(eighthImage, quarterImage, overwrite: true);
        Assert.Equal(eighth, OffsetOf(Fit(Quarter)));
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
