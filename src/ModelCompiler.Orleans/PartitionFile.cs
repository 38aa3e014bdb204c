// SPDX-License-Identifier: MIT
using System.Text;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Orleans;

/// <summary>
/// The result file of one partition, little-endian: the magic <c>MCFITPRT</c>, the format version (2), P, n, the
/// first curve's index (int64), the curve count, the job's curve count (int64; version 1 lacked it), the formula and
/// the P parameter names (each an int32 byte count and UTF-8), then one row per curve: P parameters, P standard errors and the RSS (float64), the termination,
/// iterations and evaluations (int32). The file holds nothing that depends on where or when it was written, so
/// fitting the same partition again writes the same bytes.
/// </summary>
public static class PartitionFile
{
    private static readonly byte[] Magic = "MCFITPRT"u8.ToArray();
    private const int Version = 2;

    /// <summary>The result file's name for partition <paramref name="partition"/> in <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, int partition) => Path.Combine(directory, $"partition-{partition:D6}.mcfit");

    /// <summary>Bytes per curve row for P parameters.</summary>
    private static int RowBytes(int parameterCount) => 8 * (2 * parameterCount + 1) + 12;

    /// <summary>Writes the header of a partition of <paramref name="curveCount"/> curves from <paramref name="firstCurve"/>.</summary>
    internal static void WriteHeader(BinaryWriter writer, string formula, IReadOnlyList<string> names, int pointCount, long firstCurve,
                                     int curveCount, long jobCurveCount)
    {
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(names.Count);
        writer.Write(pointCount);
        writer.Write(firstCurve);
        writer.Write(curveCount);
        writer.Write(jobCurveCount);
        WriteString(writer, formula);
        foreach (string name in names)
            WriteString(writer, name);
    }

    /// <summary>Appends the rows of a block of results.</summary>
    internal static void WriteRows(BinaryWriter writer, BatchFitResult block)
    {
        for (int c = 0; c < block.CurveCount; c++)
        {
            foreach (double value in block.ParametersOf(c))
                writer.Write(value);
            foreach (double value in block.StandardErrorsOf(c))
                writer.Write(value);
            writer.Write(block.ResidualSumOfSquares[c]);
            writer.Write((int)block.Terminations[c]);
            writer.Write(block.Iterations[c]);
            writer.Write(block.Evaluations[c]);
        }
    }

    /// <summary>Reads one partition's file: its first curve's index in the job and its results.</summary>
    /// <exception cref="InvalidDataException">The file is not a complete partition file; the message names it.</exception>
    public static (long FirstCurve, BatchFitResult Results) Read(string path)
    {
        var (first, _, results) = ReadPart(path);
        return (first, results);
    }

    /// <summary><see cref="Read"/>, with the job's curve count (−1 in a version-1 file, which did not record it).</summary>
    private static (long FirstCurve, long JobCurveCount, BatchFitResult Results) ReadPart(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidDataException($"{path} is not a partition result file (no MCFITPRT header).");
            int version = reader.ReadInt32();
            if (version is not (1 or Version))
                throw new InvalidDataException($"{path} has format version {version}; this reader reads versions 1 and {Version}.");
            int p = reader.ReadInt32(), n = reader.ReadInt32();
            long first = reader.ReadInt64();
            int count = reader.ReadInt32();
            long job = version == 1 ? -1 : reader.ReadInt64();
            if (p < 1 || n < 1 || first < 0 || count < 0 || version > 1 && job < first + count)
                throw new InvalidDataException($"{path} has an invalid header (P = {p}, n = {n}, first curve {first}, {count} curves of {job}).");
            string formula = ReadString(reader, path);
            var names = new string[p];
            for (int j = 0; j < p; j++)
                names[j] = ReadString(reader, path);
            long expected = stream.Position + (long)count * RowBytes(p);
            if (stream.Length != expected)
                throw new InvalidDataException($"{path} has {stream.Length} bytes where its header announces {expected} ({count} curves of {p} parameters).");
            var results = new BatchFitResult(formula, names, count, n);
            for (int c = 0; c < count; c++)
            {
                for (int j = 0; j < p; j++)
                    results.Parameters[c * p + j] = reader.ReadDouble();
                for (int j = 0; j < p; j++)
                    results.StandardErrors[c * p + j] = reader.ReadDouble();
                results.ResidualSumOfSquares[c] = reader.ReadDouble();
                results.Terminations[c] = (FitTermination)reader.ReadInt32();
                results.Iterations[c] = reader.ReadInt32();
                results.Evaluations[c] = reader.ReadInt32();
            }
            return (first, job, results);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path} ends inside its header.", e);
        }
    }

    /// <summary>
    /// Merges partition files into one result of the curves they cover, which must be the job's [0, m) exactly once:
    /// the files may come in any order, but a gap, an overlap, missing last partitions or a file of another model or
    /// job size is an error naming the file.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is not a complete partition file, or the files do not tile [0, m).</exception>
    public static BatchFitResult ReadMerged(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var parts = paths.Select(path => (Path: path, Part: ReadPart(path))).OrderBy(p => p.Part.FirstCurve).ToList();
        if (parts.Count == 0)
            throw new ArgumentException("No partition files to merge.", nameof(paths));
        var head = parts[0].Part.Results;
        long total = 0;
        long job = parts[0].Part.JobCurveCount;
        foreach (var (path, (first, jobCurves, results)) in parts)
        {
            if (jobCurves != job)
                throw new InvalidDataException($"{path} is a partition of a job of {jobCurves} curves, {parts[0].Path} of one of {job}.");
            if (first != total)
                throw new InvalidDataException(first > total
                    ? $"Curves {total}–{first - 1} are in none of the partition files (the next, {path}, starts at curve {first})."
                    : $"{path} starts at curve {first}, which an earlier partition file already covers (up to curve {total - 1}).");
            if (results.Formula != head.Formula || !results.ParameterNames.SequenceEqual(head.ParameterNames) || results.PointCount != head.PointCount)
                throw new InvalidDataException($"{path} holds a fit of {results.Formula} to {results.PointCount} points, not of {head.Formula} to {head.PointCount} as {parts[0].Path}.");
            total += results.CurveCount;
        }
        // The files alone cannot show a missing tail: the last partitions of a job that failed, or not yet copied.
        if (job >= 0 && total != job)
            throw new InvalidDataException(
                $"The partition files cover curves 0–{total - 1} of the job's {job}: curves {total}–{job - 1} are in none of them (its last partition files are missing).");
        if (total > int.MaxValue)
            throw new InvalidDataException($"The partition files hold {total} curves, more than one BatchFitResult holds; read them one by one with {nameof(Read)}.");
        int p = head.ParameterCount;
        var merged = new BatchFitResult(head.Formula, head.ParameterNames, (int)total, head.PointCount);
        foreach (var (_, (first, _, results)) in parts)
        {
            int at = (int)first;
            results.Parameters.CopyTo(merged.Parameters, (long)at * p);
            results.StandardErrors.CopyTo(merged.StandardErrors, (long)at * p);
            results.ResidualSumOfSquares.CopyTo(merged.ResidualSumOfSquares, at);
            results.Terminations.CopyTo(merged.Terminations, at);
            results.Iterations.CopyTo(merged.Iterations, at);
            results.Evaluations.CopyTo(merged.Evaluations, at);
        }
        return merged;
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static string ReadString(BinaryReader reader, string path)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > 1 << 20)
            throw new InvalidDataException($"{path} has a string of {length} bytes in its header.");
        return Encoding.UTF8.GetString(reader.ReadBytes(length));
    }
}
