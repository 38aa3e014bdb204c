// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>How the polish judged its step: taken and going on, taken and done, refused (done), or shortened to be evaluated again.</summary>
internal enum PolishJudgement { GoOn, Done, Refused, Shortened }

/// <summary>How the trust region judged a trial point: whether it became the current point, and whether the iteration stops.</summary>
internal readonly record struct StepOutcome(bool Accepted, FitTermination? Termination);

/// <summary>
/// Moré's trust-region iteration (MINPACK lmder; Moré 1978) for one problem, apart from how the residuals are
/// evaluated and the Jacobian factored: the scaling D (running maximum of the Jacobian's column norms), the radius
/// Δ in the D-norm, the Levenberg parameter λ and the step from the triangular factor (<see cref="TriangularFactor"/>),
/// the gain ratio ρ = actual/predicted reduction with Moré's radius rules, and the ftol/xtol/gtol tests; then the
/// Gauss–Newton polish. A driver evaluates the points proposed here and hands back ‖f‖ and factors:
/// <see cref="LevenbergMarquardt{TModel}"/> for one problem, the batch solver for one problem per SIMD lane.
/// Bounds are handled by an active set (the factorization holds a parameter on a bound whose gradient points
/// outwards) and by projecting the step onto the box, with the predicted reduction recomputed for the projected step
/// so that the gain ratio stays honest.
/// </summary>
internal sealed class TrustRegion
{
    private const double Epsilon = 2.220446049250313e-16;
    private const double GeodesicProbe = 0.1, GeodesicMaxRatio = 0.75;
    private const double PolishNoise = 4 * Epsilon, ShortStep = 1e-3;

    /// <summary>At most this many Gauss–Newton polish steps, in every solver that polishes.</summary>
    public const int MaxPolishSteps = 30;

    private readonly int _n;
    private readonly CurveFitOptions _options;
    private double[]? _lower, _upper;

    private readonly double[] _step;          // s = trial − point (the Levenberg–Marquardt solve writes −s)
    private readonly double[] _scale;         // D
    private readonly double[] _scaledStep;    // D·s
    private readonly double[] _scaledPoint;   // D·x
    private readonly double[] _rTimesStep;    // R·Pᵀ·s, for the predicted reduction
    private readonly double[] _solveDiagonal, _solveScratch1, _solveScratch2; // the Levenberg–Marquardt solve's
    private readonly double[] _acceleration = [], _dampedScale = [];           // geodesic acceleration only
    private readonly PolishSecant _polishSecant;
    // A pivot of R this fraction of its column or less is rounding: the column depends on those before it (b and c of
    // a·x + b + c), and the Gauss–Newton step along it, rounding over rounding, sent b and c to ±2.4e3 in one step and
    // an exponential's two offsets to ±7e12. ε·max(n, k), the rank threshold of the covariance.
    private readonly double _rankTolerance;
    private TriangularFactor? _polishFactor; // the factor at the point the last polish step left

    private double _radius, _par, _pointNorm, _scaledGradientNorm, _polishStep;
    private bool _firstIteration, _projected;

    public TrustRegion(int freeCount, int pointCount, CurveFitOptions options)
    {
        _n = freeCount;
        _rankTolerance = 2.220446049250313e-16 * Math.Max(pointCount, freeCount);
        _options = options;
        Point = new double[freeCount];
        Trial = new double[freeCount];
        _step = new double[freeCount];
        _scale = new double[freeCount];
        _scaledStep = new double[freeCount];
        _scaledPoint = new double[freeCount];
        _rTimesStep = new double[freeCount];
        _solveDiagonal = new double[freeCount];
        _solveScratch1 = new double[freeCount];
        _solveScratch2 = new double[freeCount];
        _polishSecant = new PolishSecant(freeCount);
        if (options.GeodesicAcceleration)
        {
            _acceleration = new double[freeCount];
            _dampedScale = new double[freeCount];
        }
    }

    /// <summary>The current point x (free parameters).</summary>
    public double[] Point { get; }

    /// <summary>The point proposed by the last <see cref="ProposeStep"/> or <see cref="ProposeGaussNewtonStep"/>.</summary>
    public double[] Trial { get; }

