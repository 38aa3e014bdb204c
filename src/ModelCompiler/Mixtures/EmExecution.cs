// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// How a pass over the data runs: the number of worker threads and the cancellation token. Results
/// never depend on <see cref="WorkerCount"/> (see <see cref="ChunkedParallel"/>).
/// </summary>
public sealed record EmExecution(int WorkerCount, CancellationToken CancellationToken)
{
    /// <summary>One worker per core, or <paramref name="maxDegreeOfParallelism"/> when given.</summary>
    public static EmExecution Create(int? maxDegreeOfParallelism, CancellationToken cancellationToken) =>
        new(maxDegreeOfParallelism ?? Environment.ProcessorCount, cancellationToken);
}
