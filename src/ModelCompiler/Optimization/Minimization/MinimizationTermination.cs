// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Why a minimizer stopped. The first five count as convergence (<see cref="MinimizationResult.IsConverged"/>);
/// in every case the result holds the best point found, with its value.
/// </summary>
public enum MinimizationTermination
{
    /// <summary>The gradient's largest component (the projected gradient's under bounds) fell to the gradient tolerance.</summary>
    GradientTolerance,

    /// <summary>The decrease of f over an iteration fell below the function tolerance (relative to |f|, as each method states).</summary>
    FunctionTolerance,

    /// <summary>The step (or the trust region) fell below the step tolerance relative to x.</summary>
    StepTolerance,

    /// <summary>The Nelder–Mead simplex shrank below both the parameter and the function tolerance.</summary>
    SimplexTolerance,

    /// <summary>No further decrease of f is possible in double precision: the last steps changed f and x only at
    /// rounding level, so the tolerances ask for more than the arithmetic gives.</summary>
    MachinePrecision,

    /// <summary>The iteration limit was reached.</summary>
    MaxIterations,

    /// <summary>The evaluation budget was spent.</summary>
    MaxFunctionEvaluations,

    /// <summary>The line search found no step with sufficient decrease along a descent direction although f is not
    /// at rounding level; usually a gradient inconsistent with f (check it with <see cref="GradientCheck"/>).</summary>
    LineSearchFailed,

    /// <summary>f or its derivatives were non-finite at every trial point near the current one; the result is the
    /// last finite point. Also a method that would have stopped by a tolerance at a point where f is −∞ (an objective
    /// unbounded below), which is returned.</summary>
    NonFiniteValue,

    /// <summary>The method stopped as if converged, but a step along one unknown alone still lowered f measurably: the
    /// iteration stalled, usually because the unknowns' scales differ by many orders of magnitude. The result is the
    /// lower point that step found.</summary>
    Stalled,
}
