// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.LinearAlgebra;

namespace ModelCompiler.Ode.Integration;

/// <summary>
/// Variable-order BDF/NDF in the quasi-constant step-size form of Shampine &amp; Reichelt (The MATLAB ODE Suite,
/// SIAM J. Sci. Comput. 18, 1997), on backward differences D_j = ∇ʲy_n at spacing h. Order k solves
/// Σ_{j=1..k} γ_j·∇ʲy_{n+1} − h·f(y_{n+1}) − κγ_k·(y_{n+1} − y⁽⁰⁾) = 0 (κ = 0: the BDF), predicting
/// y⁽⁰⁾ = Σ_{j≤k} D_j; the local error is (κγ_k + 1/(k + 1))·‖y_{n+1} − y⁽⁰⁾‖. A change of step size
/// re-interpolates the differences onto the new spacing; order and step change only after k + 1 steps of
/// constant size unless a step fails, choosing the order k − 1, k or k + 1 that allows the longest step
/// (with CVODE-like biases, and only for a gain of 50 %).
/// The corrector is a simplified Newton iteration with I − cJ, c = h/((1 − κ)γ_k), tested for convergence as
/// CVODE does (the correction times the estimated contraction rate against a fraction of the error-test bound).
/// The Jacobian is kept while the iteration converges and for at most a set number of steps; the factorization
/// is kept while c moves by less than 30 %, with the correction rescaled by 2/(1 + c/c_LU).
/// </summary>
internal sealed class BackwardDifferentiation<TF> : Stepper, IHasIterationMatrix where TF : struct, IOdeFunction
{
    /// <summary>Corrector iterations before a convergence failure (CVODE's maxcor).</summary>
    private const int MaxNewtonIterations = 3;
    /// <summary>The Newton iteration stops when its error estimate is below this fraction of the error-test bound.</summary>
    private const double NewtonCoefficient = 0.05;
    private const double MaxGrowth = 10;
    private const double MinShrink = 0.2;
    /// <summary>A new step size (and so a new factorization) only for a gain of at least 50 %, as in CVODE.</summary>
    private const double GrowthThreshold = 1.5;
    private const double RefactorThreshold = 0.3;
    /// <summary>
    /// Step-size biases in the manner of CVODE (which uses 6, 6, 10): the estimated errors at orders k − 1, k and k + 1
    /// are multiplied by these before the step that would meet the tolerance is computed, a safety margin that grows
    /// with the order's uncertainty. These values and the Newton coefficient were chosen on the work-precision
    /// comparison with CVODE (benchmarks/peers/ode_work_precision.py): the evaluations at CVODE's error, interpolated on a
    /// sweep of tolerances, summed in log over the six problems and both target tolerances; the more cautious steps
    /// fail the error test less often and are cheaper at equal error than the bolder 4, 4, 8.
    /// </summary>
    private const double BiasLower = 8, BiasSame = 8, BiasHigher = 12;

    /// <summary>Shampine &amp; Reichelt's κ by order (order 5 stays the BDF: no NDF of order 5 is more efficient and stable enough).</summary>
    private static readonly double[] NdfKappa = [0, -0.1850, -1.0 / 9, -0.0823, -0.0415, 0];
    private static readonly double[] BdfKappa = [0, 0, 0, 0, 0, 0];

    private readonly OdeContext<TF> _context;
    private readonly int _n;
    private readonly int _maxOrder;
    private readonly int _maxStepsPerJacobian;
    private readonly bool _ndf;
    private readonly double[] _gamma;       // γ_k = Σ_{j≤k} 1/j
    private readonly double[] _alpha;       // (1 − κ_k)·γ_k
    private readonly double[] _errorConstant;
    private readonly NewtonMatrix _matrix;
    private readonly double[] _jacobian;
    private readonly double[] _d;           // (maxOrder + 3) rows of n: the backward differences
    private readonly double[] _dWork;
    private readonly double[] _yPredicted;
    private readonly double[] _psi;
    private readonly double[] _yIterate;
    private readonly double[] _correction;
    private readonly double[] _delta;
    private readonly double[] _f;
    private readonly double[] _scale;
    private readonly double[] _dense;
    private readonly double[] _transform;   // (maxOrder + 1)², row-major

    private int _order = 1;
    private double _h;
    private int _equalSteps;
    private bool _haveJacobian;
    private bool _jacobianFresh;            // evaluated at the current point (since the last accepted step)
    private int _stepsSinceJacobian;
    private bool _luValid;
    private double _cFactored;
    private double _contraction = 1;
    private int _denseOrder;
    private bool _startNonFinite;

