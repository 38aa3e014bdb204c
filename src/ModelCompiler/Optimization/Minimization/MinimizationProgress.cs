// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// One report per iteration: its number, f at the current point, the gradient's largest component (the projected
/// gradient's under bounds; NaN for the derivative-free methods), the evaluations so far and a snapshot of x (all
/// unknowns, fixed ones included). Cancelling from the handler stops the run at the next check with an
/// <see cref="OperationCanceledException"/>; the last report then holds the best point.
/// </summary>
public readonly record struct MinimizationProgress(
    int Iteration, double Value, double GradientNorm, int FunctionEvaluations, IReadOnlyList<double> Parameters);
