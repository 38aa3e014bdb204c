// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Newton's method (x ← x − f/f′) and Halley's (x ← x − (f/f′)/(1 − f·f″/(2f′²)), cubic on simple roots), as
/// scipy's <c>newton</c> with <c>fprime</c> (and <c>fprime2</c>), made safe:
/// <list type="bullet">
/// <item>Damping (<see cref="ScalarRootOptions.Damping"/>): a step that does not reduce |f| is halved, up to 30
/// times; undamped, a run whose |f| grows three steps running, or whose iterate overflows, ends as
/// <see cref="RootTermination.Diverged"/>.</item>
/// <item>Multiple roots: at a root of multiplicity m Newton converges only linearly, the step shrinking by
/// (m − 1)/m; when two successive step ratios agree on such an m (and |f| shrinks by about that ratio to the m-th
/// power) the method takes m·f/f′ steps, which converge quadratically again. Rounding in f then limits x to about
/// ε^(1/m) relative (<see cref="RootTermination.RoundingLimit"/>); for m = 2 with f″ at hand, x is refined as
/// the simple root of f′ by Newton's method on f′.</item>
/// </list>
/// </summary>
internal static class NewtonIteration
{
    private const int MaxHalvings = 30;

    private struct Counts
    {
        public int F, D, D2;
    }

