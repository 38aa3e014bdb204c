// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// The per-chunk E-step of <see cref="BayesianGaussianMixture"/>: expected log-densities
/// ln ρᵢₖ = Constantₖ − ½·(xᵢ − mₖ)ᵀPₖPₖᵀ(xᵢ − mₖ), responsibilities by log-sum-exp, Σ rᵢₖ ln rᵢₖ and the Gaussian
/// statistics about the current means. The fit's iterations run it as one fused pass (<see cref="FusedGaussianPass"/>);
/// the initialization from given responsibilities and the predictions, which keep per-point values, run the
/// Gaussian kernels and <see cref="LogSumExp"/> over the chunk. Each chunk writes its own slot
/// [K·block statistics, Σ r ln r, Σ ln Σₖ ρ]; slots are added in chunk order, so results do not depend on the
/// number of threads.
/// </summary>
internal sealed class VariationalGaussianPass
{
    private readonly ColumnData _data;
    private readonly VariationalGaussianState _state;
    private readonly WorkerBuffers _logRho, _resp, _lse, _scratch;

    public VariationalGaussianPass(ColumnData data, VariationalGaussianState state, int workers)
    {
        _data = data;
        _state = state;
        int k = state.ComponentCount;
        SlotLength = k * state.BlockLength + 2;
        Partials = new double[ChunkedParallel.ChunkCount(data.PointCount) * SlotLength];
        _logRho = new WorkerBuffers(workers, k * ChunkedParallel.ChunkLength);
        _resp = new WorkerBuffers(workers, k * ChunkedParallel.ChunkLength);
        _lse = new WorkerBuffers(workers, ChunkedParallel.ChunkLength);
        _scratch = new WorkerBuffers(workers, FusedGaussianPass.ScratchLength(k, data.Dimension, state.BlockLength));
    }

    public int SlotLength { get; }
    public double[] Partials { get; }

    /// <summary>When set, the chunk's responsibilities are copied here (component-major n×K, [k·n + i]).</summary>
    public double[]? Responsibilities { get; set; }

    /// <summary>When set, ln Σₖ ρᵢₖ of every point is written here (n values).</summary>
    public double[]? PointLogNormalizer { get; set; }

    /// <summary>When set, statistics come from these responsibilities (component-major n×K) instead of an E-step.</summary>
    public double[]? GivenResponsibilities { get; set; }

    public bool Accumulate { get; set; } = true;

    public void RunChunk(int chunk, int worker)
    {
        int n = _data.PointCount, d = _data.Dimension, k = _state.ComponentCount;
        (int start, int length) = ChunkedParallel.Range(chunk, n);
        Span<double> resp = _resp.For(worker)[..(k * length)];
        Span<double> slot = Partials.AsSpan(chunk * SlotLength, SlotLength);
        slot.Clear();
        if (Accumulate && GivenResponsibilities is null && Responsibilities is null && PointLogNormalizer is null)
        {
            // The fit's iterations: one fused pass, nothing per point kept.
            (slot[^1], slot[^2]) = FusedGaussianPass.Run(_data, _state.Components, start, length, slot[..(k * _state.BlockLength)],
                                                         _scratch.For(worker), entropy: true);
            return;
        }
        if (GivenResponsibilities is { } given)
            for (int c = 0; c < k; c++)
                given.AsSpan(c * n + start, length).CopyTo(resp.Slice(c * length, length));
        else
        {
            Span<double> logRho = _logRho.For(worker)[..(k * length)];
            Span<double> lse = _lse.For(worker)[..length];
            for (int c = 0; c < k; c++)
            {
                Span<double> output = logRho.Slice(c * length, length);
                if (_state.IsFullMatrix)
                    GaussianDensityKernels.Full(_data.Columns, n, d, start, length, _state.Mean(c), _state.PrecisionCholesky(c), _state.Constants[c], output);
                else
                    GaussianDensityKernels.Diagonal(_data.Columns, n, d, start, length, _state.Mean(c), _state.InverseStd(c), _state.Constants[c], output);
            }
            logRho.CopyTo(resp);
            slot[^1] = LogSumExp.NormalizeInPlace(resp, length, k, lse);
            slot[^2] = ResponsibilityLogResponsibility(logRho, resp, lse, length, k);
            if (PointLogNormalizer is { } pointLse)
                lse.CopyTo(pointLse.AsSpan(start, length));
            if (Responsibilities is { } all)
                for (int c = 0; c < k; c++)
                    resp.Slice(c * length, length).CopyTo(all.AsSpan(c * n + start, length));
        }
        if (!Accumulate)
            return;
        int block = _state.BlockLength;
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> r = resp.Slice(c * length, length);
            Span<double> stats = slot.Slice(c * block, block);
            if (_state.IsFullMatrix)
                GaussianStatisticsKernels.Full(_data.Columns, n, d, start, length, r, _state.Shift(c), stats);
            else
                GaussianStatisticsKernels.Diagonal(_data.Columns, n, d, start, length, r, _state.Shift(c), stats);
        }
    }

    /// <summary>Σᵢₖ rᵢₖ·(ln ρᵢₖ − lseᵢ), i.e. Σ r ln r with ln r taken exactly as scikit-learn's log_resp.</summary>
    private static double ResponsibilityLogResponsibility(ReadOnlySpan<double> logRho, ReadOnlySpan<double> resp,
                                                          ReadOnlySpan<double> lse, int length, int k)
    {
        ref double a0 = ref Unsafe.AsRef(in logRho[0]);
        ref double r0 = ref Unsafe.AsRef(in resp[0]);
        ref double l0 = ref Unsafe.AsRef(in lse[0]);
        int end = length & ~3;
        var acc = Vector256<double>.Zero;
        for (int c = 0; c < k; c++)
            for (int i = 0; i < end; i += 4)
            {
                var r = Vector256.LoadUnsafe(ref r0, (nuint)(c * length + i));
                var logR = Vector256.LoadUnsafe(ref a0, (nuint)(c * length + i)) - Vector256.LoadUnsafe(ref l0, (nuint)i);
                // r = 0 with ln r = −∞ contributes 0 (numpy: exp(−∞)·(−∞) would be NaN, but sklearn's log_resp is finite here).
                acc = Vector256.FusedMultiplyAdd(r, Vector256.ConditionalSelect(Vector256.Equals(r, Vector256<double>.Zero), Vector256<double>.Zero, logR), acc);
            }
        double total = Vector256.Sum(acc);
        for (int c = 0; c < k; c++)
            for (int i = end; i < length; i++)
            {
                double r = resp[c * length + i];
                if (r != 0)
                    total += r * (logRho[c * length + i] - lse[i]);
            }
        return total;
    }
}

/// <summary>Adapter so <see cref="ChunkedParallel.Run"/> specializes on the pass.</summary>
internal readonly struct VariationalGaussianChunk(VariationalGaussianPass pass) : IChunkAction
{
    public void Invoke(int chunk, int worker) => pass.RunChunk(chunk, worker);
}
