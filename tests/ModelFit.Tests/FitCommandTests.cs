using System.Text.Json;
using ModelCompiler;
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit;
using ModelCompiler.Generators.Tests.Infrastructure;
using ModelFit.Tests.Infrastructure;

namespace ModelFit.Tests;

/// <summary>The fit command in this process, on the seed data and on bad input.</summary>
public class FitCommandTests
{
    private static readonly double[] SeedX = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] SeedY = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];

    /// <summary>The certified start of the GaussianPeaks example, [3, 4, 3, 6, 1, 1] there, named as in this formula.</summary>
    private const string SeedStart = "a1=3,m1=3,s1=1,a2=4,m2=6,s2=1";

    /// <summary>The run-time compiler, as the tool runs; <see cref="TestModels.Generated"/> binds the generated twins.</summary>
    internal static FormulaBinder Binder => FormulaBinder.RunTime;

    internal static void AssertMatches(CurveFitResult expected, JsonElement json, double tolerance = 1e-10)
    {
        var parameters = json.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.Equal(expected.ParameterNames.Count, parameters.Length);
        for (int j = 0; j < parameters.Length; j++)
        {
            Assert.Equal(expected.ParameterNames[j], parameters[j].GetProperty("name").GetString());
            AssertClose(expected[j], parameters[j].GetProperty("value").GetDouble(), tolerance, expected.ParameterNames[j]);
            AssertClose(expected.StandardErrors[j], parameters[j].GetProperty("standardError").GetDouble(), tolerance, "SE " + expected.ParameterNames[j]);
        }
        AssertClose(expected.ResidualSumOfSquares, json.GetProperty("statistics").GetProperty("rss").GetDouble(), tolerance, "RSS");
        Assert.Equal(expected.Termination.ToString(), json.GetProperty("termination").GetProperty("reason").GetString());
        Assert.Equal(expected.IsDetermined, json.GetProperty("termination").GetProperty("determined").GetBoolean());
    }

    internal static void AssertClose(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: {actual:R}, expected {expected:R}");

    [Fact]
    public void TheSeedFitFromTheCertifiedStartIsCurveFitsFit()
    {
        var run = Cli.Run(["fit", RepositoryPaths.TwoGaussians, "--formula", TestModels.TwoGaussiansFormula, "--p0", SeedStart, "--json", "-"], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var expected = CurveFit.Fit<TestModels.TwoGaussiansModel>(SeedX, SeedY, [3, 3, 1, 4, 6, 1]);
        AssertMatches(expected, json.RootElement);
        Assert.Equal("modelfit/fit/1", json.RootElement.GetProperty("schema").GetString());
        Assert.False(json.RootElement.GetProperty("parameters")[0].GetProperty("startGuessed").GetBoolean());
        Assert.Equal(10, json.RootElement.GetProperty("data").GetProperty("points").GetInt32());
        // The formula as written, not with '+' escaped as \u002B.
        Assert.Contains($"\"formula\": \"{TestModels.TwoGaussiansFormula}\"", run.Output);
    }

    [Fact]
    public void AFitThatConvergesToValuesTheDataDoNotDetermineExitsWithSeven()
    {
        // t is not a column, so it is a parameter, and the formula never uses x (MC0024): a constant a·exp(−k·t) whose a,
        // k and t trade off. It exited 0, which a script takes for estimates; the tool itself says they are not.
        var run = Cli.Run(["fit", RepositoryPaths.TwoGaussians, "--formula", "a*exp(-k*t)", "--p0", "a=1,k=0.1,t=1"], Binder);
        Assert.True(run.Code == ExitCode.NotDetermined, run.ToString());
        Assert.Contains("MC0024", run.Error);
        Assert.Contains("Covariance  undefined", run.Output);
    }

    [Fact]
    public void WithoutAStartTheHeuristicFindsTheSeedMinimum()
    {
        var run = Cli.Run(["fit", RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--json", "-"], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        double[] guess = CurveFit.GuessInitial<TestModels.TwoGaussiansModel>(SeedX, SeedY);
        AssertMatches(CurveFit.Fit<TestModels.TwoGaussiansModel>(SeedX, SeedY, guess), json.RootElement);
        // scipy 1.10.1 from the certified start with tight tolerances (GaussianPeaksTests): RSS 0.35362465613463057.
        AssertClose(0.35362465613463057, json.RootElement.GetProperty("statistics").GetProperty("rss").GetDouble(), 1e-9, "RSS");
        Assert.True(json.RootElement.GetProperty("parameters")[0].GetProperty("startGuessed").GetBoolean());
    }

    [Fact]
    public void ARunTimeFormulaAndItsGeneratedTwinGiveTheSameReportToTheBit()
    {
        string[] args = ["fit", RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--json", "-"];
        var compiled = Cli.Run(args, FormulaBinder.RunTime);
        var generated = Cli.Run(args, TestModels.Generated);
        Assert.True(compiled.Code == ExitCode.Success, compiled.ToString());
        Assert.Equal(generated.Output, compiled.Output);
    }

    [Fact]
    public void PlotsTheFitAsAPng()
    {
        using var work = new TemporaryDirectory("modelfit-plot-");
        var run = Cli.Run(["fit", RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--p0", SeedStart, "--plot", work["fit.png"]], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Png.AssertImage(work["fit.png"], 900, 600);
        var svg = Cli.Run(["fit", RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--p0", SeedStart, "--plot", work["fit.svg"]], Binder);
        Assert.True(svg.Code == ExitCode.Success, svg.ToString());
        Assert.Contains("<svg", File.ReadAllText(work["fit.svg"]));
    }

    /// <summary>A decay a·exp(−k·t) + c with a small deterministic ripple: well determined, so every printed digit is stable.</summary>
    internal static (double[] T, double[] Y, string Csv) Decay()
    {
        double[] t = Enumerable.Range(0, 30).Select(i => 0.5 * i).ToArray();
        double[] y = t.Select((v, i) => 5 * Math.Exp(-0.3 * v) + 1 + 0.01 * Math.Sin(3 * i)).ToArray();
        return (t, y, "time,signal\n" + string.Join("\n", t.Select((v, i) => FormattableString.Invariant($"{v:R},{y[i]:R}"))) + "\n");
    }

    [Fact]
    public void TheTableIsTheGoldenOne()
    {
        using var work = new TemporaryDirectory("modelfit-golden-");
        string path = work.Write("decay.csv", Decay().Csv);
        var run = Cli.Run(["fit", path, "-f", TestModels.DecayFormula, "--x", "t=time", "--y", "signal", "--fix", "c=1", "--bounds", "k=0:1"], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Equal("", run.Error);
        // The path is printed as given; the snapshot holds the file's name alone.
        Snapshot.Verify("fit-decay", run.Output.Replace(path, "decay.csv"), ".txt");
    }

    [Fact]
    public void AnOnsetInUnixSecondsPrintsToTheDigitsOfItsStandardError()
    {
        // A step at t0 = 1700000050.3 s, 5 s wide: at ten significant digits t0 printed as 1700000050 and its 95%
        // interval as [1.7000001E+09, 1.7000001E+09], hiding what the fit found.
        using var work = new TemporaryDirectory("modelfit-unix-");
        var random = new Random(1);
        var csv = new System.Text.StringBuilder("t,y\n");
        for (int i = 0; i < 100; i++)
        {
            double t = 1_700_000_000 + i;
            csv.Append(FormattableString.Invariant($"{t},{10 / (1 + Math.Exp(-(t - 1_700_000_050.3) / 5)) + 0.05 * (random.NextDouble() - 0.5)}\n"));
        }
        string path = work.Write("onset.csv", csv.ToString());
        string[] args = ["fit", path, "-f", "a/(1+exp(-(t-t0)/w))", "--x", "t", "--y", "y", "--p0", "a=9,t0=1700000040,w=3"];
        var table = Cli.Run(args, Binder);
        var json = Cli.Run([.. args, "--json", "-"], Binder);
        Assert.True(table.Code == ExitCode.Success, table.ToString());
        using var report = JsonDocument.Parse(json.Output);
        var t0 = report.RootElement.GetProperty("parameters")[1];
        double value = t0.GetProperty("value").GetDouble(), se = t0.GetProperty("standardError").GetDouble();
        Assert.InRange(se, 0.001, 0.1);
        // The row shows the start as typed, and the value and both bounds each to a tenth of the standard error.
        string row = table.Output.Split('\n').Single(line => line.StartsWith("│ t0 "));
        string[] cells = row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1700000040", cells[1]);
        string[] bounds = cells[4].Trim('[', ']').Split(", ");
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        Assert.True(Math.Abs(double.Parse(cells[2], ci) - value) <= se / 10, row);
        Assert.True(Math.Abs(double.Parse(bounds[0], ci) - t0.GetProperty("lower").GetDouble()) <= se / 10, row);
        Assert.True(Math.Abs(double.Parse(bounds[1], ci) - t0.GetProperty("upper").GetDouble()) <= se / 10, row);

        // Held fixed at a value with decimals, t0 prints as it was given.
        var held = Cli.Run([.. args[..^2], "--p0", "a=9,w=3", "--fix", "t0=1700000050.25"], Binder);
        Assert.True(held.Code == ExitCode.Success, held.ToString());
        string heldRow = held.Output.Split('\n').Single(line => line.StartsWith("│ t0 "));
        Assert.Equal("1700000050.25", heldRow.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[2]);
    }

    [Fact]
    public void FixedParametersAndBoundsReachTheSolver()
    {
        using var work = new TemporaryDirectory("modelfit-fit-");
        var (t, y, csv) = Decay();
        string path = work.Write("decay.csv", csv);
        var run = Cli.Run(["fit", path, "-f", TestModels.DecayFormula, "--x", "t=time", "--y", "signal", "--fix", "c=1", "--bounds", "k=0:0.25", "--json", "-"], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var setup = new FitSetup
        {
            Fixed = [false, false, true],
            LowerBounds = [double.NegativeInfinity, 0, double.NegativeInfinity],
            UpperBounds = [double.PositiveInfinity, 0.25, double.PositiveInfinity],
        };
        double[] guess = CurveFit.GuessInitial<TestModels.DecayModel>(t, y, setup, [double.NaN, double.NaN, 1]);
        var expected = CurveFit.Fit<TestModels.DecayModel>(t, y, guess, setup);
        var parameters = json.RootElement.GetProperty("parameters");
        for (int j = 0; j < 3; j++)
            AssertClose(expected[j], parameters[j].GetProperty("value").GetDouble(), 1e-10, expected.ParameterNames[j]);
        Assert.True(parameters[2].GetProperty("fixed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, parameters[2].GetProperty("standardError").ValueKind);
        Assert.Equal(0.25, parameters[1].GetProperty("value").GetDouble());
        Assert.True(parameters[1].GetProperty("atBound").GetBoolean());
        Assert.Equal("time", json.RootElement.GetProperty("data").GetProperty("variables").GetProperty("t").GetString());
    }

    [Fact]
    public void SigmaWeighsThePoints()
    {
        using var work = new TemporaryDirectory("modelfit-sigma-");
        double[] sigma = [0.1, 0.2, 0.1, 0.3, 0.1, 0.2, 0.1, 0.3, 0.1, 0.2];
        string path = work.Write("seed.csv", "x,y,err\n" + string.Join("\n", SeedX.Select((v, i) => FormattableString.Invariant($"{v},{SeedY[i]},{sigma[i]}"))));
        var run = Cli.Run(["fit", path, "-f", TestModels.TwoGaussiansFormula, "--p0", SeedStart, "--sigma", "err", "--json", "-"], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        AssertMatches(CurveFit.Fit<TestModels.TwoGaussiansModel>(SeedX, SeedY, [3, 3, 1, 4, 6, 1], sigma), json.RootElement);
    }

    [Fact]
    public void FitsAModelOfTwoVariablesFromDecimalCommaData()
    {
        // z = 2 + 0.5·u − 3·v exactly, written with decimal commas and semicolons: the plane comes back to rounding.
        using var work = new TemporaryDirectory("modelfit-plane-");
        var rows = from u in Enumerable.Range(0, 5) from v in Enumerable.Range(0, 4)
                   select FormattableString.Invariant($"{u * 0.5};{v * 0.25};{2 + 0.5 * (u * 0.5) - 3 * (v * 0.25)}").Replace('.', ',');
        string path = work.Write("plane.csv", "u;v;z\n" + string.Join("\n", rows) + "\n");
        var run = Cli.Run(["fit", path, "-f", "c + gx*x + gy*y", "--x", "x=u,y=v", "--y", "z", "--decimal-separator", ",", "--json", "-"], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.Equal(2, parameters[0].GetProperty("value").GetDouble(), 1e-12);
        Assert.Equal(0.5, parameters[1].GetProperty("value").GetDouble(), 1e-12);
        Assert.Equal(-3, parameters[2].GetProperty("value").GetDouble(), 1e-12);
        Assert.Equal(20, json.RootElement.GetProperty("data").GetProperty("points").GetInt32());
    }

    [Fact]
    public void WritesJsonToAFileAndTheTableToTheTerminal()
    {
        using var work = new TemporaryDirectory("modelfit-json-");
        var run = Cli.Run(["fit", RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--p0", SeedStart, "--json", work["fit.json"]], Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("Parameter", run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(work["fit.json"]));
        AssertMatches(CurveFit.Fit<TestModels.TwoGaussiansModel>(SeedX, SeedY, [3, 3, 1, 4, 6, 1]), json.RootElement);
    }
}