    public static ScalarRootResult Run<TEval>(TEval f, double x0, ScalarRootOptions options, bool halley, bool secondDerivativeAvailable)
        where TEval : IScalarEvaluator
    {
        string method = halley ? "halley" : "newton";
        var ci = CultureInfo.InvariantCulture;
        if (!double.IsFinite(x0))
            throw new ArgumentException(string.Create(ci, $"The start x0 must be finite, got {x0}."), nameof(x0));
        var counts = new Counts();
        double x = x0;
        double fx = Evaluate(f, x, halley, ref counts, out double dx, out double d2x);
        if (!double.IsFinite(fx))
            throw new ArgumentException(string.Create(ci, $"f(x0) = {fx} at x0 = {x0:R}; start where f is finite."), nameof(x0));

        int multiplicity = 1;
        bool detect = true;
        double previousStep = double.NaN, previousRatio = double.NaN, lastStep = double.PositiveInfinity;
        int growing = 0, iteration = 0;
        while (++iteration <= options.MaxIterations)
        {
            if (fx == 0)
                return Result(RootTermination.ExactRoot, "f is exactly zero at x", iteration - 1);
            if (double.IsNaN(dx) || (halley && double.IsNaN(d2x)))
                return Result(RootTermination.NonFiniteValue, string.Create(ci, $"a derivative of f is NaN at x = {x:R}"), iteration - 1);
            if (dx == 0)
                return Result(RootTermination.ZeroDerivative, string.Create(ci,
                    $"f′(x) = 0 at x = {x:R} where f(x) = {fx:R}: the Newton step is undefined; start elsewhere or use a bracketing method"), iteration - 1);
            // An infinite slope makes the step 0, which met the step test: √x + 1 "converged" at x = 0 with f = 1.
            if (double.IsInfinity(dx))
                return Result(RootTermination.NonFiniteValue, string.Create(ci,
                    $"f′(x) is {dx} at x = {x:R} where f(x) = {fx:R}: the Newton step is 0 there and says nothing of a root; " +
                    $"start elsewhere or use a bracketing method"), iteration - 1);

            double newton = fx / dx;
            double step = newton;
            if (multiplicity > 1)
                step = multiplicity * newton;
            else if (halley)
            {
                double correction = 0.5 * newton * d2x / dx;
                if (Math.Abs(correction) < 1)
                    step = newton / (1 - correction);
            }
            double length = Math.Abs(step);
            if (iteration == 1)
                options = options.ForScale(length);
            double tolerance = options.Tolerance(x);

            // Take the step, halved while it fails to reduce |f| (damped) or until f is finite (undamped: not halved).
            double t = 1, xt = x, ft = double.NaN, dt = double.NaN, d2t = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving <= MaxHalvings; halving++)
            {
                xt = x - t * step;
                ft = Evaluate(f, xt, halley, ref counts, out dt, out d2t);
                if (double.IsFinite(ft) && (!options.Damping || Math.Abs(ft) < Math.Abs(fx) || length <= tolerance))
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
                if (multiplicity > 1 || (length <= 1e3 * tolerance && double.IsFinite(ft)))
                    return RoundingLimit(iteration);
                if (!options.Damping)
                    return Result(RootTermination.Diverged, string.Create(ci,
                        $"the Newton step from x = {x:R} led to x = {xt:R} where f is {ft}; the iteration diverged"), iteration);
                return Result(RootTermination.NoProgress, string.Create(ci,
                    $"no step along the Newton direction reduced |f| = {Math.Abs(fx):G3} at x = {x:R}, even halved {MaxHalvings} times"), iteration);
            }

            if (multiplicity > 1 && t < 1)
            {
                // The m·f/f′ step overshot: either the rounding floor or a wrong multiplicity.
                if (length <= 1e3 * tolerance || Math.Abs(ft) >= 0.5 * Math.Abs(fx))
                    return RoundingLimit(iteration);
                multiplicity = 1;
                detect = false;
            }
            double previousAbsF = Math.Abs(fx);
            lastStep = Math.Abs(xt - x);
            x = xt;
            fx = ft;
            dx = dt;
            d2x = d2t;
            if (length <= tolerance)
                return Result(RootTermination.Converged, string.Create(ci, $"the last step {length:G3} met the tolerance {tolerance:G3}"), iteration);

            if (!options.Damping)
            {
                growing = Math.Abs(fx) > previousAbsF ? growing + 1 : 0;
                if (growing >= 3 || !double.IsFinite(x))
                    return Result(RootTermination.Diverged, string.Create(ci,
                        $"|f| grew three steps running, to {Math.Abs(fx):G3} at x = {x:R}: the iteration diverges from this start; " +
                        $"enable damping, start closer or use a bracketing method"), iteration);
            }

            if (multiplicity > 1 && !(length < 0.9 * previousStep))
                return RoundingLimit(iteration);
            int detected = multiplicity;
            if (multiplicity == 1 && detect && t == 1 && !halley)
            {
                double ratio = length / previousStep;
                double fRatio = Math.Abs(fx) / previousAbsF;
                if (ratio > 0.45 && ratio < 0.92 && Math.Abs(ratio - previousRatio) < 0.05)
                {
                    int m = (int)Math.Round(1 / (1 - ratio));
                    double expected = Math.Pow((m - 1.0) / m, m);
                    if (m >= 2 && fRatio > 0.5 * expected && fRatio < 2 * expected)
                        multiplicity = m;
                }
                previousRatio = ratio;
            }
            else if (multiplicity == 1 && detect && t == 1 && halley && secondDerivativeAvailable)
            {
                // Halley converges linearly at a multiple root too; f·f″/f′² → (m − 1)/m there.
                double index = fx * d2x / (dx * dx);
                double ratio = length / previousStep;
                if (ratio > 0.2 && ratio < 0.95 && index > 0.45 && index < 0.92 && Math.Abs(index - previousRatio) < 0.05)
                    multiplicity = (int)Math.Round(1 / (1 - index));
                previousRatio = index;
            }
            // The first m·f/f′ step is m times the Newton step: compare steps from the next one on.
            previousStep = multiplicity != detected ? double.PositiveInfinity : length;
        }
        return Result(RootTermination.MaxIterations,
            string.Create(ci, $"the limit of {options.MaxIterations} iterations was reached at x = {x:R} with f(x) = {fx:R}"),
            options.MaxIterations);

        ScalarRootResult Result(RootTermination termination, string message, int iterations = 0)
        {
            if (multiplicity == 2 && secondDerivativeAvailable && termination is RootTermination.Converged or RootTermination.ExactRoot)
                return RefineDoubleRoot(f, method, x, fx, termination, message, lastStep, iterations, options, ref counts);
            return new(method, x, fx, double.NaN, double.NaN, iterations, counts.F, counts.D, counts.D2, termination, message, multiplicity);
        }

