using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ModelCompiler;
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit;
using ModelCompiler.ModelFit.Fitting;
using ModelFit.Tests.Infrastructure;
using Parquet;
using Parquet.Schema;

namespace ModelFit.Tests;

/// <summary>
/// The many command: one fit per row of a Parquet or Arrow file, whose results file must hold what an in-memory batch
/// fit of the same curves gives, to the bit; and its input errors, each named.
/// </summary>
public sealed class ManyCommandTests : IDisposable
{
    private const int Points = 16;
    private readonly string _directory = Directory.CreateTempSubdirectory("modelfit-many-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static double[] T => [.. Enumerable.Range(0, Points).Select(i => 0.5 * i)];

    /// <summary>Decays a·e^(−k·t) + c with a, k, c varying by curve and a little noise from a fixed seed.</summary>
    private static double[,] Curves(int count)
    {
        var random = new Random(11);
        var y = new double[count, Points];
        for (int c = 0; c < count; c++)
        {
            double a = 2 + random.NextDouble(), k = 0.2 + 0.5 * random.NextDouble(), offset = random.NextDouble();
            for (int i = 0; i < Points; i++)
                y[c, i] = a * Math.Exp(-k * T[i]) + offset + 0.02 * (random.NextDouble() - 0.5);
        }
        return y;
    }

    /// <summary>
    /// Lines fitted by a·b·t + c converge, but a and b only as their product: the summary counts such fits apart, as
    /// their standard errors (∞ in the results file) say.
    /// </summary>
    [Fact]
    public async Task TheSummaryCountsConvergedFitsThatLeaveAParameterUndetermined()
    {
        var y = new double[12, Points];
        for (int c = 0; c < 12; c++)
            for (int i = 0; i < Points; i++)
                y[c, i] = (1 + 0.1 * c) * T[i] + 0.5 + 0.01 * Math.Sin(c + 3 * i);
        await WriteParquetList(PathOf("lines.parquet"), y);
        var run = Cli.Run(["many", PathOf("lines.parquet"), "--formula", "a*b*t + c", "--x", "t=0:0.5", "--list", "y",
                           "--p0", "a=1,b=1,c=0", "--out", PathOf("lines-fits.parquet")], FitCommandTests.Binder);
        // Converged, but not to estimates: a script that checks for 0 must not take these values (it did).
        Assert.True(run.Code == ExitCode.NotDetermined, run.ToString());
        Assert.Contains("12 converged (100.00%), 12 of them with a parameter the data do not determine (standard error ∞).", run.Output);
        var columns = ReadParquet(PathOf("lines-fits.parquet"));
        Assert.All(columns["se_a"], se => Assert.Equal(double.PositiveInfinity, se));
        Assert.Equal(Enumerable.Repeat((true, false), 12), ReadFlags(PathOf("lines-fits.parquet"), "converged").Zip(ReadFlags(PathOf("lines-fits.parquet"), "determined")));

        // With b fixed the same lines are determined, and the summary says nothing more.
        run = Cli.Run(["many", PathOf("lines.parquet"), "--formula", "a*b*t + c", "--x", "t=0:0.5", "--list", "y",
                       "--p0", "a=1,c=0", "--fix", "b=1", "--out", PathOf("lines-fixed.parquet")], FitCommandTests.Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("12 converged (100.00%).", run.Output);
        Assert.All(ReadFlags(PathOf("lines-fixed.parquet"), "determined"), Assert.True);
    }

    private static bool[] ReadFlags(string path, string column)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            using var group = reader.OpenRowGroupReader(0);
            var values = new bool[group.RowCount];
            group.ReadRawAsync<bool>(reader.Schema.DataFields.Single(f => f.Name == column), values, new int[group.RowCount], new int[group.RowCount])
                 .AsTask().GetAwaiter().GetResult();
            return values;
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Starts --p0 does not give are guessed once, from the mean of the first curves, and every curve is fitted from
    /// there: the results are FitMany's from that start, which the summary prints with the guessed values marked.
    /// </summary>
    [Fact]
    public async Task MissingStartsAreGuessedFromTheFirstCurvesMean()
    {
        double[,] y = Curves(1500);
        await WriteParquetList(PathOf("decays.parquet"), y);
        var run = Cli.Run(["many", PathOf("decays.parquet"), "--formula", TestModels.DecayFormula, "--x", "t=0:0.5", "--list", "y",
                           "--p0", "k=0.4", "--out", PathOf("fits.parquet")], FitCommandTests.Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());

        // Summed in the same order as the command sums them: the same bits, so the same guess.
        var mean = new double[Points];
        for (int c = 0; c < ManyRun.GuessSample; c++)
            for (int i = 0; i < Points; i++)
                mean[i] += y[c, i];
        for (int i = 0; i < Points; i++)
            mean[i] /= ManyRun.GuessSample;
        double[] start = CurveFit.GuessInitial<TestModels.DecayModel>(T, mean, known: [double.NaN, 0.4, double.NaN]);
        Assert.Equal(0.4, start[1]);
        Assert.Contains($"Start guessed from the mean of the first 1,000 curves (CurveFit.GuessInitial): a={ModelCompiler.ModelFit.Output.Numbers.G(start[0], 6)} *, k=0.4, c=", run.Output);
        Assert.Contains("with the guessed parameters the model is affine in solved for it (CurveFit.StartSolvingLinear)", run.Output);

        // a and c, guessed, are solved for each curve; k, given, is kept.
        var rule = CurveFit.StartSolvingLinear<TestModels.DecayModel>(T, start, new FitSetup { Fixed = [false, true, false] });
        var expected = CurveFit.FitMany<TestModels.DecayModel>(T, y, rule);
        Assert.NotEqual(CurveFit.FitMany<TestModels.DecayModel>(T, y, start).Evaluations, expected.Evaluations);
        var columns = ReadParquet(PathOf("fits.parquet"));
        for (int c = 0; c < 1500; c++)
            Assert.Equal(expected.ParametersOf(c)[1], columns["k"][c]);
        Assert.Contains("1,500 converged (100.00%)", run.Output);
    }

    private static async Task WriteParquetList(string path, double[,] y, string column = "y")
    {
        var item = new DataField<double>("element");
        var schema = new ParquetSchema(new ListField(column, item));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        int m = y.GetLength(0);
        await group.WriteAsync<double>(item, Enumerable.Range(0, m * Points).Select(e => (double?)y[e / Points, e % Points]).ToArray(),
                                       Enumerable.Range(0, m * Points).Select(e => e % Points == 0 ? 0 : 1).ToArray());
    }

    private static Dictionary<string, double[]> ReadParquet(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            var columns = new Dictionary<string, double[]>();
            using var group = reader.OpenRowGroupReader(0);
            foreach (var field in reader.Schema.DataFields.Where(f => f.ClrType == typeof(double)))
            {
                var values = new double[group.RowCount];
                group.ReadRawAsync<double>(field, values, new int[group.RowCount], new int[group.RowCount]).AsTask().GetAwaiter().GetResult();
                columns[field.Name] = values;
            }
            return columns;
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The decays of <see cref="Curves"/>'s kind, each on its own time axis (stretched and shifted by curve).</summary>
    private static (double[,] X, double[,] Y) CurvesOnOwnX(int count)
    {
        var random = new Random(12);
        var x = new double[count, Points];
        var y = new double[count, Points];
        for (int c = 0; c < count; c++)
        {
            double a = 2 + random.NextDouble(), k = 0.2 + 0.5 * random.NextDouble(), offset = random.NextDouble();
            double stretch = 0.6 + 0.8 * random.NextDouble(), shift = 0.3 * random.NextDouble();
            for (int i = 0; i < Points; i++)
            {
                x[c, i] = shift + stretch * T[i];
                y[c, i] = a * Math.Exp(-k * x[c, i]) + offset + 0.02 * (random.NextDouble() - 0.5);
            }
        }
        return (x, y);
    }

    private static async Task WriteParquetLists(string path, (string Column, double[,] Values)[] columns)
    {
        var items = columns.Select(_ => new DataField<double>("element")).ToArray();
        var schema = new ParquetSchema(columns.Select((c, k) => (Parquet.Schema.Field)new ListField(c.Column, items[k])).ToArray());
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        for (int k = 0; k < columns.Length; k++)
        {
            double[,] values = columns[k].Values;
            int m = values.GetLength(0);
            await group.WriteAsync<double>(items[k], Enumerable.Range(0, m * Points).Select(e => (double?)values[e / Points, e % Points]).ToArray(),
                                           Enumerable.Range(0, m * Points).Select(e => e % Points == 0 ? 0 : 1).ToArray());
        }
    }

    [Fact]
    public async Task CurvesWithTheirOwnXAreFittedAsFitManyFitsThem()
    {
        var (x, y) = CurvesOnOwnX(300);
        await WriteParquetLists(PathOf("decays.parquet"), [("time", x), ("y", y)]);
        var run = Cli.Run(["many", PathOf("decays.parquet"), "--formula", TestModels.DecayFormula, "--x", "t", "--x-list", "time", "--list", "y",
                           "--p0", "a=2,k=0.4,c=0.5", "--out", PathOf("fits.parquet")], FitCommandTests.Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("300 converged (100.00%)", run.Output);
        var expected = CurveFit.FitMany<TestModels.DecayModel>(x, y, new double[,] { { 2, 0.4, 0.5 } });
        var columns = ReadParquet(PathOf("fits.parquet"));
        for (int c = 0; c < 300; c++)
        {
            Assert.Equal(expected.ParametersOf(c)[1], columns["k"][c]);
            Assert.Equal(expected.StandardErrorsOf(c)[1], columns["se_k"][c]);
        }
        Assert.NotEqual(CurveFit.FitMany<TestModels.DecayModel>(T, y, [2, 0.4, 0.5]).ParametersOf(0)[1], columns["k"][0]); // x was each curve's own

        // Without --p0 the start is guessed from the first curves' points pooled, and each curve's amplitude and offset
        // are solved on its own x.
        run = Cli.Run(["many", PathOf("decays.parquet"), "--formula", TestModels.DecayFormula, "--x-list", "time", "--x", "t", "--list", "y",
                       "--out", PathOf("guessed.parquet")], FitCommandTests.Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("Start guessed from the points of the first 300 curves (CurveFit.GuessInitial)", run.Output);
        Assert.Contains("solved for it on its own x (CurveFit.StartSolvingLinearOnOwnX)", run.Output);
        double[] start = CurveFit.GuessInitial<TestModels.DecayModel>(x.Cast<double>().ToArray(), y.Cast<double>().ToArray());
        var fromGuess = CurveFit.FitMany<TestModels.DecayModel>(x, y, CurveFit.StartSolvingLinearOnOwnX<TestModels.DecayModel>(start));
        Assert.NotEqual(CurveFit.FitMany<TestModels.DecayModel>(x, y, new double[,] { { start[0], start[1], start[2] } }).Evaluations, fromGuess.Evaluations);
        var guessed = ReadParquet(PathOf("guessed.parquet"));
        for (int c = 0; c < 300; c++)
            Assert.Equal(fromGuess.ParametersOf(c)[1], guessed["k"][c]);
    }

    [Fact]
    public void CsvCurvesWithTheirOwnXAndTheirErrors()
    {
        var (x, y) = CurvesOnOwnX(40);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var lines = new List<string> { string.Join(",", Enumerable.Range(0, Points).Select(i => $"y{i}").Concat(Enumerable.Range(0, Points).Select(i => $"t{i}"))) };
        for (int c = 0; c < 40; c++)
            lines.Add(string.Join(",", Enumerable.Range(0, Points).Select(i => y[c, i].ToString("R", invariant))
                                                 .Concat(Enumerable.Range(0, Points).Select(i => x[c, i].ToString("R", invariant)))));
        File.WriteAllLines(PathOf("decays.csv"), lines);
        CliRun Many(params string[] options) =>
            Cli.Run(["many", PathOf("decays.csv"), "-f", TestModels.DecayFormula, "--columns", "y{0..15}", "--p0", "a=2,k=0.4,c=0.5",
                     "--out", PathOf("fits.parquet"), .. options], FitCommandTests.Binder);

        var run = Many("--x", "t", "--x-columns", "t{0..15}");
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        var expected = CurveFit.FitMany<TestModels.DecayModel>(x, y, new double[,] { { 2, 0.4, 0.5 } });
        var columns = ReadParquet(PathOf("fits.parquet"));
        for (int c = 0; c < 40; c++)
            Assert.Equal(expected.ParametersOf(c)[0], columns["a"][c]);

        var grid = Many("--x", "t=0:0.5", "--x-columns", "t{0..15}");
        Assert.Equal(ExitCode.Usage, grid.Code);
        Assert.Contains("--x only names the variable, as --x t", grid.Error);
        var nowhere = Many();
        Assert.Equal(ExitCode.Usage, nowhere.Code);
        Assert.Contains("Say where the points are", nowhere.Error);
        var few = Many("--x", "t", "--x-columns", "t{0..14}");
        Assert.Equal(ExitCode.Usage, few.Code);
        Assert.Contains("--x-columns names 15 columns but --columns names 16", few.Error);
        var list = Many("--x", "t", "--x-list", "t");
        Assert.Equal(ExitCode.Usage, list.Code);
        Assert.Contains("x's with --x-columns", list.Error);
    }

    [Fact]
    public async Task EveryRowOfAParquetFileIsFittedAsFitManyFitsIt()
    {
        double[,] y = Curves(300);
        await WriteParquetList(PathOf("decays.parquet"), y);
        var run = Cli.Run(["many", PathOf("decays.parquet"), "--formula", TestModels.DecayFormula, "--x", "t=0:0.5", "--list", "y",
                           "--p0", "a=2,k=0.4,c=0.5", "--out", PathOf("fits.parquet")], FitCommandTests.Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("300 curves of 16 points", run.Output);
        Assert.Contains("300 converged (100.00%)", run.Output);

        var expected = CurveFit.FitMany<TestModels.DecayModel>(T, y, [2, 0.4, 0.5]);
        var columns = ReadParquet(PathOf("fits.parquet"));
        string[] names = ["a", "k", "c"];
        for (int c = 0; c < 300; c++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected.ParametersOf(c)[j], columns[names[j]][c]);
                Assert.Equal(expected.StandardErrorsOf(c)[j], columns["se_" + names[j]][c]);
            }
            Assert.Equal(expected.ResidualSumOfSquares[c], columns["rss"][c]);
        }
    }

    [Fact]
    public void PointAndSigmaColumnsOfAnArrowFileWeighTheFits()
    {
        double[,] y = Curves(120);
        var sigma = new double[120, Points];
        for (int c = 0; c < 120; c++)
            for (int i = 0; i < Points; i++)
                sigma[c, i] = 0.01 * (1 + i % 4);
        var fields = Enumerable.Range(0, Points).Select(i => new Apache.Arrow.Field($"y{i}", DoubleType.Default, false))
            .Concat(Enumerable.Range(0, Points).Select(i => new Apache.Arrow.Field($"s{i}", DoubleType.Default, false)));
        var schema = fields.Aggregate(new Schema.Builder(), (b, f) => b.Field(f)).Build();
        var arrays = Enumerable.Range(0, Points).Select(i => (IArrowArray)new DoubleArray.Builder().AppendRange(Enumerable.Range(0, 120).Select(c => y[c, i])).Build())
            .Concat(Enumerable.Range(0, Points).Select(i => (IArrowArray)new DoubleArray.Builder().AppendRange(Enumerable.Range(0, 120).Select(c => sigma[c, i])).Build()));
        using (var stream = File.Create(PathOf("decays.arrow")))
        using (var writer = new ArrowFileWriter(stream, schema))
        {
            writer.WriteRecordBatch(new RecordBatch(schema, arrays, 120));
            writer.WriteEnd();
        }
        var run = Cli.Run(["many", PathOf("decays.arrow"), "-f", TestModels.DecayFormula, "--x", "t=" + string.Join(",", T),
                           "--columns", "y{0..15}", "--sigma-columns", "s{0..15}", "--p0", "a=2,k=0.4", "--fix", "c=0.5",
                           "--out", PathOf("fits.parquet"), "-q"], FitCommandTests.Binder);
        Assert.True(run.Code is ExitCode.Success or ExitCode.NotConverged, run.ToString());

        var setup = new BatchFitSetup { Sigma = sigma, Fixed = new bool[,] { { false, false, true } } };
        var expected = CurveFit.FitMany<TestModels.DecayModel>(T, y, [2, 0.4, 0.5], setup);
        var columns = ReadParquet(PathOf("fits.parquet"));
        for (int c = 0; c < 120; c++)
        {
            Assert.Equal(expected.ParametersOf(c)[1], columns["k"][c]);
            Assert.Equal(expected.StandardErrorsOf(c)[1], columns["se_k"][c]);
            Assert.Equal(0.5, columns["c"][c]);
        }
    }

    [Fact]
    public void TheRowsOfACsvFileAreFittedWithAMissingValueLeftOut()
    {
        double[,] y = Curves(50);
        var lines = new List<string> { string.Join(",", Enumerable.Range(0, Points).Select(i => $"y{i}")) };
        for (int c = 0; c < 50; c++)
            lines.Add(string.Join(",", Enumerable.Range(0, Points).Select(i => c == 17 && i == 4 ? "NA" : y[c, i].ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        File.WriteAllLines(PathOf("decays.csv"), lines);
        var run = Cli.Run(["many", PathOf("decays.csv"), "-f", TestModels.DecayFormula, "--x", "t=0:0.5", "--columns", "y{0..15}",
                           "--p0", "a=2,k=0.4,c=0.5", "--skip-missing", "--out", PathOf("fits.parquet")], FitCommandTests.Binder);
        Assert.True(run.Code == ExitCode.Success, run.ToString());
        Assert.Contains("49 curves of 16 points", run.Output);
        Assert.Contains("1 row with a missing value was left out", run.Output);

        var kept = new double[49, Points];
        for (int c = 0, r = 0; c < 50; c++)
            if (c != 17)
            {
                for (int i = 0; i < Points; i++)
                    kept[r, i] = y[c, i];
                r++;
            }
        var expected = CurveFit.FitMany<TestModels.DecayModel>(T, kept, [2, 0.4, 0.5]);
        var columns = ReadParquet(PathOf("fits.parquet"));
        for (int c = 0; c < 49; c++)
            Assert.Equal(expected.ParametersOf(c)[1], columns["k"][c]);

        var list = Cli.Run(["many", PathOf("decays.csv"), "-f", TestModels.DecayFormula, "--x", "t=0:0.5", "--list", "y",
                            "--p0", "a=2,k=0.4,c=0.5", "--out", PathOf("fits2.parquet")], FitCommandTests.Binder);
        Assert.Equal(ExitCode.Usage, list.Code);
        Assert.Contains("A CSV file has no list columns", list.Error);
    }

    [Fact]
    public async Task EachInputErrorIsNamedWithItsExitCode()
    {
        await WriteParquetList(PathOf("decays.parquet"), Curves(10));
        string data = PathOf("decays.parquet"), output = PathOf("fits.parquet");
        CliRun Many(params string[] options) =>
            Cli.Run(["many", data, "-f", TestModels.DecayFormula, "--out", output, .. options], FitCommandTests.Binder);

        var outside = Many("--x", "t=0:0.5", "--list", "y", "--p0", "a=2,k=0.4,c=0.5", "--bounds", "k=1:2");
        Assert.Equal(ExitCode.Usage, outside.Code);
        Assert.Contains("--p0 k=0.4 lies outside --bounds k=1:2", outside.Error);

        var wrongCount = Many("--x", "t=0,1,2", "--list", "y", "--p0", "a=2,k=0.4,c=0.5");
        Assert.Equal(ExitCode.Usage, wrongCount.Code);
        Assert.Contains("--x gives 3 values but the curves in", wrongCount.Error);

        var noColumn = Many("--x", "t=0:0.5", "--list", "counts", "--p0", "a=2,k=0.4,c=0.5");
        Assert.Equal(ExitCode.Data, noColumn.Code);
        Assert.Contains("has no column 'counts'; its columns are 'y'", noColumn.Error);
        Assert.DoesNotContain("(Parameter '", noColumn.Error);   // .NET's suffix to an ArgumentException's message

        var neither = Many("--x", "t=0:0.5", "--p0", "a=2,k=0.4,c=0.5");
        Assert.Equal(ExitCode.Usage, neither.Code);
        Assert.Contains("--list column, or --columns names", neither.Error);

        var badRange = Many("--x", "t=0:0.5", "--columns", "y{5..2}", "--p0", "a=2,k=0.4,c=0.5");
        Assert.Equal(ExitCode.Usage, badRange.Code);
        Assert.Contains("the range {5..2} runs backwards", badRange.Error);

        var excel = Cli.Run(["many", PathOf("decays.xlsx"), "-f", TestModels.DecayFormula, "--x", "t=0:0.5", "--list", "y",
                             "--p0", "a=2,k=0.4,c=0.5", "--out", output], FitCommandTests.Binder);
        Assert.Equal(ExitCode.Data, excel.Code);
        Assert.Contains("give a .parquet file, an Arrow IPC file (.arrow, .feather, .ipc) or a .csv file", excel.Error);

        await WriteParquetList(PathOf("empty.parquet"), new double[0, Points]);
        var empty = Cli.Run(["many", PathOf("empty.parquet"), "-f", TestModels.DecayFormula, "--x", "t=0:0.5", "--list", "y",
                             "--p0", "a=2,k=0.4,c=0.5", "--out", output], FitCommandTests.Binder);
        Assert.Equal(ExitCode.Data, empty.Code);
        Assert.Contains("holds no curves; nothing was fitted or written", empty.Error);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stopped = Cli.Run(["many", data, "-f", TestModels.DecayFormula, "--x", "t=0:0.5", "--list", "y", "--p0", "a=2,k=0.4,c=0.5",
                               "--out", output], FitCommandTests.Binder, cancelled.Token);
        Assert.Equal(ExitCode.Cancelled, stopped.Code);
        Assert.Contains("No results were written", stopped.Error);

        var csvOut = Cli.Run(["many", data, "-f", TestModels.DecayFormula, "--x", "t=0:0.5", "--list", "y", "--p0", "a=2,k=0.4,c=0.5",
                              "--out", PathOf("fits.csv")], FitCommandTests.Binder);
        Assert.Equal(ExitCode.Output, csvOut.Code);
        Assert.Contains("give a .parquet file, or an Arrow IPC file", csvOut.Error);
        Assert.False(File.Exists(output));
    }
}
