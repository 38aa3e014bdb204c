// SPDX-License-Identifier: MIT
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
    public void PointColumnCurvesFitAsInMemory()
    {
        double[,] y = Curves.Make(400);
        ParquetFiles.WritePoints(PathOf("wide.parquet"), y, [150, 250]);
        using (var reader = new ParquetCurveReader(PathOf("wide.parquet"), CurveLayout.PointColumns(PointColumns)))
        using (var writer = new ArrowFitWriter(PathOf("fits.arrow")))
            CurveFit.FitMany<Curves.DecayModel>(Curves.X, reader, writer, Curves.Start);
        Results.FromArrow(PathOf("fits.arrow"), ["a", "k", "c"]).AssertEqual(Curves.FitInMemory(y));
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
        Assert.Contains($"Row 41 of {PathOf("curves.parquet")} has 23 values in list column 'y', but the first row has 24", error.Message);
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
    public void ANullInAListIsNamedByItsRow()
    {
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(60), [30, 30], missing: (52, 3));
        using var reader = new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("y"));
        var error = Assert.Throws<ArgumentException>(() => reader.Read(new double[64, Curves.Points]));
        Assert.Contains($"Row 52 of {PathOf("curves.parquet")} has a missing value in list column 'y'", error.Message);
    }

    [Fact]
    public void AMissingOrWrongColumnIsNamed()
    {
        ParquetFiles.WriteList(PathOf("curves.parquet"), Curves.Make(5), [5]);
        var missing = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("counts")));
        Assert.Contains("has no column 'counts'; its columns are 'pixel', 'y'", missing.Message);
        var wrong = Assert.Throws<ArgumentException>(() => new ParquetCurveReader(PathOf("curves.parquet"), CurveLayout.ListColumn("pixel")));
        Assert.Contains("Column 'pixel' of", wrong.Message);
        Assert.Contains("the curves' column must be a list of float64 or float32", wrong.Message);
    }
}
