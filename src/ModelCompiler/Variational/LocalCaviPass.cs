// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>Step 1 of CAVI over points held in this process: the fused chunk pass on all cores, reduced by the partitions.</summary>
internal sealed class LocalCaviPass : ICaviPass
{
    private readonly BleiCaviPass _pass;
    private readonly Partitions _partitions;
    private readonly EmExecution _execution;
    private readonly int _chunks;

    public LocalCaviPass(ColumnData data, int k, Partitions partitions, EmExecution execution)
    {
        _chunks = ChunkedParallel.ChunkCount(data.PointCount);
        _pass = new BleiCaviPass(data, k, ChunkedParallel.WorkerCount(execution, _chunks));
        _partitions = partitions;
        _execution = execution;
    }

    public void Run(double[] means, double[] halfExpectedSquare, Span<double> totals)
    {
        _pass.Means = means;
        _pass.HalfExpectedSquare = halfExpectedSquare;
        ChunkedParallel.Run(_chunks, _execution, new BleiCaviChunk(_pass));
        _partitions.Sum(_pass.Partials, _pass.SlotLength, totals);
    }
}
