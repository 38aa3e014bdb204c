// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Orleans;

/// <summary>
/// Curves [first, first + count) of a binary curve file (<see cref="BinaryCurveReader"/>'s format), read with
/// positioned reads so that many partitions of one file can be read at once, each by its own reader.
/// </summary>
internal sealed class CurveRangeReader : ICurveReader, IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly string _path;
    private long _next;
    private readonly long _end;

    /// <summary>Opens the range; the caller has checked that the file holds it.</summary>
    public CurveRangeReader(string path, int pointCount, long firstCurve, long curveCount)
    {
        _path = path;
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        PointCount = pointCount;
        _next = firstCurve;
        _end = firstCurve + curveCount;
    }

    /// <inheritdoc/>
    public int PointCount { get; }

    /// <inheritdoc/>
    public int Read(double[,] y)
    {
        if (y.GetLength(1) != PointCount)
            throw new ArgumentException($"y has {y.GetLength(1)} columns but the curves have {PointCount} points.", nameof(y));
        int count = (int)Math.Min(y.GetLength(0), _end - _next);
        if (count <= 0)
            return 0;
        var values = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(y)), count * PointCount);
        Span<byte> bytes = MemoryMarshal.AsBytes(values);
        long offset = _next * 8L * PointCount;
        while (bytes.Length > 0)
        {
            int read = RandomAccess.Read(_file, bytes, offset);
            if (read == 0)
                throw new PartitionInputException($"{_path} ended at byte {offset} while curve {_next + count - 1} was being read: the file was truncated during the fit.");
            bytes = bytes[read..];
            offset += read;
        }
        if (!BitConverter.IsLittleEndian)
            foreach (ref double value in values)
                value = BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToInt64Bits(value)));
        _next += count;
        return count;
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();
}

/// <summary>A partition's input is missing or corrupt: deterministic, so the partition is not retried.</summary>
internal sealed class PartitionInputException(string message, Exception? inner = null) : Exception(message, inner);
