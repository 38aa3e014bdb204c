// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.Kernels;
using ModelCompiler.Mixtures;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// <see cref="TrustRegion"/> and the normal-equation factorization for one curve per SIMD lane, all lanes at once:
/// the pivoted Cholesky factor, the Gauss–Newton step, the gain ratio and the stopping tests, transcribed operation
/// for operation, so that each lane computes bit for bit what the scalar iteration computes for its curve; Moré's λ
/// iteration, which few lanes need at a time, runs lane by lane in the scalar code itself. Pivots differ between lanes, so permutations are masked selects. Every method takes a mask of
/// the lanes it serves and leaves the others' state as it was. Bounds are held and projected as the scalar step
/// does. The free parameters are the same in every lane.
/// Arrays hold vector i of a quantity at [i·W, i·W + W): parameter j of lane l at [j·W + l], R[i, j] at
/// [(j·k + i)·W + l], as <see cref="TriangularFactor"/> lays out one lane.
/// </summary>
internal sealed partial class LaneTrustRegion<T> where T : unmanaged, ILanes<T>
{
    private const double Epsilon = 2.220446049250313e-16;
    private const double MaxCondition = 1e5;

    private static readonly T Zero = T.Create(0), One = T.Create(1), Infinity = T.Create(double.PositiveInfinity);
    private static readonly T AllLanes = T.Equal(Zero, Zero);

    private readonly int _k, _w, _p;    // free parameters, lanes, all parameters
    private readonly int[] _free;       // the free parameters' indices among all
    private readonly CurveFitOptions _options;
    private readonly bool _bounded;

    // The iteration's state, per lane, over the free parameters; the normal equations of all parameters.
    public readonly double[] Point, Trial, Step, Scale, Current, Lower, Upper;
    public readonly double[] Radius, Par, PointNorm, GradientNorm, ResidualNorm, First, PolishStep;
    // The factor at the current point: R, the pivot (as doubles), Qᵀf, the column norms and ‖f‖.
    private readonly double[] _r, _pivot, _qtf, _columnNorms, _factorNorm;
    // A factorization in progress, copied into the factor for the lanes asked for.
    private readonly double[] _newR, _newPivot, _newQtf, _newColumnNorms, _gram, _gradient;
    // Two vectors of workspace, and the scaled point.
    private readonly double[] _work1, _work2, _scaledPoint;
    // Per-lane values taken out of vectors, and one lane's factor for the scalar λ iteration.
    private readonly double[] _laneValues;
    private readonly ScalarLane _scalarLane;
    // Lanes whose last step was cut by a bound: their gain ratio takes the general prediction.
    private readonly double[] _projected;
    // Each lane's polish steps.
    private readonly PolishSecant[] _polishSecants;

    /// <summary>
    /// The iteration over the parameters <paramref name="free"/> of a model with <paramref name="parameterCount"/>,
    /// the same for every lane (the others held at their starts).
    /// </summary>
    public LaneTrustRegion(int parameterCount, int[] free, CurveFitOptions options, bool bounded)
    {
        _bounded = bounded;
        _p = parameterCount;
        _free = free;
        _k = free.Length;
        _w = T.Count;
        _options = options;
        int k = _k, w = _w;
        double[] Vectors(int count) => new double[count * w];
        Point = Vectors(k);
        Trial = Vectors(k);
        Step = Vectors(k);
        Scale = Vectors(k);
        Current = Vectors(NormalEquationsLayout.Length(_p));
        Lower = Vectors(k);
        Upper = Vectors(k);
        _projected = Vectors(1);
        Radius = Vectors(1);
        Par = Vectors(1);
        PointNorm = Vectors(1);
        GradientNorm = Vectors(1);
        ResidualNorm = Vectors(1);
        First = Vectors(1);
        PolishStep = Vectors(1);
        _r = Vectors(k * k);
        _pivot = Vectors(k);
        _qtf = Vectors(k);
        _columnNorms = Vectors(k);
        _factorNorm = Vectors(1);
        _newR = Vectors(k * k);
        _newPivot = Vectors(k);
        _newQtf = Vectors(k);
        _newColumnNorms = Vectors(k);
        _gram = Vectors(k * k);
        _gradient = Vectors(k);
        _work1 = Vectors(k);
        _work2 = Vectors(k);
        _laneValues = Vectors(2);
        _scalarLane = new ScalarLane(k);
        _scaledPoint = Vectors(k);
        _polishSecants = new PolishSecant[w];
        for (int l = 0; l < w; l++)
            _polishSecants[l] = new PolishSecant(k);
    }

