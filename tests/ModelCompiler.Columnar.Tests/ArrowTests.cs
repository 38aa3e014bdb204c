// SPDX-License-Identifier: MIT
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Shape = ModelCompiler.Columnar.Tests.ArrowFiles.Shape;

namespace ModelCompiler.Columnar.Tests;

/// <summary>
/// Streamed batch fits from Arrow tables in each layout, whose results must equal the in-memory fit of the same curves
/// to the bit: the reader hands the fit exactly the values in the table, across record batches and fit blocks alike.
/// </summary>
public sealed class ArrowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("columnar-arrow-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    // 1,500 curves in batches that do not line up with the fit's blocks; an empty batch among them.
    private static readonly int[] Batches = [700, 0, 1, 799];

    [Theory]
    [InlineData(Shape.List, true)]
    [InlineData(Shape.FixedSizeList, true)]
    [InlineData(Shape.List, false)]
    public void ListColumnCurvesFitAsInMemory(Shape shape, bool fileFormat)
    {
        double[,] y = Curves.Make(1500);
        ArrowFiles.Write(PathOf("curves.arrow"), y, shape, Batches, fileFormat);
        using (var reader = new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("y")))
        using (var writer = new ArrowFitWriter(PathOf("fits.arrow")))
        {
            Assert.Equal(Curves.Points, reader.PointCount);
            var progress = CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start);
            Assert.Equal(1500, progress.CurvesFinished);
        }
        Results.FromArrow(PathOf("fits.arrow"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemory(y));
    }

    [Theory]
    [InlineData(Shape.List)]
    [InlineData(Shape.FixedSizeList)]
    public void BlocksThatEndInsideABatchGetEveryRowOnce(Shape shape)
    {
        double[,] y = Curves.Make(300);
        ArrowFiles.Write(PathOf("curves.arrow"), y, shape, [100, 0, 120, 80]);
        using var reader = new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("y"));
        ReadingInBlocks.AssertReadsEveryRowOnce(reader, y);
    }

    [Fact]
    public void Float64PointColumnsGiveEveryRowOnce()
    {
        // Batches of 100 and 120 rows end inside the tiles of 32 rows the columns are turned into rows by.
        double[,] y = Curves.Make(300);
        ArrowFiles.Write(PathOf("wide.arrow"), y, Shape.WideFloat64, [100, 0, 120, 80]);
        var columns = Enumerable.Range(0, Curves.Points).Select(i => $"t{i}").ToArray();
        using var reader = new ArrowCurveReader(PathOf("wide.arrow"), CurveLayout.PointColumns(columns));
        ReadingInBlocks.AssertReadsEveryRowOnce(reader, y);
    }

    [Fact]
    public void Float32PointColumnsFitAsTheirValuesInMemory()
    {
        double[,] y = Curves.Make(300);
        var rounded = new double[300, Curves.Points];
        for (int r = 0; r < 300; r++)
            for (int i = 0; i < Curves.Points; i++)
                rounded[r, i] = (float)y[r, i];
        ArrowFiles.Write(PathOf("wide.arrow"), y, Shape.WideFloat32, [120, 180]);
        var columns = Enumerable.Range(0, Curves.Points).Select(i => $"t{i}").ToArray();
        using (var reader = new ArrowCurveReader(PathOf("wide.arrow"), CurveLayout.PointColumns(columns)))
        using (var writer = new ArrowFitWriter(PathOf("fits.arrow")))
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start);
        Results.FromArrow(PathOf("fits.arrow"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemory(rounded));
    }

    /// <summary>Photon counts as 16-bit integers in a list column fit as the same counts in doubles.</summary>
    [Fact]
    public void IntegerCountsFitAsTheirValuesInMemory()
    {
        double[,] y = Curves.Make(200);
        var counts = new double[200, Curves.Points];
        var values = new UInt16Array.Builder();
        var offsets = new ArrowBuffer.Builder<int>().Append(0);
        for (int r = 0; r < 200; r++)
        {
            for (int i = 0; i < Curves.Points; i++)
            {
                counts[r, i] = Math.Round(1000 * y[r, i]);
                values.Append((ushort)counts[r, i]);
            }
            offsets.Append((r + 1) * Curves.Points);
        }
        var type = new ListType(UInt16Type.Default);
        var schema = new Schema.Builder().Field(new Field("counts", type, false)).Build();
        using (var stream = File.Create(PathOf("counts.arrow")))
        using (var file = new ArrowFileWriter(stream, schema))
        {
            file.WriteRecordBatch(new RecordBatch(schema, [new ListArray(type, 200, offsets.Build(), values.Build(), ArrowBuffer.Empty, 0, 0)], 200));
            file.WriteEnd();
        }
        double[] start = [1000, 0.5, 0];
        using (var reader = new ArrowCurveReader(PathOf("counts.arrow"), CurveLayout.ListColumn("counts")))
        using (var writer = new ArrowFitWriter(PathOf("fits.arrow")))
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, start);
        Results.FromArrow(PathOf("fits.arrow"), ["a", "k", "c"]).AssertEqual(CurveFit.FitMany<Curves.DecayModel>(Curves.X, counts, start));
    }

    [Fact]
    public void EachCurvesSigmaWeighsItsFitAsInMemory()
    {
        double[,] y = Curves.Make(500), sigma = Curves.Sigma(y);
        ArrowFiles.WriteLists(PathOf("curves.arrow"), [("y", y), ("sigma", sigma)], [180, 320]);
        using (var reader = new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("y"), sigma: CurveLayout.ListColumn("sigma")))
        using (var writer = new ArrowFitWriter(PathOf("fits.arrow")))
        {
            Assert.True(reader.HasSigma);
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start);
        }
        var results = Results.FromArrow(PathOf("fits.arrow"), ["a", "k", "c"]);
        results.AssertEqual(Curves.FitInMemory(y, sigma));
        Assert.NotEqual(Curves.FitInMemory(y).ParametersOf(0)[0], results.Parameters[0][0]); // the weights were used
    }

    [Fact]
    public void EachCurvesOwnXAndSigmaFitAsInMemory()
    {
        var (x, y) = Curves.MakeOnOwnX(500);
        double[,] sigma = Curves.Sigma(y);
        ArrowFiles.WriteLists(PathOf("curves.arrow"), [("t", x), ("y", y), ("sigma", sigma)], [180, 320]);
        using (var reader = new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("y"), CurveLayout.ListColumn("sigma"),
                                                 x: CurveLayout.ListColumn("t")))
        using (var writer = new ArrowFitWriter(PathOf("fits.arrow")))
        {
            Assert.True(reader.HasX);
            CurveFit.FitMany<Curves.DecayModel>(reader, writer, Curves.Start);
        }
        var results = Results.FromArrow(PathOf("fits.arrow"), ["a", "k", "c"]);
        results.AssertEqual(Curves.FitInMemoryOnOwnX(x, y, sigma));
        Assert.NotEqual(Curves.FitInMemory(y, sigma).ParametersOf(0)[1], results.Parameters[0][1]); // each curve's x was used
    }

    [Fact]
    public void AnXListOfAnotherLengthIsNamedByItsRow()
    {
        var (x, y) = Curves.MakeOnOwnX(20);
        var shortX = new double[20, Curves.Points - 1];
        ArrowFiles.WriteLists(PathOf("curves.arrow"), [("t", shortX), ("y", y)], [20]);
        using var reader = new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("y"), x: CurveLayout.ListColumn("t"));
        var error = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<Curves.DecayModel>(reader, new ArrowFitWriter(PathOf("fits.arrow")), Curves.Start));
        Assert.Contains("Row 0 of", error.Message);
        Assert.Contains("23 values in list column 't'", error.Message);
        Assert.Equal(24, x.GetLength(1));
    }

    [Fact]
    public void AFileOfAnotherFormatIsNamedForWhatItIs()
    {
        // A Parquet file opened as Arrow gave "Unexpectedly reached the end of the stream before a full buffer was read."
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(5), [5]);
        var parquet = Assert.Throws<InvalidDataException>(() => new ArrowCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y")));
        Assert.Equal($"{PathOf("curves.parquet")} is a Parquet file, not Arrow IPC: read it with ParquetCurveReader.", parquet.Message);
        File.WriteAllText(PathOf("notes.txt"), "x,y\n0,1\n");
        var text = Assert.Throws<InvalidDataException>(() => new ArrowCurveReader(PathOf("notes.txt"), CurveLayout.ListColumn("y")));
        Assert.StartsWith($"{PathOf("notes.txt")} is not an Arrow IPC file or stream: ", text.Message);
    }

    [Fact]
    public void AMissingColumnIsNamedWithTheColumnsThereAre()
    {
        ArrowFiles.Write(PathOf("curves.arrow"), Curves.Make(5), Shape.List, [5]);
        var error = Assert.Throws<ArgumentException>(() => new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("counts")));
        Assert.Contains("has no column 'counts'; its columns are 'pixel', 'y'", error.Message);
    }

    [Fact]
    public void AColumnOfOtherThanNumbersIsRefused()
    {
        ArrowFiles.Write(PathOf("curves.arrow"), Curves.Make(5), Shape.List, [5]);
        var error = Assert.Throws<ArgumentException>(() => new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("pixel")));
        Assert.Contains("Column 'pixel' of", error.Message);
        Assert.Contains("is int64; a list column must hold lists of numbers (floats or integers)", error.Message);
    }

    [Fact]
    public void ANaNIsNamedByItsFileRowAndPoint()
    {
        var y = Curves.Make(40);
        y[33, 2] = double.PositiveInfinity;
        ArrowFiles.Write(PathOf("inf.arrow"), y, Shape.List, [20, 20]);
        using var reader = new ArrowCurveReader(PathOf("inf.arrow"), CurveLayout.ListColumn("y"));
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 33 of {PathOf("inf.arrow")} has Infinity at point 2 of list column 'y'", error.Message);
    }

    [Fact]
    public void AShortCurveIsNamedByItsRow()
    {
        ArrowFiles.Write(PathOf("curves.arrow"), Curves.Make(40), Shape.List, [20, 20], shortRow: 33);
        using var reader = new ArrowCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("y"));
        using var writer = new ArrowFitWriter(PathOf("fits.arrow"));
        var error = Assert.Throws<ArgumentException>(() => CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start));
        Assert.Contains($"Row 33 of {PathOf("curves.arrow")} has 23 values in list column 'y', but the first curve (row 0) has 24", error.Message);
    }

    [Theory]
    [InlineData(Shape.List, "list column 'y' (value 5)")]
    [InlineData(Shape.FixedSizeList, "list column 'y' (value 5)")]
    [InlineData(Shape.WideFloat32, "column 't5'")]
    [InlineData(Shape.WideFloat64, "column 't5'")]
    public void AMissingValueIsNamedByItsRowAndColumn(Shape shape, string where)
    {
        ArrowFiles.Write(PathOf("curves.arrow"), Curves.Make(40), shape, [25, 15], missing: (27, 5));
        var layout = shape is Shape.WideFloat32 or Shape.WideFloat64
            ? CurveLayout.PointColumns([.. Enumerable.Range(0, Curves.Points).Select(i => $"t{i}")])
            : CurveLayout.ListColumn("y");
        using var reader = new ArrowCurveReader(PathOf("curves.arrow"), layout);
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 27 of {PathOf("curves.arrow")} has a missing value in {where}", error.Message);
    }

    [Fact]
    public void ALayoutNamesItsColumnsOnceEach()
    {
        Assert.Contains("is empty", Assert.Throws<ArgumentException>(() => CurveLayout.PointColumns(["t0", null!])).Message);
        Assert.Contains("'t0' is given twice", Assert.Throws<ArgumentException>(() => CurveLayout.PointColumns(["t0", "t1", "t0"])).Message);
        Assert.Throws<ArgumentException>(() => CurveLayout.PointColumns([]));
        Assert.Throws<ArgumentException>(() => CurveLayout.ListColumn(""));
    }

    [Fact]
    public void AStreamCutShortIsNamedWithTheRowWhereItBreaks()
    {
        // Apache.Arrow's own "Unexpectedly reached the end of the stream" came out bare, naming neither file nor row.
        ArrowFiles.Write(PathOf("curves.arrows"), Curves.Make(90), ArrowFiles.Shape.List, [30, 30, 30], fileFormat: false);
        byte[] whole = File.ReadAllBytes(PathOf("curves.arrows"));
        File.WriteAllBytes(PathOf("cut.arrows"), whole[..(whole.Length - 1000)]);
        using var reader = new ArrowCurveReader(PathOf("cut.arrows"), CurveLayout.ListColumn("y"));
        var error = Assert.Throws<InvalidDataException>(() => CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, new NoWriter(), Curves.Start));
        Assert.Contains($"{PathOf("cut.arrows")} is cut short or damaged: the record batch from row 60 cannot be read", error.Message);
    }

    private sealed class NoWriter : ModelCompiler.LeastSquares.IBatchFitWriter
    {
        public void Write(long firstCurve, ModelCompiler.LeastSquares.BatchFitResult block)
        {
        }
    }

    [Fact]
    public void AParameterNamedAsAResultColumnIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => FitResultColumns.Names(["a", "rss"]));
        Assert.Contains("two columns named 'rss'", error.Message);
    }
}
