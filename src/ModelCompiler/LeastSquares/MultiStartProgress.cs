// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// One report per finished start of a multi-start fit, from the worker thread that ran it (so in completion order):
/// the start's index, how many starts have finished, how many are planned, and the start's outcome (a null
/// termination and a NaN RSS for a start where the model was not finite).
/// </summary>
public readonly record struct MultiStartProgress(
    int Start, int CompletedStarts, int StartCount, FitTermination? Termination, double ResidualSumOfSquares);
