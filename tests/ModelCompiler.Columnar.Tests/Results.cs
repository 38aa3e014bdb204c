// SPDX-License-Identifier: MIT
using Apache.Arrow;
using Apache.Arrow.Ipc;
using ModelCompiler.LeastSquares;
using Parquet;
using Parquet.Schema;

namespace ModelCompiler.Columnar.Tests;

/// <summary>A results file read back column by column, and the check that it holds what an in-memory fit gave.</summary>
public sealed record Results(long[] Curve, double[][] Parameters, double[][] StandardErrors, double[] Rss, string[] Termination,
                             bool[] Converged, bool[] Determined, int[] Iterations, int[] Evaluations)
{
    public static Results FromArrow(string path, IReadOnlyList<string> names)
    {
        using var reader = new ArrowFileReader(File.OpenRead(path));
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch)
            batches.Add(batch);
        T[] Column<T>(string name, Func<IArrowArray, int, T> value) =>
            [.. batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => value(b.Column(name), r)))];
        double Double(IArrowArray a, int r) => ((DoubleArray)a).Values[r];
        return new Results(
            Column("curve", (a, r) => ((Int64Array)a).Values[r]),
            [.. names.Select(n => Column(n, Double))],
            [.. names.Select(n => Column("se_" + n, Double))],
            Column("rss", Double),
            Column("termination", (a, r) => ((StringArray)a).GetString(r)),
            Column("converged", (a, r) => ((BooleanArray)a).GetValue(r)!.Value),
            Column("determined", (a, r) => ((BooleanArray)a).GetValue(r)!.Value),
            Column("iterations", (a, r) => ((Int32Array)a).Values[r]),
            Column("evaluations", (a, r) => ((Int32Array)a).Values[r]));
    }

    public static Results FromParquet(string path, IReadOnlyList<string> names)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            T[] Column<T>(string name) where T : struct
            {
                var field = reader.Schema.DataFields.Single(f => f.Name == name);
                var all = new List<T>();
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    using var group = reader.OpenRowGroupReader(g);
                    var values = new T[group.RowCount];
                    group.ReadRawAsync<T>(field, values, new int[group.RowCount], new int[group.RowCount]).AsTask().GetAwaiter().GetResult();
                    all.AddRange(values);
                }
                return [.. all];
            }
            string[] Strings(string name)
            {
                var field = reader.Schema.DataFields.Single(f => f.Name == name);
                var all = new List<string>();
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    using var group = reader.OpenRowGroupReader(g);
                    var values = new string?[group.RowCount];
                    group.ReadAsync(field, values.AsMemory(), null).AsTask().GetAwaiter().GetResult();
                    all.AddRange(values.Select(v => v ?? "(null)"));
                }
                return [.. all];
            }
            return new Results(Column<long>("curve"), [.. names.Select(Column<double>)], [.. names.Select(n => Column<double>("se_" + n))],
                               Column<double>("rss"), Strings("termination"), Column<bool>("converged"), Column<bool>("determined"), Column<int>("iterations"),
                               Column<int>("evaluations"));
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Every curve's numbers are the in-memory fit's, to the bit, in curve order.</summary>
    public void AssertEqual(BatchFitResult expected)
    {
        int m = expected.CurveCount, p = expected.ParameterCount;
        Assert.Equal(Enumerable.Range(0, m).Select(c => (long)c), Curve);
        for (int c = 0; c < m; c++)
        {
            for (int j = 0; j < p; j++)
            {
                Assert.Equal(expected.ParametersOf(c)[j], Parameters[j][c]);
                Assert.Equal(expected.StandardErrorsOf(c)[j], StandardErrors[j][c]);
            }
            Assert.Equal(expected.ResidualSumOfSquares[c], Rss[c]);
            Assert.Equal(expected.Terminations[c].ToString(), Termination[c]);
            Assert.Equal(expected.IsConverged(c), Converged[c]);
            Assert.Equal(expected.IsDetermined(c), Determined[c]);
            Assert.Equal(expected.Iterations[c], Iterations[c]);
            Assert.Equal(expected.Evaluations[c], Evaluations[c]);
        }
    }
}
