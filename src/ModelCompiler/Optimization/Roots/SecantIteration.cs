// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// The secant method (scipy's <c>newton</c> without <c>fprime</c>): Newton's method with f′ replaced by the slope
/// through the last two points; order 1.618, one evaluation per step. Damped like
/// <see cref="NewtonIteration"/> when <see cref="ScalarRootOptions.Damping"/> is on; undamped, a run whose |f|
/// grows three steps running ends as <see cref="RootTermination.Diverged"/>.
/// </summary>
internal static class SecantIteration
{
    private const int MaxHalvings = 30;

    public static ScalarRootResult Run<TEval>(TEval f, double x0, double? secondStart, ScalarRootOptions options)
        where TEval : IScalarEvaluator
    {
        var ci = CultureInfo.InvariantCulture;
        if (!double.IsFinite(x0))
            throw new ArgumentException(string.Create(ci, $"The start x0 must be finite, got {x0}."), nameof(x0));
        // scipy's second point: a relative and absolute nudge of 1e-4 away from zero.
        double x1 = secondStart ?? x0 * (1 + 1e-4) + (x0 >= 0 ? 1e-4 : -1e-4);
        if (!double.IsFinite(x1) || x1 == x0)
            throw new ArgumentException(string.Create(ci, $"The second start x1 must be finite and differ from x0 = {x0:R}, got {x1}."), nameof(x1));
        double f0 = f.Value(x0), f1 = f.Value(x1);
        int evaluations = 2;
        if (!double.IsFinite(f0))
            throw new ArgumentException(string.Create(ci, $"f(x0) = {f0} at x0 = {x0:R}; start where f is finite."), nameof(x0));
        if (!double.IsFinite(f1))
            throw new ArgumentException(secondStart is null
                ? string.Create(ci, $"f(x1) = {f1} at x1 = {x1:R}, the second start chosen as x0·(1 + 1e-4) ± 1e-4 (scipy's rule), " +
                                    $"{x1 - x0:G3} from x0; give x1 nearer x0, where f is finite.")
                : string.Create(ci, $"f(x1) = {f1} at x1 = {x1:R}; start where f is finite."), nameof(x1));
        if (Math.Abs(f0) < Math.Abs(f1))
        {
            (x0, x1) = (x1, x0);
            (f0, f1) = (f1, f0);
        }
        int growing = 0;
        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            if (f1 == 0)
                return Result(x1, f1, RootTermination.ExactRoot, "f is exactly zero at x", iteration - 1);
            if (f1 == f0)
            {
                return Math.Abs(x1 - x0) <= options.Tolerance(x1)
                    ? Result(x1, f1, RootTermination.Converged, "the last two points coincide to the tolerance", iteration - 1)
                    : Result(x1, f1, RootTermination.ZeroDerivative, string.Create(ci,
                        $"f has the same value {f1:R} at x = {x0:R} and {x1:R}: the secant is flat and its step undefined"), iteration - 1);
            }
            double step = f1 * (x1 - x0) / (f1 - f0);
            if (iteration == 1)
                options = options.ForScale(Math.Abs(step));
            double length = Math.Abs(step), tolerance = options.Tolerance(x1);
            double t = 1, xt = x1, ft = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving <= MaxHalvings; halving++)
            {
                xt = x1 - t * step;
                ft = f.Value(xt);
                evaluations++;
                if (double.IsFinite(ft) && (!options.Damping || Math.Abs(ft) < Math.Abs(f1) || length <= tolerance))
                {
                    accepted = true;
                    break;
                }
                if (!options.Damping)
                    break;
                t *= 0.5;
            }
            if (!accepted)
            {
                if (length <= 1e3 * tolerance && double.IsFinite(ft))
                    return Result(x1, f1, RootTermination.RoundingLimit, string.Create(ci,
                        $"the steps stopped reducing |f| at {length:G3}, the rounding level of f"), iteration);
                return options.Damping
                    ? Result(x1, f1, RootTermination.NoProgress, string.Create(ci,
                        $"no step along the secant direction reduced |f| = {Math.Abs(f1):G3} at x = {x1:R}, even halved {MaxHalvings} times"), iteration)
                    : Result(x1, f1, RootTermination.Diverged, string.Create(ci,
                        $"the secant step from x = {x1:R} led to x = {xt:R} where f is {ft}; the iteration diverged"), iteration);
            }
            double previousAbsF = Math.Abs(f1);
            (x0, f0) = (x1, f1);
            (x1, f1) = (xt, ft);
            if (length <= tolerance)
                return Result(x1, f1, RootTermination.Converged, string.Create(ci, $"the last step {length:G3} met the tolerance {tolerance:G3}"), iteration);
            if (!options.Damping)
            {
                growing = Math.Abs(f1) > previousAbsF ? growing + 1 : 0;
                if (growing >= 3)
                    return Result(x1, f1, RootTermination.Diverged, string.Create(ci,
                        $"|f| grew three steps running, to {Math.Abs(f1):G3} at x = {x1:R}: the iteration diverges from this start"), iteration);
            }
        }
        return Result(x1, f1, RootTermination.MaxIterations,
            string.Create(ci, $"the limit of {options.MaxIterations} iterations was reached at x = {x1:R} with f(x) = {f1:R}"),
            options.MaxIterations);

        ScalarRootResult Result(double x, double fx, RootTermination termination, string message, int iterations)
            => new("secant", x, fx, double.NaN, double.NaN, iterations, evaluations, 0, 0, termination, message);
    }
}
