// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// The objective as the algorithms see it: a function of the free unknowns only, with evaluation counters, the
/// evaluation budget, finite-difference gradients for value-only objectives, the Hessian in the free unknowns'
/// pattern, progress reports and the final result with the fixed unknowns put back.
/// </summary>
internal sealed class ObjectiveEvaluator<TSource> where TSource : struct, IObjectiveSource
{
    private const double SqrtEpsilon = 1.4901161193847656e-8;   // 2⁻²⁶ = √ε, scipy's '2-point' relative step
    private const double CbrtEpsilon = 6.0554544523933395e-6;   // ε^(1/3), scipy's '3-point' relative step

    private readonly TSource _source;
    // The smallest scale of each free unknown's difference step: 1, as scipy's, or a start's magnitude below 1, so that
    // an unknown near 1e-30 is differenced over steps near 1e-35, not 1e-5, which see only f's far walls.
    private readonly double[] _typical;
    private readonly int[]? _free;          // null when no unknown is fixed
    private readonly double[] _full;        // every unknown; fixed ones keep their start values
    private readonly double[]? _fullGradient;
    private readonly double[]? _fullVector;
    private readonly double[] _shifted;
    private readonly IProgress<MinimizationProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private SparsityPattern? _pattern;
    private int[]? _patternMap;             // reduced nonzero k ← full nonzero _patternMap[k]
    private double[]? _fullHessian;
    private double[]? _differenceColumn;
    private int _values, _gradients, _hessians, _products, _nonFinite;

    public ObjectiveEvaluator(TSource source, double[] start, bool[] isFixed, double[]? lower, double[]? upper,
                              int maxEvaluations, FiniteDifferences scheme, double? differenceStep,
                              IProgress<MinimizationProgress>? progress, CancellationToken cancellation)
    {
        _source = source;
        _full = (double[])start.Clone();
        int fixedCount = isFixed.Count(f => f);
        N = start.Length - fixedCount;
        if (fixedCount > 0)
        {
            _free = Enumerable.Range(0, start.Length).Where(i => !isFixed[i]).ToArray();
            _fullGradient = new double[start.Length];
            _fullVector = new double[start.Length];
        }
        Lower = lower is null ? null : Gather(lower);
        Upper = upper is null ? null : Gather(upper);
        Start = Gather(start);
        _typical = Start.Select(s => s != 0 && Math.Abs(s) < 1 ? Math.Abs(s) : 1).ToArray();
        MaxEvaluations = maxEvaluations;
        Scheme = scheme;
        DifferenceStep = differenceStep;
        _shifted = new double[N];
        _progress = progress;
        _cancellation = cancellation;
    }

    /// <summary>The number of free unknowns.</summary>
    public int N { get; }

    /// <summary>The free unknowns' start values.</summary>
    public double[] Start { get; }

    /// <summary>Lower bounds of the free unknowns, or null.</summary>
    public double[]? Lower { get; }

    /// <summary>Upper bounds of the free unknowns, or null.</summary>
    public double[]? Upper { get; }

    public int MaxEvaluations { get; }

    public FiniteDifferences Scheme { get; }

    /// <summary>An absolute difference step, or null for the scheme's relative one.</summary>
    public double? DifferenceStep { get; }

    public bool HasGradient => _source.HasGradient;

    public bool GradientIsUsers => _source.GradientIsUsers;

    public bool HasHessian => _source.HasHessian;

    public bool HasHessianTimes => _source.HasHessianTimes;

    public EvaluationCounts Counts => new(_values, _gradients, _hessians, _products);

    /// <summary>Whether <paramref name="count"/> more values of f fit in the budget.</summary>
    public bool CanEvaluate(int count = 1) => (long)_values + count <= MaxEvaluations;

    /// <summary>The values of f one gradient costs.</summary>
    public int GradientCost => _source.HasGradient ? 1 : Scheme == FiniteDifferences.Central ? 2 * N + 1 : N + 1;

    public double Value(ReadOnlySpan<double> x)
    {
        _values++;
        return Seen(_source.Value(Full(x)));
    }

    /// <summary>Counts a value that is not finite: a failed line search that met them met the edge of f's domain.</summary>
    private double Seen(double value)
    {
        if (!double.IsFinite(value))
            _nonFinite++;
        return value;
    }

