// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// The per-chunk pass of one CAVI iteration of <see cref="BleiCavi"/>, fused point by point: for a vector of points,
/// the logits aₖ = xᵀmₖ − ½·E[μₖᵀμₖ], their maximum, eᵏ = exp(aₖ − max), s = Σₖ eᵏ, φₖ = eᵏ/s, and at once the
/// statistics Nₖ += φₖ and Sₖ += φₖx and the entropy term, all in registers and a few cache lines of scratch; the data
/// are read once per iteration. The widest accelerated vectors (Vector512, else Vector256) take the
/// points, the scalar lane the chunk's tail. Each chunk writes its own slot and the slots are added in chunk order,
/// so the result does not depend on the number of threads.
/// </summary>
/// <remarks>
/// <para>Chunk slot layout: [N₀…N_{K−1}, S (K·d, row-major), Σᵢₖ φᵢₖ ln φᵢₖ].</para>
/// <para>
/// Σₖ φₖ ln φₖ = Σₖ φₖ(aₖ − max) − ln s, since Σₖ φₖ = 1 and ln φₖ = aₖ − max − ln s. The logarithms are not taken
/// point by point: with the maximum's term exactly 1, 1 ≤ s ≤ K, so a product of up to ⌊1000/log₂K⌋ values of s per
/// lane stays below 2¹⁰⁰⁰, and Σ ln s is the sum of the logarithms of those products, one logarithm per lane per
/// segment instead of one per point. A product of m factors carries at most m rounding errors, the same bound as a
/// sum of m logarithms.
/// </para>
/// </remarks>
internal sealed class BleiCaviPass
{
    private readonly ColumnData _data;
    private readonly int _k;
    private readonly WorkerBuffers _scratch;

    public BleiCaviPass(ColumnData data, int k, int workers)
    {
        _data = data;
        _k = k;
        SlotLength = StatisticsLength(k, data.Dimension);
        Partials = new double[ChunkedParallel.ChunkCount(data.PointCount) * SlotLength];
        // Per worker: K values, K·(1 + d) accumulators and d coordinates, for the widest vectors (8 lanes).
        _scratch = new WorkerBuffers(workers, (2 * k + k * data.Dimension + data.Dimension) * 8);
    }

    /// <summary>Doubles per chunk slot: N (K), S (K·d) and Σφ ln φ.</summary>
    public static int StatisticsLength(int k, int d) => k * (1 + d) + 1;

    public int SlotLength { get; }
    public double[] Partials { get; }

    /// <summary>Current means (K·d row-major) and ½·E[μₖᵀμₖ], read by every chunk.</summary>
    public double[] Means { get; set; } = [];
    public double[] HalfExpectedSquare { get; set; } = [];

    public void RunChunk(int chunk, int worker)
    {
        (int start, int length) = ChunkedParallel.Range(chunk, _data.PointCount);
        Span<double> slot = Partials.AsSpan(chunk * SlotLength, SlotLength);
        slot.Clear();
        Span<double> scratch = _scratch.For(worker);
        int done = 0;
        if (Vector512.IsHardwareAccelerated)
            done = Run<Lanes512>(start, 0, length, slot, scratch);
        else if (Vector256.IsHardwareAccelerated)
            done = Run<Lanes256>(start, 0, length, slot, scratch);
        Run<Lane1>(start, done, length, slot, scratch);
    }

