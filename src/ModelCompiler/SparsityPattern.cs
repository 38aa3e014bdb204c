// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>How the nonzeros of a <see cref="SparsityPattern"/> are arranged, which decides how a solver stores and factors it.</summary>
public enum MatrixStructure
{
    /// <summary>Every entry may be nonzero.</summary>
    Dense,

    /// <summary>Every nonzero lies within <see cref="SparsityPattern.LowerBandwidth"/> below and
    /// <see cref="SparsityPattern.UpperBandwidth"/> above the diagonal, and the band is narrower than the matrix.</summary>
    Banded,

    /// <summary>Any other pattern.</summary>
    Sparse,
}

/// <summary>
/// The positions of the entries of a matrix that can be nonzero, in compressed sparse row (CSR) form: the
/// nonzeros of row i are <c>ColumnIndices[RowStarts[i] .. RowStarts[i + 1]]</c>, columns ascending within a row.
/// Generated Jacobians and Hessians write their values in exactly this order, so a value array and its pattern
/// together are the matrix. A dense pattern lists every entry, so its CSR order is row-major order.
/// </summary>
/// <remarks>
/// The generator derives the pattern symbolically at compile time (an entry is in the pattern when its
/// derivative is not identically zero), so solvers know the structure before the first evaluation.
/// Immutable: safe to share and cache.
/// </remarks>
public sealed class SparsityPattern
{
    private readonly int[] _rowStarts;
    private readonly int[] _columns;

