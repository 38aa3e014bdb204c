// SPDX-License-Identifier: MIT
namespace ModelCompiler.Variational;

/// <summary>One iteration of a variational fit: the restart, the 1-based iteration, the bound and its change from the previous iteration.</summary>
public readonly record struct CaviProgress(int Restart, int Iteration, double Bound, double Change);
