// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Distributed;

/// <summary>
/// Points split into partitions that live where they are computed on (other machines, other processes, or here):
/// a fit sends each round's <see cref="PartitionTask"/> to every partition and adds their answers in partition order.
/// Each partition answers with <see cref="PartitionShard.Run"/> on its own points, so a fit over these partitions
/// equals, to the bit, a fit on one machine of the same points with
/// <see cref="EmOptions.PartitionLengths"/> = <see cref="PartitionLengths"/>.
/// </summary>
public interface IPartitionedData
{
    /// <summary>Points per partition, in data order.</summary>
    IReadOnlyList<int> PartitionLengths { get; }

    /// <summary>Columns every partition holds (the features; for a regression mixture the variables, then y).</summary>
    int ColumnCount { get; }

    /// <summary>
    /// Runs <paramref name="task"/> on every partition and returns their answers in partition order. An
    /// implementation may retry a partition that failed for want of a machine; it must not reorder or drop answers.
    /// </summary>
    IReadOnlyList<double[]> Run(PartitionTask task, CancellationToken cancellationToken);
}
