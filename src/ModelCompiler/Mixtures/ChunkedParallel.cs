// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>Work on one chunk of points, done by one worker (its index selects the worker's scratch space).</summary>
public interface IChunkAction
{
    /// <summary>Processes chunk <paramref name="chunk"/> (points [chunk·L, min(n, (chunk+1)·L))) on worker <paramref name="worker"/>.</summary>
    void Invoke(int chunk, int worker);
}

/// <summary>
/// Deterministic parallel passes over fixed-size chunks of points. The chunk length is a constant,
/// never derived from the thread count; every chunk writes its partial sums to its own slot, and the
/// slots are added in chunk order afterwards. The result is therefore bit-for-bit the same on 1 or
/// 64 threads, which a shared accumulator or per-thread partial sums would not give.
/// </summary>
public static class ChunkedParallel
{
    /// <summary>Points per chunk: small enough that a chunk's columns and K log-densities stay in L2.</summary>
    public const int ChunkLength = 2048;

    /// <summary>Number of chunks covering <paramref name="pointCount"/> points.</summary>
    public static int ChunkCount(int pointCount) => (pointCount + ChunkLength - 1) / ChunkLength;

    /// <summary>First point and length of chunk <paramref name="chunk"/>.</summary>
    public static (int Start, int Length) Range(int chunk, int pointCount)
    {
        int start = chunk * ChunkLength;
        return (start, Math.Min(ChunkLength, pointCount - start));
    }

    /// <summary>Workers actually used for <paramref name="chunkCount"/> chunks.</summary>
    public static int WorkerCount(EmExecution execution, int chunkCount) =>
        Math.Max(1, Math.Min(execution.WorkerCount, chunkCount));

    /// <summary>
    /// Runs <paramref name="action"/> on every chunk, on at most
    /// <see cref="WorkerCount(EmExecution, int)"/> threads; worker indices are distinct among
    /// concurrently running calls. Throws <see cref="OperationCanceledException"/> on cancellation.
    /// </summary>
    public static void Run<TAction>(int chunkCount, EmExecution execution, TAction action) where TAction : IChunkAction
    {
        CancellationToken token = execution.CancellationToken;
        int workers = WorkerCount(execution, chunkCount);
        if (workers == 1)
        {
            for (int c = 0; c < chunkCount; c++)
            {
                token.ThrowIfCancellationRequested();
                action.Invoke(c, 0);
            }
            return;
        }
        // Workers pull chunk indices from a shared counter, so a slow core does not hold up the pass.
        int next = -1;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = token };
        Parallel.For(0, workers, parallel, worker =>
        {
            int c;
            while ((c = Interlocked.Increment(ref next)) < chunkCount)
            {
                token.ThrowIfCancellationRequested();
                action.Invoke(c, worker);
            }
        });
    }

    /// <summary>
    /// total[j] = Σ_c partials[c·length + j], added in chunk order c = 0, 1, … (the deterministic reduction).
    /// </summary>
    public static void SumInChunkOrder(ReadOnlySpan<double> partials, int length, Span<double> total)
    {
        total[..length].Clear();
        if (length == 0)
            return;
        int chunks = partials.Length / length;
        for (int c = 0; c < chunks; c++)
        {
            ReadOnlySpan<double> slot = partials.Slice(c * length, length);
            for (int j = 0; j < length; j++)
                total[j] += slot[j];
        }
    }
}