    /// <summary>Points start + [from, from + T.Count·⌊(to − from)/T.Count⌋) into <paramref name="slot"/>; returns where it stopped.</summary>
    private int Run<T>(int start, int from, int to, Span<double> slot, Span<double> scratch) where T : unmanaged, ILanes<T>
    {
        int n = _data.PointCount, d = _data.Dimension, k = _k;
        int end = from + (to - from) / T.Count * T.Count;
        if (end == from)
            return from;
        Span<T> buffer = MemoryMarshal.Cast<double, T>(scratch)[..(k + k * (1 + d) + d)];
        buffer.Clear();
        ref T values = ref MemoryMarshal.GetReference(buffer);   // K logits, then K exponentials
        ref T counts = ref Unsafe.Add(ref values, k);              // K counts, then K·d sums
        ref T sums = ref Unsafe.Add(ref counts, k);
        ref T x = ref Unsafe.Add(ref sums, k * d);                 // the d coordinates of the points
        ref double column0 = ref MemoryMarshal.GetArrayDataReference(_data.Columns);
        ref double means = ref MemoryMarshal.GetArrayDataReference(Means);
        ref double half = ref MemoryMarshal.GetArrayDataReference(HalfExpectedSquare);
        var weighted = T.Zero;
        double logSum = 0;
        int segment = LaneMath.ProductSegment(k) * T.Count;
        for (int i = from; i < end;)
        {
            var product = T.Create(1);
            for (int stop = Math.Min(end, i + segment); i < stop; i += T.Count)
            {
                var max = T.Create(double.NegativeInfinity);
                if (d == 1)
                {
                    var x0 = T.Load(ref column0, (nuint)(start + i));
                    x = x0;
                    for (int c = 0; c < k; c++)
                    {
                        var a = T.MultiplyAdd(x0, T.Create(Unsafe.Add(ref means, c)), T.Create(-Unsafe.Add(ref half, c)));
                        Unsafe.Add(ref values, c) = a;
                        max = T.Max(max, a);
                    }
                }
                else
                {
                    for (int j = 0; j < d; j++)
                        Unsafe.Add(ref x, j) = T.Load(ref column0, (nuint)(j * n + start + i));
                    for (int c = 0; c < k; c++)
                    {
                        var a = T.Create(-Unsafe.Add(ref half, c));
                        for (int j = 0; j < d; j++)
                            a = T.MultiplyAdd(Unsafe.Add(ref x, j), T.Create(Unsafe.Add(ref means, c * d + j)), a);
                        Unsafe.Add(ref values, c) = a;
                        max = T.Max(max, a);
                    }
                }
                var sum = T.Zero;
                var ed = T.Zero;
                for (int c = 0; c < k; c++)
                {
                    var delta = Unsafe.Add(ref values, c) - max;
                    var e = T.Exp(delta);
                    Unsafe.Add(ref values, c) = e;
                    sum += e;
                    ed = T.MultiplyAdd(e, delta, ed);
                }
                var inverse = T.Create(1) / sum;
                weighted = T.MultiplyAdd(ed, inverse, weighted);
                product *= sum;
                if (d == 1)
                {
                    var x0 = x;
                    for (int c = 0; c < k; c++)
                    {
                        var phi = Unsafe.Add(ref values, c) * inverse;
                        Unsafe.Add(ref counts, c) += phi;
                        Unsafe.Add(ref sums, c) = T.MultiplyAdd(phi, x0, Unsafe.Add(ref sums, c));
                    }
                }
                else
                    for (int c = 0; c < k; c++)
                    {
                        var phi = Unsafe.Add(ref values, c) * inverse;
                        Unsafe.Add(ref counts, c) += phi;
                        for (int j = 0; j < d; j++)
                            Unsafe.Add(ref sums, c * d + j) = T.MultiplyAdd(phi, Unsafe.Add(ref x, j), Unsafe.Add(ref sums, c * d + j));
                    }
            }
            for (int lane = 0; lane < T.Count; lane++)
                logSum += Math.Log(product[lane]);
        }
        for (int c = 0; c < k * (1 + d); c++)
            slot[c] += LaneMath.Sum(Unsafe.Add(ref counts, c));
        slot[^1] += LaneMath.Sum(weighted) - logSum;
        return end;
    }
}

/// <summary>Adapter so <see cref="ChunkedParallel.Run"/> specializes on the pass.</summary>
internal readonly struct BleiCaviChunk(BleiCaviPass pass) : IChunkAction
{
    public void Invoke(int chunk, int worker) => pass.RunChunk(chunk, worker);
}