    /// <summary>‖f‖ at <see cref="Point"/>.</summary>
    public double ResidualNorm { get; private set; }

    private bool Bounded => _lower is not null;

    /// <summary>
    /// Starts from <paramref name="initial"/> with ‖f‖ = <paramref name="residualNorm"/> there, as MINPACK's first
    /// iteration: λ = 0, D and Δ set from the first factor. Bounds (over the free parameters) are null or both given.
    /// </summary>
    public void Start(ReadOnlySpan<double> initial, double residualNorm, double[]? lower, double[]? upper)
    {
        _lower = lower;
        _upper = upper;
        initial.CopyTo(Point);
        ResidualNorm = residualNorm;
        _par = 0;
        _radius = 0;
        _pointNorm = 0;
        _firstIteration = true;
    }

    /// <summary>
    /// Opens an outer iteration with the factor at <see cref="Point"/>: on the first, D from the column norms and
    /// Δ₀ = factor·‖D·x‖; then the gradient test and D ← max(D, column norms). Returns the termination when the
    /// point already stops the iteration (zero residual, gradient test), otherwise null.
    /// </summary>
    public FitTermination? BeginIteration(TriangularFactor factor)
    {
        int n = _n;
        double fnorm = factor.ResidualNorm;
        double[] columnNorms = factor.ColumnNorms;
        ResidualNorm = fnorm;
        if (fnorm == 0)
            return FitTermination.ExactSolution;

        if (_firstIteration)
        {
            for (int j = 0; j < n; j++)
                _scale[j] = columnNorms[j] == 0 ? 1 : columnNorms[j];
            for (int j = 0; j < n; j++)
                _scaledPoint[j] = _scale[j] * Point[j];
            _pointNorm = MinpackKernels.Norm(_scaledPoint);
            _radius = _options.InitialStepBound * _pointNorm;
            if (_radius == 0)
                _radius = _options.InitialStepBound;
        }

        // Scaled gradient: the largest cosine between f and a column of J.
        double gnorm = 0;
        for (int j = 0; j < n; j++)
        {
            int l = factor.Pivot[j];
            if (columnNorms[l] != 0)
            {
                double sum = 0;
                for (int i = 0; i <= j; i++)
                    sum += factor.R[j * n + i] * (factor.Qtf[i] / fnorm);
                gnorm = Math.Max(gnorm, Math.Abs(sum / columnNorms[l]));
            }
        }
        _scaledGradientNorm = gnorm;
        if (gnorm <= _options.GradientTolerance)
            return FitTermination.GradientTolerance;

        for (int j = 0; j < n; j++)
            _scale[j] = Math.Max(_scale[j], columnNorms[j]);
        return null;
    }

    /// <summary>
    /// The Levenberg–Marquardt step for the current radius (Moré's λ iteration), projected onto the bounds:
    /// writes <see cref="Trial"/>. Called again with the same factor after a rejected trial.
    /// </summary>
    public void ProposeStep(TriangularFactor factor)
    {
        int n = _n;
        _par = MinpackKernels.LevenbergParameter(n, factor.R, n, factor.Pivot, _scale, factor.Qtf, _radius, _par,
                                                 _step, _solveDiagonal, _solveScratch1, _solveScratch2, _rankTolerance);
        _projected = false;
        for (int j = 0; j < n; j++)
        {
            double t = Point[j] - _step[j];
            if (Bounded)
            {
                double clamped = Math.Clamp(t, _lower![j], _upper![j]);
                if (clamped != t)
                {
                    _projected = true;
                    t = clamped;
                }
            }
            Trial[j] = t;
            _step[j] = t - Point[j];
            _scaledStep[j] = _scale[j] * _step[j];
        }
    }

    /// <summary>Whether the driver should try <see cref="TryAccelerate"/> on the proposed step.</summary>
    public bool WantsAcceleration => _options.GeodesicAcceleration && !Bounded;

    /// <summary>The probe point x + h·v of the geodesic acceleration, h = 0.1, v the proposed step.</summary>
    public void AccelerationProbe(Span<double> probe)
    {
        for (int j = 0; j < _n; j++)
            probe[j] = Point[j] + GeodesicProbe * _step[j];
    }

