// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;

namespace ModelCompiler.Columnar;

/// <summary>
/// The curves of one decoded record batch or row group, row after row, with their σ and their x when the file has them,
/// handed out to a batch fit's blocks as it asks: a block may end inside a batch, and a batch inside a block.
/// </summary>
internal sealed class CurveRows
{
    private double[] _values = [], _sigma = [], _x = [];
    private int _count, _next;

    /// <summary>
    /// Rows of <paramref name="pointCount"/> values, with σ and x laid out as <paramref name="sigma"/> and
    /// <paramref name="x"/> say (null: none).
    /// </summary>
    /// <exception cref="ArgumentException">The σ or x layout has another number of point columns.</exception>
    public CurveRows(int pointCount, CurveLayout? sigma, CurveLayout? x = null)
    {
        if (sigma?.PointColumnNames is { } sigmaPoints && sigmaPoints.Count != pointCount)
            throw new ArgumentException($"sigma has {sigmaPoints.Count} point columns but the curves have {pointCount} points.", nameof(sigma));
        if (x?.PointColumnNames is { } xPoints && xPoints.Count != pointCount)
            throw new ArgumentException($"x has {xPoints.Count} point columns but the curves have {pointCount} points.", nameof(x));
        PointCount = pointCount;
        HasSigma = sigma is not null;
        HasX = x is not null;
    }

    /// <summary>Rows of the file before the current batch: a row's number in messages.</summary>
    public long FirstRow { get; private set; }

    /// <summary>The row number the next batch starts at.</summary>
    public long NextFirstRow => FirstRow + _count;

    public int PointCount { get; }

    public bool HasSigma { get; }

    public bool HasX { get; }

    private bool IsEmpty => _next >= _count;

    /// <summary>Makes space for the next batch's <paramref name="rows"/> rows; the rows handed out so far move on past the last batch.</summary>
    public void Begin(int rows)
    {
        FirstRow += _count;
        int length = checked(rows * PointCount);
        if (_values.Length < length)
        {
            _values = new double[length];
            _sigma = HasSigma ? new double[length] : [];
            _x = HasX ? new double[length] : [];
        }
        _count = rows;
        _next = 0;
    }

    /// <summary>The current batch's values, row after row, for the reader to fill.</summary>
    public Span<double> Values => _values.AsSpan(0, _count * PointCount);

    /// <summary>The current batch's σ, as <see cref="Values"/> (empty unless <see cref="HasSigma"/>).</summary>
    public Span<double> Sigma => HasSigma ? _sigma.AsSpan(0, _count * PointCount) : default;

    /// <summary>The current batch's x, as <see cref="Values"/> (empty unless <see cref="HasX"/>).</summary>
    public Span<double> X => HasX ? _x.AsSpan(0, _count * PointCount) : default;

    /// <summary><see cref="Values"/>, for a reader that decodes asynchronously.</summary>
    public Memory<double> ValuesMemory => _values.AsMemory(0, _count * PointCount);

    /// <summary><see cref="Sigma"/>, for a reader that decodes asynchronously.</summary>
    public Memory<double> SigmaMemory => HasSigma ? _sigma.AsMemory(0, _count * PointCount) : default;

    /// <summary><see cref="X"/>, for a reader that decodes asynchronously.</summary>
    public Memory<double> XMemory => HasX ? _x.AsMemory(0, _count * PointCount) : default;

    /// <summary>
    /// Fills <paramref name="y"/> (and <paramref name="sigma"/> and <paramref name="x"/>, when given) from the rows,
    /// calling <paramref name="nextBatch"/> whenever they run out, until it returns false; returns how many rows.
    /// </summary>
    public int Read(double[,] y, double[,]? sigma, Func<bool> nextBatch, double[,]? x = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        Check(y, nameof(y));
        if (sigma is not null)
        {
            if (!HasSigma)
                throw new InvalidOperationException("This reader was opened without a sigma layout.");
            Check(sigma, nameof(sigma));
            if (sigma.GetLength(0) != y.GetLength(0))
                throw new ArgumentException($"sigma has {sigma.GetLength(0)} rows but y has {y.GetLength(0)}.", nameof(sigma));
        }
        if (x is not null)
        {
            if (!HasX)
                throw new InvalidOperationException("This reader was opened without an x layout.");
            if (x.GetLength(1) != PointCount)
                throw new ArgumentException(
                    $"x has {x.GetLength(1)} columns but the reader gives {PointCount} x values per curve, one per point: " +
                    $"a model of {Math.Max(1, x.GetLength(1) / PointCount)} variables needs its x from a reader of its own.", nameof(x));
            if (x.GetLength(0) != y.GetLength(0))
                throw new ArgumentException($"x has {x.GetLength(0)} rows but y has {y.GetLength(0)}.", nameof(x));
        }
        int filled = 0;
        while (filled < y.GetLength(0))
        {
            if (IsEmpty && !nextBatch())
                break;
            int take = Math.Min(_count - _next, y.GetLength(0) - filled);
            Copy(_values, y, filled, take);
            if (sigma is not null)
                Copy(_sigma, sigma, filled, take);
            if (x is not null)
                Copy(_x, x, filled, take);
            _next += take;
            filled += take;
        }
        return filled;
    }

    /// <summary>
    /// Point columns (column i of <paramref name="rows"/> values at [i·rows, i·rows + rows)) into rows of n values,
    /// <paramref name="target"/>. A tile of rows at a time: column by column straight into the rows, every value would
    /// touch another row's cache line.
    /// </summary>
    public static void FromColumns(ReadOnlySpan<double> columns, int rows, Span<double> target)
    {
        const int Tile = 32;
        int n = target.Length / rows;
        for (int start = 0; start < rows; start += Tile)
        {
            int end = Math.Min(rows, start + Tile);
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> column = columns.Slice(i * rows, rows);
                for (int r = start; r < end; r++)
                    target[r * n + i] = column[r];
            }
        }
    }

    /// <summary>
    /// Throws, naming the file's row and the point, where a decoded value is NaN or infinite: a NaN is a value, not a
    /// null, so the decoders pass it, and the batch named it only as y[curve c, i] of a parameter the caller never passed.
    /// </summary>
    public static void RequireFinite(ReadOnlySpan<double> rows, int pointCount, long firstRow, string source, CurveLayout layout)
    {
        for (int k = 0; k < rows.Length; k++)
            if (!double.IsFinite(rows[k]))
                throw new ArgumentException(
                    $"Row {firstRow + k / pointCount} of {source} has {rows[k].ToString(System.Globalization.CultureInfo.InvariantCulture)} at point {k % pointCount} of {layout}; a curve's values must be finite.");
    }

    /// <summary><paramref name="buffer"/>, replaced by a larger one when it holds fewer than <paramref name="count"/> values: kept from batch to batch.</summary>
    public static T[] Grown<T>(ref T[] buffer, int count)
    {
        if (buffer.Length < count)
            buffer = new T[count];
        return buffer;
    }

    private void Check(double[,] matrix, string name)
    {
        if (matrix.GetLength(1) != PointCount)
            throw new ArgumentException($"{name} has {matrix.GetLength(1)} columns but the curves have {PointCount} points.", name);
    }

    private void Copy(double[] rows, double[,] target, int filled, int take)
    {
        // The target's rows lie one after another, as the batch's do: one copy moves them all.
        int n = PointCount;
        if (take == 0)
            return;
        rows.AsSpan(_next * n, take * n).CopyTo(MemoryMarshal.CreateSpan(ref target[filled, 0], take * n));
    }
}
