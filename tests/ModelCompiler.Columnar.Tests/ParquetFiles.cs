// SPDX-License-Identifier: MIT
using Parquet;
using Parquet.Schema;

namespace ModelCompiler.Columnar.Tests;

/// <summary>Curves written as Parquet tables, a row group per size given: a list column, or nullable float64 point columns as pandas writes them.</summary>
public static class ParquetFiles
{
    /// <summary>
    /// A list column "y": row <paramref name="shortRow"/> one value short, or row <paramref name="lendingRow"/> one short
    /// and the row after it one long (the group then holds as many values as whole rows would), or one value missing.
    /// </summary>
    public static void WriteList(string path, double[,] y, int[] groupSizes, int shortRow = -1, (int Row, int Point)? missing = null,
                                 int lendingRow = -1)
    {
        int n = y.GetLength(1);
        var item = new DataField<double?>("element");
        var schema = new ParquetSchema(new DataField<long>("pixel"), new ListField("y", item));
        Write(path, schema, groupSizes, async (group, first, size) =>
        {
            await group.WriteAsync<long>((DataField)schema.Fields[0], Enumerable.Range(first, size).Select(r => (long)r).ToArray());
            var values = new List<double?>();
            var repetitions = new List<int>();
            for (int r = first; r < first + size; r++)
            {
                int length = r == shortRow || r == lendingRow ? n - 1 : r == lendingRow + 1 && lendingRow >= 0 ? n + 1 : n;
                for (int i = 0; i < length; i++)
                {
                    values.Add((r, i) == missing ? null : i < n ? y[r, i] : y[r, n - 1]);
                    repetitions.Add(i == 0 ? 0 : 1);
                }
            }
            await group.WriteAsync<double>(item, values.ToArray(), repetitions.ToArray());
        });
    }

    public static void WritePoints(string path, double[,] y, int[] groupSizes, (int Row, int Point)? missing = null)
    {
        int n = y.GetLength(1);
        var fields = Enumerable.Range(0, n).Select(i => new DataField<double?>($"t{i}")).ToArray();
        Write(path, new ParquetSchema(fields), groupSizes, async (group, first, size) =>
        {
            for (int i = 0; i < n; i++)
                await group.WriteAsync<double>(fields[i], Enumerable.Range(first, size).Select(r => (r, i) == missing ? null : (double?)y[r, i]).ToArray());
        });
    }

    /// <summary>Several sets of float64 point columns, named prefix + point, one set per matrix.</summary>
    public static void WritePointSets(string path, (string Prefix, double[,] Values)[] sets, int[] groupSizes)
    {
        var fields = sets.Select(set => Enumerable.Range(0, set.Values.GetLength(1)).Select(i => new DataField<double>(set.Prefix + i)).ToArray()).ToArray();
        Write(path, new ParquetSchema(fields.SelectMany(f => f)), groupSizes, async (group, first, size) =>
        {
            for (int k = 0; k < sets.Length; k++)
                for (int i = 0; i < fields[k].Length; i++)
                    await group.WriteAsync<double>(fields[k][i], Enumerable.Range(first, size).Select(r => sets[k].Values[r, i]).ToArray());
        });
    }

    private static void Write(string path, ParquetSchema schema, int[] groupSizes, Func<ParquetRowGroupWriter, int, int, Task> columns)
    {
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(schema, stream).GetAwaiter().GetResult();
        int first = 0;
        foreach (int size in groupSizes)
        {
            using var group = writer.CreateRowGroup();
            columns(group, first, size).GetAwaiter().GetResult();
            first += size;
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
