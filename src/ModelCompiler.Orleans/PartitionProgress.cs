// SPDX-License-Identifier: MIT
namespace ModelCompiler.Orleans;

/// <summary>Where a partition of a distributed batch fit stands.</summary>
[GenerateSerializer]
public enum PartitionState
{
    /// <summary>Not submitted yet (or, from a grain, never given work: its silo lost it).</summary>
    Pending,
    /// <summary>Submitted, waiting on its silo for a free fit (<see cref="CurveFitSiloOptions.MaxConcurrentFits"/>).</summary>
    Queued,
    /// <summary>Being fitted.</summary>
    Running,
    /// <summary>Fitted, its result file complete.</summary>
    Completed,
    /// <summary>Its input is missing or corrupt; the job fails without retrying it.</summary>
    InputError,
    /// <summary>The attempt failed otherwise (see <see cref="PartitionProgress.Error"/>); it is retried.</summary>
    Faulted,
    /// <summary>Cancelled before it finished; no result file was written.</summary>
    Cancelled,
}

/// <summary>
/// One partition's progress: curves [<see cref="FirstCurve"/>, <see cref="FirstCurve"/> + <see cref="CurveCount"/>)
/// of the job, how many of them are finished and converged in the current attempt, and where it runs.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PartitionProgress
{
    /// <summary>The partition's index in the job.</summary>
    [Id(0)] public int Partition { get; init; }

    /// <summary>Its first curve's index in the input file.</summary>
    [Id(1)] public long FirstCurve { get; init; }

    /// <summary>Its number of curves.</summary>
    [Id(2)] public int CurveCount { get; init; }

    /// <summary>Where it stands.</summary>
    [Id(3)] public PartitionState State { get; init; }

    /// <summary>Curves finished in the current attempt.</summary>
    [Id(4)] public long CurvesFinished { get; init; }

    /// <summary>Of those, curves whose fit converged.</summary>
    [Id(5)] public long Converged { get; init; }

    /// <summary>The current attempt, from 1 (0 while pending).</summary>
    [Id(6)] public int Attempt { get; init; }

    /// <summary>The silo running the current attempt (Orleans' silo address), once known.</summary>
    [Id(7)] public string? Silo { get; init; }

    /// <summary>The complete result file, once <see cref="PartitionState.Completed"/>.</summary>
    [Id(8)] public string? OutputPath { get; init; }

    /// <summary>Why the last attempt failed, if one did.</summary>
    [Id(9)] public string? Error { get; init; }
}

/// <summary>
/// A distributed batch fit's progress: curves finished and converged over all partitions (a partition's curves count
/// from its current attempt), partitions completed, and every partition's own <see cref="PartitionProgress"/>.
/// </summary>
public sealed record ClusterFitProgress(long CurvesFinished, long CurveCount, long Converged, int PartitionsCompleted,
                                        IReadOnlyList<PartitionProgress> Partitions)
{
    /// <summary>Number of partitions.</summary>
    public int PartitionCount => Partitions.Count;
}
