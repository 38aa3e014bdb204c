// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// The E-step over points held in this process: one fused pass per chunk of <see cref="ChunkedParallel.ChunkLength"/>
/// points (log-densities, normalization and the chunk's statistics while it is in cache), chunks in parallel, partial
/// sums reduced by <see cref="Partitions"/>. Buffers are allocated once, so iterations allocate nothing of size n.
/// </summary>
internal sealed class LocalEStep<TFamily, TParameters> : IEStepPass
    where TFamily : class, IMixtureFamily<TParameters>
    where TParameters : class
{
    private readonly TFamily _family;
    private readonly Partitions _partitions;
    private readonly EmExecution _execution;
    private readonly bool _accumulate;
    private readonly int _chunkCount, _statisticsLength;
    private readonly double[] _chunkLogLikelihood, _chunkStatistics;
    private readonly double[]? _responsibilities, _pointLogLikelihood;
    private readonly WorkerBuffers _logDensity, _scratch;

    /// <param name="family">The family, whose parameters the pass reads.</param>
    /// <param name="partitions">How the sums are formed.</param>
    /// <param name="execution">Threads and cancellation.</param>
    /// <param name="keepPointLogLikelihood">Keep ln p(xᵢ) of every point (<see cref="PointLogLikelihood"/>).</param>
    /// <param name="keepResponsibilities">Keep the n×K responsibilities; null keeps them when the family needs them.</param>
    /// <param name="accumulate">Accumulate the statistics (false for a pass that only scores).</param>
    public LocalEStep(TFamily family, Partitions partitions, EmExecution execution, bool keepPointLogLikelihood,
                      bool? keepResponsibilities = null, bool accumulate = true)
    {
        _family = family;
        _partitions = partitions;
        _execution = execution;
        _accumulate = accumulate;
        int n = family.PointCount, k = family.ComponentCount;
        _chunkCount = ChunkedParallel.ChunkCount(n);
        _statisticsLength = accumulate ? family.StatisticsLength : 0;
        _chunkLogLikelihood = new double[_chunkCount];
        _chunkStatistics = new double[_chunkCount * _statisticsLength];
        _responsibilities = keepResponsibilities ?? family.NeedsResponsibilities ? new double[n * k] : null;
        _pointLogLikelihood = keepPointLogLikelihood ? new double[n] : null;
        int workers = ChunkedParallel.WorkerCount(execution, _chunkCount);
        _logDensity = new WorkerBuffers(workers, k * ChunkedParallel.ChunkLength);
        _scratch = new WorkerBuffers(workers, family.WorkspaceLength(ChunkedParallel.ChunkLength));
    }

    public ReadOnlySpan<double> Responsibilities => _responsibilities;

    /// <summary>ln p(xᵢ) of every point after the last pass, when kept (else empty).</summary>
    public ReadOnlySpan<double> PointLogLikelihood => _pointLogLikelihood;

    public double Run(Span<double> statistics)
    {
        ChunkedParallel.Run(_chunkCount, _execution, new ChunkAction(this));
        if (_statisticsLength > 0)
            _partitions.Sum(_chunkStatistics, _statisticsLength, statistics);
        return _partitions.Sum(_chunkLogLikelihood);
    }

    /// <summary>Log-densities → responsibilities → statistics of one chunk, fused when nothing per point is kept.</summary>
    private readonly struct ChunkAction(LocalEStep<TFamily, TParameters> pass) : IChunkAction
    {
        public void Invoke(int chunk, int worker)
        {
            TFamily family = pass._family;
            int n = family.PointCount, k = family.ComponentCount, length = pass._statisticsLength;
            (int start, int count) = ChunkedParallel.Range(chunk, n);
            Span<double> scratch = pass._scratch.For(worker);
            Span<double> statistics = pass._chunkStatistics.AsSpan(chunk * length, length);
            statistics.Clear();
            if (pass._accumulate && pass._pointLogLikelihood is null && pass._responsibilities is null && family is IFusedMixtureFamily fused)
            {
                pass._chunkLogLikelihood[chunk] = fused.EStepWithStatistics(start, count, statistics, scratch);
                return;
            }
            Span<double> values = pass._logDensity.For(worker)[..(k * count)];
            family.EstimateWeightedLogDensity(start, count, values, scratch);
            Span<double> pointLl = pass._pointLogLikelihood is null ? [] : pass._pointLogLikelihood.AsSpan(start, count);
            pass._chunkLogLikelihood[chunk] = LogSumExp.NormalizeInPlace(values, count, k, pointLl);
            if (pass._responsibilities is { } all)
                for (int j = 0; j < k; j++)
                    values.Slice(j * count, count).CopyTo(all.AsSpan(j * n + start, count));
            if (length > 0)
                family.AccumulateStatistics(start, count, values, statistics, scratch);
        }
    }
}
