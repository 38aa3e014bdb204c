// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>A snapshot of θ = (π, θ₁…θ_K, s₁…s_K), kept for the best of several starts.</summary>
internal sealed record RegressionMixtureParameters(double[] Weights, double[] Parameters, double[] Scales);
