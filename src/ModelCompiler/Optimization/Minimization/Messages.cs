// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>The sentence that goes with each termination.</summary>
internal static class Messages
{
    public static string For(MinimizationTermination termination, double tolerance = double.NaN) => termination switch
    {
        MinimizationTermination.GradientTolerance
            => $"The gradient's largest component fell to the tolerance {Format(tolerance)}.",
        MinimizationTermination.FunctionTolerance
            => $"The decrease of f in an iteration fell below the tolerance {Format(tolerance)}.",
        MinimizationTermination.StepTolerance
            => $"The step fell below the tolerance {Format(tolerance)}.",
        MinimizationTermination.SimplexTolerance
            => "The simplex shrank below the parameter and function tolerances.",
        MinimizationTermination.MachinePrecision
            => "No further decrease of f is possible in double precision: f changes only at rounding level.",
        MinimizationTermination.MaxIterations
            => "The iteration limit was reached before a stopping test was met.",
        MinimizationTermination.MaxFunctionEvaluations
            => "The evaluation budget was spent before a stopping test was met.",
        MinimizationTermination.LineSearchFailed
            => "The line search found no decrease along a descent direction although f is not at rounding level; "
             + "the gradient may not match f (check it with GradientCheck), or the unknowns' scales differ so much "
             + "that one cannot move measurably while another stays at its minimum (rescale them, or use a method "
             + "with the Hessian: Newton-CG, trust-exact).",
        MinimizationTermination.NonFiniteValue
            => "f or its gradient was not finite at every trial point near the current one.",
        MinimizationTermination.Stalled
            => "The method stopped as if converged, but a step along one unknown alone still lowered f measurably.",
        _ => termination.ToString(),
    };

    /// <summary>
    /// <see cref="MinimizationTermination.LineSearchFailed"/>'s sentence for where the gradient came from: only the user's
    /// own gradient can fail to match f; a generated one is f's by construction, and differences can only be coarse.
    /// </summary>
    public static string LineSearchFailed(bool usersGradient, bool differences) =>
        usersGradient ? For(MinimizationTermination.LineSearchFailed)
        : "The line search found no decrease along a descent direction although f is not at rounding level. "
          + (differences
              ? "The gradient is by finite differences, which may be too coarse here (use central differences, or give the gradient); "
                + "or the unknowns' scales"
              : "The gradient is f's own, generated from its formula, so the usual cause is that the unknowns' scales")
          + " differ so much that one cannot move measurably while another stays at its minimum (rescale them, or use a method "
          + "with the Hessian: Newton-CG, trust-exact), or that f is so near its minimum that its rounding hides the decrease.";

    /// <summary>The sentence added when unknown <paramref name="index"/> ran from <paramref name="start"/> to <paramref name="x"/>.</summary>
    public static string RunAway(int index, double x, double start, double value)
        => $" x[{index}] ran from {Format(start)} to {Format(x)}, where f = {Format(value)}: the objective may be unbounded "
         + "below, or approach its lower bound only as x runs off to infinity; add bounds, or a term that grows with x.";

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
