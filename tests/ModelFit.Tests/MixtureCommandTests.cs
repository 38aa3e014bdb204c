using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelCompiler.ModelFit;
using ModelFit.Tests.Infrastructure;

namespace ModelFit.Tests;

/// <summary>The mixture and mixreg commands on generated samples whose components are known.</summary>
public class MixtureCommandTests
{
    private static readonly double[][] Means = [[0, 0], [5, 5], [0, 6]];

    /// <summary>300 points from each of three 2-D Gaussians (the means above; standard deviations 0.6–1, one correlated pair), seeded.</summary>
    private static string ThreeClusters()
    {
        var random = new Random(42);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var csv = new StringBuilder("u,v\n");
        double[][] scales = [[1, 0.6], [0.8, 0.8], [0.7, 1]];
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 300; i++)
            {
                double a = Normal(), b = Normal();
                double u = Means[k][0] + scales[k][0] * a;
                double v = Means[k][1] + scales[k][1] * (k == 1 ? 0.6 * a + 0.8 * b : b);
                csv.Append(CultureInfo.InvariantCulture, $"{u:R},{v:R}\n");
            }
        return csv.ToString();
    }

    [Fact]
    public void BicChoosesThreeComponentsAndRecoversThem()
    {
        using var work = new TemporaryDirectory("modelfit-mixture-");
        string path = work.Write("clusters.csv", ThreeClusters());
        var run = Cli.Run(["mixture", path, "--bic", "1..5", "--json", "-"]);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("modelfit/mixture/1", root.GetProperty("schema").GetString());
        Assert.Equal(3, root.GetProperty("chosenComponents").GetInt32());
        var bic = root.GetProperty("selection").EnumerateArray().Select(s => s.GetProperty("bic").GetDouble()).ToArray();
        Assert.Equal(5, bic.Length);
        Assert.Equal(bic.Min(), bic[2]);
        var components = root.GetProperty("components").EnumerateArray().ToArray();
        foreach (double[] mean in Means)
        {
            // Each true mean has a fitted component within 0.2 (the standard error of a mean of 300 points is about 0.05).
            var nearest = components.MinBy(c => Distance(mean, c.GetProperty("mean")))!;
            Assert.True(Distance(mean, nearest.GetProperty("mean")) < 0.2, run.Output);
            Assert.InRange(nearest.GetProperty("weight").GetDouble(), 0.3, 0.37);
        }
    }

    private static double Distance(double[] mean, JsonElement fitted) =>
        Math.Sqrt(Math.Pow(fitted[0].GetDouble() - mean[0], 2) + Math.Pow(fitted[1].GetDouble() - mean[1], 2));

    [Fact]
    public void PrintsTheComponentsAsATable()
    {
        using var work = new TemporaryDirectory("modelfit-mixture-");
        // A column name with brackets is printed as it is (Spectre would read [1] as markup).
        string path = work.Write("clusters.csv", ThreeClusters().Replace("u,v\n", "u[1],v\n"));
        var run = Cli.Run(["mixture", path, "--components", "3", "--covariance", "diag", "--columns", "v,u[1]"]);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("3 Gaussian components, diag covariance", run.Output);
        Assert.Contains("Mean v", run.Output);
        Assert.Contains("Mean u[1]", run.Output);
        Assert.Contains("Converged", run.Output);
        Assert.DoesNotContain("Model selection", run.Output);
    }

    [Fact]
    public void AMeanInUnixSecondsPrintsToAHundredthOfItsSpread()
    {
        // Two clusters 8,000 s apart in time, 500 s wide: at eight significant digits a mean printed as 1.7000091E+09,
        // to the nearest 100 s.
        using var work = new TemporaryDirectory("modelfit-mixture-");
        var random = new Random(2);
        var csv = new System.Text.StringBuilder("t,len\n");
        for (int i = 0; i < 600; i++)
        {
            double centre = i % 2 == 0 ? 9050 : 1050, u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double noise = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            csv.Append(FormattableString.Invariant($"{1.7e9 + centre + 500 * noise:F3},{(i % 2 == 0 ? 5 : 3) + 0.2 * random.NextDouble()}\n"));
        }
        string path = work.Write("times.csv", csv.ToString());
        var table = Cli.Run(["mixture", path, "--components", "2"]);
        var json = Cli.Run(["mixture", path, "--components", "2", "--json", "-"]);
        Assert.True(table.Code == ExitCode.Success, table.ToString());
        using var report = JsonDocument.Parse(json.Output);
        var rows = table.Output.Split('\n').Where(line => line.StartsWith("│ 0 ") || line.StartsWith("│ 1 ")).ToArray();
        var components = report.RootElement.GetProperty("components").EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length);
        for (int k = 0; k < 2; k++)
        {
            string[] cells = rows[k].Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            double shown = double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture);
            double mean = components[k].GetProperty("mean")[0].GetDouble();
            double spread = Math.Sqrt(components[k].GetProperty("covariance")[0][0].GetDouble());
            Assert.True(Math.Abs(shown - mean) <= spread / 100, rows[k]);
        }
    }

    [Fact]
    public void PlotsTheMixtureAndTheRegressionMixture()
    {
        using var work = new TemporaryDirectory("modelfit-mixture-");
        var mixture = Cli.Run(["mixture", work.Write("clusters.csv", ThreeClusters()), "--components", "3", "--plot", work["mixture.png"]]);
        Assert.True(mixture.Code == ExitCode.Success, mixture.ToString());
        Png.AssertImage(work["mixture.png"], 900, 600);
        var mixreg = Cli.Run(["mixreg", work.Write("lines.csv", TwoLines()), "-f", TestModels.LineFormula, "--plot", work["lines.png"]]);
        Assert.True(mixreg.Code == ExitCode.Success, mixreg.ToString());
        Png.AssertImage(work["lines.png"], 900, 600);
    }

    [Theory]
    [InlineData(new[] { "--components", "2", "--bic", "1..3" }, "error: Give --components or --bic, not both.")]
    [InlineData(new string[0], "error: Give --components K, or --bic 1..8 to choose K by BIC.")]
    [InlineData(new[] { "--bic", "3..1" }, "error: --bic 3..1: give a range of component counts, as 1..8.")]
    [InlineData(new[] { "--components", "2", "--covariance", "round" }, "error: Argument 'round' not recognized. Must be one of:")]
    [InlineData(new[] { "--components", "2", "--columns", "u,w" }, "has no column 'w'")]
    public void RejectsBadOptions(string[] options, string message)
    {
        using var work = new TemporaryDirectory("modelfit-mixture-");
        string path = work.Write("clusters.csv", "u,v\n0,1\n1,2\n2,0\n");
        var run = Cli.Run(["mixture", path, .. options]);
        Assert.NotEqual(ExitCode.Success, run.Code);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
    }

    /// <summary>y = 1 + 2x and y = 8 − x over x in [0, 10], 150 points each, noise sd 0.3, seeded.</summary>
    private static string TwoLines()
    {
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 300; i++)
        {
            double x = 10 * random.NextDouble();
            double y = (i % 2 == 0 ? 1 + 2 * x : 8 - x) + 0.3 * Normal();
            csv.Append(CultureInfo.InvariantCulture, $"{x:R},{y:R}\n");
        }
        return csv.ToString();
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("laplace")]
    public void MixregRecoversTwoLines(string noise)
    {
        using var work = new TemporaryDirectory("modelfit-mixreg-");
        string path = work.Write("lines.csv", TwoLines());
        var run = Cli.Run(["mixreg", path, "-f", TestModels.LineFormula, "--components", "2", "--noise", noise, "--json", "-"]);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(noise, json.RootElement.GetProperty("noise").GetString());
        var lines = json.RootElement.GetProperty("components").EnumerateArray()
            .Select(c => (A: c.GetProperty("parameters").GetProperty("a").GetDouble(), B: c.GetProperty("parameters").GetProperty("b").GetDouble()))
            .OrderBy(l => l.B).ToArray();
        Assert.Equal(8, lines[0].A, 0.2);
        Assert.Equal(-1, lines[0].B, 0.05);
        Assert.Equal(1, lines[1].A, 0.2);
        Assert.Equal(2, lines[1].B, 0.05);
    }
}