        ScalarRootResult RoundingLimit(int iterations)
        {
            // Rounding in f stops the steps toward a root of multiplicity m near ε^(1/m)·|x|. Steps that stop far above
            // that approach a minimum of |f| that is no root: cos x + 1.0001 stopped at steps of 0.063 near π, f = 1e-4.
            if (multiplicity > 1 && !(lastStep <= 1e3 * Math.Pow(2.220446049250313e-16, 1.0 / multiplicity) * Math.Abs(x) + options.Tolerance(x)))
                return NoRoot(iterations);
            if (multiplicity == 2 && secondDerivativeAvailable)
                return RefineDoubleRoot(f, method, x, fx, RootTermination.RoundingLimit, "", lastStep, iterations, options, ref counts);
            string message = multiplicity > 1
                ? string.Create(ci, $"root of multiplicity {multiplicity}: the steps stopped shrinking at {lastStep:G3}, the rounding level of f, which locates such a root only to about ε^(1/{multiplicity})")
                : string.Create(ci, $"the steps stopped reducing |f| = {Math.Abs(fx):G3} at the rounding level of f");
            return new(method, x, fx, double.NaN, double.NaN, iterations, counts.F, counts.D, counts.D2, RootTermination.RoundingLimit,
                       message, multiplicity);
        }

        ScalarRootResult NoRoot(int iterations) =>
            new(method, x, fx, double.NaN, double.NaN, iterations, counts.F, counts.D, counts.D2, RootTermination.NoProgress,
                string.Create(ci,
                    $"the steps stopped shrinking at {lastStep:G3}, far above the rounding level, with f(x) = {fx:G3} at x = {x:R}: " +
                    $"the iteration approaches a minimum of |f| that is not a root; start elsewhere, or bracket a sign change"),
                1);
    }

    /// <summary>
    /// At a double root f′ has a simple root, which Newton's method on f′ (with f″) finds to full precision where
    /// the rounding in f hides the root of f itself. Accepted when it lies within the rounding neighbourhood.
    /// </summary>
    private static ScalarRootResult RefineDoubleRoot<TEval>(TEval f, string method, double x, double fx, RootTermination termination,
                                                            string message, double noiseScale, int iterations, ScalarRootOptions options,
                                                            ref Counts counts)
        where TEval : IScalarEvaluator
    {
        var ci = CultureInfo.InvariantCulture;
        double y = x, fy = fx, curvature = double.NaN;
        bool converged = false;
        for (int i = 0; i < 20 && !converged; i++)
        {
            fy = f.ValueAndDerivatives(y, out double d, out double d2);
            counts.F++;
            counts.D++;
            counts.D2++;
            if (d == 0)
            {
                converged = true;
                break;
            }
            if (!(d2 != 0 && double.IsFinite(d2)))
            {
                y = double.NaN;
                break;
            }
            double step = d / d2;
            curvature = d2;
            y -= step;
            converged = Math.Abs(step) <= options.Tolerance(y);
        }
        if (converged)
        {
            fy = f.Value(y);
            counts.F++;
        }
        if (double.IsInfinity(noiseScale))
            noiseScale = 0;
        // The quadratic model at the root of f′ must put a root of f within the same reach: at a minimum of |f| that is no
        // root (cos x + 1.0001 at π, f = 1e-4, f″ = 1) it is √(2|f|/|f″|) = 0.014 away, beyond any rounding.
        double reach = 4 * noiseScale + options.Tolerance(x);
        if (converged && Math.Abs(y - x) <= reach && double.IsFinite(fy) && Math.Sqrt(2 * Math.Abs(fy) / Math.Abs(curvature)) <= reach)
            return new(method, y, fy, double.NaN, double.NaN, iterations, counts.F, counts.D, counts.D2,
                fy == 0 ? RootTermination.ExactRoot : RootTermination.Converged,
                string.Create(ci,
                    $"double root: {method} converged linearly, then took 2·f/f′ steps to x = {x:R} near the rounding level of f; " +
                    $"refined as the simple root of f′"),
                2);
        if (termination == RootTermination.RoundingLimit)
            message = string.Create(ci,
                $"double root: the steps stopped shrinking at {noiseScale:G3}, the rounding level of f, which locates it only to about √ε");
        return new(method, x, fx, double.NaN, double.NaN, iterations, counts.F, counts.D, counts.D2, termination, message, 2);
    }

    private static double Evaluate<TEval>(TEval f, double x, bool second, ref Counts counts, out double d, out double d2)
        where TEval : IScalarEvaluator
    {
        counts.F++;
        counts.D++;
        if (second)
        {
            counts.D2++;
            return f.ValueAndDerivatives(x, out d, out d2);
        }
        d2 = double.NaN;
        return f.ValueAndDerivative(x, out d);
    }
}
