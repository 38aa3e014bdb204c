// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// Dopri5 and DOP853 (Hairer, Nørsett &amp; Wanner, Solving ODE I, II.4–II.6 and II.10): the stages of
/// <see cref="ExplicitTableau"/>, the error estimate of each pair, the step-size control (Dopri5 with the PI
/// stabilization β = 0.04), the stiffness test (Solving ODE II, IV.2) that <see cref="AutoSwitching{TF}"/> listens
/// to, and the continuous extensions, formed only in steps where they are used.
/// </summary>
internal sealed class ExplicitRungeKutta<TF> : Stepper where TF : struct, IOdeFunction
{
    private const double Safety = 0.9;
    private const double StiffnessFraction = 0.8;

    private readonly OdeContext<TF> _context;
    private readonly ExplicitTableau _tableau;
    private readonly bool _dop853;
    private readonly int _n;
    private readonly int _fsal;              // index of the stage that is f at the new point
    private readonly double[] _k;            // one row of n per stage, dense-output stages included
    private readonly double[] _y0;           // the state at the start of the last step
    private readonly double[] _work;
    private readonly double[] _yNew;
    private readonly double[] _error;
    private readonly double[] _error3;
    private readonly double[] _stiffnessPoint; // the argument of the last stage before the new point
    private readonly double[] _dense;
    private readonly double _beta, _exponent, _minFactor, _maxFactor, _stiffnessBoundary;

    private double _h;
    private double _previousError = 1e-4;
    private bool _rejected;
    private bool _fsalPending;
    private bool _denseReady;
    private bool _startNonFinite;
    private int _stiffSteps, _nonstiffSteps;
    private readonly double[] _historyT = new double[HistoryLength];
    private readonly double[] _historyY;
    private readonly double[] _divided;
    private int _historyCount;
    private int _slowVotes;

    private const int HistoryLength = 6;
    private const int SlownessCheckInterval = 10;
    private const int SlownessVotes = 3;
    /// <summary>The BDF step estimate must exceed the explicit step by this factor (an explicit step costs about four
    /// times the evaluations of a BDF step, which adds LU factorizations).</summary>
    private const double SlownessFactor = 2;

    public ExplicitRungeKutta(OdeContext<TF> context, bool dop853)
    {
        _context = context;
        _dop853 = dop853;
        _tableau = dop853 ? ExplicitTableau.Dop853 : ExplicitTableau.Dopri5;
        _n = context.N;
        _fsal = dop853 ? 12 : 6;
        _k = new double[_tableau.C.Length * _n];
        _y0 = new double[_n];
        Y = new double[_n];
        _work = new double[_n];
        _yNew = new double[_n];
        _error = new double[_n];
        _error3 = new double[_n];
        _stiffnessPoint = new double[_n];
        _historyY = new double[HistoryLength * _n];
        _divided = new double[HistoryLength];
        _dense = new double[(dop853 ? 8 : 5) * _n];
        // Hairer's defaults: DOPRI5 β = 0.04, factors in [0.2, 10]; DOP853 β = 0, factors in [1/3, 6].
        _beta = dop853 ? 0 : 0.04;
        _exponent = dop853 ? 1.0 / 8 : 0.2 - 0.75 * _beta;
        _minFactor = dop853 ? 0.333 : 0.2;
        _maxFactor = dop853 ? 6 : 10;
        _stiffnessBoundary = dop853 ? 6.1 : 3.25;
    }

    public override string Name => _dop853 ? "DOP853" : "Dopri5";

    /// <summary>Set when h·|λ| has exceeded 80 % of the stability boundary on 15 steps with fewer than 6 non-stiff steps between.</summary>
    public bool StiffnessDetected { get; private set; }

    /// <summary>
    /// Set when, on <see cref="SlownessVotes"/> checks in a row, a BDF of order 1–4 could take steps more than
    /// <see cref="SlownessFactor"/> times longer than this method's: the step is estimated from divided differences of the
    /// last six accepted states, h_q = (1/(C_q·‖y^(q+1)‖))^(1/(q+1)) in the tolerance-scaled norm with C_q = 1/(q + 1).
    /// This catches mild stiffness at tight tolerances, where the explicit steps stay accuracy-limited yet far shorter
    /// than an implicit method's (LSODA compares the two methods' step sizes in the same spirit).
    /// </summary>
    public bool SlowerThanBdf { get; private set; }

