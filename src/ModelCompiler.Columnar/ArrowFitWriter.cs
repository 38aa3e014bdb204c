// SPDX-License-Identifier: MIT
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Columnar;

/// <summary>
/// Writes a streamed batch fit's results as an Arrow IPC file, one record batch per block of curves, with the columns
/// of <see cref="FitResultColumns"/>. A fit writes the file under a temporary name and gives
/// it its own once every curve is fitted (<see cref="Complete"/>, then disposal).
/// </summary>
public sealed class ArrowFitWriter : IBatchFitWriter, IDisposable
{
    private readonly Stream _stream;
    private ArrowFileWriter? _writer;
    private Schema? _schema;
    private readonly string? _path;   // the file's own name, taken on completion; null when writing to a caller's stream
    private bool _disposed, _completed;

    /// <summary>
    /// Replaces the file at <paramref name="path"/>: the results go to <paramref name="path"/> + ".partial" and take
    /// <paramref name="path"/> once the fit completes (<see cref="Complete"/>). A fit that fails or is cancelled leaves
    /// the blocks before it, complete and readable, under the ".partial" name, and nothing under the path.
    /// </summary>
    public ArrowFitWriter(string path) : this(PartialFile.Create(path))
    {
        _path = path;
    }

    /// <summary>Writes to <paramref name="stream"/>, which the writer disposes.</summary>
    public ArrowFitWriter(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <inheritdoc/>
    public void Write(long firstCurve, BatchFitResult block)
    {
        ArgumentNullException.ThrowIfNull(block);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _schema ??= SchemaOf(block.ParameterNames);
        _writer ??= new ArrowFileWriter(_stream, _schema, leaveOpen: true);
        int count = block.CurveCount, p = block.ParameterCount;
        var columns = new List<IArrowArray> { new Int64Array.Builder().AppendRange(FitResultColumns.Curves(firstCurve, count)).Build() };
        for (int j = 0; j < p; j++)
            columns.Add(Doubles(FitResultColumns.Column(block.Parameters, p, j, count)));
        for (int j = 0; j < p; j++)
            columns.Add(Doubles(FitResultColumns.Column(block.StandardErrors, p, j, count)));
        columns.Add(Doubles(block.ResidualSumOfSquares[..count]));
        columns.Add(new StringArray.Builder().AppendRange(block.Terminations.Take(count).Select(t => t.ToString())).Build());
        columns.Add(new BooleanArray.Builder().AppendRange(Enumerable.Range(0, count).Select(block.IsConverged)).Build());
        columns.Add(new BooleanArray.Builder().AppendRange(Enumerable.Range(0, count).Select(block.IsDetermined)).Build());
        columns.Add(new Int32Array.Builder().AppendRange(block.Iterations.Take(count)).Build());
        columns.Add(new Int32Array.Builder().AppendRange(block.Evaluations.Take(count)).Build());
        using var batch = new RecordBatch(_schema, columns, count);
        _writer.WriteRecordBatch(batch);
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
            _writer?.WriteEnd();
            _writer?.Dispose();
        }
        finally
        {
            _stream.Dispose();
        }
        if (_path is not null && _completed)
            File.Move(PartialFile.PathOf(_path), _path, overwrite: true);
    }

    private static Schema SchemaOf(IReadOnlyList<string> parameterNames)
    {
        var names = FitResultColumns.Names(parameterNames);
        int p = parameterNames.Count;
        var builder = new Schema.Builder();
        builder.Field(new Field(names[0], Int64Type.Default, nullable: false));
        for (int j = 1; j <= 2 * p + 1; j++)
            builder.Field(new Field(names[j], DoubleType.Default, nullable: false));
        builder.Field(new Field(names[2 * p + 2], StringType.Default, nullable: false));
        builder.Field(new Field(names[2 * p + 3], BooleanType.Default, nullable: false));
        builder.Field(new Field(names[2 * p + 4], BooleanType.Default, nullable: false));
        builder.Field(new Field(names[2 * p + 5], Int32Type.Default, nullable: false));
        builder.Field(new Field(names[2 * p + 6], Int32Type.Default, nullable: false));
        return builder.Build();
    }

    private static DoubleArray Doubles(double[] values) => new DoubleArray.Builder().AppendRange(values).Build();
}