    /// <summary>f and ∇f at x: the objective's gradient, or finite differences around the value at x.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        if (!_source.HasGradient)
        {
            double f0 = Value(x);
            if (double.IsFinite(f0))
                DifferenceGradient(x, f0, gradient);
            else
                gradient.Fill(double.NaN);   // the point is rejected anyway: spend no evaluations on it
            return f0;
        }
        _values++;
        _gradients++;
        if (_free is null)
            return Seen(_source.ValueAndGradient(x, gradient));
        double f = Seen(_source.ValueAndGradient(Full(x), _fullGradient));
        for (int k = 0; k < _free.Length; k++)
            gradient[k] = _fullGradient![_free[k]];
        return f;
    }

    /// <summary>∇f at x by the configured differences of f around the known value <paramref name="f0"/> = f(x)
    /// (forward differences step into the box, central ones turn one-sided at a bound).</summary>
    public void DifferenceGradient(ReadOnlySpan<double> x, double f0, Span<double> gradient)
    {
        _gradients++;
        x.CopyTo(_shifted);
        for (int i = 0; i < N; i++)
        {
            double xi = x[i];
            double lo = Lower?[i] ?? double.NegativeInfinity, hi = Upper?[i] ?? double.PositiveInfinity;
            double sign = xi >= 0 ? 1 : -1;
            if (Scheme == FiniteDifferences.Forward)
            {
                double h = Step(xi, SqrtEpsilon * sign * Math.Max(_typical[i], Math.Abs(xi)));
                if (xi + h > hi || xi + h < lo)
                    h = -h;
                _shifted[i] = xi + h;
                double dx = _shifted[i] - xi;
                gradient[i] = (Value(_shifted) - f0) / dx;
            }
            else
            {
                double h = Step(xi, CbrtEpsilon * sign * Math.Max(_typical[i], Math.Abs(xi)));
                bool plusInside = xi + Math.Abs(h) <= hi, minusInside = xi - Math.Abs(h) >= lo;
                if (plusInside && minusInside)
                {
                    _shifted[i] = xi - h;
                    double x1 = _shifted[i];
                    double f1 = Value(_shifted);
                    _shifted[i] = xi + h;
                    double x2 = _shifted[i];
                    double f2 = Value(_shifted);
                    gradient[i] = (f2 - f1) / (x2 - x1);
                }
                else
                {
                    double step = plusInside || xi + Math.Abs(h) - hi < lo - (xi - Math.Abs(h)) ? Math.Abs(h) : -Math.Abs(h);
                    _shifted[i] = xi + step;
                    double f1 = Value(_shifted);
                    _shifted[i] = xi + 2 * step;
                    double dx = _shifted[i] - xi;
                    double f2 = Value(_shifted);
                    gradient[i] = (-3 * f0 + 4 * f1 - f2) / dx;
                }
            }
            _shifted[i] = xi;
        }
    }

    /// <summary>The absolute step when one is set and does not vanish next to x, else the relative one.</summary>
    private double Step(double x, double relative)
        => DifferenceStep is { } h && x + h - x != 0 ? h : relative;

    /// <summary>The central-difference step for free unknown <paramref name="i"/> at <paramref name="x"/>, in its own units (as <see cref="DifferenceGradient"/> takes it).</summary>
    public double CentralStep(int i, double x) => Math.Abs(Step(x, CbrtEpsilon * Math.Max(_typical[i], Math.Abs(x))));

    /// <summary>The Hessian's pattern over the free unknowns (dense when differenced).</summary>
    public SparsityPattern HessianPattern
    {
        get
        {
            if (_pattern is not null)
                return _pattern;
            if (!_source.HasHessian)
                return _pattern = SparsityPattern.Dense(N, N);
            var full = _source.HessianPattern(_full.Length);
            if (full.RowCount != _full.Length || full.ColumnCount != _full.Length)
                throw new InvalidOperationException(
                    $"The objective's Hessian pattern is {full.RowCount}×{full.ColumnCount} for {_full.Length} unknowns.");
            _fullHessian = new double[full.NonzeroCount];
            if (_free is null)
                return _pattern = full;
            var position = new int[_full.Length];
            Array.Fill(position, -1);
            for (int k = 0; k < _free.Length; k++)
                position[_free[k]] = k;
            var entries = new List<(int, int)>();
            var map = new List<int>();
            for (int i = 0; i < _full.Length; i++)
            {
                if (position[i] < 0)
                    continue;
                for (int k = full.RowStarts[i]; k < full.RowStarts[i + 1]; k++)
                {
                    int j = full.ColumnIndices[k];
                    if (position[j] < 0)
                        continue;
                    entries.Add((position[i], position[j]));
                    map.Add(k);
                }
            }
            _patternMap = map.ToArray();
            return _pattern = SparsityPattern.FromEntries(N, N, entries);
        }
    }

    /// <summary>
    /// Writes ∇²f(x) in <see cref="HessianPattern"/>'s order: the objective's, or forward differences of the gradient
    /// (∇f(x + hⱼeⱼ) − ∇f(x))/hⱼ with hⱼ = √ε·max(1, |xⱼ|), symmetrized. <paramref name="gradient"/> is ∇f(x).
    /// </summary>
    public void Hessian(ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, Span<double> values)
    {
        _ = HessianPattern;   // sizes the buffers
        _hessians++;
        if (_source.HasHessian)
        {
            if (_free is null)
            {
                _source.Hessian(x, values);
                return;
            }
            _source.Hessian(Full(x), _fullHessian);
            for (int k = 0; k < _patternMap!.Length; k++)
                values[k] = _fullHessian![_patternMap[k]];
            return;
        }
        var column = _differenceColumn ??= new double[N];
        x.CopyTo(_shifted);
        for (int j = 0; j < N; j++)
        {
            double xj = x[j];
            double h = SqrtEpsilon * (xj >= 0 ? 1 : -1) * Math.Max(1, Math.Abs(xj));
            _shifted[j] = xj + h;
            double dx = _shifted[j] - xj;
            ValueAndGradient(_shifted, column);
            for (int i = 0; i < N; i++)
                values[i * N + j] = (column[i] - gradient[i]) / dx;
            _shifted[j] = xj;
        }
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double mean = 0.5 * (values[i * N + j] + values[j * N + i]);
                values[i * N + j] = mean;
                values[j * N + i] = mean;
            }
        }
    }

    /// <summary>∇²f(x)·v by the objective's Hessian–vector product (requires <see cref="HasHessianTimes"/>).</summary>
    public void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product)
    {
        _products++;
        if (_free is null)
        {
            _source.HessianTimes(x, v, product);
            return;
        }
        Array.Clear(_fullVector!);
        for (int k = 0; k < _free.Length; k++)
            _fullVector![_free[k]] = v[k];
        _source.HessianTimes(Full(x), _fullVector, _fullGradient);
        for (int k = 0; k < _free.Length; k++)
            product[k] = _fullGradient![_free[k]];
    }

    /// <summary>Reports an iteration to the progress handler (copying x only when there is one) and checks for
    /// cancellation.</summary>
    public void Report(int iteration, double value, double gradientNorm, ReadOnlySpan<double> x)
    {
        if (_progress is not null)
            _progress.Report(new MinimizationProgress(iteration, value, gradientNorm, _values, Expand(x)));
        _cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>The result at the free unknowns <paramref name="x"/>, with the fixed ones put back.</summary>
    public MinimizationResult Result(string method, ReadOnlySpan<double> x, double value, ReadOnlySpan<double> gradient,
        double gradientNorm, int iterations, MinimizationTermination termination, string message, double[,]? inverseHessian = null)
    {
        double[]? fullGradient = null;
        if (!gradient.IsEmpty)
        {
            fullGradient = new double[_full.Length];
            if (_free is null)
                gradient.CopyTo(fullGradient);
            else
                for (int k = 0; k < _free.Length; k++)
                    fullGradient[_free[k]] = gradient[k];
        }
        if (termination <= MinimizationTermination.MachinePrecision && !double.IsFinite(value))
        {
            // A tolerance test passed on infinite values (−∞ − −∞ is NaN, and no comparison with NaN fails): f reached −∞.
            termination = MinimizationTermination.NonFiniteValue;
            message = $"f is {(double.IsNaN(value) ? "NaN" : value < 0 ? "-∞" : "+∞")} at the returned point, so no minimum was found there.";
        }
        if (termination == MinimizationTermination.LineSearchFailed && message == Messages.For(termination))
            message = Messages.LineSearchFailed(_source.GradientIsUsers, !_source.HasGradient);
        if (termination == MinimizationTermination.LineSearchFailed && _nonFinite > 0)
            message += $" f was NaN or infinite at {_nonFinite} of the points tried: the line search may have met the edge of f's "
                       + "domain, where f can still fall along it; give bounds that keep the unknowns inside (L-BFGS-B), or write f "
                       + "so that it is finite everywhere.";
        return new MinimizationResult(method, Expand(x), value, fullGradient, gradientNorm, iterations, Counts,
                                      termination, message + RunAway(termination, x, value), inverseHessian);
    }

    /// <summary>
    /// A sentence for a method that did not converge after an unknown grew to 1e20 times its start (or 1e20 from a
    /// start below 1; 1e10 where f fell by 1e10 times its start's size too): f is likely unbounded below, or has its infimum at infinity, and the reason alone (a failed
    /// line search, a spent budget, a stall) would send the user looking for a wrong gradient or bad scaling. Empty
    /// otherwise.
    /// </summary>
    private string RunAway(MinimizationTermination termination, ReadOnlySpan<double> x, double value)
    {
        if (termination is not (MinimizationTermination.MaxIterations or MinimizationTermination.MaxFunctionEvaluations
                                or MinimizationTermination.LineSearchFailed or MinimizationTermination.NonFiniteValue
                                or MinimizationTermination.Stalled))
            return "";
        int farthest = -1;
        // An unknown grown 1e20-fold, or 1e10-fold while f fell by 1e10 times its start's size: BFGS on x + y ran 400
        // iterations to x = −1.5e14, f = −2.9e14, and said only that the iteration limit was reached.
        double growth = StartValue - value >= 1e10 * Math.Max(1, Math.Abs(StartValue)) ? 1e10 : RunAwayGrowth;
        for (int k = 0; k < x.Length; k++)
        {
            double ratio = Math.Abs(x[k]) / Math.Max(1, Math.Abs(Start[k]));
            if (ratio >= growth)
                (farthest, growth) = (k, ratio);
        }
        return farthest < 0 ? "" : Messages.RunAway(FullIndex(farthest), x[farthest], Start[farthest], value);
    }

    private const double RunAwayGrowth = 1e20;

    /// <summary>The index among all unknowns of free unknown <paramref name="free"/>.</summary>
    public int FullIndex(int free) => _free?[free] ?? free;

    /// <summary>Every unknown, from the free ones.</summary>
    public double[] Expand(ReadOnlySpan<double> x)
    {
        var all = (double[])_full.Clone();
        if (_free is null)
            x.CopyTo(all);
        else
            for (int k = 0; k < _free.Length; k++)
                all[_free[k]] = x[k];
        return all;
    }

    /// <summary>The gradient at the start, as a gradient method took it (free unknowns); null before.</summary>
    public double[]? StartGradient { get; private set; }

    /// <summary>f at the start, as a gradient method took it; NaN before.</summary>
    public double StartValue { get; private set; } = double.NaN;

    /// <summary>
    /// Throws the start's <see cref="ArgumentException"/> when f or the gradient is not finite there; keeps the
    /// gradient for <see cref="StationarityAudit"/>.
    /// </summary>
    public void RequireFiniteStart(double value, ReadOnlySpan<double> gradient)
    {
        if (StartGradient is null)
            (StartGradient, StartValue) = (gradient.ToArray(), value);
        if (!double.IsFinite(value))
            throw new ArgumentException($"f is {value} at the start; the objective must be finite there.", "start");
        for (int i = 0; i < gradient.Length; i++)
        {
            if (!double.IsFinite(gradient[i]))
            {
                int index = _free?[i] ?? i;
                throw new ArgumentException(
                    $"The gradient's component {index} is {gradient[i]} at the start; the objective's derivatives must be finite there.", "start");
            }
        }
    }

    private ReadOnlySpan<double> Full(ReadOnlySpan<double> x)
    {
        if (_free is null)
            return x;
        for (int k = 0; k < _free.Length; k++)
            _full[_free[k]] = x[k];
        return _full;
    }

    /// <summary>The free unknowns' entries of <paramref name="all"/> (every unknown's).</summary>
    public double[] Gather(double[] all)
    {
        if (_free is null)
            return (double[])all.Clone();
        var part = new double[_free.Length];
        for (int k = 0; k < _free.Length; k++)
            part[k] = all[_free[k]];
        return part;
    }
}
