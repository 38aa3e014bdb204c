// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>What the iteration hands to the result builder.</summary>
internal readonly record struct SolverOutcome(
    double[] FreeParameters, FitTermination Termination, int Iterations);

/// <summary>
/// MINPACK lmder (Moré 1978) over the generic model: Moré's scaling D (running maximum of the
/// Jacobian column norms), a trust region of radius Δ in the D-norm, the step from a pivoted QR
/// of J and the Levenberg parameter iteration, the gain ratio ρ = actual/predicted reduction
/// with Moré's radius rules, and the ftol/xtol/gtol tests.
/// Bounds are handled by an active set (a parameter on a bound whose gradient points outwards is
/// held for the iteration) and by projecting the step onto the box, with the predicted reduction
/// recomputed for the projected step so the gain ratio stays honest.
/// </summary>
internal sealed class LevenbergMarquardt<TModel> where TModel : IModel
{
    private const double Epsilon = 2.220446049250313e-16;

    private readonly LeastSquaresProblem _problem;
    private readonly CurveFitOptions _options;
    private readonly ResidualEvaluator<TModel> _evaluator;
    private readonly int _m, _n;

    // Workspace, allocated once per solve.
    private readonly double[] _x, _trial, _fvec, _trialFvec, _diag, _qtf, _step, _wa2, _wa3;
    private double[] _fjac; // the full n×k Jacobian; a tall problem allocates it only if the Gram route fails
    private double[]? _wa4; // Qᵀf workspace of the Householder route, allocated on first use
    private readonly double[] _rdiag, _acnorm, _sdiag, _work;
    private readonly int[] _pivot;
    private readonly bool[] _active;

    // Geodesic acceleration (Householder route): the Householder vectors' top part, which the
    // Levenberg iteration overwrites, kept to apply Qᵀ to a second residual vector.
    private double[] _hhDiag = [], _hhLower = [], _accel = [], _scaledDiag = [], _rvv = [];

    // Tall problems: the Gram route to R (see TallJacobianFactor); _r/_ldr point at whichever holds R.
    private readonly bool _tall;
    // A tall problem evaluates each trial point with its Gram matrix: the step is almost always
    // accepted, and then the next iteration's JᵀJ and Jᵀf are already there. _gram and _gradient
    // stay intact (the factorization works on copies), so they also serve the final covariance;
    // _gramValid says they belong to the current point.
    private readonly double[] _gramR = [], _gramWork = [], _gradientWork = [];
    private double[] _gram = [], _gradient = [], _trialGram = [], _trialGradient = [];
    private bool _gramValid;
    private double[] _r;
    private int _ldr;

    public LevenbergMarquardt(LeastSquaresProblem problem, CurveFitOptions options)
    {
        _problem = problem;
        _options = options;
        _evaluator = new ResidualEvaluator<TModel>(problem);
        _m = problem.PointCount;
        _n = problem.FreeCount;
        _x = new double[_n];
        _trial = new double[_n];
        // Point-sized buffers are always written before they are read: skip the zeroing.
        _fvec = GC.AllocateUninitializedArray<double>(_m);
        _trialFvec = GC.AllocateUninitializedArray<double>(_m);
        _diag = new double[_n];
        _qtf = new double[_n];
        _step = new double[_n];
        _wa2 = new double[_n];
        _wa3 = new double[_n];
        _rdiag = new double[_n];
        _acnorm = new double[_n];
        _sdiag = new double[_n];
        _work = new double[_n];
        _pivot = new int[_n];
        _active = new bool[_n];
        _tall = TallJacobianFactor.Applies(_m, _n);
        _fjac = _tall ? [] : GC.AllocateUninitializedArray<double>(_m * _n);
        if (_tall)
        {
            _gram = new double[_n * _n];
            _trialGram = new double[_n * _n];
            _trialGradient = new double[_n];
            _gramWork = new double[_n * _n];
            _gradientWork = new double[_n];
            _gramR = new double[_n * _n];
            _gradient = new double[_n];
        }
        _r = _fjac;
        _ldr = _m;
        if (options.GeodesicAcceleration && !_tall)
        {
            _hhDiag = new double[_n];
            _hhLower = new double[_n * _n];
            _accel = new double[_n];
            _scaledDiag = new double[_n];
            _rvv = new double[_m];
        }
    }

