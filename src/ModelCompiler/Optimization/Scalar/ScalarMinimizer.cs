// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Minimization of a function of one unknown, scipy's <c>minimize_scalar</c> menu: Brent's method inside an
/// interval (<c>fminbound</c>, method 'bounded'), Brent's method and golden-section search from a bracket
/// (<c>brent</c>, <c>golden</c>), and the downhill search for a bracket (<c>bracket</c>). The function is a
/// generated <see cref="IScalarFunction"/> (a type parameter: specialized by the JIT, nothing allocated per
/// evaluation) or a delegate. With default options every method reproduces scipy 1.10's iterates and counts, except that
/// <c>Bounded</c> takes fminbound's relative tolerance √ε·|x| of the interval's width where that is smaller (on
/// [1.7e9, 1.7e9 + 10] it exceeds the interval, and fminbound returns its first point).
/// </summary>
/// <remarks>
/// The methods find a local minimum. f may be +∞ or NaN at some points: such a point never becomes the best (NaN
/// ranks as +∞). Bad input (non-finite or reversed ends, a triple that is not a bracket, invalid options) throws
/// <see cref="ArgumentException"/>; not converging is a <see cref="ScalarMinimizationTermination"/>.
/// </remarks>
public static class ScalarMinimizer
{
    /// <summary>Minimizes f on [<paramref name="lower"/>, <paramref name="upper"/>] (scipy's <c>fminbound</c>).</summary>
    public static ScalarMinimizationResult Bounded<TFunction>(double lower, double upper, ScalarMinimizationOptions? options = null)
        where TFunction : IScalarFunction
        => Bounded(new GeneratedScalar<TFunction>(), lower, upper, options);

    /// <summary>Minimizes <paramref name="f"/> on [<paramref name="lower"/>, <paramref name="upper"/>] (scipy's <c>fminbound</c>).</summary>
    public static ScalarMinimizationResult Bounded(Func<double, double> f, double lower, double upper, ScalarMinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Bounded(new DelegateScalar(f), lower, upper, options);
    }

    /// <summary>Brent's method from a bracket searched downhill from 0 and 1 (scipy's <c>brent(f)</c>).</summary>
    public static ScalarMinimizationResult Brent<TFunction>(ScalarMinimizationOptions? options = null) where TFunction : IScalarFunction
        => Brent<TFunction>(0, 1, options);

    /// <summary>Brent's method from a bracket searched downhill from <paramref name="a"/> and <paramref name="b"/> (scipy's <c>brent(f, brack=(a, b))</c>).</summary>
    public static ScalarMinimizationResult Brent<TFunction>(double a, double b, ScalarMinimizationOptions? options = null)
        where TFunction : IScalarFunction
        => FromSearch(new GeneratedScalar<TFunction>(), a, b, options, Method.Brent);

    /// <summary>
    /// Brent's method from the bracket <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>: b strictly
    /// between a and c with f(b) below f(a) and f(c) (scipy's <c>brent(f, brack=(a, b, c))</c>).
    /// </summary>
    public static ScalarMinimizationResult Brent<TFunction>(double a, double b, double c, ScalarMinimizationOptions? options = null)
        where TFunction : IScalarFunction
        => FromTriple(new GeneratedScalar<TFunction>(), a, b, c, options, Method.Brent);

    /// <summary>Brent's method from a bracket searched downhill from 0 and 1 (scipy's <c>brent(f)</c>).</summary>
    public static ScalarMinimizationResult Brent(Func<double, double> f, ScalarMinimizationOptions? options = null)
        => Brent(f, 0, 1, options);

