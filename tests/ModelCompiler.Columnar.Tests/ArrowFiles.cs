// SPDX-License-Identifier: MIT
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace ModelCompiler.Columnar.Tests;

/// <summary>Curves written as Arrow tables in the layouts users bring, split into record batches of the given sizes.</summary>
public static class ArrowFiles
{
    public enum Shape { List, FixedSizeList, WideFloat32, WideFloat64 }

    /// <summary>
    /// Writes <paramref name="y"/>'s rows, leaving out the value at <paramref name="missing"/> (a null) and the last
    /// value of row <paramref name="shortRow"/> (list shape only).
    /// </summary>
    public static void Write(string path, double[,] y, Shape shape, int[] batchSizes, bool fileFormat = true,
                             (int Row, int Point)? missing = null, int shortRow = -1)
    {
        double? value(int r, int i) => (r, i) == missing ? null : y[r, i];
        int n = y.GetLength(1);
        Schema schema = SchemaOf(shape, n);
        using var stream = File.Create(path);
        using ArrowStreamWriter writer = fileFormat ? new ArrowFileWriter(stream, schema) : new ArrowStreamWriter(stream, schema);
        int first = 0;
        foreach (int size in batchSizes)
        {
            var columns = new List<IArrowArray> { new Int64Array.Builder().AppendRange(Enumerable.Range(first, size).Select(r => (long)r)).Build() };
            columns.AddRange(Columns(shape, first, size, n, value, shortRow));
            writer.WriteRecordBatch(new RecordBatch(schema, columns, size));
            first += size;
        }
        writer.WriteEnd();
    }

    /// <summary>Several list columns of float64, one per matrix, row r of each in row r of the table.</summary>
    public static void WriteLists(string path, (string Name, double[,] Values)[] columns, int[] batchSizes)
    {
        var type = new ListType(DoubleType.Default);
        var schema = columns.Aggregate(new Schema.Builder(), (b, c) => b.Field(new Field(c.Name, type, false))).Build();
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema);
        int first = 0;
        foreach (int size in batchSizes)
        {
            var arrays = new List<IArrowArray>();
            foreach (var (_, values) in columns)
            {
                int n = values.GetLength(1);
                var child = new DoubleArray.Builder();
                var offsets = new ArrowBuffer.Builder<int>().Append(0);
                for (int r = first; r < first + size; r++)
                {
                    for (int i = 0; i < n; i++)
                        child.Append(values[r, i]);
                    offsets.Append((r - first + 1) * n);
                }
                arrays.Add(new ListArray(type, size, offsets.Build(), child.Build(), ArrowBuffer.Empty, 0, 0));
            }
            writer.WriteRecordBatch(new RecordBatch(schema, arrays, size));
            first += size;
        }
        writer.WriteEnd();
    }

    private static Schema SchemaOf(Shape shape, int n)
    {
        var builder = new Schema.Builder().Field(new Field("pixel", Int64Type.Default, false));
        return shape switch
        {
            Shape.List => builder.Field(new Field("y", new ListType(DoubleType.Default), true)).Build(),
            Shape.FixedSizeList => builder.Field(new Field("y", new FixedSizeListType(DoubleType.Default, n), true)).Build(),
            Shape.WideFloat32 => Enumerable.Range(0, n).Aggregate(builder, (b, i) => b.Field(new Field($"t{i}", FloatType.Default, true))).Build(),
            _ => Enumerable.Range(0, n).Aggregate(builder, (b, i) => b.Field(new Field($"t{i}", DoubleType.Default, true))).Build(),
        };
    }

    private static IEnumerable<IArrowArray> Columns(Shape shape, int first, int size, int n, Func<int, int, double?> value, int shortRow)
    {
        if (shape == Shape.WideFloat32)
        {
            for (int i = 0; i < n; i++)
            {
                var column = new FloatArray.Builder();
                for (int r = first; r < first + size; r++)
                {
                    if (value(r, i) is { } v)
                        column.Append((float)v);
                    else
                        column.AppendNull();
                }
                yield return column.Build();
            }
            yield break;
        }
        if (shape == Shape.WideFloat64)
        {
            for (int i = 0; i < n; i++)
            {
                var column = new DoubleArray.Builder();
                for (int r = first; r < first + size; r++)
                {
                    if (value(r, i) is { } v)
                        column.Append(v);
                    else
                        column.AppendNull();
                }
                yield return column.Build();
            }
            yield break;
        }
        var values = new DoubleArray.Builder();
        var lengths = new List<int>();
        for (int r = first; r < first + size; r++)
        {
            int length = 0;
            for (int i = 0; i < (r == shortRow ? n - 1 : n); i++)
            {
                if (value(r, i) is { } v)
                    values.Append(v);
                else
                    values.AppendNull();
                length++;
            }
            lengths.Add(length);
        }
        DoubleArray child = values.Build();
        if (shape == Shape.FixedSizeList)
        {
            var data = new ArrayData(new FixedSizeListType(DoubleType.Default, n), size, 0, 0, [ArrowBuffer.Empty], [child.Data]);
            yield return new FixedSizeListArray(data);
            yield break;
        }
        var offsets = new ArrowBuffer.Builder<int>().Append(0);
        int end = 0;
        foreach (int length in lengths)
            offsets.Append(end += length);
        yield return new ListArray(new ListType(DoubleType.Default), size, offsets.Build(), child, ArrowBuffer.Empty, 0, 0);
    }
}