    /// <summary>The last BDF step estimate (magnitude), or 0 before there is one.</summary>
    public double BdfStepEstimate { get; private set; }

    /// <summary>The last estimate of h·|λ| (the dominant eigenvalue's magnitude times the step).</summary>
    public double StiffnessRatio { get; private set; }

    /// <summary>The boundary of the method's stability region along the negative real axis, as used by the test.</summary>
    public double StabilityBoundary => _stiffnessBoundary;

    /// <summary>Starts at (t, y): evaluates f there and, when <paramref name="h"/> is zero, estimates the first step.</summary>
    public override void Start(double t, ReadOnlySpan<double> y, double h, double tStop)
    {
        T = TPrevious = t;
        y.CopyTo(Y);
        var k0 = _k.AsSpan(0, _n);
        _context.Rhs(t, Y, k0);
        _startNonFinite = !OdeContext<TF>.AllFinite(k0);
        _fsalPending = false;
        _rejected = false;
        _previousError = 1e-4;
        _stiffSteps = _nonstiffSteps = 0;
        _historyCount = 0;
        _slowVotes = 0;
        StiffnessDetected = false;
        SlowerThanBdf = false;
        if (h == 0 && !_startNonFinite)
            h = InitialStep.Estimate(_context, t, Y, k0, _tableau.Order, tStop, _work, _yNew, _error);
        _h = h == 0 ? _context.Direction * OdeContext<TF>.MinimumStep(t) * 1e6 : h;
    }

    public override StepStatus Step(double tStop)
    {
        if (_startNonFinite)
            return StepStatus.NonFinite;
        int n = _n;
        var k = _k;
        if (_fsalPending)
        {
            Array.Copy(k, _fsal * n, k, 0, n);
            _fsalPending = false;
        }
        var counters = _context.Counters;
        double t = T;
        double direction = _context.Direction;
        bool lastWasNonFinite = false;
        while (true)
        {
            double h = direction * Math.Min(Math.Abs(_h), _context.MaxStep);
            bool last = false;
            if (direction * (t + 1.01 * h - tStop) >= 0)
            {
                h = tStop - t;
                last = true;
            }
            // The last step may be shorter than t resolves elsewhere: it lands on tStop exactly.
            if (!last && Math.Abs(h) < OdeContext<TF>.MinimumStep(t))
                return lastWasNonFinite ? StepStatus.NonFinite : StepStatus.StepSizeTooSmall;
            if (!last)
                h = (t + h) - t;   // the step t can take: far from 0 (t = 1.7e9) t + h rounds, and y must advance as t does

            ComputeStages(t, h);
            double error = ErrorNorm(h);
            if (!double.IsFinite(error))
            {
                // A non-finite stage: retreat sharply and try again.
                counters.RejectedSteps++;
                lastWasNonFinite = true;
                _rejected = true;
                _h = 0.25 * h;
                continue;
            }
            lastWasNonFinite = false;
            double fac11 = Math.Pow(error, _exponent);
            double factor = fac11 / Math.Pow(_previousError, _beta);
            factor = Math.Clamp(factor / Safety, 1 / _maxFactor, 1 / _minFactor);
            if (error <= 1)
            {
                _previousError = Math.Max(error, 1e-4);
                counters.Steps++;
                if (_dop853)
                    _context.Rhs(t + h, _yNew, k.AsSpan(12 * n, n));
                TestStiffness(h);
                Array.Copy(Y, _y0, n);
                Array.Copy(_yNew, Y, n);
                TPrevious = t;
                T = last ? tStop : t + h;
                RecordHistory(h);
                LastStep = T - TPrevious;
                LastOrder = _tableau.Order;
                double hNew = h / factor;
                if (_rejected)
                    hNew = direction * Math.Min(Math.Abs(hNew), Math.Abs(h));
                _h = hNew;
                _rejected = false;
                _fsalPending = true;
                _denseReady = false;
                return StepStatus.Accepted;
            }
            counters.RejectedSteps++;
            counters.ErrorTestFailures++;
            _rejected = true;
            _h = h / Math.Min(1 / _minFactor, fac11 / Safety);
        }
    }

