// SPDX-License-Identifier: MIT
using ModelCompiler.Kernels;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// One SIMD lane's fit: <see cref="TrustRegion"/>'s iteration for one curve at a time, driven by evaluations that
/// arrive as that lane's normal equations (<see cref="IModel.AccumulateNormalEquationsLanes"/>). It runs the same
/// steps as <see cref="LevenbergMarquardt{TModel}"/> on its normal-equation route, turned inside out: every call
/// hands in the sums at the point the lane asked for and gets back the next point to evaluate, until the curve is
/// done. A curve whose normal equations are unsafe (κ(R·D⁻¹) &gt; 10⁵) is fitted again by the single-curve solver.
/// </summary>
internal sealed class LaneFit<TModel> where TModel : IModel
{
    private enum Phase { Start, Trial, Polish }

    private readonly BatchProblem _problem;
    private readonly CurveFitOptions _options;
    private readonly LaneResults<TModel> _output;
    private readonly int _p, _sumLength;
    private readonly TrustRegion?[] _regions;     // by number of free parameters
    private readonly TriangularFactor?[] _factors;
    private readonly int[] _free;
    private readonly double[] _lower, _upper, _lowerFree, _upperFree, _start, _current, _gram, _gradient;
    private double[]? _boundsLower, _boundsUpper;
    private TrustRegion _region = null!;
    private TriangularFactor _factor = null!;
    private int _k, _iterations, _evaluations, _polishSteps, _budget;
    private double _responseNorm;
    private Phase _phase;
    private FitTermination _termination;

    public LaneFit(BatchProblem problem, CurveFitOptions options, LaneResults<TModel> output)
    {
        _problem = problem;
        _options = options;
        _output = output;
        _p = problem.ParameterCount;
        _sumLength = NormalEquationsLayout.Length(_p);
        _regions = new TrustRegion?[_p + 1];
        _factors = new TriangularFactor?[_p + 1];
        _free = new int[_p];
        _lower = new double[_p];
        _upper = new double[_p];
        _lowerFree = new double[_p];
        _upperFree = new double[_p];
        _start = new double[_p];
        _current = new double[_sumLength];
        _gram = new double[_p * _p];
        _gradient = new double[_p];
    }

    /// <summary>The curve this lane fits, or −1.</summary>
    public int Curve { get; private set; } = -1;

    /// <summary>Takes up curve <paramref name="curve"/>: writes the first point to evaluate, all P parameters, into <paramref name="request"/>.</summary>
    public void Begin(int curve, Span<double> request)
    {
        Curve = curve;
        ReadOnlySpan<bool> isFixed = _problem.FixedOf(curve);
        _k = 0;
        for (int j = 0; j < _p; j++)
            if (isFixed.IsEmpty || !isFixed[j])
                _free[_k++] = j;
        _region = _regions[_k] ??= new TrustRegion(_k, _problem.PointCount, _options);
        _factor = _factors[_k] ??= new TriangularFactor(_k);
        _problem.InitialOf(curve).CopyTo(_start);
        _boundsLower = _boundsUpper = null;
        if (_problem.Lower is not null)
        {
            // Bounds arrays sized k exactly, as the trust region reads them by free index.
            _boundsLower = _k == _p ? _lowerFree : new double[_k];
            _boundsUpper = _k == _p ? _upperFree : new double[_k];
            _problem.LowerOf(curve).CopyTo(_lower);
            _problem.UpperOf(curve).CopyTo(_upper);
            for (int a = 0; a < _k; a++)
            {
                _boundsLower[a] = _lower[_free[a]];
                _boundsUpper[a] = _upper[_free[a]];
            }
        }
        _responseNorm = _output.ResponseNorm(curve);
        _iterations = _evaluations = 0;
        _budget = _options.EvaluationBudget(_k);
        _phase = Phase.Start;
        _start.CopyTo(request);
    }

