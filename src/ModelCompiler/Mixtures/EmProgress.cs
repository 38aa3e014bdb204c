// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// One report per EM iteration: the initialization (0-based), the iteration (1-based), the mean
/// log-likelihood ℓ_t of that iteration's E-step and its change ℓ_t − ℓ_{t−1} (+∞ at t = 1 of a fresh start; a warm
/// start takes it against the earlier fit's bound).
/// </summary>
public readonly record struct EmProgress(int Initialization, int Iteration, double LowerBound, double Change);