    /// <summary>Stages 2…s and the new point y + h·Σ b_i·k_i.</summary>
    private void ComputeStages(double t, double h)
    {
        int n = _n;
        var k = _k;
        var y = Y;
        var c = _tableau.C;
        var a = _tableau.A;
        int stages = _tableau.Stages;
        for (int i = 1; i < stages; i++)
        {
            var row = a[i];
            var work = i == stages - 1 && !_dop853 ? _yNew : _work;
            for (int m = 0; m < n; m++)
            {
                double sum = 0;
                for (int j = 0; j < row.Length; j++)
                    sum += row[j] * k[j * n + m];
                work[m] = y[m] + h * sum;
            }
            if (i == stages - 2 && !_dop853 || i == stages - 1 && _dop853)
                Array.Copy(work, _stiffnessPoint, n);
            _context.Rhs(t + c[i] * h, work, k.AsSpan(i * n, n));
        }
        if (_dop853)
        {
            var b = _tableau.B;
            for (int m = 0; m < n; m++)
            {
                double sum = 0;
                for (int j = 0; j < 12; j++)
                    sum += b[j] * k[j * n + m];
                _yNew[m] = y[m] + h * sum;
                _error3[m] = sum;   // Σ b_i·k_i, for the third-order estimate
            }
        }
    }

    private double ErrorNorm(double h)
    {
        int n = _n;
        var k = _k;
        var y = Y;
        if (!_dop853)
        {
            var e = ExplicitTableau.Dopri5Error;
            for (int m = 0; m < n; m++)
            {
                double sum = 0;
                for (int j = 0; j < 7; j++)
                    sum += e[j] * k[j * n + m];
                _error[m] = h * sum;
            }
            return _context.ErrorNorm(_error, y, _yNew);
        }
        // DOP853: err = |h|·‖E5·k‖² / sqrt(n·(‖E5·k‖² + 0.01·‖(B − B̂3)·k‖²)), both norms scaled by the tolerances.
        var e5 = ExplicitTableau.Dop853Error5;
        var b3 = ExplicitTableau.Dop853Weights3;
        var rtol = _context.RelativeTolerance;
        var atol = _context.AbsoluteTolerance;
        double err5 = 0, err3 = 0;
        for (int m = 0; m < n; m++)
        {
            double s5 = 0, s3 = 0;
            for (int j = 0; j < 12; j++)
            {
                double km = k[j * n + m];
                s5 += e5[j] * km;
                s3 += b3[j] * km;
            }
            double sc = atol[m] + rtol[m] * Math.Max(Math.Abs(y[m]), Math.Abs(_yNew[m]));
            double r5 = s5 / sc, r3 = (_error3[m] - s3) / sc;
            err5 += r5 * r5;
            err3 += r3 * r3;
        }
        double denominator = err5 + 0.01 * err3;
        if (denominator <= 0)
            denominator = 1;
        return Math.Abs(h) * err5 * Math.Sqrt(1.0 / (n * denominator));
    }

    private void TestStiffness(double h)
    {
        int n = _n;
        var k = _k;
        int last = _fsal, previous = _fsal - 1;
        double num = 0, den = 0;
        for (int m = 0; m < n; m++)
        {
            double dk = k[last * n + m] - k[previous * n + m];
            double dy = _yNew[m] - _stiffnessPoint[m];
            num += dk * dk;
            den += dy * dy;
        }
        if (den <= 0)
            return;
        double ratio = Math.Abs(h) * Math.Sqrt(num / den);
        StiffnessRatio = ratio;
        // Hairer's test uses the boundary itself; steps limited by stability hover just inside it under PI control
        // at tight tolerances, so 80 % of it is taken as the sign of stiffness.
        if (ratio > StiffnessFraction * _stiffnessBoundary)
        {
            _nonstiffSteps = 0;
            if (++_stiffSteps >= 15)
                StiffnessDetected = true;
        }
        else if (++_nonstiffSteps >= 6)
        {
            _stiffSteps = 0;
        }
    }

    private void RecordHistory(double h)
    {
        int n = _n;
        int slot = _historyCount % HistoryLength;
        _historyT[slot] = T;
        Array.Copy(Y, 0, _historyY, slot * n, n);
        _historyCount++;
        if (_historyCount < HistoryLength || _historyCount % SlownessCheckInterval != 0)
            return;
        double estimate = EstimateBdfStep();
        BdfStepEstimate = estimate;
        if (estimate > SlownessFactor * Math.Abs(h))
        {
            if (++_slowVotes >= SlownessVotes)
                SlowerThanBdf = true;
        }
        else
        {
            _slowVotes = 0;
        }
    }

