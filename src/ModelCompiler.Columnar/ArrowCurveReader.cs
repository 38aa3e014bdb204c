// SPDX-License-Identifier: MIT
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Columnar;

/// <summary>
/// Curves from an Arrow IPC file (Feather v2, what pyarrow's <c>feather.write_feather</c> and polars' <c>write_ipc</c>
/// write) or stream, one row per curve as <see cref="CurveLayout"/> says, with each point's σ from a second layout and
/// each curve's own x from a third if given, read a record batch at a time: a streamed
/// <see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
/// holds one batch and one block of curves, however large the file.
/// </summary>
public sealed class ArrowCurveReader : ICurveReader, IDisposable
{
    private readonly Stream _stream;
    private readonly ArrowStreamReader _reader;
    private readonly string _source;
    private readonly Columns _curves;
    private readonly Columns? _sigma;
    private readonly Columns? _x;
    private readonly CurveRows _rows;
    private RecordBatch? _pending;   // the first batch, read to learn a list column's length

    /// <summary>
    /// Opens the Arrow IPC file or stream at <paramref name="path"/>: the curves as <paramref name="layout"/> says,
    /// and their points' standard deviations as <paramref name="sigma"/> says (null: none; the fit is unweighted), and each curve's own points as <paramref name="x"/> says (null: the
    /// curves share the x the fit is given).
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or not of numbers, or the first curve is empty.</exception>
    public ArrowCurveReader(string path, CurveLayout layout, CurveLayout? sigma = null, CurveLayout? x = null)
        : this(File.OpenRead(path ?? throw new ArgumentNullException(nameof(path))), layout, sigma, x, path)
    {
    }

    /// <summary>Reads the Arrow IPC file or stream in <paramref name="stream"/>, which the reader disposes.</summary>
    public ArrowCurveReader(Stream stream, CurveLayout layout, CurveLayout? sigma = null, CurveLayout? x = null)
        : this(stream ?? throw new ArgumentNullException(nameof(stream)), layout, sigma, x, "the Arrow stream")
    {
    }

    private ArrowCurveReader(Stream stream, CurveLayout layout, CurveLayout? sigma, CurveLayout? x, string source)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _stream = stream;
        _source = source;
        try
        {
            if (StartsWith(stream, "PAR1"u8))
                throw new InvalidDataException($"{source} is a Parquet file, not Arrow IPC: read it with ParquetCurveReader.");
            Schema? schema;
            try
            {
                _reader = IsFileFormat(stream) ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
                schema = _reader.Schema;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or EndOfStreamException or InvalidDataException)
            {
                throw new InvalidDataException($"{source} is not an Arrow IPC file or stream: {e.Message}", e);
            }
            if (schema is null)
                throw new ArgumentException($"{source} holds no Arrow schema.", nameof(stream));
            _curves = new Columns(layout, schema, source, nameof(layout));
            _sigma = sigma is null ? null : new Columns(sigma, schema, source, nameof(sigma));
            _x = x is null ? null : new Columns(x, schema, source, nameof(x));
            int pointCount = layout.PointColumnNames?.Count ?? 0;
            if (pointCount == 0)
            {
                _pending = NextNonEmptyBatch();
                pointCount = _pending is null ? 1 : Columns.ListLength(_pending.Column(_curves.Indices[0]), 0);
                if (pointCount == 0)
                    throw new ArgumentException($"The first curve in {source} (row 0 of {layout}) has no values.", nameof(layout));
            }
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
    public int Read(double[,] y) => _rows.Read(y, null, NextBatch);

    /// <inheritdoc/>
    public int Read(double[,] y, double[,] sigma) => _rows.Read(y, sigma ?? throw new ArgumentNullException(nameof(sigma)), NextBatch);

    /// <inheritdoc/>
    public int Read(double[,] y, double[,]? sigma, double[,] x) => _rows.Read(y, sigma, NextBatch, x ?? throw new ArgumentNullException(nameof(x)));

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }

    /// <summary>Whether the stream starts with the Arrow file format's magic; a stream that cannot seek is taken as the stream format.</summary>
    private static bool IsFileFormat(Stream stream) => StartsWith(stream, "ARROW1"u8);

