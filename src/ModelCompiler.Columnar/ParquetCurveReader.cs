// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Parquet;
using Parquet.Schema;

namespace ModelCompiler.Columnar;

/// <summary>
/// Curves from a Parquet file, one row per curve as <see cref="CurveLayout"/> says, with each point's σ from a second
/// layout and each curve's own x from a third if given, read a row group at a time: a streamed
/// <see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
/// holds one row group (point columns: twice, by columns and by rows) and one block of curves, however large the
/// file. Parquet.Net reads asynchronously; this reader waits for it, as <see cref="ICurveReader"/> is synchronous.
/// </summary>
public sealed class ParquetCurveReader : ICurveReader, IDisposable
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly string _source;
    private readonly Columns _curves;
    private readonly Columns? _sigma;
    private readonly Columns? _x;
    private readonly CurveRows _rows;
    private int _nextGroup;
    // The list column of the first row group with rows, decoded to learn the curves' length and kept until it is read:
    // a file written as one row group would otherwise be decoded twice.
    private (int Group, double[] Values, List<int> RowStarts)? _firstList;

    /// <summary>
    /// Opens the Parquet file at <paramref name="path"/>: the curves as <paramref name="layout"/> says, and their
    /// points' standard deviations as <paramref name="sigma"/> says (null: none; the fit is unweighted), and each curve's own points as <paramref name="x"/> says (null: the
    /// curves share the x the fit is given).
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or not of numbers, or the first curve is empty.</exception>
    public ParquetCurveReader(string path, CurveLayout layout, CurveLayout? sigma = null, CurveLayout? x = null)
        : this(File.OpenRead(path ?? throw new ArgumentNullException(nameof(path))), layout, sigma, x, path)
    {
    }

    /// <summary>Reads the Parquet file in <paramref name="stream"/> (which must seek), which the reader disposes.</summary>
    public ParquetCurveReader(Stream stream, CurveLayout layout, CurveLayout? sigma = null, CurveLayout? x = null)
        : this(stream ?? throw new ArgumentNullException(nameof(stream)), layout, sigma, x, "the Parquet stream")
    {
    }

    private ParquetCurveReader(Stream stream, CurveLayout layout, CurveLayout? sigma, CurveLayout? x, string source)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _stream = stream;
        _source = source;
        try
        {
            if (!stream.CanSeek)
                throw new ArgumentException(
                    "A Parquet file is read from its end, where its footer describes it: the stream must seek (a file, or a MemoryStream of it).", nameof(stream));
            if (ArrowCurveReader.StartsWith(stream, "ARROW1"u8))
                throw new InvalidDataException($"{source} is an Arrow IPC file, not Parquet: read it with ArrowCurveReader.");
            try
            {
                _reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).GetAwaiter().GetResult();
            }
            catch (IOException e)
            {
                throw new InvalidDataException($"{source} is not a Parquet file: {e.Message}", e);
            }
            _curves = new Columns(layout, _reader.Schema, source, nameof(layout));
            _sigma = sigma is null ? null : new Columns(sigma, _reader.Schema, source, nameof(sigma));
            _x = x is null ? null : new Columns(x, _reader.Schema, source, nameof(x));
            int pointCount = layout.PointColumnNames?.Count ?? FirstListLength();
            _rows = new CurveRows(pointCount, sigma, x);
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
    public bool HasSigma => _rows.HasSigma;

    /// <inheritdoc/>
    public bool HasX => _rows.HasX;

    /// <inheritdoc/>
    public int Read(double[,] y) => _rows.Read(y, null, NextGroup);

    /// <inheritdoc/>
    public int Read(double[,] y, double[,] sigma) => _rows.Read(y, sigma ?? throw new ArgumentNullException(nameof(sigma)), NextGroup);

    /// <inheritdoc/>
    public int Read(double[,] y, double[,]? sigma, double[,] x) => _rows.Read(y, sigma, NextGroup, x ?? throw new ArgumentNullException(nameof(x)));

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    /// <summary>The first curve's length, from the first row group that has rows (kept in <see cref="_firstList"/>).</summary>
    private int FirstListLength()
    {
        for (int g = 0; g < _reader.RowGroupCount; g++)
        {
            using var group = _reader.OpenRowGroupReader(g);
            if (group.RowCount == 0)
                continue;
            var (values, rowStarts) = _curves.ReadList(group, firstRow: 0);
            _firstList = (g, values, rowStarts);
            int length = (rowStarts.Count > 1 ? rowStarts[1] : values.Length) - rowStarts[0];
            if (length == 0)
                throw new ArgumentException($"The first curve in {_source} (row 0 of {_curves.Layout}) has no values.", "layout");
            return length;
        }
        return 1;   // no rows: no curves to read
    }

    private bool NextGroup()
    {
        while (_nextGroup < _reader.RowGroupCount)
        {
            using var group = _reader.OpenRowGroupReader(_nextGroup++);
            int rows = checked((int)group.RowCount);
            if (rows == 0)
                continue;
            _rows.Begin(rows);
            if (_firstList is { } first && first.Group == _nextGroup - 1)
            {
                _curves.CopyList(first.Values, first.RowStarts, _rows.FirstRow, _rows.Values);
                _firstList = null;
            }
            else
                _curves.Decode(group, rows, _rows.FirstRow, _rows.ValuesMemory);
            _sigma?.Decode(group, rows, _rows.FirstRow, _rows.SigmaMemory);
            _x?.Decode(group, rows, _rows.FirstRow, _rows.XMemory);
            _curves.RequireFinite(_rows.Values, rows, _rows.FirstRow);
            _sigma?.RequireFinite(_rows.Sigma, rows, _rows.FirstRow);
            _x?.RequireFinite(_rows.X, rows, _rows.FirstRow);
            return true;
        }
        return false;
    }

    /// <summary>One layout's columns in the schema, and their decoding into rows of n values.</summary>
    private sealed class Columns
    {
        private readonly string _source;
        private readonly DataField[] _fields; // the list's values, or the point columns in point order
        private int[] _definitions = [], _repetitions = [];
        private double[] _columns = [];

        public Columns(CurveLayout layout, ParquetSchema schema, string source, string role)
        {
            Layout = layout;
            _source = source;
            string Names() => string.Join(", ", schema.Fields.Select(f => $"'{f.Name}'"));
            if (layout.ListColumnName is { } name)
            {
                Field field = schema.Fields.FirstOrDefault(f => f.Name == name)
                              ?? throw new ArgumentException($"{source} has no column '{name}'; its columns are {Names()}.", role);
                if (field is not ListField { Item: DataField item } || !IsNumber(item))
                    throw new ArgumentException($"Column '{name}' of {source} is {Describe(field)}; a list column must hold lists of numbers (floats or integers).", role);
                _fields = [item];
                return;
            }
            _fields = layout.PointColumnNames!.Select(point =>
            {
                Field field = schema.Fields.FirstOrDefault(f => f.Name == point)
                              ?? throw new ArgumentException($"{source} has no column '{point}'; its columns are {Names()}.", role);
                if (field is not DataField { IsArray: false } data || !IsNumber(data))
                    throw new ArgumentException($"Column '{point}' of {source} is {Describe(field)}; a point column must hold numbers (floats or integers).", role);
                return data;
            }).ToArray();
        }

        public CurveLayout Layout { get; }

        /// <summary>The group's rows, n values each, into <paramref name="target"/>; <paramref name="firstRow"/> numbers them in messages.</summary>
        public void Decode(ParquetRowGroupReader group, int rows, long firstRow, Memory<double> target)
        {
            int n = target.Length / rows;
            if (Layout.ListColumnName is not null)
            {
                // Every row n long and nothing missing, the usual case, decodes straight into the rows. Anything else
                // reads the group again to say which row is wrong.
                DataField item = _fields[0];
                if (ValueCount(group, item) == target.Length)
                {
                    var (definitions, repetitions) = ReadRaw(group, item, target.Length, target);
                    if (AreWholeRows(definitions.Span, repetitions.Span, n, item.MaxDefinitionLevel))
                        return;
                }
                var (values, rowStarts) = ReadList(group, firstRow);
                CopyList(values, rowStarts, firstRow, target.Span);
                return;
            }
            // The point columns one after another, then turned into rows (CurveRows.FromColumns).
            double[] columns = CurveRows.Grown(ref _columns, rows * n);
            for (int i = 0; i < n; i++)
            {
                DataField field = _fields[i];
                ReadOnlySpan<int> definitions = ReadRaw(group, field, rows, columns.AsMemory(i * rows, rows)).Definitions.Span;
                if (field.MaxDefinitionLevel > 0 && definitions.IndexOfAnyExcept(field.MaxDefinitionLevel) is >= 0 and int r)
                    throw Missing(firstRow + r, $"column '{field.Name}'");
            }
            CurveRows.FromColumns(columns.AsSpan(0, rows * n), rows, target.Span);
        }

        /// <summary>
        /// Whether the group's values (as many as its rows hold when whole) make rows of exactly n, with none missing: a row
        /// starts (repetition 0) at every n-th value, and as that is one start per row, nowhere else.
        /// </summary>
        private static bool AreWholeRows(ReadOnlySpan<int> definitions, ReadOnlySpan<int> repetitions, int n, int defined)
        {
            if (definitions.ContainsAnyExcept(defined))
                return false;
            for (int start = 0; start < repetitions.Length; start += n)
                if (repetitions[start] != 0)
                    return false;
            return true;
        }

        /// <summary>A group's list column as <see cref="ReadList"/> gives it into <paramref name="target"/>, once every row is checked to be n long.</summary>
        public void CopyList(double[] values, List<int> rowStarts, long firstRow, Span<double> target)
        {
            int n = target.Length / rowStarts.Count;
            for (int r = 0; r < rowStarts.Count; r++)
            {
                int length = (r + 1 < rowStarts.Count ? rowStarts[r + 1] : values.Length) - rowStarts[r];
                if (length != n)
                    throw new ArgumentException(
                        $"Row {firstRow + r} of {_source} has {length} values in {Layout}, but the first curve (row 0) has {n}: every curve needs as many points as row 0 (the odd one out may be row 0 itself).");
            }
            values.CopyTo(target);
        }

        /// <summary>
        /// The list column's values, all rows after one another, and where each row's begin. An empty or null list, or a
        /// null value in one, is an error naming its row.
        /// </summary>
        public (double[] Values, List<int> RowStarts) ReadList(ParquetRowGroupReader group, long firstRow)
        {
            DataField item = _fields[0];
            int count = ValueCount(group, item);
            var values = new double[count];
            var (definitionLevels, repetitionLevels) = ReadRaw(group, item, count, values);
            ReadOnlySpan<int> definitions = definitionLevels.Span, repetitions = repetitionLevels.Span;
            var rowStarts = new List<int>();
            for (int e = 0; e < count; e++)
            {
                if (repetitions[e] == 0)
                    rowStarts.Add(e);
                if (definitions[e] < item.MaxDefinitionLevel)
                    throw Missing(firstRow + rowStarts.Count - 1, $"{Layout} (an empty or null list, or a null in it)");
            }
            return (values, rowStarts);
        }

        // Photon and event counts often come as integers; every integer below 2⁵³ is exactly a double.
        private static readonly Type[] Numbers =
            [typeof(double), typeof(float), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

        private static bool IsNumber(DataField field) => Numbers.Contains(field.ClrType);

        /// <summary>The field's type as a reader would say it: "a list of String", not the schema's bare "List".</summary>
        private static string Describe(Field field) => field switch
        {
            ListField list => $"a list of {Describe(list.Item)}",
            DataField data => data.ClrType == typeof(ReadOnlyMemory<char>) ? nameof(String) : data.ClrType.Name,   // Parquet.Net's strings
            _ => field.SchemaType.ToString(),
        };

        private static int ValueCount(ParquetRowGroupReader group, DataField field) =>
            checked((int)(group.GetMetadata(field)?.MetaData?.NumValues ?? 0));

        /// <summary>
        /// The first <paramref name="count"/> values of the field in the group, as doubles, into <paramref name="values"/>,
        /// and their definition and repetition levels. The levels go through buffers kept from group to group: fresh ones
        /// of tens of megabytes for each group cost more than the decoding.
        /// </summary>
        private (ReadOnlyMemory<int> Definitions, ReadOnlyMemory<int> Repetitions) ReadRaw(ParquetRowGroupReader group, DataField field, int count,
                                                                                      Memory<double> values)
        {
            Memory<int> definitions = CurveRows.Grown(ref _definitions, count).AsMemory(0, count);
            Memory<int> repetitions = CurveRows.Grown(ref _repetitions, count).AsMemory(0, count);
            values = values[..count];
            switch (field.ClrType)
            {
                case var t when t == typeof(double): group.ReadRawAsync(field, values, definitions, repetitions).AsTask().GetAwaiter().GetResult(); break;
                case var t when t == typeof(float): Convert<float>(group, field, definitions, repetitions, values.Span, v => v); break;
                case var t when t == typeof(sbyte): Convert<sbyte>(group, field, definitions, repetitions, values.Span, v => v); break;
                case var t when t == typeof(byte): Convert<byte>(group, field, definitions, repetitions, values.Span, v => v); break;
                case var t when t == typeof(short): Convert<short>(group, field, definitions, repetitions, values.Span, v => v); break;
                case var t when t == typeof(ushort): Convert<ushort>(group, field, definitions, repetitions, values.Span, v => v); break;
                case var t when t == typeof(int): Convert<int>(group, field, definitions, repetitions, values.Span, v => v); break;
                case var t when t == typeof(uint): Convert<uint>(group, field, definitions, repetitions, values.Span, v => v); break;
                case var t when t == typeof(long): Convert<long>(group, field, definitions, repetitions, values.Span, v => v); break;
                default: Convert<ulong>(group, field, definitions, repetitions, values.Span, v => v); break;
            }
            return (definitions, repetitions);
        }

        private static void Convert<T>(ParquetRowGroupReader group, DataField field, Memory<int> definitions, Memory<int> repetitions, Span<double> values,
                                       Func<T, double> toDouble)
            where T : struct
        {
            var raw = new T[values.Length];
            group.ReadRawAsync<T>(field, raw, definitions, repetitions).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < raw.Length; i++)
                values[i] = toDouble(raw[i]);
        }

        /// <summary>Throws where one of the <paramref name="rows"/> rows decoded into <paramref name="values"/> is not finite.</summary>
        public void RequireFinite(ReadOnlySpan<double> values, int rows, long firstRow) =>
            CurveRows.RequireFinite(values, values.Length / rows, firstRow, _source, Layout);

        private ArgumentException Missing(long row, string where) =>
            new($"Row {row} of {_source} has a missing value in {where}; a curve needs every point.");
    }
}
