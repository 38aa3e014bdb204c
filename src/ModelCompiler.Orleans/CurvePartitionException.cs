// SPDX-License-Identifier: MIT
namespace ModelCompiler.Orleans;

/// <summary>
/// A distributed batch fit failed in one partition: its input file is missing or corrupt, or its attempts ran out.
/// The message names the partition, its curves and the file.
/// </summary>
public sealed class CurvePartitionException : Exception
{
    /// <summary>Creates the exception for partition <paramref name="partition"/> of input <paramref name="inputPath"/>.</summary>
    public CurvePartitionException(int partition, string inputPath, int attempts, bool isInputError, string message, Exception? inner = null)
        : base(message, inner)
    {
        Partition = partition;
        InputPath = inputPath;
        Attempts = attempts;
        IsInputError = isInputError;
    }

    /// <summary>The failed partition's index.</summary>
    public int Partition { get; }

    /// <summary>The job's input file.</summary>
    public string InputPath { get; }

    /// <summary>Attempts made on the partition.</summary>
    public int Attempts { get; }

    /// <summary>True when the input is missing or corrupt (not retried); false when the attempts ran out.</summary>
    public bool IsInputError { get; }
}