    public BackwardDifferentiation(OdeContext<TF> context, int maxOrder, bool ndf, int maxStepsPerJacobian)
    {
        _context = context;
        int n = _n = context.N;
        _maxOrder = maxOrder;
        _ndf = ndf;
        _maxStepsPerJacobian = maxStepsPerJacobian;
        var kappa = ndf ? NdfKappa : BdfKappa;
        _gamma = new double[7];
        _alpha = new double[7];
        _errorConstant = new double[7];
        for (int k = 1; k <= 6; k++)
        {
            _gamma[k] = _gamma[k - 1] + 1.0 / k;
            double kk = k <= 5 ? kappa[k] : 0;
            _alpha[k] = (1 - kk) * _gamma[k];
            _errorConstant[k] = kk * _gamma[k] + 1.0 / (k + 1);
        }
        _matrix = NewtonMatrix.Create(context.Function.JacobianPattern, context.LinearSolver, context.Function.JacobianBlocks);
        _jacobian = new double[context.Function.JacobianPattern.NonzeroCount];
        _d = new double[(maxOrder + 3) * n];
        _dWork = new double[(maxOrder + 1) * n];
        _yPredicted = new double[n];
        _psi = new double[n];
        _yIterate = new double[n];
        _correction = new double[n];
        _delta = new double[n];
        _f = new double[n];
        _scale = new double[n];
        _dense = new double[(maxOrder + 1) * n];
        _transform = new double[(maxOrder + 1) * (maxOrder + 1)];
        Y = new double[n];
    }

    public override string Name => _ndf ? "NDF" : "BDF";

    /// <summary>The iteration matrix.</summary>
    public NewtonMatrix? Matrix => _matrix;

    /// <summary>The suggested next step (signed).</summary>
    public override double NextStep => _h;

    /// <summary>True once a Jacobian has been evaluated.</summary>
    public bool HasJacobian => _haveJacobian;

    /// <summary>The Jacobian's values, last evaluated.</summary>
    public ReadOnlySpan<double> JacobianValues => _jacobian;

    public override void Start(double t, ReadOnlySpan<double> y, double h, double tStop)
    {
        int n = _n;
        T = TPrevious = t;
        y.CopyTo(Y);
        _context.Rhs(t, Y, _f);
        _startNonFinite = !OdeContext<TF>.AllFinite(_f);
        if (h == 0 && !_startNonFinite)
            h = InitialStep.Estimate(_context, t, Y, _f, 1, tStop, _yIterate, _delta, _scale);
        if (h == 0)
            h = _context.Direction * 1e-6;
        _h = h;
        Array.Clear(_d);
        y.CopyTo(_d.AsSpan(0, n));
        for (int i = 0; i < n; i++)
            _d[n + i] = h * _f[i];
        _order = 1;
        _equalSteps = 0;
        _luValid = false;
        _jacobianFresh = false;
        _contraction = 1;
    }

