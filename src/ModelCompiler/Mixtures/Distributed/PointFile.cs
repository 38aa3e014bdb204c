// SPDX-License-Identifier: MIT
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ModelCompiler.Mixtures.Distributed;

/// <summary>
/// A partition's points in a file, read where the partition is computed on so that no point crosses the network:
/// a 32-byte header (the magic <c>MCPOINTS</c>, format version 1 and the column count d as little-endian uint32, the
/// point count n as int64, a 64-bit checksum of the values), then the n·d values as little-endian float64, column by
/// column. A truncated, altered or foreign file is refused with an error naming it.
/// </summary>
public static class PointFile
{
    private const int HeaderLength = 32;
    private const uint Version = 1;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("MCPOINTS");

    /// <summary>Writes n×d <paramref name="rows"/> (one row per point) to <paramref name="path"/>, replacing it.</summary>
    /// <exception cref="ArgumentException">rows is empty or has a non-finite value (its row is named).</exception>
    public static void Write(string path, double[,] rows)
    {
        ArgumentNullException.ThrowIfNull(path);
        ColumnData data = ColumnData.FromRows(rows, nameof(rows));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Span<byte> header = stackalloc byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)data.Dimension);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], data.PointCount);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], Checksum(data.Columns));
        stream.Write(header);
        stream.Write(MemoryMarshal.AsBytes(data.Columns.AsSpan()));
    }

    /// <summary>Reads the partition in <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a point file, is truncated or altered, or holds a non-finite value.</exception>
    public static PartitionShard Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The partition file {path} does not exist.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> header = stackalloc byte[HeaderLength];
        if (stream.Length < HeaderLength || stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength
            || !header[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not a point file (it does not start with the MCPOINTS header).");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        uint d = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        long n = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
        if (version != Version)
            throw new InvalidDataException($"{path} is a point file of version {version}; this library reads version {Version}.");
        if (d < 1 || n < 1 || n * d > Array.MaxLength || stream.Length != HeaderLength + 8 * n * d)
            throw new InvalidDataException(
                $"{path} declares {n} points of {d} columns ({HeaderLength + 8 * n * (long)d} bytes) but has {stream.Length} bytes: it is truncated or corrupt.");
        var columns = GC.AllocateUninitializedArray<double>((int)(n * d));
        stream.ReadExactly(MemoryMarshal.AsBytes(columns.AsSpan()));
        if (Checksum(columns) != checksum)
            throw new InvalidDataException($"{path}: the values do not match the header's checksum; the file is corrupt.");
        try
        {
            return PartitionShard.FromColumns(columns, (int)n, (int)d);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>A 64-bit hash of the values' bits, word by word (multiply–xorshift), to catch altered or misplaced bytes.</summary>
    private static ulong Checksum(ReadOnlySpan<double> values)
    {
        ulong h = 0x9E3779B97F4A7C15;
        foreach (ulong word in MemoryMarshal.Cast<double, ulong>(values))
        {
            h = (h ^ word) * 0xBF58476D1CE4E5B9;
            h ^= h >> 31;
        }
        return h;
    }
}