    /// <summary>Whether a seekable <paramref name="stream"/> starts with <paramref name="magic"/>; it is left where it was.</summary>
    internal static bool StartsWith(Stream stream, ReadOnlySpan<byte> magic)
    {
        if (!stream.CanSeek)
            return false;
        long start = stream.Position;
        Span<byte> head = stackalloc byte[magic.Length];
        int read = stream.ReadAtLeast(head, magic.Length, throwOnEndOfStream: false);
        stream.Position = start;
        return read == magic.Length && head.SequenceEqual(magic);
    }

    private RecordBatch? NextNonEmptyBatch()
    {
        while (ReadBatch() is { } batch)
        {
            if (batch.Length > 0)
                return batch;
            batch.Dispose();
        }
        return null;
    }

    /// <summary>The next record batch, or null at the end; a file cut short is named, not left as Apache.Arrow's bare stream error.</summary>
    private RecordBatch? ReadBatch()
    {
        try
        {
            return _reader.ReadNextRecordBatch();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or EndOfStreamException)
        {
            throw new InvalidDataException(
                $"{_source} is cut short or damaged: the record batch from row {_rows.NextFirstRow} cannot be read ({e.Message})", e);
        }
    }

    private bool NextBatch()
    {
        using RecordBatch? batch = _pending ?? NextNonEmptyBatch();
        _pending = null;
        if (batch is null)
            return false;
        _rows.Begin(batch.Length);
        _curves.Decode(batch, _rows.FirstRow, _rows.Values);
        _sigma?.Decode(batch, _rows.FirstRow, _rows.Sigma);
        _x?.Decode(batch, _rows.FirstRow, _rows.X);
        _curves.RequireFinite(_rows.Values, batch.Length, _rows.FirstRow);
        _sigma?.RequireFinite(_rows.Sigma, batch.Length, _rows.FirstRow);
        _x?.RequireFinite(_rows.X, batch.Length, _rows.FirstRow);
        return true;
    }

    /// <summary>One layout's columns in the schema, and their decoding into rows of n values.</summary>
    private sealed class Columns
    {
        private readonly CurveLayout _layout;
        private readonly string _source;
        private double[] _columns = [];   // point columns one after another, kept from batch to batch

        public Columns(CurveLayout layout, Schema schema, string source, string role)
        {
            _layout = layout;
            _source = source;
            string[] names = layout.ListColumnName is { } list ? [list] : [.. layout.PointColumnNames!];
            Indices = new int[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                Indices[i] = schema.GetFieldIndex(names[i]);
                if (Indices[i] < 0)
                    throw new ArgumentException(
                        $"{source} has no column '{names[i]}'; its columns are {string.Join(", ", schema.FieldsList.Select(f => $"'{f.Name}'"))}.", role);
                IArrowType type = schema.GetFieldByIndex(Indices[i]).DataType;
                bool fits = layout.ListColumnName is null
                    ? IsNumber(type)
                    : type is ListType { ValueDataType: var v } && IsNumber(v) || type is LargeListType { ValueDataType: var lv } && IsNumber(lv)
                      || type is FixedSizeListType { ValueDataType: var fv } && IsNumber(fv);
                if (!fits)
                    throw new ArgumentException(
                        $"Column '{names[i]}' of {source} is {type.Name}; {(layout.ListColumnName is null ? "a point column must hold numbers (floats or integers)" : "a list column must hold lists of numbers (floats or integers)")}.",
                        role);
            }
        }

        /// <summary>The layout's columns' indices in the schema.</summary>
        public int[] Indices { get; }

        /// <summary>The batch's rows, n values each, into <paramref name="values"/>; <paramref name="firstRow"/> numbers them in messages.</summary>
        public void Decode(RecordBatch batch, long firstRow, Span<double> values)
        {
            int n = values.Length / batch.Length;
            if (_layout.ListColumnName is not null)
            {
                DecodeLists(batch.Column(Indices[0]), batch.Length, n, firstRow, values);
                return;
            }
            // The point columns one after another, then turned into rows (CurveRows.FromColumns).
            int rows = batch.Length;
            double[] columns = CurveRows.Grown(ref _columns, rows * n);
            for (int point = 0; point < n; point++)
            {
                IArrowArray column = batch.Column(Indices[point]);
                Span<double> target = columns.AsSpan(point * rows, rows);
                if (column is DoubleArray { NullCount: 0 } doubles)
                {
                    doubles.Values.CopyTo(target);
                    continue;
                }
                for (int r = 0; r < rows; r++)
                {
                    if (column.IsNull(r))
                        throw Missing(firstRow + r, $"column '{_layout.PointColumnNames![point]}'");
                    target[r] = Value(column, r);
                }
            }
            CurveRows.FromColumns(columns.AsSpan(0, rows * n), rows, values);
        }