    public override StepStatus Step(double tStop)
    {
        if (_startNonFinite)
            return StepStatus.NonFinite;
        int n = _n;
        var counters = _context.Counters;
        double direction = _context.Direction;
        double t = T;
        int failures = 0;
        StepStatus failure = StepStatus.StepSizeTooSmall;
        while (true)
        {
            if (Math.Abs(_h) > _context.MaxStep)
                ChangeStep(_context.MaxStep / Math.Abs(_h));
            if (direction * (t + 1.01 * _h - tStop) >= 0)
                ChangeStep((tStop - t) / _h);
            double h = _h;
            bool last = direction * (t + h - tStop) >= 0;
            // The last step may be shorter than t resolves elsewhere: it lands on tStop exactly.
            if (!last && Math.Abs(h) < OdeContext<TF>.MinimumStep(t))
                return failure;
            double tNew = last ? tStop : t + h;
            if (tNew - t != h)
            {
                // Far from 0 (t = 1.7e9) t + h rounds: the step must be the one t takes, and the differences its
                // spacing, or y advances by h while t advances by tNew − t. A rounding, not a change of step: the
                // count of equal steps that lets the order rise goes on.
                Rescale((tNew - t) / h);
                h = _h;
            }
            int k = _order;

            // Predictor and the constant part of the corrector equation.
            for (int i = 0; i < n; i++)
            {
                double sum = 0, psi = 0;
                for (int j = k; j >= 1; j--)
                {
                    double dj = _d[j * n + i];
                    sum += dj;
                    psi += _gamma[j] * dj;
                }
                _yPredicted[i] = sum + _d[i];
                _psi[i] = psi / _alpha[k];
            }
            _context.Scale(_yPredicted, _scale);
            double c = h / _alpha[k];

            if ((!_haveJacobian || _stepsSinceJacobian >= _maxStepsPerJacobian && !_jacobianFresh) && !EvaluateJacobian(t))
                return StepStatus.NonFiniteJacobian;
            if (!_luValid || Math.Abs(c / _cFactored - 1) > RefactorThreshold)
            {
                counters.Factorizations++;
                _cFactored = c;
                _contraction = 1;
                _luValid = _matrix.Factor(_jacobian, 1, c);
            }

            bool nonFinite = false;
            bool converged = _luValid && Correct(tNew, c, k, out nonFinite);
            if (!converged)
            {
                counters.NonlinearConvergenceFailures++;
                counters.RejectedSteps++;
                if (!_jacobianFresh)
                {
                    if (!EvaluateJacobian(t))
                        return StepStatus.NonFiniteJacobian;
                    continue;
                }
                failure = StepStatus.ConvergenceFailure;
                if (!_luValid || nonFinite)
                    failure = nonFinite ? StepStatus.NonFinite : StepStatus.ConvergenceFailure;
                ChangeStep(0.25);
                continue;
            }

            // Local error test on the correction d = y − y⁽⁰⁾.
            var rtol = _context.RelativeTolerance;
            var atol = _context.AbsoluteTolerance;
            for (int i = 0; i < n; i++)
                _scale[i] = atol[i] + rtol[i] * Math.Max(Math.Abs(_d[i]), Math.Abs(_yIterate[i]));
            double error = _errorConstant[k] * OdeContext<TF>.ScaledNorm(_correction, _scale);
            if (!(error <= 1))
            {
                counters.ErrorTestFailures++;
                counters.RejectedSteps++;
                failures++;
                failure = double.IsFinite(error) ? StepStatus.StepSizeTooSmall : StepStatus.NonFinite;
                double factor = double.IsFinite(error) ? Math.Clamp(Math.Pow(BiasSame * error, -1.0 / (k + 1)), MinShrink, 0.9) : 0.25;
                if (failures >= 3 && k > 1)
                {
                    // Repeated failures: the history is not to be trusted; restart from order 1.
                    _order = 1;
                    factor = Math.Min(factor, 0.25);
                }
                else if (failures >= 2)
                {
                    factor = Math.Min(factor, MinShrink);
                }
                ChangeStep(factor);
                continue;
            }

            // Accept: update the differences with d.
            counters.Steps++;
            _equalSteps++;
            _stepsSinceJacobian++;
            _jacobianFresh = false;
            var d = _d;
            for (int i = 0; i < n; i++)
            {
                double corr = _correction[i];
                d[(k + 2) * n + i] = corr - d[(k + 1) * n + i];
                d[(k + 1) * n + i] = corr;
            }
            for (int j = k; j >= 0; j--)
                for (int i = 0; i < n; i++)
                    d[j * n + i] += d[(j + 1) * n + i];
            TPrevious = t;
            T = tNew;
            Array.Copy(d, Y, n);
            LastStep = T - TPrevious;
            LastOrder = k;
            Array.Copy(d, _dense, (k + 1) * n);
            _denseOrder = k;

            if (_equalSteps >= k + 1)
                ChooseOrderAndStep(k, error);
            return StepStatus.Accepted;
        }
    }

    /// <summary>The simplified Newton iteration for y_{n+1}; leaves y in _yIterate and y − y⁽⁰⁾ in _correction.</summary>
    private bool Correct(double tNew, double c, int k, out bool nonFinite)
    {
        int n = _n;
        var counters = _context.Counters;
        nonFinite = false;
        Array.Copy(_yPredicted, _yIterate, n);
        Array.Clear(_correction);
        double tolerance = NewtonCoefficient / _errorConstant[k];
        double rescale = c == _cFactored ? 1 : 2 / (1 + c / _cFactored);
        double contraction = _contraction;
        double previous = 0;
        for (int iteration = 0; iteration < MaxNewtonIterations; iteration++)
        {
            _context.Rhs(tNew, _yIterate, _f);
            counters.NonlinearIterations++;
            for (int i = 0; i < n; i++)
                _delta[i] = c * _f[i] - _psi[i] - _correction[i];
            _matrix.Solve(_delta);
            counters.LinearSolves++;
            if (rescale != 1)
                for (int i = 0; i < n; i++)
                    _delta[i] *= rescale;
            double norm = OdeContext<TF>.ScaledNorm(_delta, _scale);
            if (!double.IsFinite(norm))
            {
                nonFinite = true;
                return false;
            }
            for (int i = 0; i < n; i++)
            {
                _yIterate[i] += _delta[i];
                _correction[i] += _delta[i];
            }
            if (iteration > 0)
                contraction = Math.Max(0.3 * contraction, norm / previous);
            if (norm * Math.Min(1, contraction) <= tolerance)
            {
                _contraction = contraction;
                return true;
            }
            if (iteration > 0 && norm > 2 * previous)
                break;
            previous = norm;
        }
        _contraction = contraction;
        return false;
    }

