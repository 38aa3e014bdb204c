// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>The constants of a strong-Wolfe line search.</summary>
/// <param name="Decrease">μ (c₁): φ(α) ≤ φ(0) + μαφ′(0).</param>
/// <param name="Curvature">η (c₂): |φ′(α)| ≤ η|φ′(0)|.</param>
/// <param name="StepTolerance">The relative width of the bracket at which the search gives up.</param>
/// <param name="MinStep">The smallest step.</param>
/// <param name="MaxStep">The largest step.</param>
/// <param name="MaxTrials">The most trial points.</param>
internal readonly record struct WolfeSettings(double Decrease, double Curvature, double StepTolerance, double MinStep,
                                              double MaxStep, int MaxTrials)
{
    /// <summary>scipy's line_search_wolfe1 around MINPACK-2's dcsrch (its amin, amax, xtol, maxiter).</summary>
    public static WolfeSettings Scipy(double curvature) => new(1e-4, curvature, 1e-14, 1e-100, 1e100, 100);

    /// <summary>Ours: scipy's constants, at most 20 trials (L-BFGS-B's limit; Moré–Thuente rarely needs more than 3).</summary>
    public static WolfeSettings Default(double curvature) => Scipy(curvature) with { MaxTrials = 20 };
}

/// <summary>How a line search ended.</summary>
internal enum LineSearchOutcome
{
    /// <summary>The strong Wolfe conditions hold at the step.</summary>
    Wolfe,
    /// <summary>The search stopped early (rounding, interval, step limits or trials) at a step that still lowers f
    /// with sufficient decrease.</summary>
    SufficientDecrease,
    /// <summary>No step lowering f was found, and the decrease the line's slope promises at the first trial is at
    /// rounding level of f: f cannot be lowered measurably along this direction.</summary>
    RoundingLevel,
    /// <summary>No step lowering f was found although f changed above rounding level.</summary>
    Failed,
    /// <summary>f or ∇f was not finite at every trial down to a negligible step.</summary>
    NonFinite,
    /// <summary>The evaluation budget ran out.</summary>
    Budget,
}

/// <summary>Drives <see cref="MoreThuente"/> along x + αp with the objective's value and gradient.</summary>
internal static class WolfeLineSearch
{
    /// <summary>
    /// Searches from φ(0) = <paramref name="f0"/>, φ′(0) = <paramref name="slope0"/> &lt; 0 starting at
    /// <paramref name="step0"/>. On <see cref="LineSearchOutcome.Wolfe"/> and <see cref="LineSearchOutcome.SufficientDecrease"/>
    /// the new point, value and gradient are in <paramref name="xNew"/>, <paramref name="fNew"/>, <paramref name="gNew"/>
    /// and the step in <paramref name="step"/>; otherwise their content is undefined.
    /// A trial where f or ∇f is not finite moves the next trial halfway back to the best step.
    /// </summary>
    public static LineSearchOutcome Search<TSource>(ObjectiveEvaluator<TSource> objective, ReadOnlySpan<double> x,
        ReadOnlySpan<double> p, double f0, double slope0, double step0, in WolfeSettings settings,
        Span<double> xNew, Span<double> gNew, out double fNew, out double step)
        where TSource : struct, IObjectiveSource
    {
        var search = new MoreThuente();
        search.Start(step0, f0, slope0, settings.Decrease, settings.Curvature, settings.StepTolerance,
                     settings.MinStep, settings.MaxStep);
        // When the decrease the slope promises at the first trial is lost in f's rounding, or that trial moves x only
        // in its last bits, a failed search means convergence at rounding level, not a gradient that does not match f.
        bool roundingLevel = Math.Abs(slope0 * step0) <= 1e4 * RoundingLevel(f0) || StepInLastBits(x, p, step0);
        fNew = f0;
        step = 0;
        for (int trial = 0; trial < settings.MaxTrials; trial++)
        {
            double alpha = search.Step;
            for (int i = 0; i < x.Length; i++)
                xNew[i] = x[i] + alpha * p[i];
            // A step in the last bits can round back onto x itself, whose value and slope are known: the search goes on
            // as it would, without spending an evaluation on it.
            bool atStart = xNew.SequenceEqual(x);
            if (!atStart && !objective.CanEvaluate(objective.GradientCost))
                return LineSearchOutcome.Budget;
            double f = atStart ? f0 : objective.ValueAndGradient(xNew, gNew);
            double slope = atStart ? slope0 : Dot(gNew, p);
            if (!double.IsFinite(f) || !double.IsFinite(slope))
            {
                double best = search.BestStep;
                double retry = best + 0.5 * (alpha - best);
                if (retry == alpha || retry == best || Math.Abs(retry - best) <= 1e-16 * Math.Abs(best) + 1e-300)
                    return LineSearchOutcome.NonFinite;
                search.LimitStep(retry);
                search.Retry(retry);
                continue;
            }
            var task = search.Next(f, slope);
            if (task == LineSearchTask.Evaluate && trial < settings.MaxTrials - 1)
                continue;
            fNew = f;
            step = alpha;
            if (task == LineSearchTask.Converged)
                return LineSearchOutcome.Wolfe;
            if (f < f0 && f <= f0 + settings.Decrease * alpha * slope0)
                return LineSearchOutcome.SufficientDecrease;
            return roundingLevel ? LineSearchOutcome.RoundingLevel : LineSearchOutcome.Failed;
        }
        return roundingLevel ? LineSearchOutcome.RoundingLevel : LineSearchOutcome.Failed;
    }

    /// <summary>Whether x + αp differs from x by at most 16 ulps in every component.</summary>
    private static bool StepInLastBits(ReadOnlySpan<double> x, ReadOnlySpan<double> p, double step)
    {
        for (int i = 0; i < x.Length; i++)
            if (Math.Abs(step * p[i]) > 16 * 2.220446049250313e-16 * Math.Abs(x[i]) + double.Epsilon)
                return false;
        return true;
    }

    /// <summary>Changes of f up to this size from <paramref name="f0"/> are rounding noise (64ε|f₀|).</summary>
    public static double RoundingLevel(double f0) => 64 * 2.220446049250313e-16 * Math.Abs(f0) + double.Epsilon;

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }
}
