// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The range of the data that sets the scale of the candidate values: x over all variables, and the resolution of x
/// (the median gap between neighbouring distinct x values), below which the data cannot tell a width or a rate.
/// </summary>
internal readonly record struct DataScales(double XMin, double XMax, double XGap)
{
    /// <summary>The width of the x range; 1 when all x are equal (a scale must not be 0).</summary>
    public double XSpan => XMax > XMin ? XMax - XMin : Math.Max(1, Math.Abs(XMax));

    /// <summary>The smallest width worth trying: 1 % of the range, or half the resolution of x when that is larger.</summary>
    public double MinimumWidth => Math.Max(0.01 * XSpan, 0.5 * XGap);

    /// <summary>The largest rate worth trying: 100 per range, or 2 per resolution step when that is smaller.</summary>
    public double MaximumRate => XGap > 0 ? Math.Min(100 / XSpan, 2 / XGap) : 100 / XSpan;

    public static DataScales Of(double[] x, int n, int variables)
    {
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        foreach (double value in x)
        {
            if (!double.IsFinite(value))
                continue;   // reported by the validation that follows
            xMin = Math.Min(xMin, value);
            xMax = Math.Max(xMax, value);
        }
        return new DataScales(double.IsFinite(xMin) ? xMin : 0, double.IsFinite(xMax) ? xMax : 1, MedianGap(x, variables, n));
    }

    /// <summary>The median gap between neighbouring distinct values of each variable (of at most 4096 evenly spaced points), the smallest over the variables.</summary>
    private static double MedianGap(double[] x, int variables, int n)
    {
        if (n < 2 || x.Length != n * variables)
            return 0;
        int m = Math.Min(n, 4096);
        double gap = double.PositiveInfinity;
        var values = new double[m];
        for (int v = 0; v < variables; v++)
        {
            for (int k = 0; k < m; k++)
                values[k] = x[v * n + (int)((long)k * n / m)];
            Array.Sort(values);
            var gaps = new List<double>(m);
            for (int k = 1; k < m; k++)
                if (values[k] > values[k - 1] && double.IsFinite(values[k] - values[k - 1]))
                    gaps.Add(values[k] - values[k - 1]);
            if (gaps.Count == 0)
                continue;
            gaps.Sort();
            gap = Math.Min(gap, gaps[gaps.Count / 2]);
        }
        return double.IsFinite(gap) ? gap : 0;
    }
}

/// <summary>
/// The candidate values of the parameters that enter nonlinearly. Each such parameter takes, along one coordinate u of
/// Roberts' R2 low-discrepancy sequence (the generalized golden ratio), a value from a mixture of the roles a nonlinear
/// parameter usually plays, scaled by the data: with x spanning [x₀, x₁] and s = x₁ − x₀,
/// u ∈ [0, 0.35): a location, uniform on [x₀ − 0.05s, x₁ + 0.05s];
/// [0.35, 0.6): a width, log-uniform on [w₀, 3.2s] with w₀ the larger of 0.01s and half the median gap between
/// neighbouring x (narrower widths fall between the points);
/// [0.6, 0.8): a rate, log-uniform on [0.1/s, r₁] with r₁ the smaller of 100/s and 2 per median gap;
/// [0.8, 0.9): a negative rate, −[0.1/s, 10/s] log-uniformly;
/// [0.9, 1): a plain number (an exponent), log-uniform on [0.1, 10].
/// A parameter with two finite bounds is drawn within them instead (log-uniformly when both are positive and a
/// hundredfold apart); one bound reflects the values that fall outside it.
/// </summary>
internal sealed class CandidateSampler(DataScales scales, FitSetup setup, int parameterCount)
{
    /// <summary>The base point first, then 128·2^min(d, 5) points of the design over the d nonlinear parameters.</summary>
    public IEnumerable<double[]> Candidates(double[] basePoint, int[] nonlinear)
    {
        yield return (double[])basePoint.Clone();
        int d = nonlinear.Length;
        if (d == 0)
            yield break;
        int count = 128 << Math.Min(d, 5);
        double[] alpha = R2Steps(d);
        for (int k = 1; k <= count; k++)
        {
            var candidate = (double[])basePoint.Clone();
            for (int c = 0; c < d; c++)
            {
                double u = 0.5 + k * alpha[c];
                u -= Math.Floor(u);
                int j = nonlinear[c];
                candidate[j] = Map(u, Bound(setup.LowerBounds, j, double.NegativeInfinity), Bound(setup.UpperBounds, j, double.PositiveInfinity));
            }
            yield return candidate;
        }
    }