    /// <summary>∂f/∂y at (t, Y); whether it is finite (a Newton iteration from a state where it is not cannot converge).</summary>
    private bool EvaluateJacobian(double t)
    {
        var y = Y;
        if (!_context.Function.HasAnalyticJacobian)
            _context.Rhs(t, y, _f);
        Span<double> scale = _delta;
        _context.Scale(y, scale);
        _context.Jacobian(t, y, _f, scale, _jacobian);
        _haveJacobian = true;
        _jacobianFresh = true;
        _stepsSinceJacobian = 0;
        _luValid = false;
        return OdeContext<TF>.AllFinite(_jacobian);
    }

    /// <summary>After k + 1 steps of one size: the order among k − 1, k, k + 1 that allows the longest next step.</summary>
    private void ChooseOrderAndStep(int k, double error)
    {
        int n = _n;
        double errorDown = k > 1
            ? _errorConstant[k - 1] * OdeContext<TF>.ScaledNorm(_d.AsSpan(k * n, n), _scale)
            : double.PositiveInfinity;
        double errorUp = k < _maxOrder
            ? _errorConstant[k + 1] * OdeContext<TF>.ScaledNorm(_d.AsSpan((k + 2) * n, n), _scale)
            : double.PositiveInfinity;
        double down = Math.Pow(BiasLower * errorDown, -1.0 / k);
        double same = Math.Pow(BiasSame * error, -1.0 / (k + 1));
        double up = Math.Pow(BiasHigher * errorUp, -1.0 / (k + 2));
        int change = 0;
        double best = same;
        if (down > best)
        {
            best = down;
            change = -1;
        }
        if (up > best)
        {
            best = up;
            change = 1;
        }
        // After a successful step the step never shrinks; it grows only when that pays for the new factorization.
        double factor = Math.Min(MaxGrowth, best);
        if (change == 0 && factor < GrowthThreshold)
            return;
        factor = Math.Max(factor, 1);
        _order = k + change;
        ChangeStep(factor);
    }

    /// <summary>Re-interpolates the differences of the current order onto the spacing factor·h, and scales h.</summary>
    private void ChangeStep(double factor)
    {
        if (factor == 1)
            return;
        Rescale(factor);
        _equalSteps = 0;
    }

    /// <summary>The differences for the step _h·<paramref name="factor"/>, and that step.</summary>
    private void Rescale(double factor)
    {
        int n = _n;
        int k = _order;
        if (factor == 1)
            return;
        // D'_i = Σ_m (−1)^m·C(i, m)·p(−m·ρ), p(s) = Σ_j D_j·Π_{l<j} (s + l)/(l + 1): the differences at the new spacing
        // of the polynomial through the history.
        var t = _transform;
        int width = _maxOrder + 1;
        for (int i = 0; i <= k; i++)
        {
            for (int j = 0; j <= k; j++)
            {
                double sum = 0, binomial = 1;
                for (int m = 0; m <= i; m++)
                {
                    double value = 1;
                    double s = -m * factor;
                    for (int l = 0; l < j; l++)
                        value *= (s + l) / (l + 1);
                    sum += ((m & 1) == 0 ? binomial : -binomial) * value;
                    binomial = binomial * (i - m) / (m + 1);
                }
                t[i * width + j] = sum;
            }
        }
        var d = _d;
        var work = _dWork;
        Array.Clear(work, 0, (k + 1) * n);
        for (int i = 1; i <= k; i++)
            for (int j = 1; j <= k; j++)
            {
                double tij = t[i * width + j];
                if (tij == 0)
                    continue;
                for (int m = 0; m < n; m++)
                    work[i * n + m] += tij * d[j * n + m];
            }
        Array.Copy(work, n, d, n, k * n);
        _h *= factor;
    }

    public override void Interpolate(double t, Span<double> y) =>
        DenseSegment.Evaluate(DenseKind.BackwardDifferences, _dense.AsSpan(0, (_denseOrder + 1) * _n), TPrevious, T, t, y);

    public override void WriteDense(DenseOutputBuilder output) =>
        _dense.AsSpan(0, (_denseOrder + 1) * _n).CopyTo(output.Add(DenseKind.BackwardDifferences, TPrevious, T, _denseOrder + 1));
}