    /// <summary>
    /// Transtrum and Sethna's geodesic acceleration: with v the Levenberg step, the second directional derivative
    /// r_vv ≈ (2/h)·((f(x + hv) − f)/h − Jv) gives the acceleration a solving (JᵀJ + λDᵀD)a = −Jᵀr_vv (by the same
    /// factor, in Q's basis: only Qᵀr_vv is needed), and the step becomes v + a/2 when 2‖Da‖ ≤ 0.75‖Dv‖ and the
    /// corrected step stays in the trust region. <paramref name="projectedProbe"/> holds the first k components of
    /// Qᵀf(x + hv) and is overwritten. Returns false, the step unchanged, when the acceleration is rejected.
    /// </summary>
    public bool TryAccelerate(TriangularFactor factor, Span<double> projectedProbe)
    {
        const double h = GeodesicProbe;
        int n = _n;
        double[] r = factor.R;
        // z = Qᵀr_vv (first n components) = (2/h)·((Qᵀf(x+hv) − Qᵀf)/h − R·Pᵀ·v).
        for (int i = 0; i < n; i++)
        {
            double rv = 0;
            for (int j = i; j < n; j++)
                rv += r[j * n + i] * _step[factor.Pivot[j]];
            projectedProbe[i] = 2 / h * ((projectedProbe[i] - factor.Qtf[i]) / h - rv);
        }
        double sqrtPar = Math.Sqrt(_par);
        for (int j = 0; j < n; j++)
            _dampedScale[j] = sqrtPar * _scale[j];
        MinpackKernels.QrSolve(n, r, n, factor.Pivot, _dampedScale, projectedProbe[..n], _acceleration, _solveDiagonal, _solveScratch1);

        double aNorm = 0, vNorm = 0;
        for (int j = 0; j < n; j++)
        {
            double da = _scale[j] * _acceleration[j], dv = _scale[j] * _step[j];
            aNorm += da * da;
            vNorm += dv * dv;
        }
        if (!(2 * Math.Sqrt(aNorm) <= GeodesicMaxRatio * Math.Sqrt(vNorm)))
            return false;
        // The corrected step must stay in the trust region, whose radius rules assume it.
        double sNorm = 0;
        for (int j = 0; j < n; j++)
        {
            double ds = _scale[j] * (_step[j] - 0.5 * _acceleration[j]);
            sNorm += ds * ds;
        }
        if (!(Math.Sqrt(sNorm) <= 1.1 * _radius))
            return false;
        for (int j = 0; j < n; j++)
        {
            _step[j] -= 0.5 * _acceleration[j]; // a = −(solution), so v + a/2
            Trial[j] = Point[j] + _step[j];
            _scaledStep[j] = _scale[j] * _step[j];
        }
        _projected = true; // a step other than the Levenberg step: use the general prediction
        return true;
    }

