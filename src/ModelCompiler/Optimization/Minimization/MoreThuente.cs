// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>What <see cref="MoreThuente"/> asks for or reports.</summary>
internal enum LineSearchTask
{
    /// <summary>Evaluate φ and φ′ at <see cref="MoreThuente.Step"/> and call <see cref="MoreThuente.Next"/>.</summary>
    Evaluate,
    /// <summary>The step satisfies the strong Wolfe conditions.</summary>
    Converged,
    /// <summary>Rounding errors prevent progress (the trial fell on the bracket's end).</summary>
    RoundingErrors,
    /// <summary>The bracket is below the relative step tolerance.</summary>
    IntervalTooSmall,
    /// <summary>The step is at its upper limit with sufficient decrease but φ′ still negative.</summary>
    AtMaxStep,
    /// <summary>The step is at its lower limit without sufficient decrease.</summary>
    AtMinStep,
}

/// <summary>
/// The line search of Moré &amp; Thuente (1994), "Line search algorithms with guaranteed sufficient decrease", ACM TOMS
/// 20(3): finds α with φ(α) ≤ φ(0) + μαφ′(0) and |φ′(α)| ≤ η|φ′(0)| by safeguarded cubic and quadratic
/// interpolation on an interval of uncertainty, working on ψ(α) = φ(α) − φ(0) − μαφ′(0) until a step with ψ ≤ 0 and
/// φ′ ≥ 0 is found. Reverse communication: the caller evaluates φ at <see cref="Step"/>.
/// </summary>
internal struct MoreThuente
{
    private const double Extrapolate = 4;        // upper extrapolation factor
    private const double ExtrapolateLower = 1.1; // lower extrapolation factor
    private const double Shrink = 0.66;          // required interval reduction before bisection

    private double _ftol, _gtol, _xtol, _stpmin, _stpmax;
    private bool _bracketed;
    private int _stage;
    private double _finit, _ginit, _gtest, _width, _width1;
    private double _stx, _fx, _gx, _sty, _fy, _gy, _stmin, _stmax;

    /// <summary>The trial step to evaluate next, or the final step.</summary>
    public double Step { get; private set; }

    /// <summary>Begins a search from φ(0) = <paramref name="f0"/>, φ′(0) = <paramref name="g0"/> &lt; 0 at the
    /// trial step <paramref name="step"/>; μ = <paramref name="ftol"/>, η = <paramref name="gtol"/>.</summary>
    public LineSearchTask Start(double step, double f0, double g0, double ftol, double gtol, double xtol,
                                double stepMin, double stepMax)
    {
        _ftol = ftol;
        _gtol = gtol;
        _xtol = xtol;
        _stpmin = stepMin;
        _stpmax = stepMax;
        _bracketed = false;
        _stage = 1;
        _finit = f0;
        _ginit = g0;
        _gtest = ftol * g0;
        _width = stepMax - stepMin;
        _width1 = _width / 0.5;
        _stx = 0;
        _fx = f0;
        _gx = g0;
        _sty = 0;
        _fy = f0;
        _gy = g0;
        _stmin = 0;
        _stmax = step + Extrapolate * step;
        Step = step;
        return LineSearchTask.Evaluate;
    }

    /// <summary>Lowers the largest step allowed, after a trial where φ was not finite.</summary>
    public void LimitStep(double stepMax)
    {
        _stpmax = Math.Max(_stpmin, stepMax);
        _stmax = Math.Min(_stmax, _stpmax);
    }

    /// <summary>Moves the next trial to <paramref name="step"/> without using the current one.</summary>
    public void Retry(double step) => Step = step;

    /// <summary>The best step so far (the interval end with the least ψ or φ).</summary>
    public readonly double BestStep => _stx;

    /// <summary>Takes φ = <paramref name="f"/> and φ′ = <paramref name="g"/> at <see cref="Step"/> and returns the next task.</summary>
    public LineSearchTask Next(double f, double g)
    {
        double stp = Step;
        double ftest = _finit + stp * _gtest;
        if (_stage == 1 && f <= ftest && g >= 0)
            _stage = 2;

        if (_bracketed && (stp <= _stmin || stp >= _stmax))
            return LineSearchTask.RoundingErrors;
        if (_bracketed && _stmax - _stmin <= _xtol * _stmax)
            return LineSearchTask.IntervalTooSmall;
        if (stp == _stpmax && f <= ftest && g <= _gtest)
            return LineSearchTask.AtMaxStep;
        if (stp == _stpmin && (f > ftest || g >= _gtest))
            return LineSearchTask.AtMinStep;
        if (f <= ftest && Math.Abs(g) <= _gtol * -_ginit)
            return LineSearchTask.Converged;

        if (_stage == 1 && f <= _fx && f > ftest)
        {
            // Work on ψ: its values are φ's less the line μαφ′(0).
            double fm = f - stp * _gtest;
            double fxm = _fx - _stx * _gtest;
            double fym = _fy - _sty * _gtest;
            double gm = g - _gtest;
            double gxm = _gx - _gtest;
            double gym = _gy - _gtest;
            stp = TrialStep(ref _stx, ref fxm, ref gxm, ref _sty, ref fym, ref gym, stp, fm, gm, ref _bracketed, _stmin, _stmax);
            _fx = fxm + _stx * _gtest;
            _fy = fym + _sty * _gtest;
            _gx = gxm + _gtest;
            _gy = gym + _gtest;
        }
        else
        {
            stp = TrialStep(ref _stx, ref _fx, ref _gx, ref _sty, ref _fy, ref _gy, stp, f, g, ref _bracketed, _stmin, _stmax);
        }

        // Bisect when the interval has not shrunk enough in two trials.
        if (_bracketed)
        {
            if (Math.Abs(_sty - _stx) >= Shrink * _width1)
                stp = _stx + 0.5 * (_sty - _stx);
            _width1 = _width;
            _width = Math.Abs(_sty - _stx);
        }

        if (_bracketed)
        {
            _stmin = Math.Min(_stx, _sty);
            _stmax = Math.Max(_stx, _sty);
        }
        else
        {
            _stmin = stp + ExtrapolateLower * (stp - _stx);
            _stmax = stp + Extrapolate * (stp - _stx);
        }

        stp = Math.Max(stp, _stpmin);
        stp = Math.Min(stp, _stpmax);

        // Fall back to the best step when no further progress is possible.
        if (_bracketed && (stp <= _stmin || stp >= _stmax) || _bracketed && _stmax - _stmin <= _xtol * _stmax)
            stp = _stx;
        Step = stp;
        return LineSearchTask.Evaluate;
    }

