// SPDX-License-Identifier: MIT
using System.Runtime.Intrinsics;
using ModelCompiler.Kernels;
using ModelCompiler.Mixtures;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// One worker of a batch fit: W lanes (the width of the widest accelerated vector), each fitting one curve
/// (<see cref="LaneFit{TModel}"/>). Every round evaluates all lanes in one call of the model's lane kernel, then
/// lets each lane take its next step; a lane whose curve is done takes the next curve from the queue at once, so the
/// lanes stay full until the queue runs dry. Lanes without a curve ride along on stale data and are ignored.
/// </summary>
internal sealed class LaneBatchSolver<TModel> : ILaneBatchSolver where TModel : IModel
{
    /// <summary>Lanes per vector: 8 with AVX-512, 4 with 256-bit vectors (and on the scalar path).</summary>
    public static int LaneCount =>
        Vector512.IsHardwareAccelerated ? Vector512<double>.Count : Vector256<double>.Count;

    /// <summary>
    /// The solver for one worker: the step vectorized across lanes (<see cref="VectorLaneBatchSolver{TModel, T}"/>) for
    /// curves that all fix the parameters <paramref name="isFixed"/> (empty: none), when <paramref name="vectorSteps"/>
    /// is set; else lane by lane, for any curves.
    /// </summary>
    public static ILaneBatchSolver Create(BatchProblem problem, CurveFitOptions options, BatchFitResult results, ReadOnlySpan<bool> isFixed,
                                          bool vectorSteps = true)
    {
        if (vectorSteps && Vector512.IsHardwareAccelerated && VectorLaneBatchSolver<TModel, Lanes512>.Serves)
            return new VectorLaneBatchSolver<TModel, Lanes512>(problem, options, results, isFixed);
        if (vectorSteps && Vector256.IsHardwareAccelerated && VectorLaneBatchSolver<TModel, Lanes256>.Serves)
            return new VectorLaneBatchSolver<TModel, Lanes256>(problem, options, results, isFixed);
        return new LaneBatchSolver<TModel>(problem, options, results);
    }

    private readonly BatchProblem _problem;
    private readonly int _w, _p, _sumLength;
    private readonly LaneData _data;
    private readonly double[] _parameters, _sums, _laneSums, _request;
    private readonly LaneFit<TModel>[] _lanes;

    public LaneBatchSolver(BatchProblem problem, CurveFitOptions options, BatchFitResult results)
    {
        _problem = problem;
        _w = LaneCount;
        _p = problem.ParameterCount;
        _sumLength = NormalEquationsLayout.Length(_p);
        _data = new LaneData(problem, _w);
        _parameters = new double[_p * _w];
        _sums = new double[_sumLength * _w];
        _laneSums = new double[_sumLength];
        _request = new double[_p];
        _lanes = new LaneFit<TModel>[_w];
        var output = new LaneResults<TModel>(problem, options, results);
        for (int l = 0; l < _w; l++)
            _lanes[l] = new LaneFit<TModel>(problem, options, output);
    }

    /// <summary>
    /// Fits curves taken from <paramref name="nextCurve"/> (which returns −1 when none is left) until every lane is
    /// idle; <paramref name="finished"/> hears of each curve done.
    /// </summary>
    public void Run(Func<int> nextCurve, Action<int> finished, CancellationToken cancellationToken)
    {
        int active = 0;
        for (int l = 0; l < _w; l++)
            if (TryTakeCurve(l, nextCurve))
                active++;
        while (active > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(_sums);
            TModel.AccumulateNormalEquationsLanes(_data.X, _parameters, _data.Y, _data.SqrtWeights, _sums);
            for (int l = 0; l < _w; l++)
            {
                LaneFit<TModel> lane = _lanes[l];
                if (lane.Curve < 0)
                    continue;
                for (int s = 0; s < _sumLength; s++)
                    _laneSums[s] = _sums[s * _w + l];
                int curve = lane.Curve;
                if (lane.OnEvaluated(_laneSums, _request))
                {
                    SetParameters(l);
                    continue;
                }
                finished(curve);
                if (!TryTakeCurve(l, nextCurve))
                    active--;
            }
        }
    }

    private bool TryTakeCurve(int lane, Func<int> nextCurve)
    {
        int curve = nextCurve();
        if (curve < 0)
            return false;
        _data.Load(lane, curve);
        _lanes[lane].Begin(curve, _request);
        SetParameters(lane);
        return true;
    }

    private void SetParameters(int lane)
    {
        for (int j = 0; j < _p; j++)
            _parameters[j * _w + lane] = _request[j];
    }
}