    /// <summary>Opens lane <paramref name="lane"/>'s polish (<see cref="TrustRegion.BeginPolish"/>).</summary>
    public void BeginPolish(int lane) => _polishSecants[lane].Reset();

    /// <summary>Whether lane <paramref name="lane"/>'s polish goes on after its step was taken (<see cref="PolishSecant.GoesOn"/>).</summary>
    public bool PolishGoesOn(int lane) => _polishSecants[lane].GoesOn(PolishStep[lane], PointNorm[lane]);

    /// <summary>
    /// Lane <paramref name="lane"/>'s polish step raised ‖f‖ to <paramref name="trialNorm"/>: shortens it in
    /// <see cref="Trial"/> (<see cref="PolishSecant.TryShorten"/>), or returns false.
    /// </summary>
    public bool TryShortenPolishStep(int lane, double trialNorm)
    {
        int k = _k, w = _w;
        var factor = ScalarLaneOf(lane);
        Span<double> point = stackalloc double[k], trial = stackalloc double[k];
        for (int j = 0; j < k; j++)
        {
            point[j] = Point[j * w + lane];
            trial[j] = Trial[j * w + lane];
        }
        if (!_polishSecants[lane].TryShorten(ResidualNorm[lane], trialNorm, point, trial, factor.R, factor.Pivot, factor.Qtf))
            return false;
        for (int j = 0; j < k; j++)
            Trial[j * w + lane] = trial[j];
        return true;
    }

    /// <summary>Lane <paramref name="lane"/>'s factor at its point (R, pivot, Qᵀf) and its scaling D, in the scalar lane's arrays.</summary>
    private ScalarLane ScalarLaneOf(int lane)
    {
        int k = _k, w = _w;
        var scalar = _scalarLane;
        for (int i = 0; i < k * k; i++)
            scalar.R[i] = _r[i * w + lane];
        for (int j = 0; j < k; j++)
        {
            scalar.Pivot[j] = (int)_pivot[j * w + lane];
            scalar.Qtf[j] = _qtf[j * w + lane];
            scalar.Scale[j] = Scale[j * w + lane];
        }
        return scalar;
    }

    /// <summary>
    /// The factor from <see cref="Current"/> for the lanes of <paramref name="mask"/>. Returns the lanes whose normal
    /// equations are unsafe (κ(R·D⁻¹) &gt; 10⁵, D the column norms); their factor is left as it was.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T Factor(T mask)
    {
        int k = _k;
        double[] gram = _gram, r = _newR, pivot = _newPivot;
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
                LaneArrays.Store(Load(Current, NormalEquationsLayout.Gram(_free[a], _free[b])), gram, a * k + b);
            LaneArrays.Store(Load(Current, NormalEquationsLayout.Gradient(_p, _free[a])), _gradient, a);
        }
        if (_bounded)
            HoldActiveBounds(gram);
        for (int j = 0; j < k; j++)
            LaneArrays.Store(T.Sqrt(Load(gram, j * k + j)), _newColumnNorms, j);