    /// <summary>The longest step a BDF of order 1–4 could take, from divided differences of the stored states.</summary>
    private double EstimateBdfStep()
    {
        int n = _n;
        Span<double> times = stackalloc double[HistoryLength];
        int oldest = _historyCount % HistoryLength;
        for (int p = 0; p < HistoryLength; p++)
            times[p] = _historyT[(oldest + p) % HistoryLength];
        Span<double> norms = stackalloc double[HistoryLength];   // Σ over components of (k!·DD_k / scale)²
        norms.Clear();
        var rtol = _context.RelativeTolerance;
        var atol = _context.AbsoluteTolerance;
        var dd = _divided;
        for (int m = 0; m < n; m++)
        {
            for (int p = 0; p < HistoryLength; p++)
                dd[p] = _historyY[((oldest + p) % HistoryLength) * n + m];
            double scale = atol[m] + rtol[m] * Math.Abs(Y[m]);
            double factorial = 1;
            for (int k = 1; k < HistoryLength; k++)
            {
                for (int p = 0; p < HistoryLength - k; p++)
                    dd[p] = (dd[p + 1] - dd[p]) / (times[p + k] - times[p]);
                factorial *= k;
                // The newest k-th difference, over the last k + 1 points.
                double derivative = factorial * dd[HistoryLength - k - 1] / scale;
                norms[k] += derivative * derivative;
            }
        }
        double best = 0;
        for (int q = 1; q <= 4; q++)
        {
            double derivativeNorm = Math.Sqrt(norms[q + 1] / n);
            if (!(derivativeNorm > 0) || !double.IsFinite(derivativeNorm))
                continue;
            double h = 0.9 * Math.Pow((q + 1) / derivativeNorm, 1.0 / (q + 1));
            best = Math.Max(best, h);
        }
        return best;
    }

    private void EnsureDense()
    {
        if (_denseReady)
            return;
        int n = _n;
        var k = _k;
        var d = _dense;
        double h = T - TPrevious;
        var y0 = _y0;
        var y1 = Y;
        for (int m = 0; m < n; m++)
        {
            double diff = y1[m] - y0[m];
            double bspl = h * k[m] - diff;
            d[m] = y0[m];
            d[n + m] = diff;
            d[2 * n + m] = bspl;
            d[3 * n + m] = diff - h * k[_fsal * n + m] - bspl;
        }
        if (!_dop853)
        {
            var dd = ExplicitTableau.Dopri5Dense;
            for (int m = 0; m < n; m++)
            {
                double sum = 0;
                for (int j = 0; j < 7; j++)
                    sum += dd[j] * k[j * n + m];
                d[4 * n + m] = h * sum;
            }
        }
        else
        {
            // Three more stages (14–16) at the step's start point, then r5…r8.
            var a = _tableau.A;
            var c = _tableau.C;
            for (int i = 13; i < 16; i++)
            {
                var row = a[i];
                for (int m = 0; m < n; m++)
                {
                    double sum = 0;
                    for (int j = 0; j < row.Length; j++)
                        sum += row[j] * k[j * n + m];
                    _work[m] = y0[m] + h * sum;
                }
                _context.Rhs(TPrevious + c[i] * h, _work, k.AsSpan(i * n, n));
            }
            var dense = ExplicitTableau.Dop853Dense;
            for (int r = 0; r < 4; r++)
            {
                var row = dense[r];
                for (int m = 0; m < n; m++)
                {
                    double sum = 0;
                    for (int j = 0; j < 16; j++)
                        sum += row[j] * k[j * n + m];
                    d[(4 + r) * n + m] = h * sum;
                }
            }
        }
        _denseReady = true;
    }

    public override void Interpolate(double t, Span<double> y)
    {
        EnsureDense();
        DenseSegment.Evaluate(_dop853 ? DenseKind.Dop853 : DenseKind.Dopri5, _dense, TPrevious, T, t, y);
    }

    public override void WriteDense(DenseOutputBuilder output)
    {
        EnsureDense();
        _dense.CopyTo(output.Add(_dop853 ? DenseKind.Dop853 : DenseKind.Dopri5, TPrevious, T, _dop853 ? 8 : 5));
    }

    /// <summary>The suggested next step (signed).</summary>
    public override double NextStep => _h;
}
