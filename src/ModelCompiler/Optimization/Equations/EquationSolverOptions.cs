// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Optimization;

/// <summary>
/// Options of <see cref="EquationSolver"/>. Notation: F the residuals, J = ∂F/∂x, D the diagonal scaling (the running
/// maximum of J's column norms, MINPACK's mode 1), Δ the trust-region radius in the D-norm.
/// </summary>
public sealed record EquationSolverOptions
{
    /// <summary>Shared default instance.</summary>
    public static EquationSolverOptions Default { get; } = new();

    /// <summary>
    /// scipy's <c>fsolve</c> / <c>root(method='hybr')</c> defaults: the hybrid method, xtol = 1.49012e-8, at most
    /// 100·(n + 1) evaluations with a Jacobian or 200·(n + 1) with differences, factor 100.
    /// </summary>
    public static EquationSolverOptions Scipy { get; } = new() { Method = EquationMethod.Hybrid, StepTolerance = 1.49012e-8 };

    /// <summary>
    /// The algorithm (default: <see cref="EquationMethod.Automatic"/>, Powell's hybrid method unless the system is large
    /// and banded).
    /// </summary>
    public EquationMethod Method { get; init; } = EquationMethod.Automatic;

    /// <summary>
    /// Stops when the trust region has shrunk to Δ ≤ xtol·‖D·x‖, so that x cannot change by more than this relative
    /// amount (MINPACK's xtol). The default 1e-12, tighter than scipy's 1.49e-8, takes superlinearly converging
    /// methods to ‖F‖ at the rounding level: scipy's default stops the Broyden tridiagonal and banded systems (n = 100)
    /// at ‖F‖ ≈ 2e-8.
    /// </summary>
    public double StepTolerance { get; init; } = 1e-12;

    /// <summary>Stops when max |Fᵢ(x)| ≤ this value; 0 (default) disables the test.</summary>
    public double ResidualTolerance { get; init; }

    /// <summary>
    /// The evaluation budget, counting every call of F, those for difference Jacobians included; null (default) for
    /// MINPACK's: 100·(n + 1) with a Jacobian, 200·(n + 1) with differences.
    /// </summary>
    public int? MaxFunctionEvaluations { get; init; }

    /// <summary>The first trust-region radius is Δ₀ = factor·‖D·x₀‖ (factor when x₀ = 0), MINPACK's factor (100).</summary>
    public double InitialStepBound { get; init; } = 100;

    /// <summary>The difference scheme when F comes without a Jacobian.</summary>
    public FiniteDifferenceScheme FiniteDifferences { get; init; } = FiniteDifferenceScheme.Forward;

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!Enum.IsDefined(Method))
            error = $"{nameof(Method)} {(int)Method} is not an {nameof(EquationMethod)}.";
        else if (!(StepTolerance > 0 && double.IsFinite(StepTolerance)))
            error = $"{nameof(StepTolerance)} must be finite and > 0, got {StepTolerance}.";
        else if (!(ResidualTolerance >= 0 && double.IsFinite(ResidualTolerance)))
            error = $"{nameof(ResidualTolerance)} must be finite and ≥ 0, got {ResidualTolerance}.";
        else if (MaxFunctionEvaluations is < 1)
            error = $"{nameof(MaxFunctionEvaluations)} must be ≥ 1 when set, got {MaxFunctionEvaluations}.";
        else if (!(InitialStepBound > 0 && double.IsFinite(InitialStepBound)))
            error = $"{nameof(InitialStepBound)} must be finite and > 0, got {InitialStepBound}.";
        else if (!Enum.IsDefined(FiniteDifferences))
            error = $"{nameof(FiniteDifferences)} {(int)FiniteDifferences} is not a {nameof(FiniteDifferenceScheme)}.";
        return error is null;
    }

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "options");
    }

    internal int EvaluationBudget(int n, bool differences)
        => MaxFunctionEvaluations ?? (int)Math.Min(int.MaxValue, (differences ? 200L : 100L) * (n + 1));
}
