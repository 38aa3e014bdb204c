// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>Why the solver stopped. The first six count as convergence.</summary>
public enum FitTermination
{
    /// <summary>The relative reduction of the sum of squares fell below <see cref="CurveFitOptions.FunctionTolerance"/>.</summary>
    FunctionTolerance,
    /// <summary>The relative change of the scaled parameters fell below <see cref="CurveFitOptions.ParameterTolerance"/>.</summary>
    ParameterTolerance,
    /// <summary>The residual vector became orthogonal to the Jacobian columns (<see cref="CurveFitOptions.GradientTolerance"/>).</summary>
    GradientTolerance,
    /// <summary>No further reduction is possible in double precision (the tolerances ask for more than the arithmetic gives).</summary>
    MachinePrecision,
    /// <summary>The model reproduces the data exactly (zero residual).</summary>
    ExactSolution,
    /// <summary>A linear least-squares problem was solved directly, without iteration.</summary>
    DirectSolution,
    /// <summary>The evaluation budget (<see cref="CurveFitOptions.MaxFunctionEvaluations"/>) was spent; the parameters are the best point found.</summary>
    MaxFunctionEvaluations,
    /// <summary>The Jacobian became non-finite at an accepted point; the parameters are the last finite point.</summary>
    NonFiniteJacobian,
}
