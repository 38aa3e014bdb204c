// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// The sums of the normal-equation kernels: which Jacobian columns each one multiplies, in <c>NormalEquationsLayout</c>
/// order, and each sum times its columns' point-invariant factors (<see cref="ColumnScales"/>): c_a·c_b·Σ g_a·g_b for
/// (JᵀJ)_ab, c_a·Σ g_a·r for (Jᵀr)_a, rᵀr as it is.
/// </summary>
internal static class NormalEquationsSums
{
    /// <summary>Stands for the residual r among the columns of a sum.</summary>
    public const int Residual = -1;

    /// <summary>
    /// The two factors of every sum for <paramref name="p"/> parameters, in layout order: (a, b) with a ≤ b for (JᵀJ)_ab,
    /// then (a, <see cref="Residual"/>) for (Jᵀr)_a, then (<see cref="Residual"/>, <see cref="Residual"/>) for rᵀr.
    /// </summary>
    public static IReadOnlyList<(int A, int B)> Layout(int p)
    {
        var pairs = new List<(int, int)>();
        for (int b = 0; b < p; b++)
            for (int a = 0; a <= b; a++)
                pairs.Add((a, b));
        for (int a = 0; a < p; a++)
            pairs.Add((a, Residual));
        pairs.Add((Residual, Residual));
        return pairs;
    }

    /// <summary>
    /// The Jacobian row <paramref name="row"/> as the loops without weights take it: null where the column is 1 at every
    /// point (an additive offset's), whose products are additions and whose square is the count of points.
    /// </summary>
    public static string?[] UnweightedRow(IReadOnlyList<string> row, Schedule schedule) =>
        row.Select((entry, j) => schedule.Roots[j + 1].IsConstantValue(1) ? null : entry).ToArray();

    /// <summary>Says in the loop's code which parameters' columns <paramref name="row"/> leaves out as 1.</summary>
    public static void WriteUnitColumns(SourceWriter w, IReadOnlyList<string> parameters, IReadOnlyList<string?> row)
    {
        var units = parameters.Where((_, j) => row[j] is null).ToArray();
        if (units.Length == 1)
            w.Line($"// {units[0]}'s column is 1 at every point: its products are additions and its square the count of points.");
        else if (units.Length > 1)
            w.Line($"// The columns of {string.Join(" and ", units)} are 1 at every point: their products are additions and their squares the count of points.");
    }

    /// <summary>Whether the sum of the factors <paramref name="pair"/> multiplies two unit columns of <paramref name="row"/>: it counts the points.</summary>
    public static bool CountsPoints((int A, int B) pair, IReadOnlyList<string?> row) => IsUnit(pair.A, row) && IsUnit(pair.B, row);

    /// <summary>Whether factor <paramref name="column"/> is a unit column of <paramref name="row"/> (the residual never is).</summary>
    private static bool IsUnit(int column, IReadOnlyList<string?> row) => column != Residual && row[column] is null;

    /// <summary>Vectors of points (lanes' points in the lane kernel) a blocked loop stores before it sums them.</summary>
    public const int BlockVectors = 8;

    public static int Registers(Lanes lanes) => lanes == Lanes.Vector512 ? 32 : 16;

    /// <summary>
    /// The accumulators of <paramref name="layout"/> in groups, in layout order, each small enough that its sums and the
    /// row entries they multiply stay in registers (two left for the loop's own); one group while the fused loop's spills
    /// cost less than storing the row <paramref name="row"/> and the residual (measured on AVX2: four parameters, 20
    /// vectors for 16 registers, ran faster fused, five and six faster in groups). Unit columns (null entries of
    /// <paramref name="row"/>) take no register, and the sums of their squares, which count the points, no group.
    /// </summary>
    public static List<List<int>> Tiles(IReadOnlyList<(int A, int B)> layout, IReadOnlyList<string?> row, Lanes lanes)
    {
        int registers = Registers(lanes), budget = registers - 2;
        var summed = Enumerable.Range(0, layout.Count).Where(s => !CountsPoints(layout[s], row)).ToList();
        var tiles = new List<List<int>>();
        if (summed.Count + row.Count(entry => entry is not null) + 1 <= registers + registers / 4)
        {
            tiles.Add(summed);
            return tiles;
        }
        var tile = new List<int>();
        var factors = new HashSet<int>();
        foreach (int s in summed)
        {
            var (a, b) = layout[s];
            var needed = new HashSet<int>(factors);
            needed.UnionWith(new[] { a, b }.Where(column => !IsUnit(column, row)));
            if (tile.Count > 0 && tile.Count + 1 + needed.Count > budget)
            {
                tiles.Add(tile);
                tile = new List<int>();
                needed = new HashSet<int>(new[] { a, b }.Where(column => !IsUnit(column, row)));
            }
            tile.Add(s);
            factors = needed;
        }
        tiles.Add(tile);
        return tiles;
    }

    /// <summary>
    /// Declares a blocked loop's buffers: <paramref name="rows"/> for a block's rows of <paramref name="columns"/> stored
    /// entries and the residual, <paramref name="partial"/> for the <paramref name="sums"/> sums (of a layout of
    /// <paramref name="layoutLength"/>) between blocks, zeroed.
    /// </summary>
    public static void WriteBlockBuffers(SourceWriter w, Lanes lanes, int sums, int layoutLength, int columns, string rows, string partial, string points)
    {
        string vector = lanes.VectorType() + "<double>";
        w.Line($"// {sums} sums and a row of {columns + 1} outnumber the {Registers(lanes)} vector registers: a block of {BlockVectors} {points}");
        w.Line("// rows, then each group of sums advances over the block in registers.");
        w.Line($"Span<{vector}> {rows} = stackalloc {vector}[{BlockVectors * (columns + 1)}];");
        w.Line($"Span<{vector}> {partial} = stackalloc {vector}[{layoutLength}];");
        w.Line($"{partial}.Clear();");
    }

