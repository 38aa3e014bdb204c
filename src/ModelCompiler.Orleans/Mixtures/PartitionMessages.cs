// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Distributed;

namespace ModelCompiler.Orleans.Mixtures;

/// <summary>A round's <see cref="PartitionTask"/> on the wire, with the cores the partition may use.</summary>
[GenerateSerializer, Immutable]
public sealed record PartitionTaskMessage(
    [property: Id(0)] PartitionTaskKind Kind,
    [property: Id(1)] double[] Payload,
    [property: Id(2)] string? ModelType,
    [property: Id(3)] int? MaxDegreeOfParallelism);

/// <summary>
/// A partition's answer: its values, or why its points could not be read (missing or corrupt file, wrong shape),
/// which no retry mends.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PartitionAnswerMessage([property: Id(0)] double[]? Values, [property: Id(1)] string? InputError);

/// <summary>What a partition holds, and the silo that holds it now.</summary>
[GenerateSerializer, Immutable]
public sealed record PartitionShape(
    [property: Id(0)] int Points,
    [property: Id(1)] int Columns,
    [property: Id(2)] string Silo,
    [property: Id(3)] string? InputError);
