// SPDX-License-Identifier: MIT
namespace ModelCompiler.Orleans.Mixtures;

/// <summary>
/// One partition of a distributed mixture fit, keyed by the path (or <c>file://</c> URI) of its <see cref="ModelCompiler.Mixtures.Distributed.PointFile"/>,
/// which every silo must be able to read. The grain reads its points on the silo that activates it and answers each
/// round from them; it keeps nothing else, so after its silo is lost the next call reactivates it elsewhere, it reads
/// the file again, and the answer is the same.
/// </summary>
public interface IPointPartitionGrain : IGrainWithStringKey
{
    /// <summary>The partition's shape (reading its file if it has not yet).</summary>
    Task<PartitionShape> DescribeAsync();

    /// <summary>Runs one round's task on the partition's points.</summary>
    Task<PartitionAnswerMessage> RunAsync(PartitionTaskMessage task);
}
