// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Optimization;

/// <summary>
/// Checks user-supplied derivatives against finite differences of f (the job of scipy's <c>check_grad</c>), and a
/// Hessian, its sparsity pattern and Hessian–vector products against differences of the gradient.
/// </summary>
/// <remarks>
/// The default differences are central with one Richardson extrapolation, D = (4D(h/2) − D(h))/3 with
/// D(h) = (f(x + heᵢ) − f(x − heᵢ))/(2h) and h = ε^(1/5)·max(1, |xᵢ|): error O(h⁴) plus rounding O(ε|f|/h), about
/// 10 digits on smooth functions, at 4 evaluations per component. Given a step, scipy's check_grad is reproduced:
/// forward differences with that absolute step, and <see cref="GradientCheckResult.Error"/> is its return value.
/// </remarks>
public static class GradientCheck
{
    private const double FifthRootEpsilon = 7.4009597974140505e-4;   // ε^(1/5)
    private const double CbrtEpsilon = 6.0554544523933395e-6;        // ε^(1/3)

    /// <summary>Compares <typeparamref name="TObjective"/>'s gradient at <paramref name="x"/> with finite differences of its values.</summary>
    /// <param name="x">The point.</param>
    /// <param name="step">Null for Richardson-extrapolated central differences; an absolute step for scipy's check_grad
    /// (forward differences, e.g. 1.4901161193847656e-8, its default).</param>
    public static GradientCheckResult Gradient<TObjective>(double[] x, double? step = null) where TObjective : IObjective
        => Gradient(static v => TObjective.Evaluate(v), static (v, g) => TObjective.EvaluateWithGradient(v, g), x, step);

    /// <summary>Compares the gradient of <paramref name="valueAndGradient"/> at <paramref name="x"/> with finite differences of <paramref name="value"/>.</summary>
    /// <param name="value">f.</param>
    /// <param name="valueAndGradient">f with the gradient to check.</param>
    /// <param name="x">The point.</param>
    /// <param name="step">Null for Richardson-extrapolated central differences; an absolute step for scipy's check_grad.</param>
    public static GradientCheckResult Gradient(ObjectiveFunction value, ObjectiveGradientFunction valueAndGradient, double[] x, double? step = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        RequireFinitePoint(x);
        if (step is { } h0 && !(h0 > 0 && double.IsFinite(h0)))
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be finite and > 0.");
        int n = x.Length;
        var analytic = new double[n];
        valueAndGradient(x, analytic);
        double f0 = step is null ? double.NaN : value(x);
        var numeric = new double[n];
        var shifted = (double[])x.Clone();
        for (int i = 0; i < n; i++)
        {
            double xi = x[i];
            if (step is { } h)
            {
                shifted[i] = xi + h;
                double dx = shifted[i] - xi;
                numeric[i] = (value(shifted) - f0) / dx;
            }
            else
            {
                double h1 = FifthRootEpsilon * Math.Max(1, Math.Abs(xi));
                double d1 = Central(value, shifted, i, h1);
                double d2 = Central(value, shifted, i, h1 / 2);
                numeric[i] = (4 * d2 - d1) / 3;
            }
            shifted[i] = xi;
        }
        return new GradientCheckResult(analytic, numeric);
    }

    /// <summary>
    /// Compares <typeparamref name="TObjective"/>'s Hessian at <paramref name="x"/> with central differences of its
    /// gradient (step ε^(1/3)·max(1, |xⱼ|)), entries outside the Hessian pattern included, and its Hessian–vector
    /// product with the Hessian times a fixed pseudo-random vector.
    /// </summary>
    public static HessianCheckResult Hessian<TObjective>(double[] x) where TObjective : IObjective
    {
        RequireFinitePoint(x);
        var pattern = TObjective.HessianPattern(x.Length);
        var values = new double[pattern.NonzeroCount];
        TObjective.Hessian(x, values);
        return Hessian((v, g) => TObjective.EvaluateWithGradient(v, g), pattern, values,
                       (v, u, p) => TObjective.HessianTimes(v, u, p), x);
    }

