// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>Why the equation solver stopped. The first four count as convergence; in every case x is the best point found.</summary>
public enum EquationTermination
{
    /// <summary>F(x) = 0 exactly.</summary>
    ExactSolution,

    /// <summary>
    /// The trust region shrank to Δ ≤ <see cref="EquationSolverOptions.StepTolerance"/>·‖D·x‖ (Broyden: the last step
    /// ‖s‖ ≤ that tolerance·‖x‖): x changes by no more than that relative amount (MINPACK's info 1).
    /// </summary>
    StepTolerance,

    /// <summary>max |Fᵢ(x)| ≤ <see cref="EquationSolverOptions.ResidualTolerance"/>.</summary>
    ResidualTolerance,

    /// <summary>
    /// The step bound reached the rounding level of x: no further improvement is possible in double precision (the
    /// step tolerance asks for more than the arithmetic gives; MINPACK's "xtol is too small").
    /// </summary>
    MachinePrecision,

    /// <summary>
    /// ‖F‖ stopped decreasing with F ≠ 0 and Jᵀ F ≈ 0 (Levenberg–Marquardt's ftol or gtol test): x is a local
    /// minimizer of ‖F‖, not a root. Try another start.
    /// </summary>
    LocalMinimum,

    /// <summary>
    /// The last five Jacobian evaluations, or ten iterations, did not reduce ‖F‖ appreciably (MINPACK's info 4
    /// and 5): a singular Jacobian, a local minimum of ‖F‖, or a root at the rounding level. Check
    /// <see cref="EquationSolverResult.ResidualNorm"/>.
    /// </summary>
    NoProgress,

    /// <summary>The evaluation budget was spent (<see cref="EquationSolverOptions.MaxFunctionEvaluations"/>).</summary>
    MaxFunctionEvaluations,

    /// <summary>The Jacobian was not finite at an accepted point.</summary>
    NonFiniteJacobian,
}