    public ResidualEvaluator<TModel> Evaluator => _evaluator;

    /// <summary>
    /// Residuals and the covariance estimate at <paramref name="free"/>: from the streamed Gram
    /// matrix for a tall, well-conditioned problem, otherwise from the full weighted Jacobian.
    /// </summary>
    public (double[] Residuals, CovarianceEstimate Covariance) CovarianceAt(ReadOnlySpan<double> free, IReadOnlyList<string> freeNames)
    {
        if (_tall && ((_gramValid && free.SequenceEqual(_x)) || _evaluator.GramAt(free, _fvec, _gram, _gradient)))
        {
            _gramValid = false;
            var fromGram = CovarianceEstimate.FromGram(_gram, _n, _m, freeNames);
            if (fromGram is not null)
                return (_fvec, fromGram);
        }
        EnsureFullJacobian();
        _evaluator.ResidualsAndJacobian(free, _fvec, _fjac);
        return (_fvec, CovarianceEstimate.FromJacobian(_fjac, _m, _n, freeNames));
    }

    private void EnsureFullJacobian()
    {
        if (_fjac.Length == 0)
            _fjac = GC.AllocateUninitializedArray<double>(_m * _n);
    }

    public SolverOutcome Solve(IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        for (int j = 0; j < _n; j++)
            _x[j] = _problem.Initial[_problem.FreeIndices[j]];

        if (!_evaluator.Residuals(_x, _fvec))
        {
            int i = _evaluator.FirstNonFiniteValue();
            throw new ArgumentException(
                $"The model value at point {i} is {_evaluator.LastValue(i)} at the initial parameters; " +
                "choose initial values where the model is finite.", "initial");
        }

        int iterations = 0;
        var termination = Iterate(ref iterations, progress, cancellationToken);
        if (_options.PolishSolution && termination <= FitTermination.MachinePrecision)
            Polish(ref iterations, progress, cancellationToken);
        return new SolverOutcome((double[])_x.Clone(), termination, iterations);
    }

    private FitTermination Iterate(ref int iterations, IProgress<FitProgress>? progress,
                                   CancellationToken cancellationToken)
    {
        int m = _m, n = _n;
        double ftol = _options.FunctionTolerance, xtol = _options.ParameterTolerance, gtol = _options.GradientTolerance;
        int maxfev = _options.EvaluationBudget(_n);
        bool bounded = _problem.HasBounds;

        double fnorm = MinpackKernels.Norm(_fvec);
        double par = 0, delta = 0, xnorm = 0;
        bool firstIteration = true;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!EvaluateAndFactor())
            {
                if (iterations == 0)
                {
                    string? where = _evaluator.DescribeNonFiniteDerivative(_x);
                    throw new ArgumentException(
                        "The model's Jacobian is not finite at the initial parameters" + (where is null ? "" : ": " + where) +
                        "; choose initial values where the model is differentiable at every point.", "initial");
                }
                return FitTermination.NonFiniteJacobian;
            }
            fnorm = MinpackKernels.Norm(_fvec);
            if (fnorm == 0)
                return FitTermination.ExactSolution;

            if (firstIteration)
            {
                for (int j = 0; j < n; j++)
                    _diag[j] = _acnorm[j] == 0 ? 1 : _acnorm[j];
                for (int j = 0; j < n; j++)
                    _wa3[j] = _diag[j] * _x[j];
                xnorm = MinpackKernels.Norm(_wa3);
                delta = _options.InitialStepBound * xnorm;
                if (delta == 0)
                    delta = _options.InitialStepBound;
            }

            // Scaled gradient: the largest cosine between f and a column of J.
            double gnorm = 0;
            for (int j = 0; j < n; j++)
            {
                int l = _pivot[j];
                if (_acnorm[l] != 0)
                {
                    double sum = 0;
                    for (int i = 0; i <= j; i++)
                        sum += _r[j * _ldr + i] * (_qtf[i] / fnorm);
                    gnorm = Math.Max(gnorm, Math.Abs(sum / _acnorm[l]));
                }
            }
            if (gnorm <= gtol)
                return FitTermination.GradientTolerance;

