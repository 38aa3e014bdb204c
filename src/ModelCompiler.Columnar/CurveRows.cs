// SPDX-License-Identifier: MIT
namespace ModelCompiler.Columnar;

/// <summary>
/// The curves of one decoded record batch or row group, row after row, handed out to a batch fit's blocks as it asks:
/// a block may end inside a batch, and a batch inside a block.
/// </summary>
internal sealed class CurveRows(int pointCount)
{
    private double[] _values = [];
    private int _count, _next;

    /// <summary>Rows of the file before the current batch: a row's number in messages.</summary>
    public long FirstRow { get; private set; }

    /// <summary>The row number the next batch starts at.</summary>
    public long NextFirstRow => FirstRow + _count;

    public int PointCount { get; } = pointCount;

    public bool IsEmpty => _next >= _count;

    /// <summary>Space for the next batch's <paramref name="rows"/> rows; the rows handed out so far move on past the last batch.</summary>
    public Span<double> Begin(int rows)
    {
        FirstRow += _count;
        int length = checked(rows * PointCount);
        if (_values.Length < length)
            _values = new double[length];
        _count = rows;
        _next = 0;
        return _values.AsSpan(0, length);
    }

    /// <summary>Copies rows into <paramref name="y"/> from its row <paramref name="filled"/> on; returns how many.</summary>
    public int CopyTo(double[,] y, int filled)
    {
        int n = PointCount, take = Math.Min(_count - _next, y.GetLength(0) - filled);
        for (int r = 0; r < take; r++)
        {
            ReadOnlySpan<double> row = _values.AsSpan((_next + r) * n, n);
            for (int i = 0; i < n; i++)
                y[filled + r, i] = row[i];
        }
        _next += take;
        return take;
    }

    /// <summary>Fills <paramref name="y"/> from the rows, calling <paramref name="nextBatch"/> whenever they run out, until it returns false.</summary>
    public int Read(double[,] y, Func<bool> nextBatch)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.GetLength(1) != PointCount)
            throw new ArgumentException($"y has {y.GetLength(1)} columns but the curves have {PointCount} points.", nameof(y));
        int filled = 0;
        while (filled < y.GetLength(0))
        {
            if (IsEmpty && !nextBatch())
                break;
            filled += CopyTo(y, filled);
        }
        return filled;
    }
}