    private SparsityPattern(int rows, int columns, int[] rowStarts, int[] columnIndices)
    {
        RowCount = rows;
        ColumnCount = columns;
        _rowStarts = rowStarts;
        _columns = columnIndices;
        int lower = 0, upper = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++)
            {
                int j = columnIndices[k];
                lower = Math.Max(lower, i - j);
                upper = Math.Max(upper, j - i);
            }
        }
        LowerBandwidth = lower;
        UpperBandwidth = upper;
        Structure = NonzeroCount == (long)rows * columns ? MatrixStructure.Dense
            : rows == columns && lower + upper + 1 < rows ? MatrixStructure.Banded
            : MatrixStructure.Sparse;
    }

    /// <summary>The number of rows (equations, or gradient components).</summary>
    public int RowCount { get; }

    /// <summary>The number of columns (unknowns).</summary>
    public int ColumnCount { get; }

    /// <summary>Row i's nonzeros start at <c>RowStarts[i]</c>; length <see cref="RowCount"/> + 1.</summary>
    public ReadOnlySpan<int> RowStarts => _rowStarts;

    /// <summary>The column of every nonzero, row by row, ascending within a row.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columns;

    /// <summary>The number of structurally nonzero entries: the length of a value array in this pattern's order.</summary>
    public int NonzeroCount => _rowStarts[RowCount];

    /// <summary>The largest i − j over the nonzeros (i the row, j the column), or 0.</summary>
    public int LowerBandwidth { get; }

    /// <summary>The largest j − i over the nonzeros, or 0.</summary>
    public int UpperBandwidth { get; }

    /// <summary>Dense, banded or general sparse, as classified from the positions.</summary>
    public MatrixStructure Structure { get; }

    /// <summary>Every entry of a <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    public static SparsityPattern Dense(int rows, int columns)
    {
        CheckSize(rows, columns);
        var starts = new int[rows + 1];
        var indices = new int[checked(rows * columns)];
        for (int i = 0; i < rows; i++)
        {
            starts[i + 1] = (i + 1) * columns;
            for (int j = 0; j < columns; j++)
                indices[i * columns + j] = j;
        }
        return new SparsityPattern(rows, columns, starts, indices);
    }

    /// <summary>Every entry of an n×n matrix with i − <paramref name="lower"/> ≤ j ≤ i + <paramref name="upper"/>.</summary>
    public static SparsityPattern Banded(int n, int lower, int upper)
    {
        CheckSize(n, n);
        if (lower < 0)
            throw new ArgumentOutOfRangeException(nameof(lower), lower, "The lower bandwidth must be non-negative.");
        if (upper < 0)
            throw new ArgumentOutOfRangeException(nameof(upper), upper, "The upper bandwidth must be non-negative.");
        var starts = new int[n + 1];
        for (int i = 0; i < n; i++)
            starts[i + 1] = starts[i] + Math.Min(n - 1, i + upper) - Math.Max(0, i - lower) + 1;
        var indices = new int[starts[n]];
        for (int i = 0; i < n; i++)
        {
            int k = starts[i];
            for (int j = Math.Max(0, i - lower); j <= Math.Min(n - 1, i + upper); j++)
                indices[k++] = j;
        }
        return new SparsityPattern(n, n, starts, indices);
    }

    /// <summary>A pattern from CSR arrays, which are copied and checked (bounds, ascending columns within each row).</summary>
    public static SparsityPattern FromCsr(int rows, int columns, ReadOnlySpan<int> rowStarts, ReadOnlySpan<int> columnIndices)
    {
        CheckSize(rows, columns);
        if (rowStarts.Length != rows + 1)
            throw new ArgumentException($"rowStarts has length {rowStarts.Length}; a {rows}-row pattern needs {rows + 1}.", nameof(rowStarts));
        if (rowStarts[0] != 0 || rowStarts[rows] != columnIndices.Length)
            throw new ArgumentException(
                $"rowStarts must begin at 0 and end at the number of column indices ({columnIndices.Length}).", nameof(rowStarts));
        for (int i = 0; i < rows; i++)
        {
            if (rowStarts[i + 1] < rowStarts[i])
                throw new ArgumentException($"rowStarts decreases at row {i}.", nameof(rowStarts));
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++)
            {
                int j = columnIndices[k];
                if (j < 0 || j >= columns)
                    throw new ArgumentException($"Column index {j} at position {k} (row {i}) is outside 0..{columns - 1}.", nameof(columnIndices));
                if (k > rowStarts[i] && j <= columnIndices[k - 1])
                    throw new ArgumentException($"Columns of row {i} are not strictly ascending at position {k}.", nameof(columnIndices));
            }
        }
        return new SparsityPattern(rows, columns, rowStarts.ToArray(), columnIndices.ToArray());
    }

    /// <summary>A pattern from (row, column) positions in any order; duplicates are merged.</summary>
    public static SparsityPattern FromEntries(int rows, int columns, IEnumerable<(int Row, int Column)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        CheckSize(rows, columns);
        var list = new List<(int Row, int Column)>();
        foreach (var (i, j) in entries)
        {
            if (i < 0 || i >= rows || j < 0 || j >= columns)
                throw new ArgumentException($"Entry ({i}, {j}) is outside a {rows}×{columns} matrix.", nameof(entries));
            list.Add((i, j));
        }
        list.Sort();
        var starts = new int[rows + 1];
        var indices = new List<int>(list.Count);
        for (int k = 0; k < list.Count; k++)
        {
            if (k > 0 && list[k] == list[k - 1])
                continue;
            starts[list[k].Row + 1]++;
            indices.Add(list[k].Column);
        }
        for (int i = 0; i < rows; i++)
            starts[i + 1] += starts[i];
        return new SparsityPattern(rows, columns, starts, indices.ToArray());
    }

    /// <summary>The position of entry (<paramref name="row"/>, <paramref name="column"/>) in CSR order, or −1 when it is structurally zero.</summary>
    public int IndexOf(int row, int column)
    {
        if ((uint)row >= (uint)RowCount || (uint)column >= (uint)ColumnCount)
            throw new ArgumentOutOfRangeException(row < 0 || row >= RowCount ? nameof(row) : nameof(column));
        int k = Array.BinarySearch(_columns, _rowStarts[row], _rowStarts[row + 1] - _rowStarts[row], column);
        return k >= 0 ? k : -1;
    }

    /// <summary>Whether the two patterns have the same size and the same nonzero positions.</summary>
    public bool SameAs(SparsityPattern other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return RowCount == other.RowCount && ColumnCount == other.ColumnCount
            && RowStarts.SequenceEqual(other.RowStarts) && ColumnIndices.SequenceEqual(other.ColumnIndices);
    }

    /// <summary>Size, structure and nonzero count, e.g. "100×100 banded (lower 1, upper 1), 298 nonzeros".</summary>
    public override string ToString() => Structure switch
    {
        MatrixStructure.Banded => $"{RowCount}×{ColumnCount} banded (lower {LowerBandwidth}, upper {UpperBandwidth}), {NonzeroCount} nonzeros",
        _ => $"{RowCount}×{ColumnCount} {Structure.ToString().ToLowerInvariant()}, {NonzeroCount} nonzeros",
    };

    private static void CheckSize(int rows, int columns)
    {
        if (rows < 0)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "A matrix cannot have a negative number of rows.");
        if (columns < 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "A matrix cannot have a negative number of columns.");
    }
}
