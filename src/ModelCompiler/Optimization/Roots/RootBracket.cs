// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>The checks and the first two evaluations every bracketing method shares, and its result.</summary>
internal static class RootBracket
{
    /// <summary>
    /// Checks [a, b] and evaluates f at both ends. Returns a result when an end is an exact root, otherwise null
    /// with f(a)·f(b) &lt; 0. Throws when the interval is not finite, degenerate, f is NaN at an end, or f has the
    /// same sign at both ends.
    /// </summary>
    public static ScalarRootResult? Start<TEval>(TEval f, double a, double b, string method, out double fa, out double fb)
        where TEval : IScalarEvaluator
    {
        var ci = CultureInfo.InvariantCulture;
        if (!double.IsFinite(a))
            throw new ArgumentException(string.Create(ci, $"The bracket's end a must be finite, got {a}."), nameof(a));
        if (!double.IsFinite(b))
            throw new ArgumentException(string.Create(ci, $"The bracket's end b must be finite, got {b}."), nameof(b));
        if (a == b)
            throw new ArgumentException(string.Create(ci, $"The bracket [{a:R}, {b:R}] is a single point; give two distinct ends."), nameof(b));
        fa = f.Value(a);
        fb = f.Value(b);
        if (double.IsNaN(fa))
            throw new ArgumentException(string.Create(ci, $"f(a) is NaN at a = {a:R}; the bracket's ends must have a sign."), nameof(a));
        if (double.IsNaN(fb))
            throw new ArgumentException(string.Create(ci, $"f(b) is NaN at b = {b:R}; the bracket's ends must have a sign."), nameof(b));
        if (fa == 0)
            return Exact(method, a, 0);
        if (fb == 0)
            return Exact(method, b, 0);
        if ((fa > 0) == (fb > 0))
            throw new ArgumentException(string.Create(ci,
                $"f(a) = {fa:R} and f(b) = {fb:R} have the same sign, so [{Math.Min(a, b):R}, {Math.Max(a, b):R}] does not bracket a root. " +
                $"A bracketing method needs a sign change: widen or move the bracket if the root lies outside it; a root where f " +
                $"touches zero without crossing it (a double root, such as x = 1 of (x − 1)²(x + 2)) has none, and Newton or Halley " +
                $"from a start near it finds it."), nameof(b));
        return null;
    }

    private static ScalarRootResult Exact(string method, double x, int iterations)
        => new(method, x, 0, x, x, iterations, 2, 0, 0, RootTermination.ExactRoot, "f is exactly zero at an end of the bracket");

    /// <summary>The result of a bracketing method that ended with the best point x in [lower, upper].</summary>
    public static ScalarRootResult Finish(string method, double x, double fx, double lower, double upper, int iterations,
                                          int evaluations, bool converged, ScalarRootOptions options, int derivativeEvaluations = 0)
    {
        var ci = CultureInfo.InvariantCulture;
        (double lo, double hi) = lower <= upper ? (lower, upper) : (upper, lower);
        RootTermination termination;
        string message;
        if (fx == 0)
        {
            termination = RootTermination.ExactRoot;
            message = "f is exactly zero at x";
        }
        else if (double.IsNaN(fx))
        {
            termination = RootTermination.NonFiniteValue;
            message = string.Create(ci, $"f is NaN at x = {x:R} inside the bracket; the root lies in [{lo:R}, {hi:R}]");
        }
        else if (converged)
        {
            termination = RootTermination.Converged;
            message = string.Create(ci, $"the bracket's width {hi - lo:G3} met the tolerance {options.Tolerance(x):G3}");
        }
        else
        {
            termination = RootTermination.MaxIterations;
            message = string.Create(ci, $"the limit of {options.MaxIterations} iterations was reached; the root lies in [{lo:R}, {hi:R}]");
        }
        return new ScalarRootResult(method, x, fx, lo, hi, iterations, evaluations, derivativeEvaluations, 0, termination, message);
    }
}
