// SPDX-License-Identifier: MIT
namespace ModelCompiler.Orleans.Mixtures;

/// <summary>
/// A distributed mixture fit failed in one partition: its file is missing or corrupt (<see cref="IsInputError"/>), or
/// its calls kept failing. The message names the partition and its file.
/// </summary>
public sealed class MixturePartitionException(int partition, string path, int attempts, bool isInputError, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The partition's index.</summary>
    public int Partition { get; } = partition;

    /// <summary>The partition's file.</summary>
    public string Path { get; } = path;

    /// <summary>Calls made to the partition in the failed round.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>True when the file is missing or corrupt (not retried); false when the attempts ran out.</summary>
    public bool IsInputError { get; } = isInputError;
}
