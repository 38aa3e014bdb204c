// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Sums over a fit's points (‖√w·y‖, the RSS, the total sum of squares) and the finiteness check of its data, at
/// memory speed: eight interleaved partial sums in two 256-bit vectors, added pairwise at the end. A single running
/// sum waits for each addition before the next (four cycles a point, 4 ms a million-point fit); eight do not, and
/// round less. Vector256 is used whatever the hardware has, so the bits are the same everywhere.
/// </summary>
internal static class DataSums
{
    /// <summary>Σ (s·(v − center))² with s the square-root weights <paramref name="sqrtWeights"/>, or 1 when empty.</summary>
    public static double SquaresAbout(ReadOnlySpan<double> v, double center, ReadOnlySpan<double> sqrtWeights)
    {
        bool weighted = !sqrtWeights.IsEmpty;
        ref double vRef = ref MemoryMarshal.GetReference(v);
        ref double wRef = ref MemoryMarshal.GetReference(sqrtWeights);
        var c = Vector256.Create(center);
        Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
        int i = 0, n = v.Length;
        for (; i + 8 <= n; i += 8)
        {
            var a = Vector256.LoadUnsafe(ref vRef, (nuint)i) - c;
            var b = Vector256.LoadUnsafe(ref vRef, (nuint)(i + 4)) - c;
            if (weighted)
            {
                a *= Vector256.LoadUnsafe(ref wRef, (nuint)i);
                b *= Vector256.LoadUnsafe(ref wRef, (nuint)(i + 4));
            }
            low += a * a;
            high += b * b;
        }
        return Tail(low, high, v[i..], center, weighted ? sqrtWeights[i..] : default);
    }

    /// <summary>Σ s²·v with s the square-root weights <paramref name="sqrtWeights"/>, or 1 when empty.</summary>
    public static double WeightedSum(ReadOnlySpan<double> v, ReadOnlySpan<double> sqrtWeights)
    {
        bool weighted = !sqrtWeights.IsEmpty;
        ref double vRef = ref MemoryMarshal.GetReference(v);
        ref double wRef = ref MemoryMarshal.GetReference(sqrtWeights);
        Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
        int i = 0, n = v.Length;
        for (; i + 8 <= n; i += 8)
        {
            var a = Vector256.LoadUnsafe(ref vRef, (nuint)i);
            var b = Vector256.LoadUnsafe(ref vRef, (nuint)(i + 4));
            if (weighted)
            {
                var sa = Vector256.LoadUnsafe(ref wRef, (nuint)i);
                var sb = Vector256.LoadUnsafe(ref wRef, (nuint)(i + 4));
                a *= sa * sa;
                b *= sb * sb;
            }
            low += a;
            high += b;
        }
        Span<double> partial = stackalloc double[8];
        low.CopyTo(partial);
        high.CopyTo(partial[4..]);
        for (int j = 0; i + j < n; j++)
            partial[j] += weighted ? v[i + j] * (sqrtWeights[i + j] * sqrtWeights[i + j]) : v[i + j];
        return Pairwise(partial);
    }

    /// <summary>The index of the first value that is not finite, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> v)
    {
        ref double vRef = ref MemoryMarshal.GetReference(v);
        int i = 0, n = v.Length;
        // x − x is 0 for a finite x and NaN for ±∞ or NaN.
        for (; i + 4 <= n; i += 4)
        {
            var a = Vector256.LoadUnsafe(ref vRef, (nuint)i);
            if (!Vector256.EqualsAll(a - a, Vector256<double>.Zero))
                break;
        }
        for (; i < n; i++)
            if (!double.IsFinite(v[i]))
                return i;
        return -1;
    }

    /// <summary>
    /// Values per chunk of the long sums below. Up to this many the whole array is one chunk, so a fit of fewer points
    /// sums exactly as the span versions do.
    /// </summary>
    public const int ChunkLength = 1 << 16;

    /// <summary>
    /// <see cref="SquaresAbout(ReadOnlySpan{double}, double, ReadOnlySpan{double})"/> by chunks of
    /// <see cref="ChunkLength"/> added in chunk order, on up to <paramref name="workers"/> threads (null: every core):
    /// the same bits whatever the thread count. A million-point fit's data passes take a millisecond each on one core.
    /// </summary>
    public static double SquaresAbout(double[] v, double center, double[]? sqrtWeights, int? workers) =>
        InChunks(v.Length, workers, (start, length) =>
            SquaresAbout(v.AsSpan(start, length), center, sqrtWeights is null ? default : sqrtWeights.AsSpan(start, length)));

    /// <summary><see cref="WeightedSum(ReadOnlySpan{double}, ReadOnlySpan{double})"/> by chunks, as <see cref="SquaresAbout(double[], double, double[], int?)"/>.</summary>
    public static double WeightedSum(double[] v, double[]? sqrtWeights, int? workers) =>
        InChunks(v.Length, workers, (start, length) =>
            WeightedSum(v.AsSpan(start, length), sqrtWeights is null ? default : sqrtWeights.AsSpan(start, length)));

    /// <summary><see cref="FirstNonFinite(ReadOnlySpan{double})"/> by chunks, on up to <paramref name="workers"/> threads.</summary>
    public static int FirstNonFinite(double[] v, int? workers)
    {
        int chunks = ChunkCount(v.Length);
        if (chunks == 1)
            return FirstNonFinite(v);
        var first = new int[chunks];
        ForEachChunk(v.Length, chunks, workers, (c, start, length) =>
        {
            int i = FirstNonFinite(v.AsSpan(start, length));
            first[c] = i < 0 ? -1 : start + i;
        });
        foreach (int i in first)
            if (i >= 0)
                return i;
        return -1;
    }

    private static int ChunkCount(int n) => Math.Max(1, (n + ChunkLength - 1) / ChunkLength);

    private static double InChunks(int n, int? workers, Func<int, int, double> sum)
    {
        int chunks = ChunkCount(n);
        if (chunks == 1)
            return sum(0, n);
        var partial = new double[chunks];
        ForEachChunk(n, chunks, workers, (c, start, length) => partial[c] = sum(start, length));
        double total = 0;
        foreach (double p in partial)
            total += p;
        return total;
    }

    private static void ForEachChunk(int n, int chunks, int? workers, Action<int, int, int> body)
    {
        void Chunk(int c) => body(c, c * ChunkLength, Math.Min(ChunkLength, n - c * ChunkLength));
        if (workers == 1)
        {
            for (int c = 0; c < chunks; c++)
                Chunk(c);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers ?? -1 }, Chunk);
    }

    private static double Tail(Vector256<double> low, Vector256<double> high, ReadOnlySpan<double> v, double center,
                               ReadOnlySpan<double> sqrtWeights)
    {
        Span<double> partial = stackalloc double[8];
        low.CopyTo(partial);
        high.CopyTo(partial[4..]);
        for (int j = 0; j < v.Length; j++)
        {
            double d = v[j] - center;
            if (!sqrtWeights.IsEmpty)
                d *= sqrtWeights[j];
            partial[j] += d * d;
        }
        return Pairwise(partial);
    }

    private static double Pairwise(ReadOnlySpan<double> p) => ((p[0] + p[4]) + (p[1] + p[5])) + ((p[2] + p[6]) + (p[3] + p[7]));
}
