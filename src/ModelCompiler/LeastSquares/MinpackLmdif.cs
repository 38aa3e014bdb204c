// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// MINPACK's lmdif as scipy's <c>leastsq</c> (and so <c>curve_fit</c>'s default method) calls it:
/// the Jacobian by fdjac2's forward differences, mode 1 scaling, and lmdif's step, ratio, radius and
/// convergence logic in its own order, on the bit-exact kernels of <see cref="MinpackFortranKernels"/>.
/// The model's own Jacobian is not used. Given the same model values, the iterates are those of scipy.
/// </summary>
internal sealed class MinpackLmdif<TModel> where TModel : IModel
{
    private readonly LeastSquaresProblem _problem;
    private readonly CurveFitOptions _options;
    private readonly ResidualEvaluator<TModel> _evaluator;
    private readonly int _m, _n;
    private readonly double[] _x, _fvec, _fjac, _diag, _qtf, _wa1, _wa2, _wa3, _wa4;
    private readonly int[] _ipvt;
    private string? _nonFiniteJacobian; // where the last difference Jacobian failed, when it did

    public MinpackLmdif(LeastSquaresProblem problem, CurveFitOptions options)
    {
        if (problem.HasBounds)
            throw new ArgumentException(
                "The MINPACK lmdif method takes no bounds (scipy's curve_fit switches to 'trf' for them); " +
                "use the default method.", "setup");
        _problem = problem;
        _options = options;
        _evaluator = new ResidualEvaluator<TModel>(problem);
        _m = problem.PointCount;
        _n = problem.FreeCount;
        _x = new double[_n];
        _fvec = new double[_m];
        _fjac = new double[_m * _n];
        _diag = new double[_n];
        _qtf = new double[_n];
        _wa1 = new double[_n];
        _wa2 = new double[_n];
        _wa3 = new double[_n];
        _wa4 = new double[_m];
        _ipvt = new int[_n];
    }

    public ResidualEvaluator<TModel> Evaluator => _evaluator;

    /// <summary>lmdif's nfev: one per value evaluation, n per difference Jacobian.</summary>
    public int FunctionEvaluations => _evaluator.FunctionEvaluations;

    /// <summary>
    /// The covariance leastsq reports, inv(RᵀR) permuted back, from the R that lmdif's fjac holds at
    /// the end: the factor of the last difference Jacobian, taken at the start of the last outer
    /// iteration (not at the returned point when the last step was accepted).
    /// </summary>
    public CovarianceEstimate FinalCovariance(IReadOnlyList<string> freeNames)
    {
        if (_nonFiniteJacobian is not null)
            return CovarianceEstimate.NotFinite(_nonFiniteJacobian);
        int n = _n;
        var r = new double[n * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i <= j; i++)
                r[j * n + i] = _fjac[j * _m + i];
        return CovarianceEstimate.FromPivotedTriangular(r, _ipvt, _m, n, freeNames);
    }

    /// <summary>fᵀf at the returned point (from lmdif's fvec).</summary>
    public double ResidualSquares => DataSums.SquaresAbout(_fvec, 0, default);

    public SolverOutcome Solve(IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        int m = _m, n = _n;
        double ftol = _options.FunctionTolerance, xtol = _options.ParameterTolerance, gtol = _options.GradientTolerance;
        double epsmch = MinpackFortranKernels.MachinePrecision;
        int maxfev = _options.EvaluationBudget(n);
        for (int j = 0; j < n; j++)
            _x[j] = _problem.Initial[_problem.FreeIndices[j]];

        if (!_evaluator.Residuals(_x, _fvec))
        {
            throw new ArgumentException(_evaluator.NonFiniteValueAtStart(), "initial");
        }
        double fnorm = MinpackFortranKernels.Enorm(_fvec);
        double par = 0, delta = 0, xnorm = 0;
        int iter = 1, accepted = 0;
        var rdiag = _wa1;
        var acnorm = _wa2;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!DifferenceJacobian())
            {
                if (accepted == 0)
                    throw new ArgumentException(
                        "The model is not finite at a difference step from the initial parameters; choose initial " +
                        "values where the model is finite nearby.", "initial");
                return new SolverOutcome((double[])_x.Clone(), FitTermination.NonFiniteJacobian, accepted);
            }
            MinpackFortranKernels.QrFac(m, n, _fjac, m, _ipvt, rdiag, acnorm, _wa3);

            if (iter == 1)
            {
                for (int j = 0; j < n; j++)
                    _diag[j] = acnorm[j] == 0 ? 1 : acnorm[j];
                for (int j = 0; j < n; j++)
                    _wa3[j] = _diag[j] * _x[j];
                xnorm = MinpackFortranKernels.Enorm(_wa3);
                delta = _options.InitialStepBound * xnorm;
                if (delta == 0)
                    delta = _options.InitialStepBound;
            }

            // Qᵀ·fvec, its first n components into qtf; R's diagonal back into fjac.
            _fvec.CopyTo(_wa4, 0);
            for (int j = 0; j < n; j++)
            {
                double ajj = _fjac[j * m + j];
                if (ajj != 0)
                {
                    double sum = 0;
                    for (int i = j; i < m; i++)
                        sum += _fjac[j * m + i] * _wa4[i];
                    double temp = -sum / ajj;
                    for (int i = j; i < m; i++)
                        _wa4[i] += _fjac[j * m + i] * temp;
                }
                _fjac[j * m + j] = rdiag[j];
                _qtf[j] = _wa4[j];
            }