    /// <summary>Checks a delegate objective's Hessian (and Hessian–vector product, when given) as
    /// <see cref="Hessian{TObjective}(double[])"/> does.</summary>
    public static HessianCheckResult Hessian(DelegateObjective objective, double[] x)
    {
        ArgumentNullException.ThrowIfNull(objective);
        RequireFinitePoint(x);
        if (objective.ValueAndGradient is null)
            throw new ArgumentException("The objective has no gradient to difference.", nameof(objective));
        if (objective.Hessian is null && objective.HessianTimes is null)
            throw new ArgumentException("The objective has neither a Hessian nor a Hessian–vector product to check.", nameof(objective));
        var pattern = objective.HessianPattern ?? SparsityPattern.Dense(x.Length, x.Length);
        double[]? values = null;
        if (objective.Hessian is { } hessian)
        {
            values = new double[pattern.NonzeroCount];
            hessian(x, values);
        }
        return Hessian(objective.ValueAndGradient, pattern, values, objective.HessianTimes, x);
    }

    private static HessianCheckResult Hessian(ObjectiveGradientFunction gradient, SparsityPattern pattern, double[]? values,
                                              HessianVectorFunction? times, double[] x)
    {
        int n = x.Length;
        var numeric = new double[n, n];
        var shifted = (double[])x.Clone();
        var plus = new double[n];
        var minus = new double[n];
        for (int j = 0; j < n; j++)
        {
            double xj = x[j];
            double h = CbrtEpsilon * Math.Max(1, Math.Abs(xj));
            shifted[j] = xj + h;
            double x2 = shifted[j];
            gradient(shifted, plus);
            shifted[j] = xj - h;
            double x1 = shifted[j];
            gradient(shifted, minus);
            shifted[j] = xj;
            for (int i = 0; i < n; i++)
                numeric[i, j] = (plus[i] - minus[i]) / (x2 - x1);
        }
        double[,]? analytic = null;
        if (values is not null)
        {
            analytic = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                    analytic[i, pattern.ColumnIndices[k]] = values[k];
        }
        double[]? product = null, expected = null;
        if (times is not null)
        {
            var v = new double[n];
            ulong state = 0x9E3779B97F4A7C15UL;
            for (int i = 0; i < n; i++)
            {
                state = state * 6364136223846793005UL + 1442695040888963407UL;
                v[i] = (state >> 11) * (1.0 / (1UL << 53)) * 2 - 1;
            }
            product = new double[n];
            times(x, v, product);
            expected = new double[n];
            var reference = analytic ?? numeric;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    expected[i] += reference[i, j] * v[j];
        }
        return new HessianCheckResult(analytic, numeric, pattern, product, expected);
    }

    private static double Central(ObjectiveFunction f, double[] shifted, int i, double h)
    {
        double xi = shifted[i];
        shifted[i] = xi + h;
        double x2 = shifted[i];
        double f2 = f(shifted);
        shifted[i] = xi - h;
        double x1 = shifted[i];
        double f1 = f(shifted);
        shifted[i] = xi;
        return (f2 - f1) / (x2 - x1);
    }

    private static void RequireFinitePoint(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
            throw new ArgumentException("x is empty.", nameof(x));
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"x[{i}] is {x[i]}; the point must be finite.", nameof(x));
    }

    internal static double RelativeError(double analytic, double numeric)
        => Math.Abs(analytic - numeric) / Math.Max(1, Math.Max(Math.Abs(analytic), Math.Abs(numeric)));
}

/// <summary>A gradient next to its finite-difference estimate.</summary>
public sealed class GradientCheckResult
{
    private readonly double[] _analytic;
    private readonly double[] _numeric;

