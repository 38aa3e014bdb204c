// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Orleans;

/// <summary>
/// How <see cref="ClusterCurveFit.FitManyAsync{TModel}"/> runs a job on the cluster: how the curves are cut into
/// partitions, how many partitions are in flight at once, and how a partition whose attempt fails is retried.
/// An attempt fails when a call to its grain throws (its silo died or is unreachable), when the grain no longer
/// knows the work (its silo stopped and the grain was activated afresh), when the fit on the silo throws anything
/// but an input error (an I/O error writing the result, say), or when it has not finished within
/// <see cref="PartitionTimeout"/>. A partition whose input is missing or corrupt fails the job at once, without
/// retries: that error is in the data and would recur.
/// </summary>
public sealed record ClusterFitOptions
{
    /// <summary>Shared default instance.</summary>
    public static ClusterFitOptions Default { get; } = new();

    /// <summary>Curves per partition (the last one holds the rest); each partition is one work item and one result file. Default 10 000.</summary>
    public int CurvesPerPartition { get; init; } = 10_000;

    /// <summary>Attempts per partition, the first included, before the job fails. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// Longest one attempt of a partition may take, from its submission (time queued on its silo included) to its
    /// result file; past it the attempt is cancelled and counts as failed. Default 1 hour.
    /// </summary>
    public TimeSpan PartitionTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Wait before a failed partition's next attempt, which gives the cluster time to declare a dead silo dead. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Partitions submitted at once. Each silo runs <see cref="CurveFitSiloOptions.MaxConcurrentFits"/> of them at a
    /// time and queues the rest, so a few per silo keeps every silo busy. Default 16.
    /// </summary>
    public int MaxConcurrentPartitions { get; init; } = 16;

    /// <summary>How often the client asks each running partition how far it has come (and so how soon it notices a lost one). Default 250 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Names the job's grains (<c>JobId/run/partition/attempt</c>, the run new for every call, so that running a job again
    /// fits it again); letters, digits, '-', '_' and '.'. Null: a new GUID.
    /// </summary>
    public string? JobId { get; init; }

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (CurvesPerPartition < 1)
            error = $"{nameof(CurvesPerPartition)} must be ≥ 1, got {CurvesPerPartition}.";
        else if (MaxAttempts < 1)
            error = $"{nameof(MaxAttempts)} must be ≥ 1, got {MaxAttempts}.";
        else if (!IsPositiveDelay(PartitionTimeout))
            error = $"{nameof(PartitionTimeout)} must be > 0 and at most {MaxDelay}, got {PartitionTimeout}.";
        else if (RetryDelay < TimeSpan.Zero || RetryDelay > MaxDelay)
            error = $"{nameof(RetryDelay)} must be ≥ 0 and at most {MaxDelay}, got {RetryDelay}.";
        else if (MaxConcurrentPartitions < 1)
            error = $"{nameof(MaxConcurrentPartitions)} must be ≥ 1, got {MaxConcurrentPartitions}.";
        else if (!IsPositiveDelay(PollInterval))
            error = $"{nameof(PollInterval)} must be > 0 and at most {MaxDelay}, got {PollInterval}.";
        else if (JobId is not null && (JobId.Length == 0 || !JobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            error = $"{nameof(JobId)} must be letters, digits, '-', '_' and '.', got \"{JobId}\".";
        return error is null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "options");
    }

    /// <summary>The longest delay a timer takes (about 24.8 days).</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private static bool IsPositiveDelay(TimeSpan value) => value > TimeSpan.Zero && value <= MaxDelay;
}
