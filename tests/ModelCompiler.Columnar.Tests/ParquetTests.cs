// SPDX-License-Identifier: MIT
using Parquet;
using Parquet.Schema;

namespace ModelCompiler.Columnar.Tests;

/// <summary>Streamed batch fits from Parquet tables, whose results must equal the in-memory fit of the same curves to the bit.</summary>
public sealed class ParquetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("columnar-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static readonly string[] PointColumns = [.. Enumerable.Range(0, Curves.Points).Select(i => $"t{i}")];

    [Fact]
    public void ListColumnCurvesFitAsInMemory()
    {
        double[,] y = Curves.Make(1200);
        ParquetFiles.WriteList(PathOf("curves.parquet"), y, [500, 700]);
        using (var reader = new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y")))
        using (var writer = new ParquetFitWriter(PathOf("fits.parquet")))
        {
            Assert.Equal(Curves.Points, reader.PointCount);
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start);
        }
        Results.FromParquet(PathOf("fits.parquet"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemory(y));
    }

    [Fact]
    public void AFileOfAnotherFormatIsNamedForWhatItIs()
    {
        // An Arrow file opened as Parquet gave "not a parquet file, head: 4152524F, tail: 524F5731", without its name.
        ArrowFiles.Write(PathOf("curves.arrow"), Curves.Make(5), ArrowFiles.Shape.List, [5]);
        var arrow = Assert.Throws<InvalidDataException>(() => new ParquetCurveReader(PathOf("curves.arrow"), CurveLayout.ListColumn("y")));
        Assert.Equal($"{PathOf("curves.arrow")} is an Arrow IPC file, not Parquet: read it with ArrowCurveReader.", arrow.Message);
        File.WriteAllText(PathOf("notes.txt"), "x,y\n0,1\n");
        var text = Assert.Throws<InvalidDataException>(() => new ParquetCurveReader(PathOf("notes.txt"), CurveLayout.ListColumn("y")));
        Assert.StartsWith($"{PathOf("notes.txt")} is not a Parquet file: ", text.Message);
    }

    [Fact]
    public void PointColumnCurvesFitAsInMemory()
    {
        double[,] y = Curves.Make(400);
        ParquetFiles.WritePoints(PathOf("wide.parquet"), y, [150, 250]);
        using (var reader = new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns)))
        using (var writer = new ArrowFitWriter(PathOf("fits.arrow")))
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start);
        Results.FromArrow(PathOf("fits.arrow"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemory(y));
    }

    /// <summary>Counts in 32-bit integer point columns fit as the same counts in doubles.</summary>
    [Fact]
    public async Task IntegerPointColumnsFitAsTheirValuesInMemory()
    {
        double[,] y = Curves.Make(200);
        var counts = new double[200, Curves.Points];
        for (int r = 0; r < 200; r++)
            for (int i = 0; i < Curves.Points; i++)
                counts[r, i] = Math.Round(1000 * y[r, i]);
        var fields = PointColumns.Select(name => new DataField<int>(name)).ToArray();
        await using (var stream = File.Create(PathOf("counts.parquet")))
        {
            await using var file = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = file.CreateRowGroup();
            for (int i = 0; i < Curves.Points; i++)
                await group.WriteAsync<int>(fields[i], Enumerable.Range(0, 200).Select(r => (int)counts[r, i]).ToArray());
        }
        double[] start = [1000, 0.5, 0];
        using (var reader = new ParquetCurveReader(PathOf("counts.parquet"), CurveLayout.PointColumns(PointColumns)))
        using (var writer = new ParquetFitWriter(PathOf("fits.parquet")))
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, start);
        Results.FromParquet(PathOf("fits.parquet"), ["a", "k", "c"]).AssertEqual(CurveFit.FitMany<Curves.DecayModel>(Curves.X, counts, start));
    }

    [Fact]
    public void EachCurvesSigmaWeighsItsFitAsInMemory()
    {
        double[,] y = Curves.Make(400), sigma = Curves.Sigma(y);
        ParquetFiles.WritePointSets(PathOf("wide.parquet"), [("t", y), ("s", sigma)], [150, 250]);
        string[] sigmaColumns = [.. Enumerable.Range(0, Curves.Points).Select(i => $"s{i}")];
        using (var reader = new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns), CurveLayout.PointColumns(sigmaColumns)))
        using (var writer = new ParquetFitWriter(PathOf("fits.parquet")))
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start);
        Results.FromParquet(PathOf("fits.parquet"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemory(y, sigma));
    }

    [Fact]
    public void EachCurvesOwnXFitsAsInMemory()
    {
        var (x, y) = Curves.MakeOnOwnX(400);
        ParquetFiles.WritePointSets(PathOf("wide.parquet"), [("t", y), ("x", x)], [150, 250]);
        string[] xColumns = [.. Enumerable.Range(0, Curves.Points).Select(i => $"x{i}")];
        using (var reader = new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns), x: CurveLayout.PointColumns(xColumns)))
        using (var writer = new ParquetFitWriter(PathOf("fits.parquet")))
            CurveFit.FitMany<Curves.DecayModel>(reader, writer, Curves.Start);
        Results.FromParquet(PathOf("fits.parquet"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemoryOnOwnX(x, y));

        var error = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns),
                                                                                   x: CurveLayout.PointColumns(["x0", "x1"])));
        Assert.Contains("x has 2 point columns but the curves have 24 points", error.Message);
        var missing = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns),
                                                                                     x: CurveLayout.ListColumn("wavelength")));
        Assert.Equal("x", missing.ParamName);
        Assert.Contains("has no column 'wavelength'", missing.Message);
    }

    [Fact]
    public void SigmaColumnsMustBeOnePerPoint()
    {
        double[,] y = Curves.Make(10);
        ParquetFiles.WritePointSets(PathOf("wide.parquet"), [("t", y), ("s", Curves.Sigma(y))], [10]);
        var error = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns),
                                                                                   CurveLayout.PointColumns(["s0", "s1"])));
        Assert.Contains("sigma has 2 point columns but the curves have 24 points", error.Message);
    }

    [Fact]
    public void BlocksThatEndInsideARowGroupGetEveryRowOnce()
    {
        double[,] y = Curves.Make(300);
        ParquetFiles.WriteList(PathOf("curves.parquet"), y, [100, 120, 80]);
        using var reader = new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y"));
        ReadingInBlocks.AssertReadsEveryRowOnce(reader, y);
    }

    [Fact]
    public void AShortCurveIsNamedByItsRow()
    {
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(60), [30, 30], shortRow: 41);
        using var reader = new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y"));
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 41 of {PathOf("curves.parquet")} has 23 values in list column 'y', but the first curve (row 0) has 24", error.Message);
    }

    [Fact]
    public void RowsOfOtherLengthsAreNamedWhenTheirGroupHoldsTheValuesOfWholeRows()
    {
        // Row 41 is one short and row 42 one long: the group's value count alone does not show it.
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(60), [30, 30], lendingRow: 41);
        using var reader = new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y"));
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 41 of {PathOf("curves.parquet")} has 23 values in list column 'y', but the first curve (row 0) has 24", error.Message);
    }

    [Fact]
    public void AMissingValueIsNamedByItsRowAndColumn()
    {
        ParquetFiles.WritePoints(PathOf("wide.parquet"), Curves.Make(60), [30, 30], missing: (45, 7));
        using var reader = new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns));
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 45 of {PathOf("wide.parquet")} has a missing value in column 't7'", error.Message);
    }

    [Fact]
    public void ANaNIsNamedByItsFileRowAndPoint()
    {
        // A NaN is a value, not a null: the batch named it only as y[curve c, i], with a parameter the caller never passed.
        var y = Curves.Make(60);
        y[41, 6] = double.NaN;
        ParquetFiles.WriteList(PathOf("nan.parquet"), y, [30, 30]);
        using var reader = new ParquetCurveReader(PathOf("nan.parquet"), CurveLayout.ListColumn("y"));
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 41 of {PathOf("nan.parquet")} has NaN at point 6 of list column 'y'", error.Message);
        ParquetFiles.WritePoints(PathOf("nan-wide.parquet"), y, [30, 30]);
        using var wide = new ParquetCurveReader(PathOf("nan-wide.parquet"), CurveLayout.PointColumns(PointColumns));
        Assert.Contains($"Row 41 of {PathOf("nan-wide.parquet")} has NaN at point 6", Assert.Throws<ArgumentException>(() => wide.Read(new double[64, Curves.Points])).Message);
    }

    [Fact]
    public void AFitThatFailsLeavesItsResultsUnderAPartialNameAndNothingUnderThePath()
    {
        // The writer wrote the file's footer whatever happened: a fit stopped at curve 30,000 of 40,000 left a valid file of
        // its first blocks under the results' own name, as if it had been a fit of fewer curves (probe 11).
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(60), [30, 30]);
        File.WriteAllText(PathOf("fits.parquet"), "an earlier run's results");
        foreach (bool fails in new[] { true, false })
        {
            using (var reader = new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y")))
            using (var writer = new ParquetFitWriter(PathOf("fits.parquet")))
            {
                ModelCompiler.LeastSquares.CurveStart rule = (curve, y, start) =>
                {
                    if (fails && curve == 40)
                        throw new InvalidOperationException("no start for curve 40");
                    Curves.Start.CopyTo(start);
                };
                if (fails)
                    Assert.Throws<InvalidOperationException>(() => CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, rule));
                else
                    CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, rule);
            }
            Assert.Equal(!fails, File.Exists(PathOf("fits.parquet")));
            Assert.Equal(fails, File.Exists(PathOf("fits.parquet.partial")));
            if (fails)
                File.Delete(PathOf("fits.parquet.partial"));
        }
        Results.FromParquet(PathOf("fits.parquet"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemory(Curves.Make(60)));
    }

    [Fact]
    public async Task AListOfStringsIsNamedSo()
    {
        // The message said the column "is List".
        await using (var stream = File.Create(PathOf("strings.parquet")))
            await Parquet.Serialization.ParquetSerializer.SerializeAsync(Enumerable.Range(0, 4).Select(_ => new StringRow { Counts = ["1", "2"] }).ToList(), stream);
        var error = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("strings.parquet"), CurveLayout.ListColumn("Counts")));
        Assert.True(error.Message.Contains("is a list of String; a list column must hold lists of numbers"), error.Message);
    }

    private sealed class StringRow
    {
        public List<string> Counts { get; set; } = [];
    }

    [Fact]
    public void ANullInAListIsNamedByItsRow()
    {
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(60), [30, 30], missing: (52, 3));
        using var reader = new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y"));
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 52 of {PathOf("curves.parquet")} has a missing value in list column 'y'", error.Message);
    }

    [Fact]
    public void AStreamThatCannotSeekIsRefusedWithTheReason()
    {
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(5), [5]);
        var forwardOnly = new ForwardOnlyStream(File.ReadAllBytes(PathOf("curves.parquet")));
        var error = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(forwardOnly, CurveLayout.ListColumn("y")));
        Assert.Contains("the stream must seek", error.Message);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>
    /// A file written as one row group is read once: the reader keeps the first group's list column, decoded to learn
    /// the curves' length, for the curves, rather than decoding it again (which would read the file twice).
    /// </summary>
    [Fact]
    public void TheFirstRowGroupIsReadOnce()
    {
        double[,] y = Curves.Make(3000);
        ParquetFiles.WriteList(PathOf("one-group.parquet"), y, [3000]);
        byte[] file = File.ReadAllBytes(PathOf("one-group.parquet"));
        var counting = new CountingStream(file);
        using (var reader = new ParquetCurveReader(counting, CurveLayout.ListColumn("y")))
        {
            var all = new double[3000, Curves.Points];
            Assert.Equal(3000, reader.Read(all));
            Assert.Equal(y, all);
        }
        Assert.InRange(counting.BytesRead, file.Length / 2, file.Length + file.Length / 4);
    }

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Counted(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(base.Read(buffer));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        private int Counted(int read)
        {
            BytesRead += read;
            return read;
        }
    }

    [Fact]
    public void AMissingOrWrongColumnIsNamed()
    {
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(5), [5]);
        var missing = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("counts")));
        Assert.Contains("has no column 'counts'; its columns are 'pixel', 'y'", missing.Message);
        var wrong = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("pixel")));
        Assert.Contains("Column 'pixel' of", wrong.Message);
        Assert.Contains("is Int64; a list column must hold lists of numbers (floats or integers)", wrong.Message);
    }
}