    /// <summary>Brent's method from a bracket searched downhill from <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static ScalarMinimizationResult Brent(Func<double, double> f, double a, double b, ScalarMinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return FromSearch(new DelegateScalar(f), a, b, options, Method.Brent);
    }

    /// <summary>Brent's method from the bracket <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>.</summary>
    public static ScalarMinimizationResult Brent(Func<double, double> f, double a, double b, double c, ScalarMinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return FromTriple(new DelegateScalar(f), a, b, c, options, Method.Brent);
    }

    /// <summary>Golden-section search from a bracket searched downhill from 0 and 1 (scipy's <c>golden(f)</c>).</summary>
    public static ScalarMinimizationResult Golden<TFunction>(ScalarMinimizationOptions? options = null) where TFunction : IScalarFunction
        => Golden<TFunction>(0, 1, options);

    /// <summary>Golden-section search from a bracket searched downhill from <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static ScalarMinimizationResult Golden<TFunction>(double a, double b, ScalarMinimizationOptions? options = null)
        where TFunction : IScalarFunction
        => FromSearch(new GeneratedScalar<TFunction>(), a, b, options, Method.Golden);

    /// <summary>Golden-section search from the bracket <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>.</summary>
    public static ScalarMinimizationResult Golden<TFunction>(double a, double b, double c, ScalarMinimizationOptions? options = null)
        where TFunction : IScalarFunction
        => FromTriple(new GeneratedScalar<TFunction>(), a, b, c, options, Method.Golden);

    /// <summary>Golden-section search from a bracket searched downhill from 0 and 1 (scipy's <c>golden(f)</c>).</summary>
    public static ScalarMinimizationResult Golden(Func<double, double> f, ScalarMinimizationOptions? options = null)
        => Golden(f, 0, 1, options);

    /// <summary>Golden-section search from a bracket searched downhill from <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static ScalarMinimizationResult Golden(Func<double, double> f, double a, double b, ScalarMinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return FromSearch(new DelegateScalar(f), a, b, options, Method.Golden);
    }

    /// <summary>Golden-section search from the bracket <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>.</summary>
    public static ScalarMinimizationResult Golden(Func<double, double> f, double a, double b, double c, ScalarMinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return FromTriple(new DelegateScalar(f), a, b, c, options, Method.Golden);
    }

    /// <summary>
    /// Searches downhill from <paramref name="a"/> and <paramref name="b"/> for three points bracketing a minimum
    /// (scipy's <c>bracket</c>). When the search fails, <see cref="MinimumBracket.IsBracket"/> is false.
    /// </summary>
    public static MinimumBracket Bracket<TFunction>(double a = 0, double b = 1, ScalarMinimizationOptions? options = null)
        where TFunction : IScalarFunction
        => Bracket(new GeneratedScalar<TFunction>(), a, b, options);

    /// <summary>Searches downhill from <paramref name="a"/> and <paramref name="b"/> for three points bracketing a minimum.</summary>
    public static MinimumBracket Bracket(Func<double, double> f, double a = 0, double b = 1, ScalarMinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Bracket(new DelegateScalar(f), a, b, options);
    }

    private enum Method
    {
        Brent,
        Golden,
    }

    private static ScalarMinimizationResult Bounded<TEval>(TEval f, double lower, double upper, ScalarMinimizationOptions? options)
        where TEval : IScalarEvaluator
    {
        options ??= ScalarMinimizationOptions.Default;
        options.Validate();
        RequireFinite(lower, nameof(lower));
        RequireFinite(upper, nameof(upper));
        if (lower > upper)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The lower bound {lower:R} exceeds the upper bound {upper:R}."), nameof(lower));
        // scipy's xatol = 1e-5 unless the interval is narrower than 1: then 1e-5 of its width, since an interval in small
        // units ([0, 1e-29]) lies within 1e-5 whole and its first golden-section point would be reported converged.
        double absolute = options.AbsoluteTolerance ?? Math.Min(1e-5, 1e-5 * (upper - lower));
        return BoundedMinimization.Run(f, lower, upper, options.RelativeTolerance ?? Math.Sqrt(2.2e-16), absolute,
                                       options.MaxIterations ?? 500);
    }

    private static MinimumBracket Bracket<TEval>(TEval f, double a, double b, ScalarMinimizationOptions? options)
        where TEval : IScalarEvaluator
    {
        options ??= ScalarMinimizationOptions.Default;
        options.Validate();
        RequireStart(a, b);
        return BracketSearch.Run(f, a, b, options.BracketGrowLimit, options.BracketMaxIterations);
    }

    private static ScalarMinimizationResult FromSearch<TEval>(TEval f, double a, double b, ScalarMinimizationOptions? options, Method method)
        where TEval : IScalarEvaluator
    {
        options ??= ScalarMinimizationOptions.Default;
        options.Validate();
        RequireStart(a, b);
        var bracket = BracketSearch.Run(f, a, b, options.BracketGrowLimit, options.BracketMaxIterations);
        if (!bracket.IsBracket)
            return NoBracket(bracket, method);
        return Run(f, bracket, Math.Abs(b - a), options, method);
    }

    private static ScalarMinimizationResult FromTriple<TEval>(TEval f, double a, double b, double c, ScalarMinimizationOptions? options, Method method)
        where TEval : IScalarEvaluator
    {
        options ??= ScalarMinimizationOptions.Default;
        options.Validate();
        RequireFinite(a, nameof(a));
        RequireFinite(b, nameof(b));
        RequireFinite(c, nameof(c));
        if (a > c)
            (a, c) = (c, a);
        if (!(a < b && b < c))
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"b = {b:R} must lie strictly between a and c ({a:R}, {c:R}) to bracket a minimum."), nameof(b));
        double fa = f.Value(a), fb = f.Value(b), fc = f.Value(c);
        if (!(fb < fa && fb < fc))
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"f(b) = {fb:R} must be below f(a) = {fa:R} and f(c) = {fc:R} for (a, b, c) = ({a:R}, {b:R}, {c:R}) to bracket a minimum."),
                nameof(b));
        return Run(f, new MinimumBracket(a, b, c, fa, fb, fc, 3, 0), c - a, options, method);
    }

    /// <summary>
    /// Brent's or golden-section search in <paramref name="bracket"/>, found from or given as a start of width
    /// <paramref name="width"/>. scipy's absolute floor of 1e-11 assumes a start of width about 1; a narrower one is in
    /// smaller units, and the floor shrinks with it: from (0, 1e-11), (x − 3e-12)² ended at once at x = 0.
    /// </summary>
    private static ScalarMinimizationResult Run<TEval>(TEval f, MinimumBracket bracket, double width, ScalarMinimizationOptions options,
                                                       Method method)
        where TEval : IScalarEvaluator
    {
        double absolute = options.AbsoluteTolerance ?? 1e-11 * Math.Min(1, width);
        return method == Method.Brent
            ? BrentMinimization.Run(f, bracket, options.RelativeTolerance ?? 1.48e-8, absolute, options.MaxIterations ?? 500)
            : GoldenSectionSearch.Run(f, bracket, options.RelativeTolerance ?? 1.4901161193847656e-8, absolute, options.MaxIterations ?? 5000);
    }

    private static ScalarMinimizationResult NoBracket(MinimumBracket bracket, Method method)
    {
        // The best of the three points the search ended with.
        (double x, double fx) = (bracket.B, bracket.FB);
        if (BrentMinimization.Sanitize(bracket.FA) < BrentMinimization.Sanitize(fx))
            (x, fx) = (bracket.A, bracket.FA);
        if (BrentMinimization.Sanitize(bracket.FC) < BrentMinimization.Sanitize(fx))
            (x, fx) = (bracket.C, bracket.FC);
        bool anyValue = BrentMinimization.Sanitize(fx) < double.PositiveInfinity;
        double? notANumberAt = double.IsNaN(bracket.FA) ? bracket.A : double.IsNaN(bracket.FB) ? bracket.B : double.IsNaN(bracket.FC) ? bracket.C : null;
        string message = anyValue && notANumberAt is { } nan
            ? string.Create(CultureInfo.InvariantCulture,
                $"no bracket found in {bracket.Iterations} downhill expansions: f is NaN at x = {nan:R}, where the search stepped out of f's domain; give a bracket inside it")
            : anyValue
            ? string.Create(CultureInfo.InvariantCulture,
                $"no bracket found in {bracket.Iterations} downhill expansions; the search ended at ({bracket.A:R}, {bracket.B:R}, {bracket.C:R}) where f is flat or still decreasing (or x overflowed): f may have no minimum in that direction; give a bracket or a better start")
            : "f was not finite at the points of the bracket search";
        return new ScalarMinimizationResult(method == Method.Brent ? "brent" : "golden", x, fx, double.NaN, double.NaN, 0,
            bracket.FunctionEvaluations,
            anyValue ? ScalarMinimizationTermination.BracketNotFound : ScalarMinimizationTermination.NonFiniteValue, message);
    }

    /// <summary>
    /// The result of a search that ended with [a, b] around x; <paramref name="nanAtEnd"/> when f was NaN at an end of
    /// it, so that x is the best point at the edge of f's domain, not a minimum inside it.
    /// </summary>
    internal static ScalarMinimizationResult Finish(string method, double x, double fx, double a, double b, int iterations,
                                                    int evaluations, bool converged, int limit, string limitName, bool nanAtEnd = false)
    {
        ScalarMinimizationTermination termination;
        string message;
        if (!(fx < double.PositiveInfinity))
        {
            termination = ScalarMinimizationTermination.NonFiniteValue;
            message = "f was not finite at any point tried";
        }
        else if (converged)
        {
            termination = ScalarMinimizationTermination.Converged;
            message = string.Create(CultureInfo.InvariantCulture, $"the interval [{a:R}, {b:R}] around x met the tolerance");
            if (nanAtEnd)
                message += "; f is NaN at an end of that interval, so x is at the edge of f's domain, where f may go on falling";
        }
        else
        {
            termination = ScalarMinimizationTermination.MaxIterations;
            message = string.Create(CultureInfo.InvariantCulture,
                $"the limit of {limit} {limitName} was reached with the minimum within [{a:R}, {b:R}]");
        }
        return new ScalarMinimizationResult(method, x, fx, a, b, iterations, evaluations, termination, message);
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be finite, got {value}."), name);
    }

    private static void RequireStart(double a, double b)
    {
        RequireFinite(a, nameof(a));
        RequireFinite(b, nameof(b));
        if (a == b)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The bracket search needs two distinct starting points; a = b = {a:R}."), nameof(b));
    }
}
