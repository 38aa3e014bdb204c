// SPDX-License-Identifier: MIT
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ModelCompiler.ModelFit.Input;

/// <summary>Named columns of a CSV file as arrays of doubles, in the order they were asked for.</summary>
/// <param name="Names">The column names, as asked.</param>
/// <param name="Values">One array per column, all of the same length.</param>
/// <param name="SkippedRows">Rows left out for a missing value (with <see cref="CsvFormat.SkipMissing"/>).</param>
/// <param name="Lines">The file line of each row read, for messages about a value.</param>
public sealed record CsvColumns(IReadOnlyList<string> Names, IReadOnlyList<double[]> Values, int SkippedRows, IReadOnlyList<int> Lines)
{
    /// <summary>Number of rows read.</summary>
    public int RowCount => Values.Count == 0 ? 0 : Values[0].Length;

    /// <summary>The values of the column named <paramref name="name"/>.</summary>
    public double[] this[string name] => Values[Names.ToList().IndexOf(name)];

    /// <summary>Cells that mean "no value": empty, NA, N/A, NaN, null (any case).</summary>
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "N/A", "NaN", "null" };

    /// <summary>
    /// Reads the columns <paramref name="names"/> (every column when empty) from the file at <paramref name="path"/>,
    /// whose first line is the header. The file is streamed: only the asked columns are kept, as doubles. Every problem is a
    /// <see cref="ModelFitException"/> with <see cref="ExitCode.Data"/> naming the file, the line and the column.
    /// </summary>
    public static CsvColumns Read(string path, IReadOnlyList<string> names, CsvFormat format, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw Data(Directory.Exists(path) ? $"{path} is a folder, not a CSV file." : $"The data file {path} does not exist.");
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Read(reader, path, names, format, cancellationToken);
        }
        catch (IOException e)
        {
            throw Data($"{path} cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw Data($"{path} cannot be read: {e.Message}");
        }
    }

    /// <summary>Reads the columns from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    public static CsvColumns Read(TextReader reader, string source, IReadOnlyList<string> names, CsvFormat format,
                                  CancellationToken cancellationToken = default)
    {
        var numbers = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        numbers.NumberDecimalSeparator = format.DecimalSeparator;
        numbers.NumberGroupSeparator = format.DecimalSeparator == "," ? "." : ",";
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            Delimiter = format.Delimiter ?? (format.DecimalSeparator == "," ? ";" : ","),
            DetectDelimiter = format.Delimiter is null,
            DetectDelimiterValues = format.DecimalSeparator == "," ? [";", "\t", "|"] : [",", ";", "\t", "|"],
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            BadDataFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        string[] header;
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } h || h.All(string.IsNullOrWhiteSpace))
                throw Data($"{source} is empty: it needs a header line naming the columns, then one row per point.");
            header = h;
        }
        catch (CsvHelperException e)
        {
            throw Data($"{source}, line 1: the header cannot be read ({FirstLine(e.Message)}).");
        }

        if (names.Count == 0)
            names = header;
        int[] fields = new int[names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            fields[c] = Array.IndexOf(header, names[c]);
            if (fields[c] < 0)
            {
                string? near = header.FirstOrDefault(h => string.Equals(h, names[c], StringComparison.OrdinalIgnoreCase));
                // With decimal commas the delimiter defaults to ';', and a comma-separated header is one name.
                string delimiterHint = header.Length == 1 && header[0].Contains(',') && format.Delimiter is null
                    ? "; if the file is comma-separated with quoted decimal commas, pass --delimiter ,"
                    : header.Any(h => h.Contains('\uFFFD'))
                    ? "; the header has bytes that are not UTF-8 (shown as \uFFFD): save the file as UTF-8"
                    : "";
                throw Data($"{source} has no column '{names[c]}'" + (near is null ? "" : $" (there is '{near}'; names are case-sensitive)") +
                           $"; its columns are {string.Join(", ", header.Select(n => $"'{n}'"))}{delimiterHint}.");
            }
            int again = Array.IndexOf(header, names[c], fields[c] + 1);
            if (again >= 0)
                throw Data($"{source} names two columns '{names[c]}' (columns {fields[c] + 1} and {again + 1}); rename one.");
        }

        var columns = names.Select(_ => new ColumnBuffer()).ToArray();
        var lines = new List<int>();
        var row = new double[names.Count];
        int skipped = 0;
        try
        {
            while (csv.Read())
            {
                if ((columns[0].Count & 0xFFF) == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                int line = csv.Parser.RawRow;
                if (string.IsNullOrWhiteSpace(csv.Parser.RawRecord))
                    continue;   // a line of spaces, blank as an empty one
                RequireNoExtraFields(csv.Parser, header.Length, source, line, format);
                bool missing = false;
                for (int c = 0; c < names.Count && !missing; c++)
                {
                    int field = fields[c];
                    string cell = field < csv.Parser.Count ? csv.Parser[field] ?? "" : "";
                    if (MissingMarkers.Contains(cell.Trim()))
                    {
                        if (!format.SkipMissing)
                            throw Data($"{source}, line {line}, column {field + 1} ('{names[c]}'): the value is missing" +
                                       (field < csv.Parser.Count ? (cell.Length == 0 ? "" : $" ('{cell}')") : $" (the line has only {csv.Parser.Count} fields)") +
                                       "; fill it in, or pass --skip-missing to leave such rows out.");
                        missing = true;
                        break;
                    }
                    if (!double.TryParse(cell, NumberStyles.Float, numbers, out row[c]) || !double.IsFinite(row[c]))
                        throw Data($"{source}, line {line}, column {field + 1} ('{names[c]}'): '{cell}' is not a " +
                                   (double.TryParse(cell, NumberStyles.Float, numbers, out _) ? "finite number" : "number") +
                                   (format.DecimalSeparator == "." && cell.Contains(',') && !cell.Contains('.') ? "; for decimal commas pass --decimal-separator ," : "") + ".");
                }
                if (missing)
                {
                    skipped++;
                    continue;
                }
                for (int c = 0; c < names.Count; c++)
                    columns[c].Add(row[c]);
                lines.Add(line);
            }
        }
        catch (CsvHelperException e)
        {
            throw Data($"{source}, line {csv.Parser.RawRow}: the line cannot be read as CSV ({FirstLine(e.Message)}).");
        }
        if (columns[0].Count == 0)
            throw Data(skipped > 0
                ? $"{source} has no complete rows: all {skipped} rows miss a value in {string.Join(", ", names.Select(n => $"'{n}'"))}."
                : $"{source} has a header but no rows of data.");
        return new CsvColumns(names.ToArray(), columns.Select(c => c.ToArray()).ToArray(), skipped, lines);
    }

    /// <summary>
    /// A row with more values than the header has names: its values cannot be matched to columns. The common cause is a
    /// decimal comma in a comma-separated file (0,417,4,750 for 0.417 and 4.750), which read field by field would fit
    /// x = 0, y = 417 without a word. Empty trailing fields (a delimiter at the end of the line) are no values.
    /// </summary>
    private static void RequireNoExtraFields(IParser parser, int headerFields, string source, int line, CsvFormat format)
    {
        int count = parser.Count;
        while (count > headerFields && string.IsNullOrWhiteSpace(parser[count - 1]))
            count--;
        if (count <= headerFields)
            return;
        string hint = parser.Delimiter == "," && format.DecimalSeparator == "."
            ? "; if its numbers have decimal commas, quote them and pass --decimal-separator , --delimiter , (or use ';' between fields)"
            : "";
        throw Data($"{source}, line {line}: {count} values where the header names {headerFields} columns ('{parser.RawRecord.Trim()}'){hint}.");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static ModelFitException Data(string message) => new(ExitCode.Data, message);

    /// <summary>A growing array of doubles, doubled as it fills, so a large file is read without knowing its length.</summary>
    private sealed class ColumnBuffer
    {
        private double[] _values = new double[1024];

        public int Count { get; private set; }

        public void Add(double value)
        {
            if (Count == _values.Length)
                Array.Resize(ref _values, checked(_values.Length * 2));
            _values[Count++] = value;
        }

        public double[] ToArray() => _values.AsSpan(0, Count).ToArray();
    }
}
