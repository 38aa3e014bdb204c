// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// One report per accepted step: the iteration number, the cost ½·Σwᵢrᵢ² at the new point, and a
/// snapshot of all parameters (fixed ones included).
/// </summary>
public readonly record struct FitProgress(int Iteration, double Cost, IReadOnlyList<double> Parameters);
