// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// One scratch buffer per worker, each with 128 bytes of padding before and after it. The fused passes read and
/// write their buffer for every vector of points; two workers' buffers allocated back to back would otherwise share
/// a cache line (or an adjacent-line prefetch pair) at the boundary, and the line would travel between the cores
/// on every vector: measured on the CAVI pass, two workers each ran 2.5 times slower than one alone.
/// </summary>
internal sealed class WorkerBuffers
{
    private const int Padding = 16; // doubles: 128 bytes, two cache lines

    private readonly double[][] _buffers;
    private readonly int _length;

    public WorkerBuffers(int workers, int length)
    {
        _length = length;
        _buffers = new double[workers][];
        for (int w = 0; w < workers; w++)
            _buffers[w] = new double[Padding + length + Padding];
    }

    /// <summary>The buffer of <paramref name="worker"/>, <c>length</c> doubles.</summary>
    public Span<double> For(int worker) => _buffers[worker].AsSpan(Padding, _length);
}
