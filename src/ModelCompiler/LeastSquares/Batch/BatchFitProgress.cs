// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// How far a batch fit has come: curves finished out of all, and how many of those converged. A streamed batch
/// reports a <see cref="CurveCount"/> of −1 while it cannot know the total, and the total in its last report.
/// </summary>
public readonly record struct BatchFitProgress(long CurvesFinished, long CurveCount, long Converged);