    /// <summary>
    /// Stores point <paramref name="k"/>'s <paramref name="row"/> and <paramref name="residual"/> in the block
    /// <paramref name="rows"/>; a unit column (null) is not stored.
    /// </summary>
    public static void WriteRowStores(SourceWriter w, IReadOnlyList<string?> row, string residual, string rows, string k)
    {
        for (int j = 0; j < row.Count; j++)
            if (row[j] is { } entry)
                w.Line($"{Slot(rows, k, row, j)} = {entry};");
        w.Line($"{Slot(rows, k, row, Residual)} = {residual};");
    }

    /// <summary>
    /// The sums of a blocked loop, group by group (<paramref name="tiles"/>): each group's accumulators
    /// <paramref name="sums"/> are loaded from <paramref name="partial"/>, advanced in registers over the
    /// <paramref name="count"/> rows of the block <paramref name="rows"/>, and stored back.
    /// </summary>
    public static void WriteGroups(SourceWriter w, Lanes lanes, List<List<int>> tiles, IReadOnlyList<(int A, int B)> layout,
                                   IReadOnlyList<string> sums, IReadOnlyList<string?> row, string residual,
                                   string rows, string partial, string k, string count)
    {
        string v = lanes.VectorType(), vector = v + "<double>";
        foreach (var tile in tiles)
        {
            foreach (int s in tile)
                w.Line($"{vector} {sums[s]} = {partial}[{s}];");
            var columns = tile.SelectMany(s => new[] { layout[s].A, layout[s].B }).Distinct()
                              .Where(c => c == Residual || row[c] is not null).OrderBy(c => c == Residual ? int.MaxValue : c);
            w.Open($"for (int {k} = 0; {k} < {count}; {k}++)");
            foreach (int c in columns)
                w.Line($"{vector} {(c == Residual ? residual : row[c])} = {Slot(rows, k, row, c)};");
            foreach (var (sum, left, right) in Products(sums, layout, row, residual).Where((_, s) => tile.Contains(s)))
                w.Line(Accumulation(v, sum, left, right));
            w.Close();
            foreach (int s in tile)
                w.Line($"{partial}[{s}] = {sums[s]};");
        }
    }

    /// <summary>
    /// Where column <paramref name="column"/> of point <paramref name="k"/> is kept in a block: the stored entries of the
    /// row, then the residual.
    /// </summary>
    private static string Slot(string rows, string k, IReadOnlyList<string?> row, int column)
    {
        int stored = row.Count(entry => entry is not null);
        int slot = column == Residual ? stored : row.Take(column).Count(entry => entry is not null);
        return $"{rows}[{k} * {stored + 1} + {slot}]";
    }

    /// <summary>A local per distinct column factor, named after the first column that has it; null where it is 1.</summary>
    public static string?[] ScaleNames(IReadOnlyList<Node?> scales, IReadOnlyList<string> suffixes, NameScope scope)
    {
        var names = new string?[scales.Count];
        var byFactor = new Dictionary<Node, string>();
        for (int j = 0; j < scales.Count; j++)
            if (scales[j] is { } scale)
                names[j] = byFactor.TryGetValue(scale, out string? name) ? name : byFactor[scale] = scope.Claim("scale" + suffixes[j]);
        return names;
    }

    /// <summary>
    /// Each accumulator of <paramref name="sums"/> with the two locals it multiplies, in layout order: the Jacobian row's
    /// entries <paramref name="row"/> and the residual <paramref name="residual"/>; null for a unit column.
    /// </summary>
    public static IEnumerable<(string Sum, string? Left, string? Right)> Products(
        IEnumerable<string> sums, IReadOnlyList<(int A, int B)> layout, IReadOnlyList<string?> row, string residual)
    {
        string? Factor(int column) => column == Residual ? residual : row[column];
        return sums.Zip(layout, (sum, pair) => (sum, Factor(pair.A), Factor(pair.B)));
    }

    /// <summary>
    /// The statement that adds a point's product to <paramref name="sum"/>: a fused multiply-add, or an addition where a
    /// factor is a unit column (null), which gives the same bits. Products of two unit columns are not summed: they count
    /// the points.
    /// </summary>
    public static string Accumulation(string v, string sum, string? left, string? right) =>
        (left, right) switch
        {
            ({ } l, { } r) => $"{sum} = {v}.FusedMultiplyAdd({l}, {r}, {sum});",
            ({ } l, null) => $"{sum} += {l};",
            (null, { } r) => $"{sum} += {r};",
            _ => throw new System.InvalidOperationException($"{sum} counts the points and is not accumulated."),
        };

    /// <summary>
    /// Declares the locals <paramref name="names"/> of the columns' point-invariant factors <paramref name="scales"/>,
    /// each distinct one once, as <paramref name="type"/> written by <paramref name="writer"/>.
    /// </summary>
    public static void WriteScales(SourceWriter w, IReadOnlyList<string?> names, IReadOnlyList<Node?> scales, ExpressionWriter writer, string type)
    {
        var written = new HashSet<string>();
        for (int j = 0; j < names.Count; j++)
            if (names[j] is { } name && written.Add(name))
                w.Line($"{type} {name} = {writer.Write(scales[j]!)};");
    }

    /// <summary>The accumulator <paramref name="sum"/> of the factors <paramref name="pair"/> times their columns' factors.</summary>
    public static string Scaled(string sum, (int A, int B) pair, IReadOnlyList<string?> scales)
    {
        string product = sum;
        foreach (int column in new[] { pair.A, pair.B })
            if (column != Residual && scales[column] is { } scale)
                product += " * " + scale;
        return product;
    }
}