    /// <summary>
    /// Judges the trial point, whose residual norm is <paramref name="trialNorm"/> (+∞ when the model was not
    /// finite there): the gain ratio, Moré's radius and λ updates, acceptance when ρ ≥ 10⁻⁴, and the stopping tests
    /// in MINPACK's order (<paramref name="budgetSpent"/> says whether the evaluation budget is used up).
    /// </summary>
    public StepOutcome Judge(TriangularFactor factor, double trialNorm, bool budgetSpent)
    {
        int n = _n;
        double[] r = factor.R;
        int[] pivot = factor.Pivot;
        double pnorm = MinpackKernels.Norm(_scaledStep);
        if (_firstIteration)
            _radius = Math.Min(_radius, pnorm);

        double fnorm = ResidualNorm, fnorm1 = trialNorm;
        double actred = -1;
        if (0.1 * fnorm1 < fnorm)
        {
            double q = fnorm1 / fnorm;
            actred = 1 - q * q;
        }

        // Predicted reduction and directional derivative from R·Pᵀ·s.
        for (int j = 0; j < n; j++)
            _rTimesStep[j] = 0;
        for (int j = 0; j < n; j++)
        {
            double temp = _step[pivot[j]];
            for (int i = 0; i <= j; i++)
                _rTimesStep[i] += r[j * n + i] * temp;
        }
        double prered, dirder;
        if (!_projected)
        {
            double temp1 = MinpackKernels.Norm(_rTimesStep) / fnorm;
            double temp2 = Math.Sqrt(_par) * pnorm / fnorm;
            prered = temp1 * temp1 + temp2 * temp2 / 0.5;
            dirder = -(temp1 * temp1 + temp2 * temp2);
        }
        else
        {
            // ‖f‖² − ‖f + Js‖² = −2·qtfᵀv − ‖v‖² with v = R·Pᵀ·s.
            double qv = 0, vv = 0;
            for (int i = 0; i < n; i++)
            {
                qv += factor.Qtf[i] * _rTimesStep[i];
                vv += _rTimesStep[i] * _rTimesStep[i];
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
            _radius = temp * Math.Min(_radius, pnorm / 0.1);
            _par /= temp;
        }
        else if (_par == 0 || ratio >= 0.75)
        {
            _radius = pnorm / 0.5;
            _par *= 0.5;
        }

        bool accepted = ratio >= 1e-4;
        if (accepted)
        {
            Trial.CopyTo(Point, 0);
            for (int j = 0; j < n; j++)
                _scaledPoint[j] = _scale[j] * Point[j];
            _pointNorm = MinpackKernels.Norm(_scaledPoint);
            ResidualNorm = fnorm = fnorm1;
            _firstIteration = false;
        }

        FitTermination? termination = null;
        if (Math.Abs(actred) <= _options.FunctionTolerance && prered <= _options.FunctionTolerance && 0.5 * ratio <= 1)
            termination = FitTermination.FunctionTolerance;
        else if (_radius <= _options.ParameterTolerance * _pointNorm)
            termination = FitTermination.ParameterTolerance;
        else if (fnorm == 0)
            termination = FitTermination.ExactSolution;
        else if (budgetSpent)
            termination = FitTermination.MaxFunctionEvaluations;
        else if ((Math.Abs(actred) <= Epsilon && prered <= Epsilon && 0.5 * ratio <= 1)
                 || _radius <= Epsilon * _pointNorm || _scaledGradientNorm <= Epsilon
                 || (_options.PolishSolution && _options.StopAtResolution && BelowResolution(actred, prered) && IsWellDetermined(factor)))
            termination = FitTermination.MachinePrecision;
        return new StepOutcome(accepted, termination);
    }

    /// <summary>
    /// Whether a step's predicted and actual relative reductions of ‖f‖² are both below <see cref="ResolvedReduction"/>,
    /// where ‖f‖², a sum over the points, has only its rounding left to judge the step by. MINPACK then refuses trial
    /// after trial on that rounding, shrinking the radius tenfold each time until a tolerance test is met at the same
    /// point: two to five evaluations per fit at the default tolerances. When the polish follows and its Gauss–Newton
    /// step is well determined (<see cref="IsWellDetermined"/>), the iteration stops there instead, as
    /// <see cref="FitTermination.MachinePrecision"/>, and the polish's steps, judged by the residuals' own noise, finish.
    /// </summary>
    internal static bool BelowResolution(double actred, double prered) => Math.Abs(actred) <= ResolvedReduction && prered <= ResolvedReduction;

    /// <summary>The smallest relative reduction of ‖f‖² a trust-region step is judged by: 64ε.</summary>
    internal const double ResolvedReduction = 64 * Epsilon;

    /// <summary>
    /// Whether R·D⁻¹ (D the column norms) has κ ≤ 10⁵ by its diagonal, the normal equations' own safety test
    /// (<see cref="TallJacobianFactor"/>), which every factor of the batch's lanes passes. Near a rank deficiency the
    /// Gauss–Newton step runs off along the weak direction and the polish can only refuse it; MINPACK's damped steps
    /// keep working there. A column held on its bound (zero) does not count.
    /// </summary>
    private static bool IsWellDetermined(TriangularFactor factor)
    {
        int k = factor.Size;
        for (int j = 0; j < k; j++)
            if (Math.Abs(factor.R[j * k + j]) * TallJacobianFactor.MaxCondition < factor.ColumnNorms[factor.Pivot[j]])
                return false;
        return true;
    }

    /// <summary>Opens the polish (see <see cref="CurveFitOptions.PolishSolution"/>): no step taken yet.</summary>
    public void BeginPolish() => _polishSecant.Reset();

    /// <summary>
    /// The full Gauss–Newton step from the factor at <see cref="Point"/>, projected onto the bounds and corrected by the
    /// secant (<see cref="PolishSecant"/>), into <see cref="Trial"/>. Returns false when there is nothing left to polish: a
    /// zero residual, or a Gauss–Newton step below 2ε·‖D·x‖.
    /// </summary>
    public bool ProposeGaussNewtonStep(TriangularFactor factor)
    {
        int n = _n;
        ResidualNorm = factor.ResidualNorm;
        if (ResidualNorm == 0)
            return false;
        MinpackKernels.LevenbergParameter(n, factor.R, n, factor.Pivot, _scale, factor.Qtf, double.PositiveInfinity, 0,
                                          _step, _solveDiagonal, _solveScratch1, _solveScratch2, _rankTolerance);
        for (int j = 0; j < n; j++)
        {
            double t = Point[j] - _step[j];
            if (Bounded)
                t = Math.Clamp(t, _lower![j], _upper![j]);
            Trial[j] = t;
            _scaledStep[j] = _scale[j] * (t - Point[j]);
            _scaledPoint[j] = _scale[j] * Point[j];
        }
        _polishStep = MinpackKernels.Norm(_scaledStep);
        _pointNorm = MinpackKernels.Norm(_scaledPoint);
        if (!(_polishStep > 2 * Epsilon * _pointNorm))
            return false;
        if (_polishSecant.Propose(_scale, Point, Trial, _lower, _upper))
            _polishSecant.Vet(factor.R, factor.Pivot, factor.Qtf, Trial);
        _polishFactor = factor;
        return true;
    }

    /// <summary>
    /// Takes the polish step when it does not raise ‖f‖ beyond its rounding noise, ε·(‖√w·y‖ + ‖f‖)
    /// (<paramref name="responseNorm"/> is ‖√w·y‖), and says whether the polish goes on
    /// (<see cref="PolishSecant.GoesOn"/>). A step that raises ‖f‖ is shortened
    /// once (<see cref="PolishSecant.TryShorten"/>) into <see cref="Trial"/>, to be evaluated again.
    /// </summary>
    public PolishJudgement JudgePolishStep(double trialNorm, double responseNorm)
    {
        if (!PolishStepTaken(trialNorm, ResidualNorm, responseNorm))
            return _polishSecant.TryShorten(ResidualNorm, trialNorm, Point, Trial, _polishFactor!.R, _polishFactor.Pivot, _polishFactor.Qtf)
                ? PolishJudgement.Shortened : PolishJudgement.Refused;
        Trial.CopyTo(Point, 0);
        ResidualNorm = trialNorm;
        return _polishSecant.GoesOn(_polishStep, _pointNorm) ? PolishJudgement.GoOn : PolishJudgement.Done;
    }

    /// <summary>Whether the last polish step was short (<see cref="IsShortPolishStep"/>).</summary>
    public bool PolishStepIsShort => IsShortPolishStep(_polishStep, _pointNorm);

    /// <summary>
    /// Whether a polish step of D-norm <paramref name="step"/> is at most 10⁻³ of ‖D·x‖. A short step that makes the model
    /// not finite shows the point against the edge of the model's domain (<see cref="Stationarity"/>); a long one, along a
    /// direction the data leave undetermined, shows nothing.
    /// </summary>
    public static bool IsShortPolishStep(double step, double pointNorm) => step <= ShortStep * pointNorm;

    /// <summary>Whether a polish step to ‖f‖ = <paramref name="trialNorm"/> from <paramref name="residualNorm"/> is within rounding noise or better.</summary>
    public static bool PolishStepTaken(double trialNorm, double residualNorm, double responseNorm) =>
        trialNorm <= residualNorm + PolishNoise * (responseNorm + residualNorm);
}