            for (int j = 0; j < n; j++)
                _diag[j] = Math.Max(_diag[j], _acnorm[j]);

            // Inner loop: shrink the region until a step is accepted.
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                par = MinpackKernels.LevenbergParameter(n, _r, _ldr, _pivot, _diag, _qtf, delta, par,
                                                        _step, _sdiag, _work, _wa2);
                bool projected = false;
                for (int j = 0; j < n; j++)
                {
                    double s = -_step[j];
                    double t = _x[j] + s;
                    if (bounded)
                    {
                        double clamped = Math.Clamp(t, _problem.Lower![j], _problem.Upper![j]);
                        if (clamped != t)
                        {
                            projected = true;
                            t = clamped;
                        }
                    }
                    _trial[j] = t;
                    _step[j] = t - _x[j];
                    _wa3[j] = _diag[j] * _step[j];
                }
                if (_options.GeodesicAcceleration && !bounded && _r == _fjac && TryGeodesicAcceleration(par, delta))
                {
                    projected = true; // a step other than the Levenberg step: use the general prediction
                    for (int j = 0; j < n; j++)
                        _wa3[j] = _diag[j] * _step[j];
                }
                double pnorm = MinpackKernels.Norm(_wa3);
                if (firstIteration)
                    delta = Math.Min(delta, pnorm);

                double fnorm1;
                if (EvaluateTrial())
                {
                    fnorm1 = MinpackKernels.Norm(_trialFvec);
                }
                else
                {
                    // A non-finite model value rejects the step: it counts as a large increase.
                    fnorm1 = double.PositiveInfinity;
                }

                double actred = -1;
                if (0.1 * fnorm1 < fnorm)
                {
                    double q = fnorm1 / fnorm;
                    actred = 1 - q * q;
                }

                // Predicted reduction and directional derivative from R·Pᵀ·s.
                double prered, dirder;
                for (int j = 0; j < n; j++)
                {
                    _wa3[j] = 0;
                }
                for (int j = 0; j < n; j++)
                {
                    double temp = _step[_pivot[j]];
                    for (int i = 0; i <= j; i++)
                        _wa3[i] += _r[j * _ldr + i] * temp;
                }
                if (!projected)
                {
                    double temp1 = MinpackKernels.Norm(_wa3) / fnorm;
                    double temp2 = Math.Sqrt(par) * pnorm / fnorm;
                    prered = temp1 * temp1 + temp2 * temp2 / 0.5;
                    dirder = -(temp1 * temp1 + temp2 * temp2);
                }
                else
                {
                    // ‖f‖² − ‖f + Js‖² = −2·qtfᵀv − ‖v‖² with v = R·Pᵀ·s.
                    double qv = 0, vv = 0;
                    for (int i = 0; i < n; i++)
                    {
                        qv += _qtf[i] * _wa3[i];
                        vv += _wa3[i] * _wa3[i];
                    }
                    double f2 = fnorm * fnorm;
                    prered = (-2 * qv - vv) / f2;
                    dirder = qv / f2;
                }

                double ratio = prered != 0 ? actred / prered : 0;