    internal GradientCheckResult(double[] analytic, double[] numeric)
    {
        _analytic = analytic;
        _numeric = numeric;
        double sum = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            double d = analytic[i] - numeric[i];
            sum += d * d;
            double relative = GradientCheck.RelativeError(analytic[i], numeric[i]);
            if (!(relative <= MaxRelativeError))
            {
                MaxRelativeError = relative;
                WorstIndex = i;
            }
        }
        Error = Math.Sqrt(sum);
    }

    /// <summary>The gradient as given. A copy.</summary>
    public double[] Analytic => (double[])_analytic.Clone();

    /// <summary>The finite-difference gradient. A copy.</summary>
    public double[] Numeric => (double[])_numeric.Clone();

    /// <summary>‖analytic − numeric‖₂ (scipy's check_grad value when a step was given).</summary>
    public double Error { get; }

    /// <summary>The largest |analytic − numeric|/max(1, |analytic|, |numeric|) over the components.</summary>
    public double MaxRelativeError { get; }

    /// <summary>The component with the largest relative error.</summary>
    public int WorstIndex { get; }

    /// <summary>Whether every component agrees to <paramref name="tolerance"/> in the relative measure.</summary>
    public bool IsConsistent(double tolerance = 1e-6) => MaxRelativeError <= tolerance;

    /// <summary>The error, the worst component and a table of both gradients.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"Gradient check: error {Error:G3}, largest relative error {MaxRelativeError:G3} at component {WorstIndex}\n");
        for (int i = 0; i < _analytic.Length; i++)
            sb.Append(ci, $"{i,4}  {_analytic[i],24:R}  {_numeric[i],24:R}\n");
        return sb.ToString();
    }
}

/// <summary>A Hessian (and a Hessian–vector product) next to central differences of the gradient.</summary>
public sealed class HessianCheckResult
{
    internal HessianCheckResult(double[,]? analytic, double[,] numeric, SparsityPattern pattern, double[]? product, double[]? expected)
    {
        int n = numeric.GetLength(0);
        double scale = 0;
        foreach (double v in numeric)
            scale = Math.Max(scale, Math.Abs(v));
        MaxRelativeError = double.NaN;
        if (analytic is not null)
        {
            MaxRelativeError = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    MaxRelativeError = Math.Max(MaxRelativeError, GradientCheck.RelativeError(analytic[i, j], numeric[i, j]));
        }
        // An entry outside the pattern is reported when its difference quotient is above the differences' noise.
        var missing = new List<(int, int)>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (pattern.IndexOf(i, j) < 0 && Math.Abs(numeric[i, j]) > 1e-6 * Math.Max(1, scale))
                    missing.Add((i, j));
        EntriesOutsidePattern = missing;
        ProductRelativeError = double.NaN;
        if (product is not null && expected is not null)
        {
            ProductRelativeError = 0;
            for (int i = 0; i < n; i++)
                ProductRelativeError = Math.Max(ProductRelativeError, GradientCheck.RelativeError(product[i], expected[i]));
        }
    }

    /// <summary>The largest relative error of a Hessian entry against the differences; NaN without a Hessian.</summary>
    public double MaxRelativeError { get; }

    /// <summary>Positions (row, column) the pattern omits where the differences are clearly nonzero.</summary>
    public IReadOnlyList<(int Row, int Column)> EntriesOutsidePattern { get; }

    /// <summary>The largest relative error of the Hessian–vector product against the Hessian (or the differences)
    /// times the same vector; NaN without a product.</summary>
    public double ProductRelativeError { get; }

    /// <summary>Whether the Hessian, its pattern and the product all agree to <paramref name="tolerance"/>.</summary>
    public bool IsConsistent(double tolerance = 1e-5)
        => !(MaxRelativeError > tolerance) && EntriesOutsidePattern.Count == 0 && !(ProductRelativeError > tolerance);

    /// <summary>The three findings in a sentence.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture,
            $"Hessian check: largest relative error {MaxRelativeError:G3}, {EntriesOutsidePattern.Count} entries outside the pattern, product error {ProductRelativeError:G3}");
}
