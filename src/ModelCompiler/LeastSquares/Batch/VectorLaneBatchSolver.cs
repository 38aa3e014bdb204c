// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.Kernels;
using ModelCompiler.Mixtures;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// One worker of a batch fit for curves that all have the same free parameters: W lanes, each fitting one
/// curve, as <see cref="LaneBatchSolver{TModel}"/>, but with the trust-region step vectorized across the lanes
/// (<see cref="LaneTrustRegion{T}"/>) instead of taken lane by lane. Each lane still follows its own curve's
/// iteration (start, trial, polish), and computes exactly what the scalar lane would; only the bookkeeping of
/// phases, counts and finished curves runs per lane.
/// </summary>
internal sealed class VectorLaneBatchSolver<TModel, T> : ILaneBatchSolver
    where TModel : IModel
    where T : unmanaged, ILanes<T>
{
    private enum Phase { Idle, Start, Trial, Polish }

    private enum Next { Wait, Iterate, Polish, Propose, Finish, Refit }

    private readonly BatchProblem _problem;
    private readonly CurveFitOptions _options;
    private readonly LaneResults<TModel> _output;
    private readonly LaneTrustRegion<T> _region;
    private readonly int _w, _p, _sumLength, _budget;
    private readonly LaneData _data;
    private readonly double[] _parameters, _sums, _norms; // the lane kernel's parameters and answer, ‖f‖ per lane
    // Per lane, as vectors for the vectorized step: the lanes an operation serves (1 or 0), the budget spent, the
    // lanes polishing, what an operation answers per lane, the judged trials' acceptance and codes, the points taken.
    private readonly double[] _chosen, _budgetSpent, _polishing, _answer, _accepted, _codes, _taken;
    private readonly int[] _free;
    private readonly double[] _point, _current; // one lane's, for its results

    // Per lane.
    private readonly int[] _curve, _evaluations, _iterations, _polishSteps;
    private readonly Phase[] _phase;
    private readonly Next[] _next;
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
        _chosen = new double[_w];
        _budgetSpent = new double[_w];
        _polishing = new double[_w];
        _answer = new double[_w];
        _accepted = new double[_w];
        _codes = new double[_w];
        _taken = new double[_w];
        _point = new double[_free.Length];
        _current = new double[_sumLength];
        _curve = new int[_w];
        _evaluations = new int[_w];
        _iterations = new int[_w];
        _polishSteps = new int[_w];
        _phase = new Phase[_w];
        _next = new Next[_w];
        _termination = new FitTermination[_w];
        _responseNorm = new double[_w];
        _start = new double[_w][];
        for (int l = 0; l < _w; l++)
            _start[l] = new double[_p];
    }

    /// <summary>Whether the lanes are T's: the width of the widest accelerated vector.</summary>
    public static bool Serves => T.Count == LaneBatchSolver<TModel>.LaneCount;

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
            for (int l = 0; l < _w; l++)
            {
                if (_next[l] is not (Next.Finish or Next.Refit))
                    continue;
                int curve = _curve[l];
                if (_next[l] == Next.Finish)
                    Finish(l);
                else
                    _output.Refit(curve, _start[l], _evaluations[l]);
                _phase[l] = Phase.Idle;
                finished(curve);
                if (!TryTakeCurve(l, nextCurve))
                    active--;
            }
        }
    }

    /// <summary>Takes every busy lane one step on from the sums at its requested point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step()
    {
        int w = _w;
        double[] current = _region.Current;
        // ‖f‖ at the evaluated points, +∞ where any sum is not finite.
        T finite = T.Equal(T.Create(0), T.Create(0)), infinity = T.Create(double.PositiveInfinity);
        for (int s = 0; s < _sumLength; s++)
            finite &= T.Less(T.Abs(LaneArrays.Load<T>(_sums, s)), infinity);
        LaneArrays.Store(T.Select(finite, T.Sqrt(LaneArrays.Load<T>(_sums, _sumLength - 1)), infinity), _norms, 0);
        T norms = LaneArrays.Load<T>(_norms, 0);

        // Judge the trials.
        for (int l = 0; l < w; l++)
        {
            _next[l] = Next.Wait;
            _taken[l] = 0;
            if (_phase[l] != Phase.Idle)
                _evaluations[l]++;
            _chosen[l] = _phase[l] == Phase.Trial ? 1 : 0;
            _budgetSpent[l] = _evaluations[l] >= _budget ? 1 : 0;
        }
        var (accepted, termination) = _region.Judge(Mask(_chosen), norms, Mask(_budgetSpent));
        LaneArrays.Store(accepted, _accepted, 0);
        LaneArrays.Store(termination, _codes, 0);

        for (int l = 0; l < w; l++)
        {
            bool isFinite = !double.IsPositiveInfinity(_norms[l]);
            switch (_phase[l])
            {
                case Phase.Start:
                    if (!isFinite)
                    {
                        _termination[l] = FitTermination.NonFiniteStart;
                        _next[l] = Next.Finish;
                        break;
                    }
                    _taken[l] = 1;
                    for (int a = 0; a < _free.Length; a++)
                        _region.Point[a * w + l] = _start[l][_free[a]];
                    _region.ResidualNorm[l] = _norms[l];
                    _region.Par[l] = _region.Radius[l] = _region.PointNorm[l] = 0;
                    _region.First[l] = 1;
                    _next[l] = Next.Iterate;
                    break;
                case Phase.Trial:
                {
                    bool taken = _accepted[l] != 0;
                    if (taken)
                    {
                        _taken[l] = 1;
                        _iterations[l]++;
                    }
                    double code = _codes[l];
                    if (code != 0)
                        Stop(l, (FitTermination)(int)(code - 1));
                    else
                        _next[l] = taken ? Next.Iterate : Next.Propose;
                    break;
                }
                case Phase.Polish:
                    if (!isFinite && TrustRegion.IsShortPolishStep(_region.PolishStep[l], _region.PointNorm[l]))
                        _termination[l] = FitTermination.Stalled; // a short Gauss–Newton step left the model's domain: against its edge
                    _next[l] = isFinite ? JudgePolishStep(l) : Next.Finish;
                    break;
            }
            if (_next[l] == Next.Polish)
                CheckPolishBudget(l);
        }

        // Lanes whose evaluated point was taken: its sums are their current normal equations.
        T take = Mask(_taken);
        for (int s = 0; s < _sumLength; s++)
            LaneArrays.Store(T.Select(take, LaneArrays.Load<T>(_sums, s), LaneArrays.Load<T>(current, s)), current, s);

        // Factor where the point moved or the polish goes on; unsafe normal equations go to the single-curve solver.
        if (Any(Next.Iterate, Next.Polish))
        {
            LaneArrays.Store(_region.Factor(Mask(_chosen)), _answer, 0);
            for (int l = 0; l < w; l++)
                if (_answer[l] != 0)
                    _next[l] = Next.Refit;
        }
        if (Any(Next.Iterate, Next.Iterate))
        {
            LaneArrays.Store(_region.BeginIteration(Mask(_chosen)), _answer, 0);
            for (int l = 0; l < w; l++)
            {
                if (_next[l] != Next.Iterate)
                    continue;
                double code = _answer[l];
                if (code == 0)
                {
                    _next[l] = Next.Propose;
                    continue;
                }
                // The factor just taken is the one the polish would take at the same point.
                Stop(l, (FitTermination)(int)(code - 1));
                if (_next[l] == Next.Polish)
                    CheckPolishBudget(l);
            }
        }
        if (Any(Next.Propose, Next.Polish))
        {
            for (int l = 0; l < w; l++)
            {
                _chosen[l] = _next[l] == Next.Propose ? 1 : 0;
                _polishing[l] = _next[l] == Next.Polish ? 1 : 0;
            }
            LaneArrays.Store(_region.ProposeSteps(Mask(_chosen), Mask(_polishing)), _answer, 0);
            for (int l = 0; l < w; l++)
            {
                if (_next[l] == Next.Propose)
                    _phase[l] = Phase.Trial;
                else if (_next[l] == Next.Polish && _answer[l] != 0)
                    _next[l] = Next.Finish;
                else if (_next[l] == Next.Polish)
                    _phase[l] = Phase.Polish;
            }
        }
    }

    /// <summary>The trust-region iteration of lane <paramref name="lane"/> has stopped: polish a converged solution, or finish.</summary>
    private void Stop(int lane, FitTermination termination)
    {
        _termination[lane] = termination;
        if (!_options.PolishSolution || termination > FitTermination.MachinePrecision)
        {
            _next[lane] = Next.Finish;
            return;
        }
        _polishSteps[lane] = 0;
        _region.BeginPolish(lane);
        _next[lane] = Next.Polish;
    }

    private void CheckPolishBudget(int lane)
    {
        if (_polishSteps[lane]++ >= TrustRegion.MaxPolishSteps || _evaluations[lane] >= _budget)
            _next[lane] = Next.Finish;
    }

    /// <summary>
    /// <see cref="TrustRegion.JudgePolishStep"/> for one lane: polish on, evaluate its shortened step (wait), or finish.
    /// </summary>
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

    private void Finish(int lane)
    {
        int w = _w;
        for (int a = 0; a < _free.Length; a++)
            _point[a] = _region.Point[a * w + lane];
        for (int s = 0; s < _sumLength; s++)
            _current[s] = _region.Current[s * w + lane];
        _output.Write(_curve[lane], _free, _start[lane], _point, _current, _responseNorm[lane], _termination[lane], _iterations[lane],
                      _evaluations[lane]);
    }

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
        _phase[lane] = Phase.Start;
        return true;
    }

    /// <summary>Chooses the lanes whose next step is <paramref name="a"/> or <paramref name="b"/>; whether there are any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Any(Next a, Next b)
    {
        int any = 0;
        for (int l = 0; l < _w; l++)
        {
            // Without branches: which lanes are on changes from round to round, so a branch would often be mispredicted.
            int on = (_next[l] == a ? 1 : 0) | (_next[l] == b ? 1 : 0);
            _chosen[l] = on;
            any |= on;
        }
        return any != 0;
    }

    /// <summary>The lanes set (to 1) in <paramref name="perLane"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Mask(double[] perLane) => T.Equal(LaneArrays.Load<T>(perLane, 0), T.Create(1));
}
