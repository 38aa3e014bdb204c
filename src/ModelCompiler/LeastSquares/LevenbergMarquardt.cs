// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// What the iteration hands to the result builder; <paramref name="StepLeavesDomain"/> says that the polish's
/// Gauss–Newton step made the model not finite (<see cref="Stationarity"/>).
/// </summary>
internal readonly record struct SolverOutcome(
    double[] FreeParameters, FitTermination Termination, int Iterations, bool StepLeavesDomain = false);

/// <summary>
/// MINPACK lmder (Moré 1978) over the generic model, one problem at a time: the outer iteration factors the
/// Jacobian at the current point, the inner one shrinks the trust region until a step is accepted, and a converged
/// solution is polished by Gauss–Newton steps. The trust-region arithmetic is <see cref="TrustRegion"/>'s; the
/// evaluations and factorizations are a route's (<see cref="IJacobianFactorization"/>): Householder QR of the full
/// Jacobian for problems that fit in memory as a whole, streamed normal equations for tall ones, and a streamed QR
/// when the normal equations are unsafe.
/// </summary>
internal sealed class LevenbergMarquardt<TModel> where TModel : IModel
{
    private readonly LeastSquaresProblem _problem;
    private readonly CurveFitOptions _options;
    private readonly ResidualEvaluator<TModel> _evaluator;
    private readonly StreamedPasses<TModel>? _passes; // tall problems only
    private readonly TrustRegion _region;
    private readonly TriangularFactor _factor;
    private IJacobianFactorization _route;
    private readonly double[] _probe = [], _projectedProbe = []; // geodesic acceleration: x + h·v and Qᵀf there

    // A given route replaces the one the problem's size chooses (variable projection passes its own).
    public LevenbergMarquardt(LeastSquaresProblem problem, CurveFitOptions options, CancellationToken cancellationToken = default,
                              Func<ResidualEvaluator<TModel>, IJacobianFactorization>? route = null)
    {
        _problem = problem;
        _options = options;
        _evaluator = new ResidualEvaluator<TModel>(problem);
        int m = problem.PointCount, k = problem.FreeCount;
        _region = new TrustRegion(k, m, options);
        _factor = new TriangularFactor(k);
        if (route is not null)
        {
            _route = route(_evaluator);
        }
        else if (TallJacobianFactor.Applies(m, k))
        {
            _passes = new StreamedPasses<TModel>(problem, _evaluator, options, cancellationToken);
            _route = new NormalEquationsFactorization<TModel>(problem, _passes);
        }
        else
        {
            _route = new HouseholderFactorization<TModel>(problem, _evaluator);
        }
        if (options.GeodesicAcceleration)
        {
            _probe = new double[k];
            _projectedProbe = new double[k];
        }
    }

    public ResidualEvaluator<TModel> Evaluator => _evaluator;

    /// <summary>The route the iteration ran on.</summary>
    public IJacobianFactorization Route => _route;

    /// <summary>fᵀf at the current point (the solution once <see cref="Solve"/> has returned).</summary>
    public double ResidualSquares => _route.ResidualSquares;

    public SolverOutcome Solve(IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var initial = new double[_problem.FreeCount];
        for (int j = 0; j < initial.Length; j++)
            initial[j] = _problem.Initial[_problem.FreeIndices[j]];
        if (!_route.TryEvaluate(initial, out double residualNorm))
            throw NotFiniteAtStart(initial);
        _route.Accept();
        _region.Start(initial, residualNorm, _problem.Lower, _problem.Upper);

        int iterations = 0;
        var termination = Iterate(ref iterations, progress, cancellationToken);
        bool stepLeavesDomain = _options.PolishSolution && termination <= FitTermination.MachinePrecision
                                && Polish(ref iterations, progress, cancellationToken);
        return new SolverOutcome((double[])_region.Point.Clone(), termination, iterations, stepLeavesDomain);
    }

    /// <summary>
    /// The covariance estimate at the solution: from the route that solved, or from the streamed QR when the normal
    /// equations cannot give it accurately. Refreshes <see cref="ResidualSquares"/> where the route re-evaluates.
    /// </summary>
    public CovarianceEstimate CovarianceAt(ReadOnlySpan<double> free, IReadOnlyList<string> freeNames)
    {
        if (_route.Covariance(free, freeNames) is { } estimate)
            return estimate;
        _route = new StreamedQrFactorization<TModel>(_problem, _passes!);
        return _route.Covariance(free, freeNames)!;
    }

