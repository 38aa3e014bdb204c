// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// The fused per-chunk pass of one CAVI iteration of <see cref="BleiCavi"/>: logits
/// xᵢᵀmₖ − ½·E[μₖᵀμₖ], φ by log-sum-exp, Σᵢₖ φᵢₖ ln φᵢₖ, and the statistics Nₖ = Σᵢ φᵢₖ and
/// Sₖ = Σᵢ φᵢₖxᵢ, vectorized over points. Per-chunk sums land in their own slot and are added in
/// chunk order afterwards, so the result does not depend on the number of threads.
/// </summary>
/// <remarks>Chunk slot layout: [N₀…N_{K−1}, S (K·d, row-major), Σφ ln φ].</remarks>
internal sealed class BleiCaviPass
{
    private readonly ColumnData _data;
    private readonly int _k;
    private readonly double[][] _logits, _phi;

    public BleiCaviPass(ColumnData data, int k, int workers)
    {
        _data = data;
        _k = k;
        SlotLength = k * (1 + data.Dimension) + 1;
        Partials = new double[ChunkedParallel.ChunkCount(data.PointCount) * SlotLength];
        _logits = new double[workers][];
        _phi = new double[workers][];
        for (int w = 0; w < workers; w++)
        {
            _logits[w] = new double[k * ChunkedParallel.ChunkLength];
            _phi[w] = new double[k * ChunkedParallel.ChunkLength];
        }
    }

    public int SlotLength { get; }
    public double[] Partials { get; }

    /// <summary>Current means (K·d row-major) and ½·E[μₖᵀμₖ], read by every chunk.</summary>
    public double[] Means { get; set; } = [];
    public double[] HalfExpectedSquare { get; set; } = [];

    public void RunChunk(int chunk, int worker)
    {
        int n = _data.PointCount, d = _data.Dimension, k = _k;
        (int start, int length) = ChunkedParallel.Range(chunk, n);
        Span<double> logits = _logits[worker].AsSpan(0, k * length);
        Span<double> phi = _phi[worker].AsSpan(0, k * length);
        Span<double> slot = Partials.AsSpan(chunk * SlotLength, SlotLength);
        slot.Clear();
        ReadOnlySpan<double> columns = _data.Columns;
        for (int c = 0; c < k; c++)
            Logits(columns, n, d, start, length, Means.AsSpan(c * d, d), HalfExpectedSquare[c], logits.Slice(c * length, length));
        slot[^1] = Normalize(logits, phi, length, k);
        for (int c = 0; c < k; c++)
            Statistics(columns, n, d, start, length, phi.Slice(c * length, length), ref slot[c], slot.Slice(k + c * d, d));
    }

    /// <summary>output[i] = Σⱼ x_ij·mⱼ − h.</summary>
    private static void Logits(ReadOnlySpan<double> columns, int n, int d, int start, int length,
                               ReadOnlySpan<double> mean, double half, Span<double> output)
    {
        ref double col0 = ref Unsafe.AsRef(in columns[0]);
        var h = Vector256.Create(-half);
        int i = 0;
        for (; i + 4 <= length; i += 4)
        {
            var acc = h;
            for (int j = 0; j < d; j++)
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col0, (nuint)(j * n + start + i)), Vector256.Create(mean[j]), acc);
            acc.StoreUnsafe(ref output[0], (nuint)i);
        }
        for (; i < length; i++)
        {
            double acc = -half;
            for (int j = 0; j < d; j++)
                acc = Math.FusedMultiplyAdd(columns[j * n + start + i], mean[j], acc);
            output[i] = acc;
        }
    }

    /// <summary>φ = exp(a − max)/Σ exp(a − max) per point; returns Σᵢₖ φᵢₖ·(aᵢₖ − lseᵢ) = Σ φ ln φ.</summary>
    private static double Normalize(ReadOnlySpan<double> logits, Span<double> phi, int length, int k)
    {
        ref double a0 = ref Unsafe.AsRef(in logits[0]);
        ref double p0 = ref phi[0];
        var entropy = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= length; i += 4)
        {
            var max = Vector256.LoadUnsafe(ref a0, (nuint)i);
            for (int c = 1; c < k; c++)
                max = Vector256.Max(max, Vector256.LoadUnsafe(ref a0, (nuint)(c * length + i)));
            var sum = Vector256<double>.Zero;
            for (int c = 0; c < k; c++)
            {
                var e = Vector256.Exp(Vector256.LoadUnsafe(ref a0, (nuint)(c * length + i)) - max);
                e.StoreUnsafe(ref p0, (nuint)(c * length + i));
                sum += e;
            }
            var lse = max + Vector256.Log(sum);
            var inverse = Vector256<double>.One / sum;
            for (int c = 0; c < k; c++)
            {
                var p = Vector256.LoadUnsafe(ref p0, (nuint)(c * length + i)) * inverse;
                p.StoreUnsafe(ref p0, (nuint)(c * length + i));
                entropy = Vector256.FusedMultiplyAdd(p, Vector256.LoadUnsafe(ref a0, (nuint)(c * length + i)) - lse, entropy);
            }
        }
        double total = Vector256.Sum(entropy);
        for (; i < length; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
                max = Math.Max(max, logits[c * length + i]);
            double sum = 0;
            for (int c = 0; c < k; c++)
                sum += phi[c * length + i] = Math.Exp(logits[c * length + i] - max);
            double lse = max + Math.Log(sum), inverse = 1 / sum;
            for (int c = 0; c < k; c++)
            {
                double p = phi[c * length + i] *= inverse;
                total += p * (logits[c * length + i] - lse);
            }
        }
        return total;
    }

    /// <summary>count += Σᵢ φᵢ; sums[j] += Σᵢ φᵢ·x_ij.</summary>
    private static void Statistics(ReadOnlySpan<double> columns, int n, int d, int start, int length,
                                   ReadOnlySpan<double> phi, ref double count, Span<double> sums)
    {
        ref double col0 = ref Unsafe.AsRef(in columns[0]);
        ref double p0 = ref Unsafe.AsRef(in phi[0]);
        int end = length & ~3;
        var acc = Vector256<double>.Zero;
        for (int i = 0; i < end; i += 4)
            acc += Vector256.LoadUnsafe(ref p0, (nuint)i);
        double total = Vector256.Sum(acc);
        for (int i = end; i < length; i++)
            total += phi[i];
        count += total;
        for (int j = 0; j < d; j++)
        {
            var s = Vector256<double>.Zero;
            for (int i = 0; i < end; i += 4)
                s = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p0, (nuint)i), Vector256.LoadUnsafe(ref col0, (nuint)(j * n + start + i)), s);
            double sj = Vector256.Sum(s);
            for (int i = end; i < length; i++)
                sj += phi[i] * columns[j * n + start + i];
            sums[j] += sj;
        }
    }
}

/// <summary>Adapter so <see cref="ChunkedParallel.Run"/> specializes on the pass.</summary>
internal readonly struct BleiCaviChunk(BleiCaviPass pass) : IChunkAction
{
    public void Invoke(int chunk, int worker) => pass.RunChunk(chunk, worker);
}
