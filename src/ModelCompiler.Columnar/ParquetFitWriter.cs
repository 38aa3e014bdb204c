// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Parquet;
using Parquet.Schema;

namespace ModelCompiler.Columnar;

/// <summary>
/// Writes a streamed batch fit's results as a Parquet file, one row group per block of curves, with the columns of
/// <see cref="FitResultColumns"/>. A fit writes the file under a temporary name and gives
/// it its own once every curve is fitted (<see cref="Complete"/>, then disposal).
/// </summary>
public sealed class ParquetFitWriter : IBatchFitWriter, IDisposable
{
    private readonly Stream _stream;
    private ParquetWriter? _writer;
    private DataField[] _fields = [];
    private readonly string? _path;   // the file's own name, taken on completion; null when writing to a caller's stream
    private bool _disposed, _completed;

    /// <summary>
    /// Replaces the file at <paramref name="path"/>: the results go to <paramref name="path"/> + ".partial" and take
    /// <paramref name="path"/> once the fit completes (<see cref="Complete"/>). A fit that fails or is cancelled leaves
    /// the blocks before it, complete and readable, under the ".partial" name, and nothing under the path.
    /// </summary>
    public ParquetFitWriter(string path) : this(PartialFile.Create(path))
    {
        _path = path;
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

    /// <summary>Marks the results whole: on disposal the file takes its own name (with a caller's stream, nothing changes).</summary>
    public void Complete() => _completed = true;

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
        if (_path is not null && _completed)
            File.Move(PartialFile.PathOf(_path), _path, overwrite: true);
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
