// SPDX-License-Identifier: MIT
using System.Numerics;
using System.Runtime.CompilerServices;
using ModelCompiler.Kernels;
using ModelCompiler.Mixtures;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// One worker of a batch fit for curves that all have the same free parameters: W lanes, each fitting one
/// curve, as <see cref="LaneBatchSolver{TModel}"/>, but with the trust-region step vectorized across the lanes
/// (<see cref="LaneTrustRegion{T}"/>) instead of taken lane by lane. Each lane still follows its own curve's
/// iteration (start, trial, polish), and computes exactly what the scalar lane would; only starts, polish steps,
/// stops and finished curves are handled lane by lane.
/// </summary>
internal sealed class VectorLaneBatchSolver<TModel, T> : ILaneBatchSolver
    where TModel : IModel
    where T : unmanaged, ILanes<T>
{
    // Each lane's phase and next move, held as doubles so that the common moves are vector selects.
    private enum Phase { Idle, Start, Trial, Polish }

    private enum Next { Wait, Iterate, Polish, Propose, Finish, Refit }

    private readonly BatchProblem _problem;
    private readonly CurveFitOptions _options;
    private readonly LaneResults<TModel> _output;
    private readonly LaneTrustRegion<T> _region;
    private readonly int _w, _p, _sumLength, _budget;
    private readonly LaneData _data;
    private readonly double[] _parameters, _sums, _norms; // the lane kernel's parameters and answer, ‖f‖ per lane
    // Per lane, as vectors: phase and next move (their codes), evaluations and iterations so far, whether the
    // evaluated point was taken, and the termination codes of the last judged trials or begun iterations.
    private readonly double[] _phase, _next, _evaluations, _iterations, _taken, _codes;
    private readonly int[] _free;
    private readonly double[] _point, _current; // one lane's, for its results

    // Per lane.
    private readonly int[] _curve, _polishSteps;
    private readonly FitTermination[] _termination;
    private readonly double[] _responseNorm;
    private readonly double[][] _start;

    /// <summary>A worker for curves that all fix the parameters <paramref name="isFixed"/> (empty: none).</summary>
    public VectorLaneBatchSolver(BatchProblem problem, CurveFitOptions options, BatchFitResult results, ReadOnlySpan<bool> isFixed)
    {
        _problem = problem;
        _options = options;
        _output = new LaneResults<TModel>(problem, options, results);
        _w = T.Count;
        _p = problem.ParameterCount;
        _sumLength = NormalEquationsLayout.Length(_p);
        var free = new List<int>();
        for (int j = 0; j < _p; j++)
            if (isFixed.IsEmpty || !isFixed[j])
                free.Add(j);
        _free = free.ToArray();
        _budget = options.EvaluationBudget(_free.Length);
        _region = new LaneTrustRegion<T>(_p, _free, options, problem.Lower is not null);
        _parameters = new double[_p * _w];
        _data = new LaneData(problem, _w);
        _sums = new double[_sumLength * _w];
        _norms = new double[_w];
        _phase = new double[_w];
        _next = new double[_w];
        _evaluations = new double[_w];
        _iterations = new double[_w];
        _taken = new double[_w];
        _codes = new double[_w];
        _point = new double[_free.Length];
        _current = new double[_sumLength];
        _curve = new int[_w];
        _polishSteps = new int[_w];
        _termination = new FitTermination[_w];
        _responseNorm = new double[_w];
        _start = new double[_w][];
        for (int l = 0; l < _w; l++)
            _start[l] = new double[_p];
    }

    /// <summary>Whether the lanes are T's: the width of the widest accelerated vector.</summary>
    public static bool Serves => T.Count == LaneBatchSolver<TModel>.LaneCount;

    // This and the per-curve methods it calls, here and in LaneData, LaneResults, PolishSecant and the factor's helpers,
    // are compiled optimized at their first call: with every core fitting, the background compiler had left them in
    // tier-0 code for the first few hundred thousand curves of a batch.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            for (int a = 0; a < _free.Length; a++)
                LaneArrays.Store(LaneArrays.Load<T>(_region.Trial, a), _parameters, _free[a]);
            TModel.AccumulateNormalEquationsLanes(_data.X, _parameters, _data.Y, _data.SqrtWeights, _sums);
            Step();
            T next = Load(_next);
            for (uint done = T.LaneBits(T.Equal(next, Code(Next.Finish)) | T.Equal(next, Code(Next.Refit))); done != 0; done &= done - 1)
            {
                int l = BitOperations.TrailingZeroCount(done);
                int curve = _curve[l];
                if (NextOf(l) == Next.Finish)
                    Finish(l);
                else
                    _output.Refit(curve, _start[l], (int)_evaluations[l]);
                _phase[l] = (double)Phase.Idle;
                finished(curve);
                if (!TryTakeCurve(l, nextCurve))
                    active--;
            }
        }
    }

    /// <summary>
    /// Takes every busy lane one step on from the sums at its requested point. A trial judged and followed by the
    /// next proposal (the common case) is vector selects; starts, polishes and stops are taken lane by lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step()
    {
        double[] current = _region.Current;
        // ‖f‖ at the evaluated points, +∞ where any sum is not finite.
        T finite = T.Equal(T.Create(0), T.Create(0)), infinity = T.Create(double.PositiveInfinity);
        for (int s = 0; s < _sumLength; s++)
            finite &= T.Less(T.Abs(LaneArrays.Load<T>(_sums, s)), infinity);
        T norms = T.Select(finite, T.Sqrt(LaneArrays.Load<T>(_sums, _sumLength - 1)), infinity);
        LaneArrays.Store(norms, _norms, 0);

        // Judge the trials.
        T phase = Load(_phase), one = T.Create(1), zero = T.Create(0);
        T trial = T.Equal(phase, Code(Phase.Trial));
        T evaluations = Load(_evaluations) + T.Select(T.Equal(phase, Code(Phase.Idle)), zero, one);
        LaneArrays.Store(evaluations, _evaluations, 0);
        var (accepted, codes) = _region.Judge(trial, norms, T.LessOrEqual(T.Create(_budget), evaluations));
        LaneArrays.Store(codes, _codes, 0);
        T taken = T.Select(accepted, one, zero);
        LaneArrays.Store(Load(_iterations) + taken, _iterations, 0);
        LaneArrays.Store(taken, _taken, 0);
        LaneArrays.Store(T.Select(trial, T.Select(accepted, Code(Next.Iterate), Code(Next.Propose)), Code(Next.Wait)), _next, 0);

        T stopped = T.AndNot(trial, T.Equal(codes, zero));
        for (uint lanes = T.LaneBits(T.Equal(phase, Code(Phase.Start)) | T.Equal(phase, Code(Phase.Polish)) | stopped); lanes != 0; lanes &= lanes - 1)
        {
            int l = BitOperations.TrailingZeroCount(lanes);
            bool isFinite = !double.IsPositiveInfinity(_norms[l]);
            switch ((Phase)(int)_phase[l])
            {
                case Phase.Start:
                    if (!isFinite)
                    {
                        // The single-curve solver tells a model not finite at the start (which it refuses, and the
                        // curve is reported NonFiniteStart) from normal equations that overflow (x in units of 1e200).
                        _next[l] = (double)Next.Refit;
                        break;
                    }
                    _taken[l] = 1;
                    for (int a = 0; a < _free.Length; a++)
                        _region.Point[a * _w + l] = _start[l][_free[a]];
                    _region.ResidualNorm[l] = _norms[l];
                    _region.Par[l] = _region.Radius[l] = _region.PointNorm[l] = 0;
                    _region.First[l] = 1;
                    _next[l] = (double)Next.Iterate;
                    break;
                case Phase.Trial:
                    Stop(l, (FitTermination)(int)(_codes[l] - 1));
                    break;
                case Phase.Polish:
                    if (!isFinite && TrustRegion.IsShortPolishStep(_region.PolishStep[l], _region.PointNorm[l]))
                        _termination[l] = FitTermination.Stalled; // a short Gauss–Newton step left the model's domain: against its edge
                    _next[l] = (double)(isFinite ? JudgePolishStep(l) : Next.Finish);
                    break;
            }
            if (NextOf(l) == Next.Polish)
                CheckPolishBudget(l);
        }

        // Lanes whose evaluated point was taken: its sums are their current normal equations.
        T take = T.Equal(Load(_taken), one);
        for (int s = 0; s < _sumLength; s++)
            LaneArrays.Store(T.Select(take, LaneArrays.Load<T>(_sums, s), LaneArrays.Load<T>(current, s)), current, s);

        // Factor where the point moved or the polish goes on; unsafe normal equations go to the single-curve solver.
        T next = Load(_next);
        T factor = T.Equal(next, Code(Next.Iterate)) | T.Equal(next, Code(Next.Polish));
        if (T.Any(factor))
        {
            next = T.Select(_region.Factor(factor), Code(Next.Refit), next);
            LaneArrays.Store(next, _next, 0);
        }
        T iterate = T.Equal(next, Code(Next.Iterate));
        if (T.Any(iterate))
        {
            codes = _region.BeginIteration(iterate);
            LaneArrays.Store(codes, _codes, 0);
            LaneArrays.Store(T.Select(iterate, Code(Next.Propose), next), _next, 0);
            // The factor just taken is the one the polish would take at the same point.
            for (uint lanes = T.LaneBits(T.AndNot(iterate, T.Equal(codes, zero))); lanes != 0; lanes &= lanes - 1)
            {
                int l = BitOperations.TrailingZeroCount(lanes);
                Stop(l, (FitTermination)(int)(_codes[l] - 1));
                if (NextOf(l) == Next.Polish)
                    CheckPolishBudget(l);
            }
            next = Load(_next);
        }
        T propose = T.Equal(next, Code(Next.Propose)), polish = T.Equal(next, Code(Next.Polish));
        if (T.Any(propose | polish))
        {
            T nothingLeft = _region.ProposeSteps(propose, polish);
            phase = Load(_phase);
            LaneArrays.Store(T.Select(propose, Code(Phase.Trial), T.Select(T.AndNot(polish, nothingLeft), Code(Phase.Polish), phase)), _phase, 0);
            LaneArrays.Store(T.Select(polish & nothingLeft, Code(Next.Finish), next), _next, 0);
        }
    }

    /// <summary>The trust-region iteration of lane <paramref name="lane"/> has stopped: polish a converged solution, or finish.</summary>
    private void Stop(int lane, FitTermination termination)
    {
        _termination[lane] = termination;
        if (!_options.PolishSolution || termination > FitTermination.MachinePrecision)
        {
            _next[lane] = (double)Next.Finish;
            return;
        }
        _polishSteps[lane] = 0;
        _region.BeginPolish(lane);
        _next[lane] = (double)Next.Polish;
    }

    private void CheckPolishBudget(int lane)
    {
        if (_polishSteps[lane]++ >= TrustRegion.MaxPolishSteps || _evaluations[lane] >= _budget)
            _next[lane] = (double)Next.Finish;
    }

    /// <summary>
    /// <see cref="TrustRegion.JudgePolishStep"/> for one lane: polish on, evaluate its shortened step (wait), or finish.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Next JudgePolishStep(int lane)
    {
        int w = _w;
        double trialNorm = _norms[lane];
        if (!TrustRegion.PolishStepTaken(trialNorm, _region.ResidualNorm[lane], _responseNorm[lane]))
            return _region.TryShortenPolishStep(lane, trialNorm) && _evaluations[lane] < _budget ? Next.Wait : Next.Finish;
        for (int a = 0; a < _free.Length; a++)
            _region.Point[a * w + lane] = _region.Trial[a * w + lane];
        _region.ResidualNorm[lane] = trialNorm;
        _taken[lane] = 1;
        _iterations[lane]++;
        return _region.PolishGoesOn(lane) ? Next.Polish : Next.Finish;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Finish(int lane)
    {
        int w = _w;
        for (int a = 0; a < _free.Length; a++)
            _point[a] = _region.Point[a * w + lane];
        for (int s = 0; s < _sumLength; s++)
            _current[s] = _region.Current[s * w + lane];
        _output.Write(_curve[lane], _free, _start[lane], _point, _current, _responseNorm[lane], _termination[lane], (int)_iterations[lane],
                      (int)_evaluations[lane]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryTakeCurve(int lane, Func<int> nextCurve)
    {
        int curve = nextCurve();
        if (curve < 0)
            return false;
        int w = _w;
        _data.Load(lane, curve);
        if (_problem.Lower is not null)
        {
            ReadOnlySpan<double> lower = _problem.LowerOf(curve), upper = _problem.UpperOf(curve);
            for (int a = 0; a < _free.Length; a++)
            {
                _region.Lower[a * w + lane] = lower[_free[a]];
                _region.Upper[a * w + lane] = upper[_free[a]];
            }
        }
        _curve[lane] = curve;
        _problem.InitialOf(curve).CopyTo(_start[lane]);
        // Fixed parameters keep their start; the free ones start there and move with the lane's trials.
        for (int j = 0; j < _p; j++)
            _parameters[j * w + lane] = _start[lane][j];
        for (int a = 0; a < _free.Length; a++)
            _region.Trial[a * w + lane] = _start[lane][_free[a]];
        _responseNorm[lane] = _output.ResponseNorm(curve);
        _evaluations[lane] = _iterations[lane] = 0;
        _phase[lane] = (double)Phase.Start;
        return true;
    }

    private Next NextOf(int lane) => (Next)(int)_next[lane];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Load(double[] perLane) => LaneArrays.Load<T>(perLane, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Code(Phase phase) => T.Create((double)phase);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Code(Next next) => T.Create((double)next);
}
