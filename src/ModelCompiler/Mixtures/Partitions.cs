// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// Consecutive ranges of points whose sums are formed apart: within a partition the chunks' partial sums are added
/// in chunk order, then the partitions' totals in partition order. That is the reduction a fit distributed over those
/// partitions performs (each machine sums its own chunks, a coordinator adds the machines' totals), so a fit on one
/// machine with the same partitions gives the same bits. One partition is the plain sum in chunk order.
/// </summary>
internal sealed class Partitions
{
    // First chunk of each partition, then the chunk count: partition p covers chunks [_firstChunk[p], _firstChunk[p + 1]).
    private readonly int[] _firstChunk;

    private Partitions(int[] firstChunk) => _firstChunk = firstChunk;

    /// <summary>Number of partitions.</summary>
    public int Count => _firstChunk.Length - 1;

    /// <summary>One partition over <paramref name="pointCount"/> points.</summary>
    public static Partitions Single(int pointCount) => new([0, ChunkedParallel.ChunkCount(pointCount)]);

    /// <summary>
    /// The partitions of <paramref name="lengths"/> points each over <paramref name="pointCount"/> points; null is one
    /// partition. Every length but the last must be a positive multiple of <see cref="ChunkedParallel.ChunkLength"/>,
    /// so that no chunk straddles two partitions, and the lengths must add up to the points.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not partition the points; the message names the first wrong one.</exception>
    public static Partitions Of(IReadOnlyList<int>? lengths, int pointCount, string parameterName)
    {
        if (lengths is null)
            return Single(pointCount);
        if (lengths.Count == 0)
            throw new ArgumentException("PartitionLengths is empty; give at least one partition or null for one.", parameterName);
        var first = new int[lengths.Count + 1];
        long covered = 0;
        for (int p = 0; p < lengths.Count; p++)
        {
            int length = lengths[p];
            bool last = p == lengths.Count - 1;
            if (length < 1 || (!last && length % ChunkedParallel.ChunkLength != 0))
                throw new ArgumentException(
                    $"PartitionLengths[{p}] = {length}: every partition but the last must hold a positive multiple of " +
                    $"{ChunkedParallel.ChunkLength} points (the chunk length), and the last at least one.", parameterName);
            first[p] = (int)(covered / ChunkedParallel.ChunkLength);
            covered += length;
        }
        if (covered != pointCount)
            throw new ArgumentException($"PartitionLengths add up to {covered} points but the data have {pointCount}.", parameterName);
        first[^1] = ChunkedParallel.ChunkCount(pointCount);
        return new Partitions(first);
    }

    /// <summary>total[j] = Σ_p Σ_{c ∈ p} partials[c·length + j], each sum in order.</summary>
    public void Sum(ReadOnlySpan<double> partials, int length, Span<double> total)
    {
        total[..length].Clear();
        if (length == 0)
            return;
        Span<double> partition = length <= 256 ? stackalloc double[length] : new double[length];
        for (int p = 0; p < Count; p++)
        {
            ChunkedParallel.SumInChunkOrder(partials[(_firstChunk[p] * length)..(_firstChunk[p + 1] * length)], length, partition);
            for (int j = 0; j < length; j++)
                total[j] += partition[j];
        }
    }

    /// <summary>Σ_p Σ_{c ∈ p} values[c], each sum in order.</summary>
    public double Sum(ReadOnlySpan<double> values)
    {
        double total = 0;
        for (int p = 0; p < Count; p++)
        {
            double partition = 0;
            foreach (double v in values[_firstChunk[p].._firstChunk[p + 1]])
                partition += v;
            total += partition;
        }
        return total;
    }
}
