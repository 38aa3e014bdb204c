// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The polish's steps for one problem: Gauss–Newton steps corrected by Broyden's secant update. Near a solution the
/// Gauss–Newton step is g(x) ≈ −A·(x − x*) with A = (JᵀJ)⁻¹·H, H = JᵀJ + Σ fᵢ∇²fᵢ. With small residuals A ≈ I and
/// the full step lands on x*. With large ones (a misfit, or a parameter held on a bound far from where the data want
/// it) it does not: an eigenvalue of A above 2 makes the steps overshoot and grow, one near 0 makes them creep, and the
/// point where the polish gives up depends on the path that reached it.
/// <para>
/// Each step taken, t, and the change of g over it, y = g₋ − g = A·t, update an estimate K of A⁻¹ (Broyden's good
/// update of the inverse, in the scaled variables D·x), and the step is K·g, which on a linear problem reaches x* in at
/// most 2k steps. K stays I until a step misses what I predicts (y = t) by more than a quarter; it is updated only when
/// t and K·y are within 84° of each other, where the update is well conditioned; and K·g is taken only when it is a
/// descent direction at most 4 times as long as g. A first step that overshoots far raises ‖f‖: it is shortened once to
/// the minimum of the parabola through ‖f‖² at both ends with its slope at the start (a backtracking line search with
/// quadratic interpolation).
/// </para>
/// <para>
/// The polish then converges to rounding on large-residual problems too, so that the batch's lanes and the
/// single-curve solver agree. While K = I the steps are the plain Gauss–Newton steps, bit for bit, and a step that ‖f‖
/// accepts is never shortened: the polish of a small-residual fit is unchanged.
/// </para>
/// </summary>
internal sealed class PolishSecant
{
    private const double PlainStep = 0.25, MaxStretch = 4, MinCosine = 0.1, NegligibleStep = 1e-12;
    private const int MaxStalls = 2;

    private readonly int _n;
    private readonly double[] _inverse;           // K, n×n row-major, in the scaled variables
    private readonly double[] _previousStep;      // D·g at the last polish point
    private readonly double[] _taken;             // the step taken from it, t (unscaled)
    private readonly double[] _work, _corrected, _candidate;
    private bool _hasPrevious, _engaged, _shortened;
    private double _shortest;  // the shortest Gauss–Newton step of this polish, in the D-norm
    private int _stalls;       // steps since it

    public PolishSecant(int freeCount)
    {
        _n = freeCount;
        _inverse = new double[freeCount * freeCount];
        _previousStep = new double[freeCount];
        _taken = new double[freeCount];
        _work = new double[freeCount];
        _corrected = new double[freeCount];
        _candidate = new double[freeCount];
    }

    /// <summary>Forgets the steps of an earlier polish: K = I.</summary>
    public void Reset()
    {
        _hasPrevious = _engaged = false;
        _shortest = double.PositiveInfinity;
        _stalls = 0;
        _inverse.AsSpan().Clear();
        for (int j = 0; j < _n; j++)
            _inverse[j * _n + j] = 1;
    }