    /// <summary>
    /// γ + θ of a cubic step, where γ² = θ² − d₁d₂. When γ and θ have opposite signs the sum cancels, and after a trial
    /// that overshot by orders of magnitude it is all rounding of θ (the step then lands back on x), so it is taken as
    /// −d₁d₂/(γ − θ), which keeps the small difference exactly as the quadratic step does.
    /// </summary>
    private static double SumWithoutCancellation(double gamma, double theta, double d1, double d2) =>
        gamma * theta < 0 ? -(d1 * d2) / (gamma - theta) : gamma + theta;

    /// <summary>
    /// One safeguarded step (Moré &amp; Thuente's four cases) from the interval ends x (the best point: value fx,
    /// derivative dx) and y and the trial t; updates the interval and returns the next trial.
    /// </summary>
    private static double TrialStep(ref double stx, ref double fx, ref double dx, ref double sty, ref double fy, ref double dy,
                                    double stp, double fp, double dp, ref bool bracketed, double stpmin, double stpmax)
    {
        double sgnd = dp * (dx / Math.Abs(dx));
        double stpf;
        if (fp > fx)
        {
            // Case 1: a higher value. The minimum is bracketed; take the cubic step when it is closer to x than the
            // quadratic one, else their mean.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Max(Math.Abs(theta), Math.Abs(dx)), Math.Abs(dp));
            double gamma = s * Math.Sqrt(theta / s * (theta / s) - dx / s * (dp / s));
            if (stp < stx)
                gamma = -gamma;
            double p = SumWithoutCancellation(gamma, theta, dx, dp) - dx;
            double q = gamma - dx + gamma + dp;
            double r = p / q;
            double stpc = stx + r * (stp - stx);
            double stpq = stx + dx / ((fx - fp) / (stp - stx) + dx) / 2 * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Case 2: lower value, derivatives of opposite sign. Bracketed; the step farther from t.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Max(Math.Abs(theta), Math.Abs(dx)), Math.Abs(dp));
            double gamma = s * Math.Sqrt(theta / s * (theta / s) - dx / s * (dp / s));
            if (stp > stx)
                gamma = -gamma;
            double p = gamma - dp + theta;
            double q = gamma - dp + gamma + dx;
            double r = p / q;
            double stpc = stp + r * (stx - stp);
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Case 3: lower value, same-sign derivative of smaller magnitude. Use the cubic only when it tends to
            // infinity in the step's direction or its minimum lies beyond t.
            double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            double s = Math.Max(Math.Max(Math.Abs(theta), Math.Abs(dx)), Math.Abs(dp));
            double gamma = s * Math.Sqrt(Math.Max(0, theta / s * (theta / s) - dx / s * (dp / s)));
            if (stp > stx)
                gamma = -gamma;
            double p = gamma - dp + theta;
            double q = gamma + (dx - dp) + gamma;
            double r = p / q;
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
            double stpq = stp + dp / (dp - dx) * (stx - stp);
            if (bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + Shrink * (sty - stp), stpf) : Math.Max(stp + Shrink * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Min(stpmax, stpf);
                stpf = Math.Max(stpmin, stpf);
            }
        }
        else if (bracketed)
        {
            // Case 4: lower value, derivative not decreasing in magnitude: the cubic through t and y.
            double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
            double s = Math.Max(Math.Max(Math.Abs(theta), Math.Abs(dy)), Math.Abs(dp));
            double gamma = s * Math.Sqrt(theta / s * (theta / s) - dy / s * (dp / s));
            if (stp > sty)
                gamma = -gamma;
            double p = gamma - dp + theta;
            double q = gamma - dp + gamma + dy;
            double r = p / q;
            stpf = stp + r * (sty - stp);
        }
        else
        {
            stpf = stp > stx ? stpmax : stpmin;
        }

        if (fp > fx)
        {
            sty = stp;
            fy = fp;
            dy = dp;
        }
        else
        {
            if (sgnd < 0)
            {
                sty = stx;
                fy = fx;
                dy = dx;
            }
            stx = stp;
            fx = fp;
            dx = dp;
        }
        return stpf;
    }
}
