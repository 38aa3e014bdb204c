// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Checks a stop by a function, step, simplex or rounding-level test, and a gradient-test stop in large unknowns, by
/// moving each unknown alone downhill. Those tests see only the directions the method built; when the unknowns' curvatures
/// differ by more than double precision resolves (a distance near 3e8 m beside a time near 2e-9 s), every such
/// direction moves the flat unknown by nothing and f looks converged far above its minimum; a simplex started with a
/// tiny edge in such an unknown collapses the same way. A step along that unknown shows it: f drops by more than the
/// tests allow, and the stop is reported as <see cref="MinimizationTermination.Stalled"/>. The values of f the check
/// takes count in the result.
/// </summary>
internal static class StationarityAudit
{
    /// <summary>Problems with more free unknowns are not audited: one to a few values of f per unknown.</summary>
    public const int MaxUnknowns = 100;

    private const int MaxDoublings = 64;

    private const string GradientMethodAdvice = "usually because the unknowns' scales differ by many orders of magnitude. Rescale them " +
        "to similar sizes, or use a method with the Hessian (Newton-CG, trust-exact).";

    private const string LargeUnknownAdvice = "the gradient test being absolute: in these units the gradient falls below it far from " +
        "the minimum. Rescale the unknowns to sizes near 1, or lower the gradient tolerance.";

    private const string ZeroGradientAdvice = "the gradient being zero at the start: a maximum or saddle there (by symmetry, as often) " +
        "is a point the gradient methods cannot leave. Start elsewhere, or use Newton-CG or trust-exact, which leave it along the " +
        "Hessian's negative curvature.";

    private const string PlateauAdvice = "f being nearly flat where the run went: the gradient is below the tolerance there, though f " +
        "falls further away. Start nearer the minimum, or lower the gradient tolerance.";

    private const string StillAdvice = "the unknown's gradient being zero at the start and at the stop (by symmetry, as often), so that " +
        "no step moved it and a saddle or maximum along it could not be seen. Start it off the symmetry, or use Newton-CG or " +
        "trust-exact, which leave a saddle along the Hessian's negative curvature.";

    private const string DerivativeFreeAdvice = "its simplex or search directions having collapsed short of a minimum (unknowns whose " +
        "scales differ by many orders of magnitude are a common cause). Restart from this point, rescale the unknowns to similar " +
        "sizes, tighten the method's tolerances, or use a gradient method.";

