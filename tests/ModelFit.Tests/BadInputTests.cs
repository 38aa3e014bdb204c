using ModelCompiler.ModelFit;
using ModelFit.Tests.Infrastructure;

namespace ModelFit.Tests;

/// <summary>Every kind of bad input gives its exit code and a message naming the problem and where it is, never a stack trace.</summary>
public class BadInputTests
{
    private static CliRun Fit(params string[] extra) =>
        Cli.Run(["fit", .. extra]);

    private static void AssertFails(CliRun run, ExitCode code, string message)
    {
        Assert.True(run.Code == code, run.ToString());
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("   at ", run.Error);   // no stack trace
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void AnUnknownColumn()
    {
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--y", "signal"), ExitCode.Data,
                    $"error: {RepositoryPaths.TwoGaussians} has no column 'signal'; its columns are 'x', 'y'.");
    }

    [Fact]
    public void ACellThatIsNotANumber()
    {
        using var work = new TemporaryDirectory("modelfit-bad-");
        string path = work.Write("bad.csv", "x,y\n0,0\n1,1\n2,two\n");
        AssertFails(Fit(path, "-f", TestModels.TwoGaussiansFormula), ExitCode.Data, $"error: {path}, line 4, column 2 ('y'): 'two' is not a number.");
    }

    [Fact]
    public void AMissingValue()
    {
        using var work = new TemporaryDirectory("modelfit-bad-");
        string path = work.Write("gap.csv", "x,y\n0,0\n1,\n2,2\n");
        AssertFails(Fit(path, "-f", TestModels.TwoGaussiansFormula), ExitCode.Data, $"error: {path}, line 3, column 2 ('y'): the value is missing");
    }

    [Fact]
    public void AnEmptyFile()
    {
        using var work = new TemporaryDirectory("modelfit-bad-");
        string path = work.Write("empty.csv", "");
        AssertFails(Fit(path, "-f", TestModels.TwoGaussiansFormula), ExitCode.Data,
                    $"error: {path} is empty: it needs a header line naming the columns, then one row per point.");
    }

    [Fact]
    public void AFormulaErrorShowsTheIdAndACaretUnderTheOffendingCharacters()
    {
        var run = Fit(RepositoryPaths.TwoGaussians, "-f", "a*expp(-k*x) + c");
        AssertFails(run, ExitCode.Formula, "error MC0003: 'expp' is not a supported function");
        string[] lines = run.Error.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith("error MC0003", StringComparison.Ordinal));
        Assert.Equal("  a*expp(-k*x) + c", lines[at + 1]);
        Assert.Equal("    ^^^^", lines[at + 2]);
    }

    [Fact]
    public void AnUnfinishedFormulaPointsAtItsEnd()
    {
        var run = Fit(RepositoryPaths.TwoGaussians, "-f", "a*(x+");
        AssertFails(run, ExitCode.Formula, "error MC0001: ");
        Assert.Contains("  a*(x+\n       ^\n", run.Error.Replace("\r\n", "\n"));
    }

    [Fact]
    public void AVariableTheFormulaDoesNotUseIsAWarning()
    {
        // --x defaults to x, so t becomes a parameter and x goes unused: the fit runs, and the compiler's warning says why it is odd.
        var run = Fit(RepositoryPaths.TwoGaussians, "-f", "a*exp(-k*t) + c");
        Assert.Contains("warning MC0024: The formula never uses its variable 'x'", run.Error);
        Assert.Contains("Parameter", run.Output);
    }

    [Fact]
    public void AMissingFile()
    {
        AssertFails(Fit("no-such-file.csv", "-f", TestModels.TwoGaussiansFormula), ExitCode.Data, "error: The data file no-such-file.csv does not exist.");
    }

    [Fact]
    public void APlotPathInAMissingFolder()
    {
        string missing = Path.Combine(Path.GetTempPath(), "modelfit-no-such-folder", "fit.png");
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--plot", missing), ExitCode.Output,
                    $"error: --plot {missing}: the folder {Path.GetDirectoryName(missing)} does not exist.");
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--plot", "fit.jpg"), ExitCode.Output,
                    "error: --plot fit.jpg: the file must end in .png or .svg.");
    }

    [Fact]
    public void AJsonPathInAMissingFolder()
    {
        string missing = Path.Combine(Path.GetTempPath(), "modelfit-no-such-folder", "fit.json");
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--json", missing), ExitCode.Output,
                    $"error: --json {missing}: the folder {Path.GetDirectoryName(missing)} does not exist.");
    }

    [Fact]
    public void AStartForANameThatIsNotAParameter()
    {
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--p0", "a1=3,q=1"), ExitCode.Usage,
                    "error: --p0 names 'q', which is not a parameter of the formula; its parameters are a1, m1, s1, a2, m2, s2.");
    }

    [Fact]
    public void AStartOutsideItsBounds()
    {
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--p0", "s1=-1", "--bounds", "s1=0:"), ExitCode.Usage,
                    "error: --p0 s1=-1 lies outside --bounds s1=0:inf.");
    }

    [Fact]
    public void AMalformedOrMissingOption()
    {
        AssertFails(Fit(RepositoryPaths.TwoGaussians), ExitCode.Usage, "error: Option '--formula' is required.");
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--p0", "a1"), ExitCode.Usage,
                    "error: --p0 'a1': write name=value, as in --p0 a1=1,k=0.1.".Replace("a1=1", "a=1"));
        AssertFails(Cli.Run(["fitt", "data.csv"]), ExitCode.Usage, "Run 'modelfit --help' for the options.");
    }

    [Fact]
    public void ColumnsThatCoincide()
    {
        AssertFails(Fit(RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula, "--x", "y"), ExitCode.Usage,
                    "error: The columns y, y name one column twice");
    }

    [Fact]
    public void CancellingStopsWithItsOwnCodeAndMessage()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var run = Cli.Run(["fit", RepositoryPaths.TwoGaussians, "-f", TestModels.TwoGaussiansFormula], cancellationToken: cancelled.Token);
        AssertFails(run, ExitCode.Cancelled, "Cancelled: the work was stopped (Ctrl-C) before it finished; no results were written.");
    }
}
