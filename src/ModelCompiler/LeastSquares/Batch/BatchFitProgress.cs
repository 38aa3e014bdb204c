// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>How far a batch fit has come: curves finished out of all, and how many of those converged.</summary>
public readonly record struct BatchFitProgress(long CurvesFinished, long CurveCount, long Converged);