        // Pivoted Cholesky (TallJacobianFactor.Cholesky), each lane with its own pivot.
        for (int j = 0; j < k; j++)
            LaneArrays.Store(T.Create(j), pivot, j);
        // R's strict lower triangle is never written: it stays zero from construction, as the scalar λ iteration needs.
        T unsafeLanes = Zero;
        for (int c = 0; c < k; c++)
        {
            T q = T.Create(c), largest = Load(gram, c * k + c);
            for (int j = c + 1; j < k; j++)
            {
                T diagonal = Load(gram, j * k + j), larger = T.Less(largest, diagonal);
                q = T.Select(larger, T.Create(j), q);
                largest = T.Select(larger, diagonal, largest);
            }
            for (int j = c + 1; j < k; j++)
            {
                T swap = T.Equal(q, T.Create(j));
                if (!T.Any(swap))
                    continue;
                for (int i = 0; i < k; i++)
                    Swap(gram, c * k + i, j * k + i, swap);
                for (int i = 0; i < k; i++)
                    Swap(gram, i * k + c, i * k + j, swap);
                Swap(pivot, c, j, swap);
                for (int i = 0; i < c; i++)
                    Swap(r, c * k + i, j * k + i, swap);
            }
            T d = Load(gram, c * k + c), columnNorm = Gather(_newColumnNorms, Load(pivot, c));
            // A zero column (held on its bound) leaves R's row and column zero, as in the scalar factor.
            T zeroColumn = T.Equal(d, Zero) & T.Equal(columnNorm, Zero);
            unsafeLanes |= T.AndNot(T.AndNot(AllLanes, T.Less(Zero, d)), zeroColumn);
            T rcc = T.Sqrt(d);
            unsafeLanes |= T.Less(rcc * T.Create(MaxCondition), columnNorm);
            LaneArrays.Store(rcc, r, c * k + c);
            for (int j = c + 1; j < k; j++)
                LaneArrays.Store(T.Select(zeroColumn, Zero, Load(gram, j * k + c) / rcc), r, j * k + c);
            for (int i = c + 1; i < k; i++)
            {
                T rci = Load(r, i * k + c);
                for (int j = c + 1; j < k; j++)
                    LaneArrays.Store(Load(gram, j * k + i) - rci * Load(r, j * k + c), gram, j * k + i);
            }
        }
        // Qᵀf = R⁻ᵀ·Pᵀ·Jᵀf (TallJacobianFactor.ProjectGradient).
        for (int j = 0; j < k; j++)
        {
            T sum = Gather(_gradient, Load(pivot, j));
            for (int i = 0; i < j; i++)
                sum -= Load(r, j * k + i) * Load(_newQtf, i);
            T rjj = Load(r, j * k + j);
            LaneArrays.Store(T.Select(T.Equal(rjj, Zero), Zero, sum / rjj), _newQtf, j);
        }

