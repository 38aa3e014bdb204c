// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Distributed;

/// <summary>
/// Partitions held in this process, each a <see cref="PartitionShard"/>, run one after another: the reference a
/// transport to other machines is held against, and a way to try a distributed fit's code on one machine.
/// </summary>
public sealed class InProcessPartitions : IPartitionedData
{
    private readonly PartitionShard[] _shards;

    /// <summary>Partitions over the shards, in order; they must all have the same columns.</summary>
    public InProcessPartitions(IReadOnlyList<PartitionShard> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
            throw new ArgumentException("Give at least one shard.", nameof(shards));
        for (int p = 0; p < shards.Count; p++)
            if (shards[p] is null || shards[p].ColumnCount != shards[0].ColumnCount)
                throw new ArgumentException(
                    $"shards[{p}] is null or has {shards[p]?.ColumnCount} columns; every shard needs the first's {shards[0].ColumnCount}.", nameof(shards));
        _shards = shards.ToArray();
        PartitionLengths = _shards.Select(s => s.PointCount).ToArray();
    }

    /// <summary>Splits n×d <paramref name="rows"/> into consecutive partitions of <paramref name="lengths"/> points.</summary>
    public static InProcessPartitions Split(double[,] rows, IReadOnlyList<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(lengths);
        int n = rows.GetLength(0), d = rows.GetLength(1);
        if (lengths.Any(l => l < 1) || lengths.Sum(l => (long)l) != n)
            throw new ArgumentException($"lengths must be positive and add up to the {n} rows; they add up to {lengths.Sum(l => (long)l)}.", nameof(lengths));
        var shards = new List<PartitionShard>(lengths.Count);
        int start = 0;
        foreach (int length in lengths)
        {
            var part = new double[length, d];
            for (int i = 0; i < length; i++)
                for (int j = 0; j < d; j++)
                    part[i, j] = rows[start + i, j];
            shards.Add(PartitionShard.FromRows(part));
            start += length;
        }
        return new InProcessPartitions(shards);
    }

    /// <inheritdoc/>
    public IReadOnlyList<int> PartitionLengths { get; }

    /// <inheritdoc/>
    public int ColumnCount => _shards[0].ColumnCount;

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Run(PartitionTask task, CancellationToken cancellationToken) =>
        _shards.Select(shard => shard.Run(task, cancellationToken: cancellationToken)).ToArray();
}