    private double Bound(double[]? bounds, int j, double none) => bounds is not null && j < bounds.Length && j < parameterCount ? bounds[j] : none;

    internal double Map(double u, double lower, double upper)
    {
        if (double.IsFinite(lower) && double.IsFinite(upper))
        {
            if (lower > 0 && upper / lower > 100)
                return Math.Min(upper, lower * Math.Pow(upper / lower, u));
            return Math.Min(upper, lower + u * (upper - lower));
        }
        double value = Role(u);
        if (value < lower)
            value = 2 * lower - value;
        if (value > upper)
            value = 2 * upper - value;
        return InitialGuess.Inside(value, lower, upper);
    }

    private double Role(double u)
    {
        double s = scales.XSpan;
        if (u < 0.35)
            return scales.XMin - 0.05 * s + 1.1 * s * (u / 0.35);
        if (u < 0.6)
            return LogUniform((u - 0.35) / 0.25, Math.Min(scales.MinimumWidth, 3.2 * s), 3.2 * s);
        if (u < 0.8)
            return LogUniform((u - 0.6) / 0.2, 0.1 / s, Math.Max(scales.MaximumRate, 0.1 / s));
        if (u < 0.9)
            return -Math.Pow(10, -1 + 2 * (u - 0.8) / 0.1) / s;
        return Math.Pow(10, -1 + 2 * (u - 0.9) / 0.1);
    }

    private static double LogUniform(double t, double from, double to) => from * Math.Pow(to / from, t);

    /// <summary>(1/φ_d)^(c+1) for c &lt; d, with φ_d the positive root of φ^(d+1) = φ + 1 (Roberts 2018).</summary>
    private static double[] R2Steps(int d)
    {
        double phi = 2;
        for (int i = 0; i < 64; i++)
            phi -= (Math.Pow(phi, d + 1) - phi - 1) / ((d + 1) * Math.Pow(phi, d) - 1);
        var alpha = new double[d];
        for (int c = 0; c < d; c++)
            alpha[c] = Math.Pow(1 / phi, c + 1);
        return alpha;
    }
}

/// <summary>
/// For a candidate of the nonlinear parameters, the linear ones by weighted linear least squares (then clipped to their
/// bounds): the model is affine in them, f(p) = f(p with them at 0) + Σⱼ pⱼ·∂f/∂pⱼ. Writes them into the candidate and
/// returns its residual sum of squares, +∞ where the model is not finite.
/// </summary>
internal sealed class LinearProjection<TModel>(LeastSquaresProblem problem, int[] linear, FitSetup setup) where TModel : IModel
{
    private readonly double[] _values = new double[problem.PointCount];
    private readonly double[] _jacobian = new double[problem.PointCount * TModel.ParameterCount];
    private readonly double[] _offset = new double[problem.PointCount];
    private readonly double[] _design = new double[problem.PointCount * linear.Length];

    public double Solve(double[] candidate)
    {
        int n = problem.PointCount, l = linear.Length;
        if (!AffineParameters.WeightedDesign<TModel>(problem, candidate, linear, _values, _jacobian, _offset, _design))
            return double.PositiveInfinity;
        if (l > 0)
        {
            double[] solution = LinearLeastSquares.Solve(n, l, (double[])_design.Clone(), _offset);
            for (int c = 0; c < l; c++)
            {
                int j = linear[c];
                double lower = setup.LowerBounds?[j] ?? double.NegativeInfinity, upper = setup.UpperBounds?[j] ?? double.PositiveInfinity;
                candidate[j] = double.IsFinite(solution[c]) ? Math.Clamp(solution[c], lower, upper) : InitialGuess.Inside(0, lower, upper);
            }
        }
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = _offset[i];
            for (int c = 0; c < l; c++)
                r += candidate[linear[c]] * _design[c * n + i];
            rss += r * r;
        }
        return rss;
    }
}