        private void DecodeLists(IArrowArray column, int rows, int n, long firstRow, Span<double> values)
        {
            for (int r = 0; r < rows; r++)
            {
                if (column.IsNull(r))
                    throw Missing(firstRow + r, $"{_layout} (the list itself is null)");
                int length = ListLength(column, r);
                if (length != n)
                    throw new ArgumentException(
                        $"Row {firstRow + r} of {_source} has {length} values in {_layout}, but the first curve (row 0) has {n}: every curve needs as many points as row 0 (the odd one out may be row 0 itself).");
                var (child, start) = ListValues(column, r);
                Span<double> row = values.Slice(r * n, n);
                // A row of float64 without nulls, the usual case, is one copy; other types convert value by value.
                if (child is DoubleArray { NullCount: 0 } doubles)
                {
                    doubles.Values.Slice(start, n).CopyTo(row);
                    continue;
                }
                for (int i = 0; i < n; i++)
                {
                    if (child.IsNull(start + i))
                        throw Missing(firstRow + r, $"{_layout} (value {i})");
                    row[i] = Value(child, start + i);
                }
            }
        }

        public static int ListLength(IArrowArray column, int row) => column switch
        {
            ListArray list => list.ValueOffsets[row + 1] - list.ValueOffsets[row],
            LargeListArray large => checked((int)(large.ValueOffsets[row + 1] - large.ValueOffsets[row])),
            FixedSizeListArray fixedSize => ((FixedSizeListType)fixedSize.Data.DataType).ListSize,
            _ => throw new InvalidOperationException($"Not a list array: {column.GetType().Name}."),
        };

        /// <summary>The array of a row's values and the index of its first one there.</summary>
        private static (IArrowArray Child, int Start) ListValues(IArrowArray column, int row) => column switch
        {
            ListArray list => (list.Values, list.ValueOffsets[row]),
            LargeListArray large => (large.Values, checked((int)large.ValueOffsets[row])),
            FixedSizeListArray fixedSize => (fixedSize.Values, (fixedSize.Offset + row) * ((FixedSizeListType)fixedSize.Data.DataType).ListSize),
            _ => throw new InvalidOperationException($"Not a list array: {column.GetType().Name}."),
        };

        // Photon and event counts often come as integers; every integer below 2⁵³ is exactly a double.
        private static bool IsNumber(IArrowType type) => type.TypeId is ArrowTypeId.Double or ArrowTypeId.Float or ArrowTypeId.Int8
            or ArrowTypeId.UInt8 or ArrowTypeId.Int16 or ArrowTypeId.UInt16 or ArrowTypeId.Int32 or ArrowTypeId.UInt32 or ArrowTypeId.Int64
            or ArrowTypeId.UInt64;

        private static double Value(IArrowArray array, int index) => array switch
        {
            DoubleArray doubles => doubles.Values[index],
            FloatArray floats => floats.Values[index],
            Int8Array values => values.Values[index],
            UInt8Array values => values.Values[index],
            Int16Array values => values.Values[index],
            UInt16Array values => values.Values[index],
            Int32Array values => values.Values[index],
            UInt32Array values => values.Values[index],
            Int64Array values => values.Values[index],
            UInt64Array values => values.Values[index],
            _ => throw new InvalidOperationException($"Not a number array: {array.GetType().Name}."),
        };

        /// <summary>Throws where one of the <paramref name="rows"/> rows decoded into <paramref name="values"/> is not finite.</summary>
        public void RequireFinite(ReadOnlySpan<double> values, int rows, long firstRow) =>
            CurveRows.RequireFinite(values, values.Length / rows, firstRow, _source, _layout);

        private ArgumentException Missing(long row, string where) =>
            new($"Row {row} of {_source} has a missing value in {where}; a curve needs every point.");
    }
}
