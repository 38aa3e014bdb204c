// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Orleans.Mixtures;

/// <summary>
/// How a distributed mixture fit talks to its partitions. A round whose call to a partition fails for want of a silo
/// (the silo died, the call timed out) is sent to that partition again after <see cref="RetryDelay"/>; the grain
/// reactivates on a live silo, reads its file again and gives the same answer, so the fit goes on unchanged. A missing
/// or corrupt file is not retried.
/// </summary>
public sealed record ClusterPartitionsOptions
{
    /// <summary>Shared default instance.</summary>
    public static ClusterPartitionsOptions Default { get; } = new();

    /// <summary>How long one partition's answer to one round may take before the call counts as lost (default 2 min).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Calls per partition and round before the fit fails (default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before a lost call is sent again, giving the cluster time to notice a dead silo (default 1 s).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cores each partition uses per round; null: all of its silo's.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (CallTimeout <= TimeSpan.Zero)
            error = $"{nameof(CallTimeout)} must be positive, got {CallTimeout}.";
        else if (MaxAttempts < 1)
            error = $"{nameof(MaxAttempts)} must be ≥ 1, got {MaxAttempts}.";
        else if (RetryDelay < TimeSpan.Zero)
            error = $"{nameof(RetryDelay)} must not be negative, got {RetryDelay}.";
        else if (MaxDegreeOfParallelism is < 1)
            error = $"{nameof(MaxDegreeOfParallelism)} must be ≥ 1 when set, got {MaxDegreeOfParallelism}.";
        return error is null;
    }
}
