// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests;

/// <summary>
/// Tests that count a call's allocations with <see cref="GC.GetAllocatedBytesForCurrentThread"/> run alone: the counter
/// includes the unused tails of the thread's allocation contexts, whose sizes depend on what other threads allocate at
/// the same time; in full-suite runs they moved a 20,000-point fit's count by 3 to 5 KB.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}
