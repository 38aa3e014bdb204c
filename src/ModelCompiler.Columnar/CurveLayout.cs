// SPDX-License-Identifier: MIT
namespace ModelCompiler.Columnar;

/// <summary>
/// Where a table holds its curves, one row per curve: all n values in one list column (Arrow's list, large list or
/// fixed-size list; Parquet's LIST), or point i of every curve in a column of its own (a "wide" table, as pandas
/// writes a matrix). Values may be floats or integers (counts); a missing value is an error that names its row.
/// </summary>
public sealed class CurveLayout
{
    private CurveLayout(string? listColumn, IReadOnlyList<string>? pointColumns)
    {
        ListColumnName = listColumn;
        PointColumnNames = pointColumns;
    }

    /// <summary>Each curve's values are the list in column <paramref name="name"/>; every list must have the same length.</summary>
    public static CurveLayout ListColumn(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new CurveLayout(name, null);
    }

    /// <summary>Point i of each curve is in column <paramref name="names"/>[i].</summary>
    /// <exception cref="ArgumentException">No names, an empty name, or a name given twice.</exception>
    public static CurveLayout PointColumns(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
            throw new ArgumentException("Give at least one point column.", nameof(names));
        if (names.Any(string.IsNullOrEmpty))
            throw new ArgumentException("A point column's name is empty.", nameof(names));
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"The point column '{twice.Key}' is given twice.", nameof(names));
        return new CurveLayout(null, names.ToArray());
    }

    /// <summary>The list column, or null for point columns.</summary>
    public string? ListColumnName { get; }

    /// <summary>The point columns in point order, or null for a list column.</summary>
    public IReadOnlyList<string>? PointColumnNames { get; }

    /// <inheritdoc/>
    public override string ToString() => ListColumnName is { } list
        ? $"list column '{list}'"
        : $"{PointColumnNames!.Count} point columns '{PointColumnNames[0]}' … '{PointColumnNames[^1]}'";
}
