// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Orleans;

/// <summary>What a silo gives batch fits: how many partitions it fits at once and on how many cores.</summary>
public sealed record CurveFitSiloOptions
{
    /// <summary>
    /// Partitions this silo fits at the same time; more wait their turn. Each fit already runs on
    /// <see cref="MaxDegreeOfParallelism"/> cores, so the default 1 keeps the cores busy without oversubscribing them.
    /// </summary>
    public int MaxConcurrentFits { get; init; } = 1;

    /// <summary>Cores one partition's fit uses when the job's options do not say (null: all of them).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (MaxConcurrentFits < 1)
            error = $"{nameof(MaxConcurrentFits)} must be ≥ 1, got {MaxConcurrentFits}.";
        else if (MaxDegreeOfParallelism is < 1)
            error = $"{nameof(MaxDegreeOfParallelism)} must be ≥ 1 when set, got {MaxDegreeOfParallelism}.";
        return error is null;
    }
}
