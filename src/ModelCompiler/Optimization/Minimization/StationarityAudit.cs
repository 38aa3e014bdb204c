// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Checks a gradient method's stop that was not the gradient test (function, step or rounding-level tests) by moving
/// each unknown alone downhill. Those tests see only the directions the method built; when the unknowns' curvatures
/// differ by more than double precision resolves (a distance near 3e8 m beside a time near 2e-9 s), every such
/// direction moves the flat unknown by nothing and f looks converged far above its minimum. A step along that
/// unknown shows it: f drops by more than the tests allow, and the stop is reported as <see cref="MinimizationTermination.Stalled"/>.
/// </summary>
internal static class StationarityAudit
{
    /// <summary>Problems with more free unknowns are not audited: one to a few values of f per unknown.</summary>
    public const int MaxUnknowns = 100;

    private const int MaxDoublings = 64;

    public static MinimizationResult Check<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result)
        where TSource : struct, IObjectiveSource
    {
        if (result.Termination is not (MinimizationTermination.FunctionTolerance or MinimizationTermination.StepTolerance
                or MinimizationTermination.MachinePrecision)
            || objective.N > MaxUnknowns || result.Gradient is not { } fullGradient)
            return result;
        double[] x = objective.Gather(result.X), g = objective.Gather(fullGradient);
        double f = result.Value;
        // A drop a converged stop cannot leave: beyond rounding, and beyond 1e-6 of max(|f|, 1), far above the
        // per-iteration decrease of every method's function test (L-BFGS-B's factr·ε is 2.2e-9 of the same scale).
        double threshold = Math.Max(1e4 * WolfeLineSearch.RoundingLevel(f), 1e-6 * Math.Max(Math.Abs(f), 1));
        var trial = (double[])x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            if (!(g[i] != 0) || !double.IsFinite(g[i]))
                continue;
            double direction = -Math.Sign(g[i]);
            double limit = direction > 0 ? objective.Upper?[i] ?? double.PositiveInfinity : objective.Lower?[i] ?? double.NegativeInfinity;
            double step = threshold / Math.Abs(g[i]), best = f, bestValue = x[i];
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
                best = ft;
                bestValue = value;
                if (value == limit)
                    break;
            }
            trial[i] = x[i];
            if (f - best > threshold)
                return Stalled(objective, result, x, i, bestValue, best);
        }
        return result;
    }

    private static MinimizationResult Stalled<TSource>(ObjectiveEvaluator<TSource> objective, MinimizationResult result,
        double[] x, int free, double value, double lower) where TSource : struct, IObjectiveSource
    {
        var ci = CultureInfo.InvariantCulture;
        var lowerPoint = (double[])x.Clone();
        lowerPoint[free] = value;
        var gradient = new double[x.Length];
        double f = objective.ValueAndGradient(lowerPoint, gradient);
        if (!(f <= lower))
            f = lower;   // a gradient source that disagrees with the value source: report the value found
        int unknown = objective.FullIndex(free);
        string message = string.Format(ci,
            "The method stopped ({0}) at f = {1:G6}, but moving unknown {2} alone to {3:G6} lowers f to {4:G6}: the iteration " +
            "stalled, usually because the unknowns' scales differ by many orders of magnitude. Rescale them to similar " +
            "sizes, or use a method with the Hessian (Newton-CG, trust-exact).", result.Termination, result.Value, unknown, value, f);
        double norm = Bfgs.NormInf(gradient);
        return objective.Result(result.Method, lowerPoint, f, gradient, norm, result.Iterations, MinimizationTermination.Stalled, message,
                                result.InverseHessian);
    }
}