    /// <summary>
    /// Takes the Gauss–Newton step from <paramref name="point"/> to <paramref name="trial"/> (already projected onto the
    /// bounds), after updating K from the step before. Returns whether K·g differs from it by more than a quarter and is
    /// at most 4 times as long: then <see cref="Vet"/> takes that step into <paramref name="trial"/> if it descends.
    /// The polish is assumed to have taken the previous step proposed here (it stops otherwise).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Propose(ReadOnlySpan<double> scale, ReadOnlySpan<double> point, ReadOnlySpan<double> trial,
                        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        int n = _n;
        if (_hasPrevious)
            Update(scale, point, trial);
        _hasPrevious = true;
        _shortened = false;
        for (int j = 0; j < n; j++)
        {
            _previousStep[j] = scale[j] * (trial[j] - point[j]);
            _taken[j] = trial[j] - point[j];
        }
        if (!_engaged) // K = I
            return false;
        double plain = 0, change = 0, length = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
                sum += _inverse[i * n + j] * _previousStep[j];
            _corrected[i] = sum;
            double g = _previousStep[i];
            plain += g * g;
            change += (sum - g) * (sum - g);
            length += sum * sum;
        }
        if (!(change > PlainStep * PlainStep * plain && length <= MaxStretch * MaxStretch * plain))
            return false;
        for (int j = 0; j < n; j++)
        {
            double t = point[j] + _corrected[j] / scale[j];
            _candidate[j] = lower.IsEmpty ? t : Math.Clamp(t, lower[j], upper[j]);
            _corrected[j] = _candidate[j] - point[j];
        }
        return true;
    }

    /// <summary>
    /// Takes the corrected step <see cref="Propose"/> found into <paramref name="trial"/> when it is a descent direction
    /// for ‖f‖², by the factor at the point (R, its pivot and Qᵀf); otherwise the plain step stays.
    /// </summary>
    public void Vet(ReadOnlySpan<double> r, ReadOnlySpan<int> pivot, ReadOnlySpan<double> qtf, Span<double> trial)
    {
        if (!(ProjectedResidualAlong(r, pivot, qtf, _corrected) < 0))
            return;
        _candidate.CopyTo(trial);
        _corrected.CopyTo(_taken, 0);
    }

    /// <summary>Broyden's good update of K from the step taken and the change of the scaled step over it: K += (t − K·y)·tᵀK / (tᵀK·y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Update(ReadOnlySpan<double> scale, ReadOnlySpan<double> point, ReadOnlySpan<double> trial)
    {
        int n = _n;
        Span<double> y = _work;
        for (int j = 0; j < n; j++)
            y[j] = _previousStep[j] - scale[j] * (trial[j] - point[j]);
        if (!_engaged)
        {
            // K = I predicted y = t. Within a quarter, the plain steps converge fast enough, and K stays I.
            double missed = 0, length = 0;
            for (int j = 0; j < n; j++)
            {
                double t = scale[j] * _taken[j];
                missed += (t - y[j]) * (t - y[j]);
                length += t * t;
            }
            if (!(missed > PlainStep * PlainStep * length))
                return;
            _engaged = true;
        }
        double denominator = 0, tNorm = 0, kyNorm = 0;
        Span<double> ky = _corrected; // scratch until the step is formed
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
                sum += _inverse[i * n + j] * y[j];
            ky[i] = sum;
            double t = scale[i] * _taken[i];
            denominator += t * sum;
            tNorm += t * t;
            kyNorm += sum * sum;
        }
        // t and K·y far from parallel: the update would be ill-conditioned, and says little about A.
        if (!(Math.Abs(denominator) >= MinCosine * Math.Sqrt(tNorm * kyNorm)))
            return;
        for (int j = 0; j < n; j++) // y ← tᵀK, row vector
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
                sum += scale[i] * _taken[i] * _inverse[i * n + j];
            y[j] = sum;
        }
        for (int i = 0; i < n; i++)
        {
            double u = (scale[i] * _taken[i] - ky[i]) / denominator;
            for (int j = 0; j < n; j++)
                _inverse[i * n + j] += u * y[j];
        }
    }

    /// <summary>fᵀJt = (Qᵀf)ᵀ·R·Pᵀ·t.</summary>
    private double ProjectedResidualAlong(ReadOnlySpan<double> r, ReadOnlySpan<int> pivot, ReadOnlySpan<double> qtf, ReadOnlySpan<double> t)
    {
        int n = _n;
        Span<double> rt = _work;
        rt.Clear();
        for (int j = 0; j < n; j++)
        {
            double tj = t[pivot[j]];
            for (int i = 0; i <= j; i++)
                rt[i] += r[j * n + i] * tj;
        }
        double sum = 0;
        for (int i = 0; i < n; i++)
            sum += qtf[i] * rt[i];
        return sum;
    }

    /// <summary>
    /// Whether the polish goes on after the step proposed was taken, <paramref name="step"/> the D-norm of the
    /// Gauss–Newton step it was proposed from and <paramref name="pointNorm"/> ‖D·x‖. Not once the steps fall below
    /// 10⁻¹² relative, which changes no reported digit. While the steps do what K = I predicts (within a quarter), the
    /// polish goes on while they contract, and a step that no longer does is rounding noise. Once one has not, Broyden's
    /// steps need not contract at every step (on a linear problem they reach x* in at most 2k): they go on until two in a
    /// row have not set a new shortest Gauss–Newton step.
    /// </summary>
    public bool GoesOn(double step, double pointNorm)
    {
        if (step <= NegligibleStep * pointNorm)
            return false;
        if (step < _shortest)
        {
            _shortest = step;
            _stalls = 0;
            return true;
        }
        return _engaged && ++_stalls <= MaxStalls;
    }

    /// <summary>
    /// The step proposed, from ‖f‖ = <paramref name="residualNorm"/> at <paramref name="point"/>, raised ‖f‖ to
    /// <paramref name="trialNorm"/> beyond its noise: moves <paramref name="trial"/> to the minimum of the parabola
    /// through ‖f‖² at both ends with the slope at the start (from the factor at the point: R, its pivot and Qᵀf), and
    /// returns true, once per step; false when the step was shortened already, or when the slope or ‖f‖ give no such
    /// minimum.
    /// </summary>
    public bool TryShorten(double residualNorm, double trialNorm, ReadOnlySpan<double> point, Span<double> trial,
                           ReadOnlySpan<double> r, ReadOnlySpan<int> pivot, ReadOnlySpan<double> qtf)
    {
        if (_shortened || !double.IsFinite(trialNorm))
            return false;
        double slope = 2 * ProjectedResidualAlong(r, pivot, qtf, _taken);
        if (!(slope < 0))
            return false;
        double curvature = trialNorm * trialNorm - residualNorm * residualNorm - slope;
        double alpha = -slope / (2 * curvature);
        if (!(alpha > 0 && alpha < 1))
            return false;
        _shortened = true;
        for (int j = 0; j < _n; j++)
        {
            _taken[j] *= alpha;
            trial[j] = point[j] + _taken[j];
        }
        return true;
    }
}
