// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Parquet;
using Parquet.Schema;

namespace ModelCompiler.Columnar;

/// <summary>
/// Writes a streamed batch fit's results as a Parquet file, one row group per block of curves, with the columns of
/// <see cref="FitResultColumns"/>. The file is complete once the writer is disposed.
/// </summary>
public sealed class ParquetFitWriter : IBatchFitWriter, IDisposable
{
    private readonly Stream _stream;
    private ParquetWriter? _writer;
    private DataField[] _fields = [];
    private bool _disposed;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public ParquetFitWriter(string path) : this(File.Create(path ?? throw new ArgumentNullException(nameof(path))))
    {
    }

    /// <summary>Writes to <paramref name="stream"/>, which the writer disposes.</summary>
    public ParquetFitWriter(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <inheritdoc/>
    public void Write(long firstCurve, BatchFitResult block)
    {
        ArgumentNullException.ThrowIfNull(block);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is null)
        {
            _fields = FieldsOf(block.ParameterNames);
            _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, null, append: false).GetAwaiter().GetResult();
        }
        int count = block.CurveCount, p = block.ParameterCount, f = 0;
        using var group = _writer.CreateRowGroup();
        Wait(group.WriteAsync<long>(_fields[f++], FitResultColumns.Curves(firstCurve, count)));
        for (int j = 0; j < p; j++)
            Wait(group.WriteAsync<double>(_fields[f++], FitResultColumns.Column(block.Parameters, p, j, count)));
        for (int j = 0; j < p; j++)
            Wait(group.WriteAsync<double>(_fields[f++], FitResultColumns.Column(block.StandardErrors, p, j, count)));
        Wait(group.WriteAsync<double>(_fields[f++], block.ResidualSumOfSquares.AsMemory(0, count)));
        Wait(group.WriteAsync(_fields[f++], block.Terminations.Take(count).Select(t => t.ToString()).ToArray()));
        Wait(group.WriteAsync<bool>(_fields[f++], Enumerable.Range(0, count).Select(block.IsConverged).ToArray()));
        Wait(group.WriteAsync<bool>(_fields[f++], Enumerable.Range(0, count).Select(block.IsDetermined).ToArray()));
        Wait(group.WriteAsync<int>(_fields[f++], block.Iterations.AsMemory(0, count)));
        Wait(group.WriteAsync<int>(_fields[f++], block.Evaluations.AsMemory(0, count)));
        group.CompleteValidate();
    }

    /// <summary>Ends the file and closes the stream. A fit of no curves leaves the file empty: its columns are not known.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private static DataField[] FieldsOf(IReadOnlyList<string> parameterNames)
    {
        var names = FitResultColumns.Names(parameterNames);
        int p = parameterNames.Count;
        var fields = new List<DataField> { new DataField<long>(names[0]) };
        for (int j = 1; j <= 2 * p + 1; j++)
            fields.Add(new DataField<double>(names[j]));
        fields.Add(new DataField<string>(names[2 * p + 2], false));
        fields.Add(new DataField<bool>(names[2 * p + 3]));
        fields.Add(new DataField<bool>(names[2 * p + 4]));
        fields.Add(new DataField<int>(names[2 * p + 5]));
        fields.Add(new DataField<int>(names[2 * p + 6]));
        return [.. fields];
    }

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
