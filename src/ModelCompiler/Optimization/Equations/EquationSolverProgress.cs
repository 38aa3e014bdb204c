// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>One report per accepted step: the iteration, ‖F(x)‖₂ at the new point, and a snapshot of x.</summary>
public readonly record struct EquationSolverProgress(int Iteration, double ResidualNorm, IReadOnlyList<double> X);

/// <summary>Writes F(x), one residual per equation, to <paramref name="residuals"/>. Must not keep the spans.</summary>
public delegate void SystemFunction(ReadOnlySpan<double> x, Span<double> residuals);

/// <summary>
/// Writes the Jacobian ∂Fᵢ/∂xⱼ at x to <paramref name="jacobian"/>, dense and row-major: entry (i, j) at i·n + j.
/// </summary>
public delegate void SystemJacobian(ReadOnlySpan<double> x, Span<double> jacobian);

/// <summary>How a Jacobian is approximated from values of F when no Jacobian is given.</summary>
public enum FiniteDifferenceScheme
{
    /// <summary>(F(x + hⱼeⱼ) − F(x))/hⱼ with hⱼ = √ε·|xⱼ| (√ε where xⱼ = 0), as MINPACK's fdjac1: one evaluation per column group, error O(h).</summary>
    Forward,

    /// <summary>(F(x + hⱼeⱼ) − F(x − hⱼeⱼ))/(2hⱼ) with hⱼ = ε^(1/3)·max(|xⱼ|, 1): two evaluations per column group, error O(h²).</summary>
    Central,
}