                if (ratio <= 0.25)
                {
                    double temp = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred);
                    if (0.1 * fnorm1 >= fnorm || temp < 0.1)
                        temp = 0.1;
                    delta = temp * Math.Min(delta, pnorm / 0.1);
                    par /= temp;
                }
                else if (par == 0 || ratio >= 0.75)
                {
                    delta = pnorm / 0.5;
                    par *= 0.5;
                }

                if (ratio >= 1e-4)
                {
                    _trial.CopyTo(_x, 0);
                    AcceptTrial();
                    for (int j = 0; j < n; j++)
                        _wa2[j] = _diag[j] * _x[j];
                    xnorm = MinpackKernels.Norm(_wa2);
                    fnorm = fnorm1;
                    iterations++;
                    progress?.Report(new FitProgress(iterations, 0.5 * fnorm * fnorm, _evaluator.Expand(_x).ToArray()));
                }

                bool fConverged = Math.Abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1;
                bool xConverged = delta <= xtol * xnorm;
                if (fConverged)
                    return FitTermination.FunctionTolerance;
                if (xConverged)
                    return FitTermination.ParameterTolerance;
                if (fnorm == 0)
                    return FitTermination.ExactSolution;

                if (_evaluator.FunctionEvaluations + _evaluator.JacobianEvaluations >= maxfev)
                    return FitTermination.MaxFunctionEvaluations;
                if ((Math.Abs(actred) <= Epsilon && prered <= Epsilon && 0.5 * ratio <= 1)
                    || delta <= Epsilon * xnorm || gnorm <= Epsilon)
                    return FitTermination.MachinePrecision;

                if (ratio >= 1e-4)
                    break;
            }
            firstIteration = false;
        }
    }

    /// <summary>
    /// Transtrum and Sethna's geodesic acceleration: with v the Levenberg step, the second directional
    /// derivative r_vv ≈ (2/h)·((f(x + hv) − f)/h − Jv), h = 0.1, gives the acceleration a solving
    /// (JᵀJ + λDᵀD)a = −Jᵀr_vv (by the same QR, in Q's basis: only Qᵀr_vv is needed), and the step
    /// becomes v + a/2 when 2‖Da‖ ≤ 0.75‖Dv‖. Costs one evaluation; returns false (step unchanged)
    /// when the acceleration is rejected or f(x + hv) is not finite.
    /// </summary>
    private bool TryGeodesicAcceleration(double par, double delta)
    {
        const double h = 0.1, alpha = 0.75;
        int m = _m, n = _n;
        for (int j = 0; j < n; j++)
            _accel[j] = _x[j] + h * _step[j];
        if (!_evaluator.Residuals(_accel, _rvv))
            return false;

        // Qᵀ·f(x + hv) by the stored Householder reflections.
        for (int j = 0; j < n; j++)
        {
            double ajj = _hhDiag[j];
            if (ajj == 0)
                continue;
            double sum = ajj * _rvv[j];
            for (int i = j + 1; i < n; i++)
                sum += _hhLower[j * n + i] * _rvv[i];
            sum += DenseOps.Dot(_fjac.AsSpan(j * m + n, m - n), _rvv.AsSpan(n, m - n));
            double temp = -sum / ajj;
            _rvv[j] += temp * ajj;
            for (int i = j + 1; i < n; i++)
                _rvv[i] += temp * _hhLower[j * n + i];
            DenseOps.Axpy(temp, _fjac.AsSpan(j * m + n, m - n), _rvv.AsSpan(n, m - n));
        }

        // z = Qᵀr_vv (first n components) = (2/h)·((Qᵀf(x+hv) − Qᵀf)/h − R·Pᵀ·v).
        for (int i = 0; i < n; i++)
        {
            double rv = 0;
            for (int j = i; j < n; j++)
                rv += _r[j * _ldr + i] * _step[_pivot[j]];
            _rvv[i] = 2 / h * ((_rvv[i] - _qtf[i]) / h - rv);
        }
        double sqrtPar = Math.Sqrt(par);
        for (int j = 0; j < n; j++)
            _scaledDiag[j] = sqrtPar * _diag[j];
        MinpackKernels.QrSolve(n, _r, _ldr, _pivot, _scaledDiag, _rvv.AsSpan(0, n), _accel, _sdiag, _work);

        double aNorm = 0, vNorm = 0;
        for (int j = 0; j < n; j++)
        {
            double da = _diag[j] * _accel[j], dv = _diag[j] * _step[j];
            aNorm += da * da;
            vNorm += dv * dv;
        }
        if (!(2 * Math.Sqrt(aNorm) <= alpha * Math.Sqrt(vNorm)))
            return false;
        // The corrected step must stay in the trust region, whose radius rules assume it.
        double sNorm = 0;
        for (int j = 0; j < n; j++)
        {
            double ds = _diag[j] * (_step[j] - 0.5 * _accel[j]);
            sNorm += ds * ds;
        }
        if (!(Math.Sqrt(sNorm) <= 1.1 * delta))
            return false;
        for (int j = 0; j < n; j++)
        {
            _step[j] -= 0.5 * _accel[j]; // a = −(solution), so v + a/2
            _trial[j] = _x[j] + _step[j];
        }
        return true;
    }

    /// <summary>f at the trial point (with JᵀJ and Jᵀf for a tall problem); false when not finite.</summary>
    private bool EvaluateTrial()
        => _tall ? _evaluator.GramAt(_trial, _trialFvec, _trialGram, _trialGradient) : _evaluator.Residuals(_trial, _trialFvec);

    /// <summary>Makes the trial point's residuals (and Gram matrix) the current ones.</summary>
    private void AcceptTrial()
    {
        _trialFvec.CopyTo(_fvec, 0);
        if (_tall)
        {
            (_gram, _trialGram) = (_trialGram, _gram);
            (_gradient, _trialGradient) = (_trialGradient, _gradient);
            _gramValid = true;
        }
    }

    /// <summary>
    /// Evaluates f and the Jacobian at the current point and factors it: R, the pivot, Qᵀf and the
    /// column norms. A tall problem streams JᵀJ and Jᵀf (never forming J) and takes the Cholesky
    /// route when it is well conditioned; otherwise MINPACK's QR with column pivoting of the full
    /// Jacobian, with Qᵀf and R's diagonal restored in place of the Householder pivots. Active bounds
    /// are removed first. Returns false when a value or a derivative is not finite.
    /// </summary>
    private bool EvaluateAndFactor()
    {
        int m = _m, n = _n;
        if (_tall)
        {
            if (!_gramValid && !_evaluator.GramAt(_x, _fvec, _gram, _gradient))
                return false;
            _gramValid = true;
            _gram.CopyTo(_gramWork, 0);
            _gradient.CopyTo(_gradientWork, 0);
            if (_problem.HasBounds)
                MarkActiveBoundsInGram();
            for (int j = 0; j < n; j++)
                _acnorm[j] = Math.Sqrt(_gramWork[j * n + j]);
            if (TallJacobianFactor.Cholesky(_gramWork, n, _gramR, _pivot))
            {
                TallJacobianFactor.ProjectGradient(_gramR, n, _pivot, _gradientWork, _qtf);
                _r = _gramR;
                _ldr = n;
                return true;
            }
            EnsureFullJacobian();
        }
        if (!_evaluator.ResidualsAndJacobian(_x, _fvec, _fjac))
            return false;
        if (_problem.HasBounds)
            MarkActiveBounds();
        _r = _fjac;
        _ldr = m;

        MinpackKernels.QrFactor(m, n, _fjac, m, _pivot, _rdiag, _acnorm, _work);
        if (!AllFinite(_acnorm))
            return false;

        _wa4 ??= GC.AllocateUninitializedArray<double>(m);
        _fvec.CopyTo(_wa4, 0);
        for (int j = 0; j < n; j++)
        {
            double ajj = _fjac[j * m + j];
            if (ajj != 0)
            {
                var col = _fjac.AsSpan(j * m + j, m - j);
                var rest = _wa4.AsSpan(j, m - j);
                double temp = -DenseOps.Dot(col, rest) / ajj;
                DenseOps.Axpy(temp, col, rest);
            }
            if (_options.GeodesicAcceleration)
                _hhDiag[j] = ajj;
            _fjac[j * m + j] = _rdiag[j];
            _qtf[j] = _wa4[j];
        }
        if (_options.GeodesicAcceleration)
        {
            for (int j = 0; j < n; j++)
                for (int i = j + 1; i < n; i++)
                    _hhLower[j * n + i] = _fjac[j * m + i];
        }
        return true;
    }

    /// <summary>
    /// After the trust-region loop has converged, takes full Gauss–Newton steps while they contract
    /// and do not increase ‖f‖ beyond its rounding noise. The trust-region loop ends once changes of
    /// ‖f‖ drown in that noise (each residual carries an error of about ε·|yᵢ|, which for a
    /// small-residual fit is a large fraction of ‖f‖), leaving the parameters accurate only to about
    /// the square root of the noise along ill-conditioned directions. The Gauss–Newton step, from a
    /// fresh QR of the Jacobian, is far more accurate than ‖f‖ there and removes that error.
    /// </summary>
    private void Polish(ref int iterations, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        int n = _n;
        double previousStep = double.PositiveInfinity;
        for (int k = 0; k < MaxPolishSteps; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_evaluator.FunctionEvaluations + _evaluator.JacobianEvaluations >= _options.EvaluationBudget(_n))
                return;
            if (!EvaluateAndFactor())
                return;
            double fnorm = MinpackKernels.Norm(_fvec);
            if (fnorm == 0)
                return;
            MinpackKernels.LevenbergParameter(n, _r, _ldr, _pivot, _diag, _qtf, double.PositiveInfinity, 0,
                                              _step, _sdiag, _work, _wa2);
            for (int j = 0; j < n; j++)
            {
                double t = _x[j] - _step[j];
                if (_problem.HasBounds)
                    t = Math.Clamp(t, _problem.Lower![j], _problem.Upper![j]);
                _trial[j] = t;
                _wa3[j] = _diag[j] * (t - _x[j]);
                _wa2[j] = _diag[j] * _x[j];
            }
            double snorm = MinpackKernels.Norm(_wa3), xnorm = MinpackKernels.Norm(_wa2);
            if (snorm <= 2 * Epsilon * xnorm)
                return;
            if (!EvaluateTrial())
                return;
            double fnorm1 = MinpackKernels.Norm(_trialFvec);
            // ‖f‖ is uncertain by about ε·(‖√w·y‖ + ‖f‖): a step that raises it by less is within noise.
            double noise = PolishNoise * (_problem.WeightedResponseNorm + fnorm);
            if (!(fnorm1 <= fnorm + noise))
                return;
            _trial.CopyTo(_x, 0);
            AcceptTrial();
            iterations++;
            progress?.Report(new FitProgress(iterations, 0.5 * fnorm1 * fnorm1, _evaluator.Expand(_x).ToArray()));
            // A step that no longer contracts is rounding noise, and one below 1e-12 relative changes
            // no reported digit: either way the fixed point is reached.
            if (snorm >= previousStep || snorm <= NegligibleStep * xnorm)
                return;
            previousStep = snorm;
        }
    }

    private const int MaxPolishSteps = 30;
    private const double PolishNoise = 4 * Epsilon;
    private const double NegligibleStep = 1e-12;

    /// <summary>The active-set rule of <see cref="MarkActiveBounds"/> on the streamed JᵀJ and Jᵀf.</summary>
    private void MarkActiveBoundsInGram()
    {
        int n = _n;
        double[] lower = _problem.Lower!, upper = _problem.Upper!;
        for (int j = 0; j < n; j++)
        {
            bool atLower = _x[j] <= lower[j], atUpper = _x[j] >= upper[j];
            double g = _gradientWork[j];
            _active[j] = (atLower && g > 0) || (atUpper && g < 0);
            if (!_active[j])
                continue;
            for (int i = 0; i < n; i++)
            {
                _gramWork[j * n + i] = 0;
                _gramWork[i * n + j] = 0;
            }
            _gradientWork[j] = 0;
        }
    }

    /// <summary>
    /// Holds a parameter sitting on a bound whose descent direction −(Jᵀf)_j leaves the box by
    /// zeroing its Jacobian column for this iteration: the QR then gives it a zero step.
    /// </summary>
    private void MarkActiveBounds()
    {
        int m = _m;
        double[] lower = _problem.Lower!, upper = _problem.Upper!;
        for (int j = 0; j < _n; j++)
        {
            _active[j] = false;
            bool atLower = _x[j] <= lower[j], atUpper = _x[j] >= upper[j];
            if (!atLower && !atUpper)
                continue;
            var col = _fjac.AsSpan(j * m, m);
            double g = DenseOps.Dot(col, _fvec);
            if ((atLower && g > 0) || (atUpper && g < 0))
            {
                _active[j] = true;
                col.Clear();
            }
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v))
                return false;
        return true;
    }
}