    /// <summary>
    /// A gradient method's stop, from the gradient it ended with. A stop by the gradient test itself is checked only
    /// along large unknowns: those where moving 0.1% of the way to zero would, by the gradient, lower f by more than
    /// the threshold. An absolute gradient tolerance means nothing in units where x is near 1e30 (f = ((x − 2e30)/1e30)²
    /// has gradient 2e-30 at x = 1e30, f = 1). Nor does it mean anything along an unknown whose gradient the whole run
    /// left as it was at the start: f = (x/3e8 − 1)² has gradient −6.7e-9 at x = 0, f = 1, and every step of a method
    /// started there moves x by almost nothing. Along such an unknown the first probe must lower f as the gradient says,
    /// or the stop stands: a far probe past a small gradient could land in another valley of a multimodal f. At a
    /// minimum in ordinary units no unknown qualifies and nothing is evaluated.
    /// </summary>
    public static MinimizationResult Check<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result,
                                                    double gradientTolerance)
        where TSource : struct, IObjectiveSource
    {
        if (ExtrapolatedGradientMeetsTolerance(objective, result, gradientTolerance) is { } converged)
            return Check(objective, converged, gradientTolerance);
        if (result.Termination is not (MinimizationTermination.FunctionTolerance or MinimizationTermination.StepTolerance
                or MinimizationTermination.MachinePrecision or MinimizationTermination.GradientTolerance)
            || objective.N > MaxUnknowns || result.Gradient is not { } fullGradient)
            return result;
        double[] x = objective.Gather(result.X), g = objective.Gather(fullGradient);
        if (result.Termination == MinimizationTermination.MachinePrecision && objective.HasGradient && objective.CanEvaluate(2)
            && GradientMismatch(objective, x, g, result.Value) is { } mismatch)
            return objective.Result(result.Method, x, result.Value, g, result.GradientNorm, result.Iterations, MinimizationTermination.Stalled,
                                    mismatch, result.InverseHessian);
        bool largeOnly = result.Termination == MinimizationTermination.GradientTolerance;
        bool atStart = largeOnly && result.Iterations == 0;
        return Audit(objective, result, x, g, largeOnly ? objective.StartGradient : null, 0,
                     largeOnly ? LargeUnknownAdvice : GradientMethodAdvice, largeOnly, atStart)
               ?? (largeOnly && !atStart ? Unmoved(objective, result, x, g) : null)
               ?? (largeOnly && objective.GradientIsUsers ? UnmatchedGradient(objective, result, x, g) : null)
               ?? Recount(objective, result, x);
    }

    /// <summary>
    /// A line search that failed with a difference gradient, judged by a better one. Near a minimum the difference's error
    /// (about h²·f‴/6 for central differences, √ε·f″·|x| for forward ones) outweighs the gradient itself, and no direction
    /// it gives lowers f: CG on Rosenbrock's function stopped at x = 1 − 3e-9, f = 8e-18, its line search failed, where the
    /// gradient is 4e-9 and the central differences' error 1.5e-8. Central differences over h and h/2, extrapolated, leave
    /// an error of order h⁴; h is the method's own central step, in the unknown's units (∛ε·max(1, |xᵢ|) would see the walls
    /// of an unknown started at 1e-30 alike and call its slope 0). When their largest component meets the gradient
    /// tolerance, the stop is a minimum to that accuracy. Costs 4n values of f, and is not taken within bounds (where a
    /// stop's gradient need not vanish).
    /// </summary>
    private static MinimizationResult? ExtrapolatedGradientMeetsTolerance<TSource>(ObjectiveEvaluator<TSource> objective,
        MinimizationResult result, double gradientTolerance) where TSource : struct, IObjectiveSource
    {
        if (result.Termination != MinimizationTermination.LineSearchFailed || objective.HasGradient
            || objective.Lower is not null || objective.Upper is not null
            || !objective.CanEvaluate(4 * objective.N) || !double.IsFinite(result.Value))
            return null;
        double[] x = objective.Gather(result.X);
        var gradient = new double[x.Length];
        var trial = (double[])x.Clone();
        double Central(int i, double h)
        {
            trial[i] = x[i] + h;
            double ahead = objective.Value(trial), xAhead = trial[i];
            trial[i] = x[i] - h;
            double behind = objective.Value(trial), xBehind = trial[i];
            trial[i] = x[i];
            return (ahead - behind) / (xAhead - xBehind);
        }
        for (int i = 0; i < x.Length; i++)
        {
            double h = objective.CentralStep(i, x[i]);   // ∛ε in the unknown's own units, as the method's differences
            double wide = Central(i, h), narrow = Central(i, h / 2);
            gradient[i] = narrow + (narrow - wide) / 3;
        }
        double norm = Bfgs.NormInf(gradient);
        if (!(norm <= gradientTolerance))
            return null;
        string message = string.Format(CultureInfo.InvariantCulture,
            "The line search failed with a difference gradient, which is too coarse this near the minimum; extrapolated central " +
            "differences there give a gradient whose largest component, {0:G3}, is within the tolerance {1:G3}.", norm, gradientTolerance);
        return objective.Result(result.Method, x, result.Value, gradient, norm, result.Iterations,
                                MinimizationTermination.GradientTolerance, message, result.InverseHessian);
    }

    /// <summary>
    /// A gradient stop after steps that did not take f where it started (by more than the audit's threshold), or that
    /// left an unknown at its start with a zero gradient there and at the stop: each such unknown is moved alone downhill
    /// (<see cref="AxisProbe.Downhill"/>). On a plateau the gradient is below any tolerance wherever the run goes: −exp(−x²)
    /// + y² from (7, 0) has ∂f/∂x = 7e-21, and Newton-CG and trust-exact stopped converged after one step, at f = −2.3e-16
    /// where the minimum is −1. An unknown that only symmetry keeps still is not seen at all: BFGS on x² − y² + y⁴ from
    /// (1, 0) ended at the saddle (0, 0) with y never moved. The probe asks f to fall from the first move on, so a local
    /// minimum is not reported stalled for a deeper valley beyond it.
    /// </summary>
    private static MinimizationResult? Unmoved<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result, double[] x,
                                                       double[] g) where TSource : struct, IObjectiveSource
    {
        double f = result.Value;
        double threshold = DropThreshold(f, Math.Max(Math.Abs(f), 1));
        bool stagnant = objective.StartValue - f <= threshold;
        var startGradient = objective.StartGradient;
        var trial = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            bool still = g[i] == 0 && startGradient?[i] == 0 && x[i] == objective.Start[i];
            if (!stagnant && !still)
                continue;
            if (LowerBeside(objective, trial, i, f - threshold, downhillFrom: f) is { } found)
                return Stalled(objective, result, x, i, found.Value, found.F, still ? StillAdvice : PlateauAdvice);
        }
        return null;
    }

    /// <summary>
    /// A stop at "the rounding level" with a gradient the objective gives: f's slope along that gradient, by a central
    /// difference, must be its norm. A gradient that is wrong makes every line search fail where f still falls, and the
    /// stop reads as f at its rounding: CG with two components of Rosenbrock's gradient swapped stopped at f = 4.4, BFGS
    /// with 1e-3 added to one at f = 1e-6. The step is ∛ε of x's extent along the gradient, in x's own units.
    /// </summary>
    private static string? GradientMismatch<TSource>(ObjectiveEvaluator<TSource> objective, double[] x, double[] g, double f)
        where TSource : struct, IObjectiveSource
    {
        double norm = Bfgs.Norm2(g), extent = 0;
        if (!(norm > 0) || !double.IsFinite(norm))
            return null;
        for (int i = 0; i < x.Length; i++)
            extent += Math.Abs(x[i] * g[i]) / norm;
        double h = 6.0554544523933395e-6 * (extent > 0 ? extent : 1);
        var trial = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            trial[i] = x[i] + h * g[i] / norm;
        double ahead = objective.Value(trial);
        for (int i = 0; i < x.Length; i++)
            trial[i] = x[i] - h * g[i] / norm;
        double behind = objective.Value(trial);
        var (slope, noise) = CentralSlope(f, ahead, behind, h);
        // Near a stationary point the curvature over h outweighs the gradient's share and the difference tells nothing.
        double curvature = Math.Abs(ahead + behind - 2 * f) / 2;
        if (!double.IsFinite(slope) || h * norm < 10 * curvature || Math.Abs(slope - norm) <= 0.1 * norm + noise)
            return null;
        return string.Format(CultureInfo.InvariantCulture,
            "The method stopped (MachinePrecision) at f = {0:G6}, but f's slope along its gradient is {1:G3} where the gradient's " +
            "norm is {2:G3}: the gradient does not match f, and the stop says nothing of a minimum. Check it with GradientCheck.",
            f, slope, norm);
    }

    /// <summary>
    /// A gradient stop with the user's gradient: f's slope along d (dᵢ = max(1, |xᵢ|)), by one central difference, must be
    /// what the gradient gives (without bounds). A gradient off by a constant has a zero where f has none: with ∂f/∂x
    /// given 0.5 too high, (x − 3)² + (y + 1)² stopped converged at (2.75, −1), f = 0.0625, in every gradient method, as
    /// in scipy. It costs two values of f where the gradient matches or f promises no drop along d; otherwise the stop
    /// stands unless f falls along d by more than the audit's threshold.
    /// </summary>
    private static MinimizationResult? UnmatchedGradient<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result,
                                                                  double[] x, double[] g) where TSource : struct, IObjectiveSource
    {
        // Within bounds a stop's gradient need not vanish, and d would leave the box.
        if (objective.Lower is not null || objective.Upper is not null || !objective.CanEvaluate(2))
            return null;
        double f = result.Value, given = 0;
        var d = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            d[i] = Math.Max(1, Math.Abs(x[i]));
            given += g[i] * d[i];
        }
        const double h = 6.0554544523933395e-6;   // ∛ε
        double ahead = objective.Value(Along(x, d, h)), behind = objective.Value(Along(x, d, -h));
        var (slope, noise) = CentralSlope(f, ahead, behind, h);
        if (!double.IsFinite(slope) || Math.Abs(slope - given) <= 0.1 * Math.Abs(slope) + noise)
            return null;
        // At a minimum the difference's own error can exceed a tiny gradient; the drop the slope and curvature promise
        // along d tells whether there is anything to find.
        double threshold = DropThreshold(f, Math.Max(Math.Abs(f), 1));
        double curvature = (ahead + behind - 2 * f) / (h * h);
        if (curvature > 0 && slope * slope / (2 * curvature) <= 0.1 * threshold)
            return null;
        double direction = -Math.Sign(slope), best = f, bestStep = 0;
        for (double step = threshold / Math.Abs(slope); step < 1e300 && objective.CanEvaluate(); step *= 2)
        {
            double ft = objective.Value(Along(x, d, direction * step));
            if (!(ft < best))
                break;
            (best, bestStep) = (ft, direction * step);
        }
        if (!(f - best > threshold))
            return null;
        string message = string.Format(CultureInfo.InvariantCulture,
            "The method stopped ({0}) at f = {1:G6}, but f's slope along d (dᵢ = max(1, |xᵢ|)) is {2:G3} where the gradient gives " +
            "{3:G3}, and moving along d lowers f to {4:G6}: the gradient does not match f, and the stop says nothing of a minimum. " +
            "Check it with GradientCheck.", result.Termination, f, slope, given, best);
        return objective.Result(result.Method, Along(x, d, bestStep), best, default, double.NaN, result.Iterations,
                                MinimizationTermination.Stalled, message, result.InverseHessian);
    }

    /// <summary>
    /// A drop of f a converged stop cannot leave: beyond rounding, and beyond 1e-6 of <paramref name="scale"/> (max(|f|, 1)
    /// after steps; see <see cref="Audit"/>).
    /// </summary>
    private static double DropThreshold(double f, double scale) => Math.Max(1e4 * WolfeLineSearch.RoundingLevel(f), 1e-6 * scale);

    /// <summary>f's slope from a central difference over ±<paramref name="h"/>, and the part of it rounding in f can make.</summary>
    private static (double Slope, double Noise) CentralSlope(double f, double ahead, double behind, double h) =>
        ((ahead - behind) / (2 * h), 1e3 * 2.220446049250313e-16 * Math.Max(Math.Abs(f), Math.Max(Math.Abs(ahead), Math.Abs(behind))) / h);

    private static double[] Along(double[] x, double[] d, double t)
    {
        var point = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            point[i] = x[i] + t * d[i];
        return point;
    }

    /// <summary>
    /// A derivative-free method's stop (Nelder–Mead, Powell): the gradient at the stop is the objective's, or forward
    /// differences of f. The method's function test, with tolerance <paramref name="absolute"/> + <paramref name="relative"/>·|f|,
    /// allows f to end above its minimum by a few of those tolerances; up to ten of them are no stall.
    /// </summary>
    public static MinimizationResult CheckDerivativeFree<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result,
                                                                  double absolute, double relative)
        where TSource : struct, IObjectiveSource
    {
        if (result.Termination is not (MinimizationTermination.SimplexTolerance or MinimizationTermination.FunctionTolerance
                or MinimizationTermination.MachinePrecision)
            || objective.N > MaxUnknowns || !double.IsFinite(result.Value) || !objective.CanEvaluate(objective.GradientCost))
            return result;
        double[] x = objective.Gather(result.X), g = new double[objective.N];
        if (objective.HasGradient)
            objective.ValueAndGradient(x, g);
        else
            objective.DifferenceGradient(x, result.Value, g);
        for (int i = 0; i < g.Length; i++)
            if (!double.IsFinite(g[i]))
                return AtDomainEdge(objective, result, x, i);
        double toleratedDrop = 10 * (absolute + relative * Math.Abs(result.Value));
        return Audit(objective, result, x, g, null, toleratedDrop, DerivativeFreeAdvice, largeOnly: false, atStart: false)
               ?? Recount(objective, result, x);
    }

    /// <summary>
    /// A derivative-free stop where f is not finite a difference step away along unknown <paramref name="free"/>: against
    /// the edge of f's domain, where a simplex or line search cannot slide along the edge, and f may still fall there (on a
    /// disc walled by NaN, Powell stopped at f = −8.75 where −9.24 lies along the wall; scipy's Powell reports failure).
    /// </summary>
    private static MinimizationResult AtDomainEdge<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result, double[] x,
                                                           int free) where TSource : struct, IObjectiveSource
    {
        string message = string.Format(CultureInfo.InvariantCulture,
            "The method stopped ({0}) at f = {1:G6}, against the edge of f's domain: f is not finite a difference step away along " +
            "unknown {2}. A minimum there cannot be told from a point where f still falls along the edge; give bounds that keep the " +
            "unknowns inside the domain, or write f so that it is finite everywhere.", result.Termination, result.Value, objective.FullIndex(free));
        return objective.Result(result.Method, x, result.Value, default, double.NaN, result.Iterations, MinimizationTermination.Stalled, message,
                                result.InverseHessian);
    }

    /// <summary>
    /// The stalled result, or null when no unknown alone lowers f by more than the threshold; with
    /// <paramref name="largeOnly"/>, only the unknowns where a move of 0.1% of |xᵢ| lowers f by that much by the gradient,
    /// and those whose gradient the whole run changed by less than 0.1% (<paramref name="startGradient"/>'s).
    /// </summary>
    private static MinimizationResult? Audit<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result, double[] x,
                                                     double[] g, double[]? startGradient, double toleratedDrop, string advice,
                                                     bool largeOnly, bool atStart)
        where TSource : struct, IObjectiveSource
    {
        double f = result.Value;
        // A drop a converged stop cannot leave: beyond rounding, and beyond 1e-6 of max(|f|, 1), far above the
        // per-iteration decrease of every gradient method's function test (L-BFGS-B's factr·ε is 2.2e-9 of the same
        // scale), and beyond what a derivative-free method's tolerance allows. A gradient stop at the start, where the
        // method never moved, is held to 1e-6 of |f| alone: f = (x − 3e-9)² from 0 has f = 9e-18 and a gradient of
        // 6e-9, below the absolute test, in units where the whole of f is the drop left.
        double fScale = atStart ? Math.Abs(f) : Math.Max(Math.Abs(f), 1);
        double threshold = Math.Max(DropThreshold(f, fScale), toleratedDrop);
        var trial = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            if (atStart && g[i] == 0 && LowerBeside(objective, trial, i, f - threshold) is { } lower)
                return Stalled(objective, result, x, i, lower.Value, lower.F, ZeroGradientAdvice);
            if (!(g[i] != 0) || !double.IsFinite(g[i]))
                continue;
            // The step along which the gradient alone promises the threshold's drop.
            double step = threshold / Math.Abs(g[i]);
            bool large = step < 1e-3 * Math.Abs(x[i]);
            bool unseen = startGradient is not null && Math.Abs(g[i] - startGradient[i]) <= 1e-3 * Math.Abs(g[i]);
            if (largeOnly && !large && !unseen)
                continue;
            double direction = -Math.Sign(g[i]);
            double limit = direction > 0 ? objective.Upper?[i] ?? double.PositiveInfinity : objective.Lower?[i] ?? double.NegativeInfinity;
            double best = f, bestValue = x[i];
            for (int doubling = 0; doubling < MaxDoublings && objective.CanEvaluate(); doubling++, step *= 2)
            {
                double value = x[i] + direction * step;
                value = direction > 0 ? Math.Min(value, limit) : Math.Max(value, limit);
                if (value == x[i])
                {
                    if (value == limit)
                        break;
                    continue;   // below the unknown's last bit yet
                }
                trial[i] = value;
                double ft = objective.Value(trial);
                if (!(ft < best))
                    break;
                // Along an unknown whose gradient the run never changed, the first value must fall as the gradient says,
                // or the probe has left the region the gradient describes (another valley of f, say).
                double promised = Math.Abs(g[i] * (value - x[i]));
                if (largeOnly && !large && best == f && !(f - ft >= 0.5 * promised && f - ft <= 2 * promised))
                    break;
                best = ft;
                bestValue = value;
                if (value == limit)
                    break;
            }
            trial[i] = x[i];
            if (f - best > threshold)
                return Stalled(objective, result, x, i, bestValue, best, advice);
        }
        return null;
    }

    /// <summary>
    /// Unknown <paramref name="i"/> moved by ±10ᵉ·max(1, |xᵢ|), e = −6 … 3 (<see cref="AxisProbe"/>, within its bounds): the
    /// lowest point where f falls below <paramref name="below"/>, or null. Where ∇f = 0 at the start, a gradient method
    /// stops before its first step; f falling on either side shows a maximum or saddle (−x² − y² from (0, 0) stopped
    /// there, converged, in BFGS, CG, L-BFGS and L-BFGS-B, as in scipy). With <paramref name="downhillFrom"/> (f at the
    /// point), only moves reached with f falling all the way count (<see cref="AxisProbe.Downhill"/>).
    /// </summary>
    private static (double Value, double F)? LowerBeside<TSource>(ObjectiveEvaluator<TSource> objective, double[] trial, int i, double below,
                                                                 double? downhillFrom = null)
        where TSource : struct, IObjectiveSource
    {
        double at = trial[i];
        double lowest = objective.Lower?[i] ?? double.NegativeInfinity, highest = objective.Upper?[i] ?? double.PositiveInfinity;
        double Moved(double value)
        {
            if (!objective.CanEvaluate())
                return double.NaN;
            trial[i] = value;
            return objective.Value(trial);
        }
        var lower = downhillFrom is { } f
            ? AxisProbe.Downhill(at, f, -6, 3, lowest, highest, Moved, below)
            : AxisProbe.Lowest(at, -6, 3, lowest, highest, Moved, below);
        trial[i] = at;
        return lower;
    }

    /// <summary>The result as it was, with the evaluations the audit took counted.</summary>
    private static MinimizationResult Recount<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result, double[] x)
        where TSource : struct, IObjectiveSource
    {
        double[]? gradient = result.Gradient is { } full ? objective.Gather(full) : null;
        return objective.Result(result.Method, x, result.Value, gradient, result.GradientNorm, result.Iterations, result.Termination,
                                result.Message, result.InverseHessian);
    }

    private static MinimizationResult Stalled<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result,
        double[] x, int free, double value, double lower, string advice) where TSource : struct, IObjectiveSource
    {
        var ci = CultureInfo.InvariantCulture;
        var lowerPoint = (double[])x.Clone();
        lowerPoint[free] = value;
        // The gradient there, unless the budget is spent: the limit holds for the audit too.
        double[] gradient = objective.CanEvaluate(objective.GradientCost) ? new double[x.Length] : [];
        double f = gradient.Length > 0 ? objective.ValueAndGradient(lowerPoint, gradient) : lower;
        if (!(f <= lower))
            f = lower;   // a gradient source that disagrees with the value source: report the value found
        int unknown = objective.FullIndex(free);
        string message = string.Format(ci,
            "The method stopped ({0}) at f = {1:G6}, but moving unknown {2} alone to {3:G6} lowers f to {4:G6}: the iteration " +
            "stalled, {5}", result.Termination, result.Value, unknown, value, f, advice);
        double norm = gradient.Length > 0 ? Bfgs.NormInf(gradient) : double.NaN;
        return objective.Result(result.Method, lowerPoint, f, gradient, norm, result.Iterations, MinimizationTermination.Stalled, message,
                                result.InverseHessian);
    }
}