    /// <summary>
    /// The sums at the requested point. Returns true with the next point to evaluate in <paramref name="request"/>,
    /// or false when the curve is finished and its results are written.
    /// </summary>
    public bool OnEvaluated(ReadOnlySpan<double> sums, Span<double> request)
    {
        _evaluations++;
        bool finite = true;
        foreach (double sum in sums)
            finite &= double.IsFinite(sum);
        double norm = finite ? Math.Sqrt(sums[_sumLength - 1]) : double.PositiveInfinity;

        switch (_phase)
        {
            case Phase.Start:
            {
                if (!finite)
                    return Refit();   // the single-curve solver tells a model not finite at the start from overflowing sums
                sums.CopyTo(_current);
                Span<double> free = stackalloc double[_k];
                for (int a = 0; a < _k; a++)
                    free[a] = _start[_free[a]];
                _region.Start(free, norm, _boundsLower, _boundsUpper);
                return Iterate(request);
            }
            case Phase.Trial:
            {
                var outcome = _region.Judge(_factor, norm, _evaluations >= _budget);
                if (outcome.Accepted)
                {
                    sums.CopyTo(_current);
                    _iterations++;
                }
                if (outcome.Termination is { } termination)
                    return Stop(termination, request);
                if (outcome.Accepted)
                    return Iterate(request);
                _region.ProposeStep(_factor);
                return Request(_region.Trial, request);
            }
            default:
            {
                if (!finite) // a short Gauss–Newton step that leaves the model's domain: against its edge
                    return Finish(_region.PolishStepIsShort ? FitTermination.Stalled : _termination);
                var judgement = _region.JudgePolishStep(norm, _responseNorm);
                if (judgement == PolishJudgement.Shortened && _evaluations < _budget)
                    return Request(_region.Trial, request);
                if (judgement is PolishJudgement.GoOn or PolishJudgement.Done)
                {
                    sums.CopyTo(_current);
                    _iterations++;
                }
                return judgement == PolishJudgement.GoOn ? Polish(request) : Finish(_termination);
            }
        }
    }

    /// <summary>An outer iteration at the current point: factor, convergence tests, the first trial step.</summary>
    private bool Iterate(Span<double> request)
    {
        if (!Factor())
            return Refit();
        if (_region.BeginIteration(_factor) is { } termination)
            return Stop(termination, request);
        _region.ProposeStep(_factor);
        _phase = Phase.Trial;
        return Request(_region.Trial, request);
    }

    /// <summary>The trust-region iteration has stopped: polish a converged solution, as the single-curve solver does.</summary>
    private bool Stop(FitTermination termination, Span<double> request)
    {
        _termination = termination;
        if (!_options.PolishSolution || termination > FitTermination.MachinePrecision)
            return Finish(termination);
        _region.BeginPolish();
        _polishSteps = 0;
        return Polish(request);
    }

    private bool Polish(Span<double> request)
    {
        if (_polishSteps++ >= TrustRegion.MaxPolishSteps || _evaluations >= _budget)
            return Finish(_termination);
        if (!Factor())
            return Refit();
        if (!_region.ProposeGaussNewtonStep(_factor))
            return Finish(_termination);
        _phase = Phase.Polish;
        return Request(_region.Trial, request);
    }

    private bool Factor()
    {
        bool safe = NormalEquationsFactorization<TModel>.Factor(_current, _p, _free.AsSpan(0, _k), _region.Point, _boundsLower,
                                                                _boundsUpper, _gram, _gradient, _factor);
        _factor.ResidualNorm = Math.Sqrt(_current[_sumLength - 1]);
        return safe;
    }

    private bool Request(ReadOnlySpan<double> free, Span<double> request)
    {
        _start.CopyTo(request);
        for (int a = 0; a < _k; a++)
            request[_free[a]] = free[a];
        return true;
    }

    private bool Finish(FitTermination termination)
    {
        _output.Write(Curve, _free.AsSpan(0, _k), _start, _region.Point, _current, _responseNorm, termination, _iterations, _evaluations);
        Curve = -1;
        return false;
    }

    /// <summary>The normal equations are unsafe for this curve: the single-curve solver fits it from its start.</summary>
    private bool Refit()
    {
        _output.Refit(Curve, _start, _evaluations);
        Curve = -1;
        return false;
    }
}