        T take = T.AndNot(mask, unsafeLanes);
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i <= j; i++)
                Set(_r, j * k + i, take, Load(r, j * k + i));
            Set(_pivot, j, take, Load(pivot, j));
            Set(_qtf, j, take, Load(_newQtf, j));
            Set(_columnNorms, j, take, Load(_newColumnNorms, j));
        }
        Set(_factorNorm, 0, take, T.Sqrt(Load(Current, NormalEquationsLayout.ResidualSquares(_p))));
        return mask & unsafeLanes;
    }

    /// <summary>
    /// <see cref="ActiveBounds.HoldInNormalEquations"/>: a parameter on a bound whose gradient points outwards leaves
    /// the normal equations (its row, column and gradient zeroed).
    /// </summary>
    private void HoldActiveBounds(double[] gram)
    {
        int k = _k;
        for (int j = 0; j < k; j++)
        {
            T point = Load(Point, j), gradient = Load(_gradient, j);
            T held = (T.LessOrEqual(point, Load(Lower, j)) & T.Less(Zero, gradient))
                     | (T.LessOrEqual(Load(Upper, j), point) & T.Less(gradient, Zero));
            if (!T.Any(held))
                continue;
            for (int i = 0; i < k; i++)
            {
                Set(gram, j * k + i, held, Zero);
                Set(gram, i * k + j, held, Zero);
            }
            Set(_gradient, j, held, Zero);
        }
    }

    /// <summary>
    /// <see cref="TrustRegion.BeginIteration"/> for the lanes of <paramref name="mask"/>: returns, per lane, the
    /// termination code (<see cref="Code"/>) or 0 to go on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T BeginIteration(T mask)
    {
        int k = _k;
        T fnorm = Load(_factorNorm, 0);
        Set(ResidualNorm, 0, mask, fnorm);
        T exact = mask & T.Equal(fnorm, Zero);
        T lanes = T.AndNot(mask, exact);

        T first = lanes & T.Equal(Load(First, 0), One);
        if (T.Any(first))
        {
            T factor = T.Create(_options.InitialStepBound);
            for (int j = 0; j < k; j++)
            {
                T norm = Load(_columnNorms, j);
                Set(Scale, j, first, T.Select(T.Equal(norm, Zero), One, norm));
                LaneArrays.Store(Load(Scale, j) * Load(Point, j), _scaledPoint, j);
            }
            T pointNorm = Norm(first, _scaledPoint);
            Set(PointNorm, 0, first, pointNorm);
            T radius = factor * pointNorm;
            Set(Radius, 0, first, T.Select(T.Equal(radius, Zero), factor, radius));
        }

        // Scaled gradient: the largest cosine between f and a column of J.
        for (int i = 0; i < k; i++)
            LaneArrays.Store(Load(_qtf, i) / fnorm, _work1, i);
        T gnorm = Zero;
        for (int j = 0; j < k; j++)
        {
            T columnNorm = Gather(_columnNorms, Load(_pivot, j));
            T sum = Zero;
            for (int i = 0; i <= j; i++)
                sum += Load(_r, j * k + i) * Load(_work1, i);
            gnorm = T.Select(T.Equal(columnNorm, Zero), gnorm, Max(gnorm, T.Abs(sum / columnNorm)));
        }
        Set(GradientNorm, 0, lanes, gnorm);
        T gradient = lanes & T.LessOrEqual(gnorm, T.Create(_options.GradientTolerance));
        T goOn = T.AndNot(lanes, gradient);
        for (int j = 0; j < k; j++)
            Set(Scale, j, goOn, Max(Load(Scale, j), Load(_columnNorms, j)));
        return T.Select(exact, Code(FitTermination.ExactSolution), T.Select(gradient, Code(FitTermination.GradientTolerance), Zero));
    }

    /// <summary>
    /// <see cref="TrustRegion.ProposeStep"/> for the lanes of <paramref name="trial"/> and
    /// <see cref="TrustRegion.ProposeGaussNewtonStep"/> for those of <paramref name="polish"/>, which gets back the
    /// lanes with nothing left to polish.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T ProposeSteps(T trial, T polish)
    {
        int k = _k;
        Set(ResidualNorm, 0, polish, Load(_factorNorm, 0));
        T nothingLeft = polish & T.Equal(Load(ResidualNorm, 0), Zero);
        polish = T.AndNot(polish, nothingLeft);
        T lanes = trial | polish;
        T delta = T.Select(polish, Infinity, Load(Radius, 0));
        T par = LevenbergParameter(lanes, delta, T.Select(polish, Zero, Load(Par, 0)));
        Set(Par, 0, trial, par);
        T projected = Zero;
        for (int j = 0; j < k; j++)
        {
            T point = Load(Point, j), t = point - Load(Step, j);
            if (_bounded)
            {
                // Math.Clamp; a NaN stays NaN and counts as cut, as clamped != t says in the scalar step.
                T lower = Load(Lower, j), upper = Load(Upper, j);
                T clamped = T.Select(T.Less(t, lower), lower, T.Select(T.Less(upper, t), upper, t));
                projected |= T.AndNot(AllLanes, T.Equal(clamped, t));
                t = clamped;
            }
            Set(Trial, j, lanes, t);
            Set(Step, j, trial, t - point);
            LaneArrays.Store(Load(Scale, j) * (t - point), _work1, j);
            LaneArrays.Store(Load(Scale, j) * point, _scaledPoint, j);
        }
        if (_bounded)
            Set(_projected, 0, trial, T.Select(projected, One, Zero));
        if (T.Any(polish))
        {
            T step = Norm(polish, _work1), pointNorm = Norm(polish, _scaledPoint);
            Set(PolishStep, 0, polish, step);
            Set(PointNorm, 0, polish, pointNorm);
            nothingLeft |= T.AndNot(polish, T.Less(T.Create(2 * Epsilon) * pointNorm, step));
            CorrectPolishSteps(T.AndNot(polish, nothingLeft));
        }
        return nothingLeft;
    }

    /// <summary>The polish steps of the lanes of <paramref name="mask"/> corrected (<see cref="PolishSecant"/>), lane by lane as the scalar step does.</summary>
    private void CorrectPolishSteps(T mask)
    {
        int k = _k, w = _w;
        double[] lanes = _laneValues;
        LaneArrays.Store(mask, lanes, 0);
        Span<double> scale = stackalloc double[k], point = stackalloc double[k], trial = stackalloc double[k];
        Span<double> lower = _bounded ? stackalloc double[k] : default, upper = _bounded ? stackalloc double[k] : default;
        for (int l = 0; l < w; l++)
        {
            if (lanes[l] == 0)
                continue;
            for (int j = 0; j < k; j++)
            {
                scale[j] = Scale[j * w + l];
                point[j] = Point[j * w + l];
                trial[j] = Trial[j * w + l];
                if (_bounded)
                {
                    lower[j] = Lower[j * w + l];
                    upper[j] = Upper[j * w + l];
                }
            }
            var secant = _polishSecants[l];
            if (!secant.Propose(scale, point, trial, lower, upper))
                continue;
            var factor = ScalarLaneOf(l);
            secant.Vet(factor.R, factor.Pivot, factor.Qtf, trial);
            for (int j = 0; j < k; j++)
                Trial[j * w + l] = trial[j];
        }
    }

    /// <summary>
    /// <see cref="TrustRegion.Judge"/> for the lanes of <paramref name="mask"/>, whose trial points have residual
    /// norms <paramref name="trialNorm"/>: returns whether each lane accepted its trial, and its termination code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (T Accepted, T Termination) Judge(T mask, T trialNorm, T budgetSpent)
    {
        int k = _k;
        for (int j = 0; j < k; j++)
            LaneArrays.Store(Load(Scale, j) * Load(Step, j), _work1, j);
        T pnorm = Norm(mask, _work1);
        T radius = Load(Radius, 0), par = Load(Par, 0);
        radius = T.Select(T.Equal(Load(First, 0), One), Min(radius, pnorm), radius);

        T fnorm = Load(ResidualNorm, 0), fnorm1 = trialNorm;
        T q = fnorm1 / fnorm;
        T actred = T.Select(T.Less(T.Create(0.1) * fnorm1, fnorm), One - q * q, T.Create(-1));

        for (int i = 0; i < k; i++)
            LaneArrays.Store(Zero, _work2, i);
        for (int j = 0; j < k; j++)
        {
            T temp = Gather(Step, Load(_pivot, j));
            for (int i = 0; i <= j; i++)
                LaneArrays.Store(Load(_work2, i) + Load(_r, j * k + i) * temp, _work2, i);
        }
        T temp1 = Norm(mask, _work2) / fnorm;
        T temp2 = T.Sqrt(par) * pnorm / fnorm;
        T prered = temp1 * temp1 + temp2 * temp2 / T.Create(0.5);
        T dirder = -(temp1 * temp1 + temp2 * temp2);
        T projected = _bounded ? mask & T.Equal(Load(_projected, 0), One) : Zero;
        if (T.Any(projected))
        {
            // ‖f‖² − ‖f + Js‖² = −2·qtfᵀv − ‖v‖² with v = R·Pᵀ·s.
            T qv = Zero, vv = Zero;
            for (int i = 0; i < k; i++)
            {
                T v = Load(_work2, i);
                qv += Load(_qtf, i) * v;
                vv += v * v;
            }
            T f2 = fnorm * fnorm;
            prered = T.Select(projected, (T.Create(-2) * qv - vv) / f2, prered);
            dirder = T.Select(projected, qv / f2, dirder);
        }

        T ratio = T.Select(T.Equal(prered, Zero), Zero, actred / prered);
        T low = T.LessOrEqual(ratio, T.Create(0.25));
        T shrink = T.Select(T.LessOrEqual(Zero, actred), T.Create(0.5), T.Create(0.5) * dirder / (dirder + T.Create(0.5) * actred));
        shrink = T.Select(T.LessOrEqual(fnorm, T.Create(0.1) * fnorm1) | T.Less(shrink, T.Create(0.1)), T.Create(0.1), shrink);
        T high = T.AndNot(T.Equal(par, Zero) | T.LessOrEqual(T.Create(0.75), ratio), low);
        radius = T.Select(low, shrink * Min(radius, pnorm / T.Create(0.1)), T.Select(high, pnorm / T.Create(0.5), radius));
        par = T.Select(low, par / shrink, T.Select(high, par * T.Create(0.5), par));
        Set(Radius, 0, mask, radius);
        Set(Par, 0, mask, par);

        T accepted = mask & T.LessOrEqual(T.Create(1e-4), ratio);
        if (T.Any(accepted))
        {
            for (int j = 0; j < k; j++)
            {
                Set(Point, j, accepted, Load(Trial, j));
                LaneArrays.Store(Load(Scale, j) * Load(Point, j), _scaledPoint, j);
            }
            Set(PointNorm, 0, accepted, Norm(accepted, _scaledPoint));
            Set(ResidualNorm, 0, accepted, fnorm1);
            Set(First, 0, accepted, Zero);
        }
        fnorm = T.Select(accepted, fnorm1, fnorm);
        T pointNorm = Load(PointNorm, 0), half = T.Create(0.5) * ratio;
        T ftol = T.Create(_options.FunctionTolerance), eps = T.Create(Epsilon);
        T function = T.LessOrEqual(T.Abs(actred), ftol) & T.LessOrEqual(prered, ftol) & T.LessOrEqual(half, One);
        T parameter = T.LessOrEqual(radius, T.Create(_options.ParameterTolerance) * pointNorm);
        T machine = (T.LessOrEqual(T.Abs(actred), eps) & T.LessOrEqual(prered, eps) & T.LessOrEqual(half, One))
                    | T.LessOrEqual(radius, eps * pointNorm) | T.LessOrEqual(Load(GradientNorm, 0), eps);
        if (_options.PolishSolution && _options.StopAtResolution)
        {
            // TrustRegion.BelowResolution; a lane's factor is always well determined (Factor sends the others away).
            T resolved = T.Create(TrustRegion.ResolvedReduction);
            machine |= T.LessOrEqual(T.Abs(actred), resolved) & T.LessOrEqual(prered, resolved);
        }
        T termination = T.Select(function, Code(FitTermination.FunctionTolerance),
                        T.Select(parameter, Code(FitTermination.ParameterTolerance),
                        T.Select(T.Equal(fnorm, Zero), Code(FitTermination.ExactSolution),
                        T.Select(budgetSpent, Code(FitTermination.MaxFunctionEvaluations),
                        T.Select(machine, Code(FitTermination.MachinePrecision), Zero)))));
        return (accepted, mask & termination);
    }

    /// <summary>The lane code of a termination: its value plus one, so that 0 means none.</summary>
    public static T Code(FitTermination termination) => T.Create((int)termination + 1);

    /// <summary>
    /// ‖v‖ per lane (<see cref="MinpackKernels.Norm"/>): the plain sum of squares, and for the lanes of
    /// <paramref name="mask"/> where it under- or overflowed, the scalar rescaled norm.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Norm(T mask, double[] v)
    {
        T sum = Zero;
        for (int j = 0; j < _k; j++)
        {
            T t = Load(v, j);
            sum += t * t;
        }
        // As MinpackKernels.Norm: a sum of 0 is rescaled too, since its entries may only have squared below the smallest double.
        T plain = (T.Less(T.Create(MinpackKernels.SmallestPlainSquares), sum) & T.Less(sum, T.Create(MinpackKernels.LargestPlainSquares)))
                  | IsNaN(sum);
        T result = T.Sqrt(sum);
        T rescale = T.AndNot(mask, plain);
        return T.Any(rescale) ? Rescaled(v, result, rescale) : result;
    }

    /// <summary><paramref name="result"/> with the lanes of <paramref name="rescale"/> replaced by the scalar rescaled norm.</summary>
    private T Rescaled(double[] v, T result, T rescale)
    {
        double[] lanes = _laneValues;
        LaneArrays.Store(result, lanes, 0);
        LaneArrays.Store(rescale, lanes, 1);
        Span<double> column = stackalloc double[_k];
        for (int l = 0; l < _w; l++)
        {
            if (lanes[_w + l] == 0)
                continue;
            for (int j = 0; j < _k; j++)
                column[j] = v[j * _w + l];
            lanes[l] = MinpackKernels.Norm(column);
        }
        return LaneArrays.Load<T>(lanes, 0);
    }

    /// <summary>v[index] per lane, for indices 0 … k−1 held as doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Gather(double[] v, T index)
    {
        T value = Load(v, 0);
        for (int l = 1; l < _k; l++)
            value = T.Select(T.Equal(index, T.Create(l)), Load(v, l), value);
        return value;
    }

    /// <summary>target[pivot[j]] = source[j] per lane, for the lanes of <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scatter(double[] target, double[] source, T mask)
    {
        for (int j = 0; j < _k; j++)
        {
            T pivot = Load(_pivot, j), value = Load(source, j);
            for (int l = 0; l < _k; l++)
                Set(target, l, mask & T.Equal(pivot, T.Create(l)), value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Load(double[] v, int vector) => LaneArrays.Load<T>(v, vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(double[] v, int vector, T mask, T value) => LaneArrays.Store(T.Select(mask, value, LaneArrays.Load<T>(v, vector)), v, vector);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(double[] v, int a, int b, T mask)
    {
        T x = Load(v, a), y = Load(v, b);
        LaneArrays.Store(T.Select(mask, y, x), v, a);
        LaneArrays.Store(T.Select(mask, x, y), v, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T IsNaN(T a) => T.AndNot(AllLanes, T.Equal(a, a));

    /// <summary>Math.Max lane by lane (NaN wins).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Max(T a, T b) => T.Select(T.Less(a, b) | IsNaN(b), b, a);

    /// <summary>Math.Min lane by lane (NaN wins).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Min(T a, T b) => T.Select(T.Less(b, a) | IsNaN(b), b, a);
}
