// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Parquet;
using Parquet.Schema;

namespace ModelCompiler.Columnar;

/// <summary>
/// Curves from a Parquet file, one row per curve as <see cref="CurveLayout"/> says, read a row group at a time: a
/// streamed <see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
/// holds one row group and one block of curves, however large the file. Parquet.Net reads asynchronously; this
/// reader waits for it, as <see cref="ICurveReader"/> is synchronous.
/// </summary>
public sealed class ParquetCurveReader : ICurveReader, IDisposable
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly CurveLayout _layout;
    private readonly string _source;
    private readonly DataField[] _fields; // the list's values, or the point columns in point order
    private readonly CurveRows _rows;
    private int _nextGroup;
    private double[] _pending = [];      // the first row group's values, read to learn a list column's length
    private int _pendingRows = -1;

    /// <summary>Opens the Parquet file at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or not of numbers, or the first curve is empty.</exception>
    public ParquetCurveReader(string path, CurveLayout layout)
        : this(File.OpenRead(path ?? throw new ArgumentNullException(nameof(path))), layout, path)
    {
    }

    /// <summary>Reads the Parquet file in <paramref name="stream"/> (which must seek), which the reader disposes.</summary>
    public ParquetCurveReader(Stream stream, CurveLayout layout)
        : this(stream ?? throw new ArgumentNullException(nameof(stream)), layout, "the Parquet stream")
    {
    }

    private ParquetCurveReader(Stream stream, CurveLayout layout, string source)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _stream = stream;
        _layout = layout;
        _source = source;
        try
        {
            if (!stream.CanSeek)
                throw new ArgumentException(
                    "A Parquet file is read from its end, where its footer describes it: the stream must seek (a file, or a MemoryStream of it).", nameof(stream));
            _reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult();
            _fields = Fields(_reader.Schema);
            int pointCount = layout.PointColumnNames?.Count ?? FirstListLength();
            _rows = new CurveRows(pointCount);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int PointCount => _rows.PointCount;

    /// <inheritdoc/>
    public int Read(double[,] y) => _rows.Read(y, NextGroup);

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    private DataField[] Fields(ParquetSchema schema)
    {
        string Columns() => string.Join(", ", schema.Fields.Select(f => $"'{f.Name}'"));
        if (_layout.ListColumnName is { } name)
        {
            Field? field = schema.Fields.FirstOrDefault(f => f.Name == name)
                           ?? throw new ArgumentException($"{_source} has no column '{name}'; its columns are {Columns()}.", "layout");
            if (field is not ListField { Item: DataField item } || !IsNumber(item))
                throw new ArgumentException($"Column '{name}' of {_source} is {Describe(field)}; the curves' column must be a list of numbers (floats or integers).", "layout");
            return [item];
        }
        return _layout.PointColumnNames!.Select(point =>
        {
            Field field = schema.Fields.FirstOrDefault(f => f.Name == point)
                          ?? throw new ArgumentException($"{_source} has no column '{point}'; its columns are {Columns()}.", "layout");
            if (field is not DataField { IsArray: false } data || !IsNumber(data))
                throw new ArgumentException($"Column '{point}' of {_source} is {Describe(field)}; a point column must hold numbers (floats or integers).", "layout");
            return data;
        }).ToArray();
    }

    // Photon and event counts often come as integers; every integer below 2⁵³ is exactly a double.
    private static readonly Type[] Numbers =
        [typeof(double), typeof(float), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    private static bool IsNumber(DataField field) => Numbers.Contains(field.ClrType);

    private static string Describe(Field field) => field is DataField data ? data.ClrType.Name : field.SchemaType.ToString();

    /// <summary>The first curve's length, from the first row group that has rows (kept, to be handed out first).</summary>
    private int FirstListLength()
    {
        while (_nextGroup < _reader.RowGroupCount)
        {
            using var group = _reader.OpenRowGroupReader(_nextGroup++);
            if (group.RowCount == 0)
                continue;
            var (values, rowStarts) = ReadList(group, firstRow: 0);
            int length = (rowStarts.Count > 1 ? rowStarts[1] : values.Length) - rowStarts[0];
            if (length == 0)
                throw new ArgumentException($"The first curve in {_source} (row 0 of {_layout}) has no values.", "layout");
            _pending = values;
            _pendingRows = rowStarts.Count;
            CheckLengths(rowStarts, values.Length, length, 0);
            return length;
        }
        return 1;   // no rows: no curves to read
    }

    private bool NextGroup()
    {
        if (_pendingRows >= 0)
        {
            _pending.CopyTo(_rows.Begin(_pendingRows));
            _pendingRows = -1;
            _pending = [];
            return true;
        }
        while (_nextGroup < _reader.RowGroupCount)
        {
            using var group = _reader.OpenRowGroupReader(_nextGroup++);
            int rows = checked((int)group.RowCount);
            if (rows == 0)
                continue;
            long firstRow = _rows.NextFirstRow;
            if (_layout.ListColumnName is not null)
            {
                var (values, rowStarts) = ReadList(group, firstRow);
                CheckLengths(rowStarts, values.Length, PointCount, firstRow);
                values.CopyTo(_rows.Begin(rows));
                return true;
            }
            Span<double> target = _rows.Begin(rows);
            int n = PointCount;
            for (int i = 0; i < _fields.Length; i++)
            {
                double[] column = ReadFlat(group, _fields[i], rows, firstRow);
                for (int r = 0; r < rows; r++)
                    target[r * n + i] = column[r];
            }
            return true;
        }
        return false;
    }

    /// <summary>A flat column's values, one per row; a null is an error naming its row.</summary>
    private double[] ReadFlat(ParquetRowGroupReader group, DataField field, int rows, long firstRow)
    {
        var (values, definitions, _) = ReadRaw(group, field, rows);
        if (field.MaxDefinitionLevel > 0)
            for (int r = 0; r < rows; r++)
                if (definitions[r] < field.MaxDefinitionLevel)
                    throw Missing(firstRow + r, $"column '{field.Name}'");
        return values;
    }

    /// <summary>
    /// The list column's values, all rows after one another, and where each row's begin. An empty or null list, or a
    /// null value in one, is an error naming its row.
    /// </summary>
    private (double[] Values, List<int> RowStarts) ReadList(ParquetRowGroupReader group, long firstRow)
    {
        DataField item = _fields[0];
        long count = group.GetMetadata(item)?.MetaData?.NumValues ?? 0;
        var (values, definitions, repetitions) = ReadRaw(group, item, checked((int)count));
        var rowStarts = new List<int>();
        int value = 0;
        for (int e = 0; e < count; e++)
        {
            if (repetitions[e] == 0)
                rowStarts.Add(value);
            if (definitions[e] < item.MaxDefinitionLevel)
                throw Missing(firstRow + rowStarts.Count - 1, $"{_layout} (an empty or null list, or a null in it)");
            value++;
        }
        return (values[..value], rowStarts);
    }

    private static (double[] Values, int[] Definitions, int[] Repetitions) ReadRaw(ParquetRowGroupReader group, DataField field, int count)
    {
        var definitions = new int[count];
        var repetitions = new int[count];
        double[] values = field.ClrType switch
        {
            var t when t == typeof(double) => Raw<double>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(float) => Raw<float>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(sbyte) => Raw<sbyte>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(byte) => Raw<byte>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(short) => Raw<short>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(ushort) => Raw<ushort>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(int) => Raw<int>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(uint) => Raw<uint>(group, field, definitions, repetitions, v => v),
            var t when t == typeof(long) => Raw<long>(group, field, definitions, repetitions, v => v),
            _ => Raw<ulong>(group, field, definitions, repetitions, v => v),
        };
        return (values, definitions, repetitions);
    }

    private static double[] Raw<T>(ParquetRowGroupReader group, DataField field, int[] definitions, int[] repetitions, Func<T, double> toDouble)
        where T : struct
    {
        var raw = new T[definitions.Length];
        group.ReadRawAsync<T>(field, raw, definitions, repetitions).AsTask().GetAwaiter().GetResult();
        var values = new double[raw.Length];
        for (int i = 0; i < raw.Length; i++)
            values[i] = toDouble(raw[i]);
        return values;
    }

    private void CheckLengths(List<int> rowStarts, int valueCount, int n, long firstRow)
    {
        for (int r = 0; r < rowStarts.Count; r++)
        {
            int length = (r + 1 < rowStarts.Count ? rowStarts[r + 1] : valueCount) - rowStarts[r];
            if (length != n)
                throw new ArgumentException(
                    $"Row {firstRow + r} of {_source} has {length} values in {_layout}, but the first row has {n}: every curve needs the same number of points.");
        }
    }

    private ArgumentException Missing(long row, string where) =>
        new($"Row {row} of {_source} has a missing value in {where}; a curve needs every point.");
}