            double gnorm = 0;
            if (fnorm != 0)
            {
                for (int j = 0; j < n; j++)
                {
                    int l = _ipvt[j];
                    if (acnorm[l] == 0)
                        continue;
                    double sum = 0;
                    for (int i = 0; i <= j; i++)
                        sum += _fjac[j * m + i] * (_qtf[i] / fnorm);
                    gnorm = Math.Max(gnorm, Math.Abs(sum / acnorm[l]));
                }
            }
            if (gnorm <= gtol)
                return Outcome(FitTermination.GradientTolerance, accepted);

            for (int j = 0; j < n; j++)
                _diag[j] = Math.Max(_diag[j], acnorm[j]);

            double ratio;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                par = MinpackFortranKernels.LmPar(n, _fjac, m, _ipvt, _diag, _qtf, delta, par,
                                                  _wa1, _wa2, _wa3, _wa4);
                var trial = _wa2;
                for (int j = 0; j < n; j++)
                {
                    _wa1[j] = -_wa1[j];
                    trial[j] = _x[j] + _wa1[j];
                    _wa3[j] = _diag[j] * _wa1[j];
                }
                double pnorm = MinpackFortranKernels.Enorm(_wa3);
                if (iter == 1)
                    delta = Math.Min(delta, pnorm);

                // A non-finite value at the trial point counts as a large increase (fnorm1 = ∞).
                double fnorm1 = _evaluator.Residuals(trial, _wa4)
                    ? MinpackFortranKernels.Enorm(_wa4)
                    : double.PositiveInfinity;

                double actred = -1;
                if (0.1 * fnorm1 < fnorm)
                {
                    double q = fnorm1 / fnorm;
                    actred = 1 - q * q;
                }

                for (int j = 0; j < n; j++)
                {
                    _wa3[j] = 0;
                    double temp = _wa1[_ipvt[j]];
                    for (int i = 0; i <= j; i++)
                        _wa3[i] += _fjac[j * m + i] * temp;
                }
                double temp1 = MinpackFortranKernels.Enorm(_wa3) / fnorm;
                double temp2 = Math.Sqrt(par) * pnorm / fnorm;
                double prered = temp1 * temp1 + temp2 * temp2 / 0.5;
                double dirder = -(temp1 * temp1 + temp2 * temp2);

                ratio = prered != 0 ? actred / prered : 0;

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
                    par = 0.5 * par;
                }

                if (ratio >= 1e-4)
                {
                    for (int j = 0; j < n; j++)
                    {
                        _x[j] = trial[j];
                        _wa2[j] = _diag[j] * _x[j];
                    }
                    _wa4.CopyTo(_fvec, 0);
                    xnorm = MinpackFortranKernels.Enorm(_wa2);
                    fnorm = fnorm1;
                    iter++;
                    accepted++;
                    progress?.Report(new FitProgress(accepted, 0.5 * fnorm * fnorm, _evaluator.Expand(_x).ToArray()));
                }

                bool fConverged = Math.Abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1;
                bool xConverged = delta <= xtol * xnorm;
                if (fConverged)
                    return Outcome(FitTermination.FunctionTolerance, accepted);
                if (xConverged)
                    return Outcome(FitTermination.ParameterTolerance, accepted);

                // lmdif's info 5 to 8, tested together; the last true one wins, as in the Fortran.
                FitTermination? stop = null;
                if (_evaluator.FunctionEvaluations >= maxfev)
                    stop = FitTermination.MaxFunctionEvaluations;
                if ((Math.Abs(actred) <= epsmch && prered <= epsmch && 0.5 * ratio <= 1)
                    || delta <= epsmch * xnorm || gnorm <= epsmch)
                    stop = FitTermination.MachinePrecision;
                if (stop is { } reason)
                    return Outcome(reason, accepted);
            }
            while (ratio < 1e-4);
        }
    }

    private SolverOutcome Outcome(FitTermination termination, int accepted)
        => new((double[])_x.Clone(), termination, accepted);

    /// <summary>
    /// fdjac2: column j is (f(x + hⱼeⱼ) − f(x))/hⱼ with hⱼ = √max(epsfcn, epsmch)·|xⱼ| (that root
    /// when xⱼ = 0); leastsq's epsfcn is 2⁻⁵², below MINPACK's epsmch, so the root of epsmch.
    /// </summary>
    private bool DifferenceJacobian()
    {
        int m = _m, n = _n;
        double eps = Math.Sqrt(Math.Max(2.220446049250313e-16, MinpackFortranKernels.MachinePrecision));
        for (int j = 0; j < n; j++)
        {
            double temp = _x[j];
            double h = eps * Math.Abs(temp);
            if (h == 0)
                h = eps;
            _x[j] = temp + h;
            Span<double> column = _fjac.AsSpan(j * m, m);
            bool finite = _evaluator.Residuals(_x, column);
            _x[j] = temp;
            if (!finite)
            {
                int i = _evaluator.FirstNonFiniteValue();
                _nonFiniteJacobian = $"the difference quotient for {TModel.ParameterNames[_problem.FreeIndices[j]]}" +
                                     (i >= 0 ? $" at point {i}" : "") + " is not finite";
                return false;
            }
            for (int i = 0; i < m; i++)
                column[i] = (column[i] - _fvec[i]) / h;
        }
        return true;
    }
}
