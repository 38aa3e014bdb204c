// SPDX-License-Identifier: MIT
using ModelCompiler.Kernels;
using ModelCompiler.Mixtures;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The passes over the points of a tall problem, which never hold the m×k Jacobian: fixed chunks of
/// <see cref="ChunkedParallel.ChunkLength"/> points run on all cores, each writing its weighted residuals and its partial
/// results into a slot of its own, and the slots are combined in chunk order. The results are therefore the same
/// on any number of threads.
/// </summary>
internal sealed class StreamedPasses<TModel> where TModel : IModel
{
    /// <summary>
    /// Below this many chunks a pass runs on the calling thread: handing it to the thread pool would cost about as
    /// much as it saves, and would allocate on every pass.
    /// </summary>
    public const int MinParallelChunks = 16;

    private readonly LeastSquaresProblem _problem;
    private readonly ResidualEvaluator<TModel> _evaluator;
    private readonly EmExecution _execution;
    private readonly int _m, _k, _chunks;
    private readonly double[] _parameters;
    private double[] _normalSlots = [];
    private double[] _qrSlots = [];
    private QrWorkspace[] _qrWorkspaces = [];
    private double[] _stacked = [], _stackedRhs = [], _stackedWork = []; // [R; R_c] and its right-hand side

    public StreamedPasses(LeastSquaresProblem problem, ResidualEvaluator<TModel> evaluator, CurveFitOptions options,
                          CancellationToken cancellationToken)
    {
        _problem = problem;
        _evaluator = evaluator;
        _m = problem.PointCount;
        _k = problem.FreeCount;
        _chunks = ChunkedParallel.ChunkCount(_m);
        _execution = _chunks >= MinParallelChunks
            ? EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken)
            : new EmExecution(1, cancellationToken);
        _parameters = new double[problem.ParameterCount];
    }

    /// <summary>Number of sums the normal-equation pass returns (over all P parameters, fixed ones included).</summary>
    public int SumLength => NormalEquationsLayout.Length(_problem.ParameterCount);

    /// <summary>
    /// f at the free parameters into <paramref name="residuals"/> (unless it is empty), and JᵀJ, Jᵀf and fᵀf over all parameters into
    /// <paramref name="sums"/> (<see cref="NormalEquationsLayout"/>), by the model's fused kernel. Returns false
    /// when a value or a derivative is not finite.
    /// </summary>
    public bool NormalEquations(ReadOnlySpan<double> free, double[] residuals, Span<double> sums)
    {
        _evaluator.CountJacobianEvaluation();
        _evaluator.Expand(free).CopyTo(_parameters);
        int length = SumLength;
        if (_normalSlots.Length == 0)
            _normalSlots = new double[_chunks * length];
        Run(new NormalEquationsChunk(_problem, _parameters, residuals, _normalSlots, length));
        ChunkedParallel.SumInChunkOrder(_normalSlots, length, sums);
        foreach (double sum in sums[..length])
            if (!double.IsFinite(sum))
                return false;
        return true;
    }

    /// <summary>
    /// The triangle of an unpivoted QR of the weighted Jacobian over the free parameters, J = Q₀·R₀ (TSQR: a
    /// Householder QR per chunk, the chunks' triangles stacked and reduced in chunk order), with Q₀ᵀf, fᵀf, and f
    /// into <paramref name="residuals"/>. Returns false when a value or a derivative is not finite.
    /// </summary>
    public bool TriangularFactor(ReadOnlySpan<double> free, double[] residuals, Span<double> triangle, Span<double> projected,
                                 out double residualSquares)
    {
        _evaluator.CountJacobianEvaluation();
        _evaluator.Expand(free).CopyTo(_parameters);
        int k = _k, slot = k * k + k + 1;
        if (_qrSlots.Length == 0)
        {
            _qrSlots = new double[_chunks * slot];
            _qrWorkspaces = new QrWorkspace[ChunkedParallel.WorkerCount(_execution, _chunks)];
            _stacked = new double[2 * k * k];
            _stackedRhs = new double[2 * k];
            _stackedWork = new double[3 * k];
        }
        Run(new QrChunk(_problem, _parameters, residuals, _qrSlots, _qrWorkspaces));

        // [R; R_c] → R, in chunk order.
        double[] stacked = _stacked, rhs = _stackedRhs;
        _qrSlots.AsSpan(0, k * k).CopyTo(triangle);
        _qrSlots.AsSpan(k * k, k).CopyTo(projected);
        residualSquares = _qrSlots[k * k + k];
        for (int c = 1; c < _chunks; c++)
        {
            ReadOnlySpan<double> chunk = _qrSlots.AsSpan(c * slot, slot);
            for (int j = 0; j < k; j++)
            {
                triangle.Slice(j * k, k).CopyTo(stacked.AsSpan(j * 2 * k, k));
                chunk.Slice(j * k, k).CopyTo(stacked.AsSpan(j * 2 * k + k, k));
            }
            projected[..k].CopyTo(rhs);
            chunk.Slice(k * k, k).CopyTo(rhs.AsSpan(k));
            HouseholderQr.Factor(stacked, 2 * k, k, 2 * k, rhs, triangle, _stackedWork);
            rhs.AsSpan(0, k).CopyTo(projected);
            residualSquares += chunk[k * k + k];
        }
        if (!double.IsFinite(residualSquares))
            return false;
        foreach (double entry in triangle[..(k * k)])
            if (!double.IsFinite(entry))
                return false;
        return true;
    }

    /// <summary>Every chunk, on the calling thread when the pass is small (which allocates nothing) or on all cores.</summary>
    private void Run<TAction>(TAction pass) where TAction : IChunkAction
    {
        if (_execution.WorkerCount > 1)
        {
            ChunkedParallel.Run(_chunks, _execution, pass);
            return;
        }
        for (int c = 0; c < _chunks; c++)
        {
            _execution.CancellationToken.ThrowIfCancellationRequested();
            pass.Invoke(c, 0);
        }
    }

    /// <summary>‖f‖ from fᵀf, or from f itself when the sum of squares under- or overflowed.</summary>
    public static double Norm(double squares, ReadOnlySpan<double> residuals)
        => MinpackKernels.IsNormalSquare(squares) ? Math.Sqrt(squares) : MinpackKernels.Norm(residuals);

    /// <summary>f at the free parameters, by the model's value kernel (one more function evaluation).</summary>
    public void Residuals(ReadOnlySpan<double> free, Span<double> residuals) => _evaluator.Residuals(free, residuals);

    /// <summary>One chunk of the normal-equation pass: the fused kernel over the chunk's points.</summary>
    private readonly struct NormalEquationsChunk(LeastSquaresProblem problem, double[] parameters, double[] residuals,
                                                 double[] slots, int length) : IChunkAction
    {
        public void Invoke(int chunk, int worker)
        {
            int m = problem.PointCount;
            var (start, count) = ChunkedParallel.Range(chunk, m);
            Span<double> slot = slots.AsSpan(chunk * length, length);
            slot.Clear();
            ReadOnlySpan<double> weights = problem.SqrtWeights is { } sw ? sw.AsSpan(start, count) : default;
            TModel.AccumulateNormalEquations(problem.X.AsSpan(start), m, parameters, problem.Y.AsSpan(start, count), weights,
                                             residuals.Length == 0 ? default : residuals.AsSpan(start, count), slot);
        }
    }

    /// <summary>A worker's buffers for the QR pass: one chunk's x, values, Jacobian and free columns.</summary>
    private sealed class QrWorkspace(int v, int p, int k)
    {
        public readonly double[] X = new double[ChunkedParallel.ChunkLength * v];
        public readonly double[] Values = new double[ChunkedParallel.ChunkLength];
        public readonly double[] Jacobian = new double[ChunkedParallel.ChunkLength * p];
        public readonly double[] Free = new double[ChunkedParallel.ChunkLength * k];
        public readonly double[] Rhs = new double[ChunkedParallel.ChunkLength];
        public readonly double[] Work = new double[3 * k];
    }

    /// <summary>One chunk of the QR pass: its Jacobian, weighted, and its Householder triangle with Qᵀf.</summary>
    private readonly struct QrChunk(LeastSquaresProblem problem, double[] parameters, double[] residuals, double[] slots,
                                    QrWorkspace[] workspaces) : IChunkAction
    {
        public void Invoke(int chunk, int worker)
        {
            int m = problem.PointCount, v = TModel.VariableCount, p = problem.ParameterCount, k = problem.FreeCount;
            var (start, count) = ChunkedParallel.Range(chunk, m);
            QrWorkspace ws = workspaces[worker] ??= new QrWorkspace(v, p, k);
            for (int c = 0; c < v; c++)
                problem.X.AsSpan(c * m + start, count).CopyTo(ws.X.AsSpan(c * count, count));
            TModel.EvaluateWithJacobian(ws.X.AsSpan(0, count * v), parameters, ws.Values.AsSpan(0, count), ws.Jacobian.AsSpan(0, count * p));

            double[]? sw = problem.SqrtWeights;
            Span<double> f = residuals.AsSpan(start, count), rhs = ws.Rhs.AsSpan(0, count);
            double squares = 0;
            for (int i = 0; i < count; i++)
            {
                double r = ws.Values[i] - problem.Y[start + i];
                if (sw is not null)
                    r *= sw[start + i];
                f[i] = r;
                squares += r * r;
            }
            f.CopyTo(rhs);
            for (int j = 0; j < k; j++)
            {
                Span<double> column = ws.Free.AsSpan(j * count, count);
                ws.Jacobian.AsSpan(problem.FreeIndices[j] * count, count).CopyTo(column);
                if (sw is not null)
                    for (int i = 0; i < count; i++)
                        column[i] *= sw[start + i];
            }

            int slotLength = k * k + k + 1;
            Span<double> slot = slots.AsSpan(chunk * slotLength, slotLength);
            Span<double> triangle = slot[..(k * k)], projected = slot.Slice(k * k, k);
            if (count >= k)
            {
                HouseholderQr.Factor(ws.Free, count, k, count, rhs, triangle, ws.Work);
                rhs[..k].CopyTo(projected);
            }
            else
            {
                // Fewer points than parameters: the rows themselves, padded with zeros, stand for the chunk.
                triangle.Clear();
                projected.Clear();
                for (int j = 0; j < k; j++)
                    for (int i = 0; i < count; i++)
                        triangle[j * k + i] = ws.Free[j * count + i];
                rhs.CopyTo(projected);
            }
            slot[k * k + k] = squares;
        }
    }
}
