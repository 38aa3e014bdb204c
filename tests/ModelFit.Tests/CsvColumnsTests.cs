using System.Globalization;
using System.Text;
using ModelCompiler.ModelFit;
using ModelCompiler.ModelFit.Input;
using ModelFit.Tests.Infrastructure;

namespace ModelFit.Tests;

public class CsvColumnsTests
{
    private static CsvColumns Read(string text, string[] names, CsvFormat? format = null) =>
        CsvColumns.Read(new StringReader(text), "data.csv", names, format ?? CsvFormat.Default);

    private static ModelFitException Fails(string text, string[] names, CsvFormat? format = null)
    {
        var e = Assert.Throws<ModelFitException>(() => Read(text, names, format));
        Assert.Equal(ExitCode.Data, e.Code);
        return e;
    }

    [Fact]
    public void ReadsTheAskedColumnsByNameInTheAskedOrder()
    {
        var data = Read("t,other,signal\n0,x,1.5\n1,y,-2e-3\n2,z,  7 \n", ["signal", "t"]);
        Assert.Equal([1.5, -2e-3, 7], data.Values[0]);
        Assert.Equal([0.0, 1, 2], data.Values[1]);
        Assert.Equal(3, data.RowCount);
        Assert.Equal([1.5, -2e-3, 7], data["signal"]);
    }

    [Fact]
    public void NamesTheLineAndColumnOfACellThatIsNotANumber()
    {
        var e = Fails("x,y\n0,1\n1,2\n2,abc\n", ["x", "y"]);
        Assert.Equal("data.csv, line 4, column 2 ('y'): 'abc' is not a number.", e.Message);
    }

    [Fact]
    public void NamesTheLineOfAMissingValueAndCanLeaveSuchRowsOut()
    {
        const string text = "x,y\n0,1\n1,\n2,NA\n3,4\n";
        var e = Fails(text, ["x", "y"]);
        Assert.StartsWith("data.csv, line 3, column 2 ('y'): the value is missing", e.Message);
        Assert.Contains("--skip-missing", e.Message);
        var data = Read(text, ["x", "y"], CsvFormat.Default with { SkipMissing = true });
        Assert.Equal([0.0, 3], data.Values[0]);
        Assert.Equal(2, data.SkippedRows);
    }

    [Fact]
    public void AShortLineIsAMissingValue()
    {
        var e = Fails("x,y\n0,1\n1\n", ["x", "y"]);
        Assert.Contains("line 3, column 2 ('y'): the value is missing (the line has only 1 fields)", e.Message);
    }

    [Fact]
    public void NamesAnUnknownColumnAndListsTheOthers()
    {
        var e = Fails("time,Signal\n0,1\n", ["time", "signal"]);
        Assert.Equal("data.csv has no column 'signal' (there is 'Signal'; names are case-sensitive); its columns are 'time', 'Signal'.", e.Message);
    }

    [Fact]
    public void AnEmptyFileOrAHeaderWithoutRowsIsAnError()
    {
        Assert.Contains("is empty", Fails("", ["x"]).Message);
        Assert.Contains("is empty", Fails("\n\n", ["x"]).Message);
        Assert.Equal("data.csv has a header but no rows of data.", Fails("x,y\n", ["x"]).Message);
    }

    [Fact]
    public void ReadsDecimalCommasWithSemicolons()
    {
        var data = Read("x;y\n0,5;1,25\n1,5;-2,5e-1\n", ["x", "y"], CsvFormat.Default with { DecimalSeparator = "," });
        Assert.Equal([0.5, 1.5], data.Values[0]);
        Assert.Equal([1.25, -0.25], data.Values[1]);
        var hint = Fails("x;y\n0,5;1\n", ["x", "y"], CsvFormat.Default with { Delimiter = ";" });
        Assert.Contains("--decimal-separator ,", hint.Message);
    }

    [Fact]
    public void ARowWithMoreValuesThanTheHeaderIsAnError()
    {
        // Decimal commas in a comma-separated file: 0,417,4,750 was read as x = 0, y = 417 and fitted without a word.
        var e = Fails("x,y\n0.0,6.0\n0,417,4,750\n", ["x", "y"]);
        Assert.StartsWith("data.csv, line 3: 4 values where the header names 2 columns ('0,417,4,750')", e.Message);
        Assert.Contains("--decimal-separator , --delimiter ,", e.Message);
        // A delimiter at the end of a line adds no value.
        Assert.Equal([1.0, 2.0], Read("x,y\n1,3,\n2,4,\n", ["x", "y"]).Values[0]);
        // Quoted decimal commas in a comma-separated file are read as such.
        var quoted = Read("x,y\n\"0,5\",\"1,25\"\n", ["x", "y"], CsvFormat.Default with { Delimiter = ",", DecimalSeparator = "," });
        Assert.Equal([1.25], quoted.Values[1]);
        // The file as one column under decimal commas, whose default delimiter is ';'.
        Assert.Contains("pass --delimiter ,", Fails("x,y\n\"0,5\",\"1,25\"\n", ["x", "y"], CsvFormat.Default with { DecimalSeparator = "," }).Message);
    }

    [Fact]
    public void RowsKnowTheirLinesAndALineOfSpacesIsBlank()
    {
        var data = Read("x,y\n0,1\n\n2,NA\n3,4\n   \n", ["x", "y"], CsvFormat.Default with { SkipMissing = true });
        Assert.Equal([2, 5], data.Lines);
        Assert.Equal(1, data.SkippedRows);
    }

    [Fact]
    public void AHeaderThatIsNotUtf8IsSaidToBeSo()
    {
        // intensité in Latin-1: the é byte is not UTF-8 and reads as U+FFFD.
        string latin1 = "t,intensit\uFFFD\n0,1\n";
        Assert.Contains("save the file as UTF-8", Fails(latin1, ["t", "intensité"]).Message);
    }

    [Fact]
    public void TwoColumnsOfTheAskedNameAreAnError()
    {
        var e = Fails("x,y,y\n0,1,2\n", ["x", "y"]);
        Assert.Equal("data.csv names two columns 'y' (columns 2 and 3); rename one.", e.Message);
        Assert.Equal([0.0], Read("x,y,y\n0,1,2\n", ["x"]).Values[0]);   // a name not asked for may repeat
    }

    [Fact]
    public void DetectsTabsAndKeepsQuotedFields()
    {
        var data = Read("x\tname\ty\n1\t\"a, b\"\t2\n", ["x", "y"]);
        Assert.Equal([1.0], data.Values[0]);
        Assert.Equal([2.0], data.Values[1]);
    }

    [Fact]
    public void StreamsALargeFileIntoColumns()
    {
        // 120,000 rows, written to a file and read back: every value where it belongs.
        using var work = new TemporaryDirectory("modelfit-csv-");
        string path = work["large.csv"];
        using (var writer = new StreamWriter(path, false, Encoding.UTF8))
        {
            writer.WriteLine("i,unused,value");
            for (int i = 0; i < 120_000; i++)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i},text {i},{0.5 * i}"));
        }
        var data = CsvColumns.Read(path, ["value", "i"], CsvFormat.Default);
        Assert.Equal(120_000, data.RowCount);
        for (int i = 0; i < 120_000; i += 9973)
        {
            Assert.Equal(0.5 * i, data.Values[0][i]);
            Assert.Equal(i, data.Values[1][i]);
        }
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<ModelFitException>(() => CsvColumns.Read("/nonexistent/data.csv", ["x"], CsvFormat.Default));
        Assert.Equal(ExitCode.Data, e.Code);
        Assert.Equal("The data file /nonexistent/data.csv does not exist.", e.Message);
    }
}