    private FitTermination Iterate(ref int iterations, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Factor())
            {
                if (iterations == 0)
                {
                    string? where = _evaluator.DescribeNonFiniteDerivative(_region.Point);
                    throw new ArgumentException(
                        "The model's Jacobian is not finite at the initial parameters" + (where is null ? "" : ": " + where) +
                        "; choose initial values where the model is differentiable at every point.", "initial");
                }
                return FitTermination.NonFiniteJacobian;
            }
            if (_region.BeginIteration(_factor) is { } converged)
                return converged;

            // Inner loop: shrink the region until a step is accepted.
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _region.ProposeStep(_factor);
                if (_region.WantsAcceleration && _route.CanProjectResiduals)
                    Accelerate();
                // A non-finite model value at the trial point counts as a large increase: the step is rejected.
                _route.TryEvaluate(_region.Trial, out double trialNorm);
                var outcome = _region.Judge(_factor, trialNorm, BudgetSpent);
                if (outcome.Accepted)
                {
                    _route.Accept();
                    iterations++;
                    Report(progress, iterations);
                }
                if (outcome.Termination is { } termination)
                    return termination;
                if (outcome.Accepted)
                    break;
            }
        }
    }

    /// <summary>
    /// After the trust-region loop has converged, takes full Gauss–Newton steps while they contract and do not
    /// increase ‖f‖ beyond its rounding noise (<see cref="CurveFitOptions.PolishSolution"/>). The trust-region loop
    /// ends once changes of ‖f‖ drown in that noise (each residual carries an error of about ε·|yᵢ|, which for a
    /// small-residual fit is a large fraction of ‖f‖), leaving the parameters accurate only to about the square root of
    /// the noise along ill-conditioned directions. The Gauss–Newton step, from a fresh factor, is far more accurate
    /// than ‖f‖ there and removes that error. Returns whether a short Gauss–Newton step made the model not finite: the
    /// point is then against the edge of the model's domain.
    /// </summary>
    private bool Polish(ref int iterations, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        _region.BeginPolish();
        for (int step = 0; step < TrustRegion.MaxPolishSteps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BudgetSpent || !Factor() || !_region.ProposeGaussNewtonStep(_factor))
                return false;
            PolishJudgement judgement;
            do
            {
                if (!_route.TryEvaluate(_region.Trial, out double trialNorm))
                    return _region.PolishStepIsShort;
                judgement = _region.JudgePolishStep(trialNorm, _problem.WeightedResponseNorm);
            }
            while (judgement == PolishJudgement.Shortened && !BudgetSpent);
            if (judgement is PolishJudgement.Refused or PolishJudgement.Shortened)
                return false;
            _route.Accept();
            iterations++;
            Report(progress, iterations);
            if (judgement == PolishJudgement.Done)
                return false;
        }
        return false;
    }

    /// <summary>The factor at the current point; the normal equations give way to the streamed QR when they are unsafe.</summary>
    private bool Factor()
    {
        var status = _route.TryFactor(_region.Point, _factor);
        if (status == FactorStatus.Unsafe)
        {
            _route = new StreamedQrFactorization<TModel>(_problem, _passes!);
            status = _route.TryFactor(_region.Point, _factor);
        }
        return status == FactorStatus.Factored;
    }

    /// <summary>Geodesic acceleration of the proposed step, at the cost of one evaluation at the probe point.</summary>
    private void Accelerate()
    {
        _region.AccelerationProbe(_probe);
        if (_route.TryProjectResiduals(_probe, _projectedProbe))
            _region.TryAccelerate(_factor, _projectedProbe);
    }

    private bool BudgetSpent =>
        _evaluator.FunctionEvaluations + _evaluator.JacobianEvaluations >= _options.EvaluationBudget(_problem.FreeCount);

    private void Report(IProgress<FitProgress>? progress, int iterations)
    {
        if (progress is null)
            return;
        double norm = _region.ResidualNorm;
        progress.Report(new FitProgress(iterations, 0.5 * norm * norm, _evaluator.Expand(_region.Point).ToArray()));
    }

    private ArgumentException NotFiniteAtStart(double[] initial)
    {
        // Evaluate the values alone, so that the message can name the offending point and value.
        _evaluator.Residuals(initial, new double[_problem.PointCount]);
        int i = _evaluator.FirstNonFiniteValue();
        if (i < 0)
        {
            string? where = _evaluator.DescribeNonFiniteDerivative(initial);
            return new ArgumentException(
                "The model's Jacobian is not finite at the initial parameters" + (where is null ? "" : ": " + where) +
                "; choose initial values where the model is differentiable at every point.", "initial");
        }
        return new ArgumentException(_evaluator.NonFiniteValueAtStart(), "initial");
    }
}
