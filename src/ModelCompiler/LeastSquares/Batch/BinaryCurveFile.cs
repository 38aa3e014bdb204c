// SPDX-License-Identifier: MIT
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Curves stored as a raw matrix of little-endian float64, one curve after another (row-major, n values per curve,
/// no header, in the byte order of the machine, which is little-endian on every platform .NET runs on), read through a
/// memory mapping: the operating system pages the file in as the fit advances, so the file may be far larger than memory.
/// </summary>
public sealed class BinaryCurveReader : ICurveReader, IDisposable
{
    // Null for an empty file, which holds no curves and cannot be mapped.
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private long _next;

    /// <summary>Opens <paramref name="path"/>, whose length must be a multiple of 8·<paramref name="pointCount"/> bytes.</summary>
    /// <exception cref="ArgumentException">The length does not hold whole curves.</exception>
    public BinaryCurveReader(string path, int pointCount)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (pointCount < 1)
            throw new ArgumentException($"pointCount must be ≥ 1, got {pointCount}.", nameof(pointCount));
        long length = new FileInfo(path).Length;
        if (length % (8L * pointCount) != 0)
            throw new ArgumentException(
                $"{path} has {length} bytes, not a whole number of curves of {pointCount} float64 values ({8L * pointCount} bytes each).", nameof(path));
        PointCount = pointCount;
        CurveCount = length / (8L * pointCount);
        if (length == 0)
            return;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
    }

    /// <inheritdoc/>
    public int PointCount { get; }

    /// <summary>Number of curves in the file.</summary>
    public long CurveCount { get; }

    /// <inheritdoc/>
    public int Read(double[,] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.GetLength(1) != PointCount)
            throw new ArgumentException($"y has {y.GetLength(1)} columns but the curves have {PointCount} points.", nameof(y));
        int count = (int)Math.Min(y.GetLength(0), CurveCount - _next);
        if (count <= 0 || _view is null)
            return 0;
        Span<double> destination = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(y)), y.Length)[..(count * PointCount)];
        unsafe
        {
            byte* start = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            try
            {
                var source = new ReadOnlySpan<double>(start + _view.PointerOffset + _next * 8L * PointCount, destination.Length);
                source.CopyTo(destination);
            }
            finally
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
            }
        }
        _next += count;
        return count;
    }

    /// <summary>Writes curves (the rows of <paramref name="y"/>) in this reader's format, appending to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, double[,] y)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(y);
        stream.Write(MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(y)), y.Length)));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _view?.Dispose();
        _file?.Dispose();
    }
}

/// <summary>
/// Writes a streamed batch fit's results as raw little-endian float64 rows, one per curve: the P parameters, the P
/// standard errors, the RSS, and the termination (<see cref="FitTermination"/> as a number), 2P + 2 values.
/// </summary>
public sealed class BinaryBatchFitWriter(Stream stream) : IBatchFitWriter
{
    /// <inheritdoc/>
    public void Write(long firstCurve, BatchFitResult block)
    {
        ArgumentNullException.ThrowIfNull(block);
        int p = block.ParameterCount;
        var row = new double[2 * p + 2];
        for (int c = 0; c < block.CurveCount; c++)
        {
            block.ParametersOf(c).CopyTo(row);
            block.StandardErrorsOf(c).CopyTo(row.AsSpan(p));
            row[2 * p] = block.ResidualSumOfSquares[c];
            row[2 * p + 1] = (int)block.Terminations[c];
            stream.Write(MemoryMarshal.AsBytes(row.AsSpan()));
        }
    }
}
