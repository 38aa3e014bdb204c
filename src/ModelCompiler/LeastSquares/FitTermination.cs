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
    /// <summary>
    /// The model's value or Jacobian is not finite at the initial parameters, so the fit never started; the
    /// parameters are the initial ones. Batch fits report this per curve, where <see cref="CurveFit"/>'s single
    /// fit throws <see cref="ArgumentException"/>.
    /// </summary>
    NonFiniteStart,
    /// <summary>
    /// The iteration stopped by its function, parameter or rounding test, but not at a least-squares solution: the
    /// residuals still lie along a Jacobian column (cosine above 0.01, where a converged fit's is about √ftol), far above
    /// the noise of the model's values. Typically a parameter ran off toward where the model flattens (a decay time
    /// toward ∞, a peak off the data) or the model is undefined just beyond the point. The parameters are where the
    /// iteration stopped; the message names the column. <see cref="LeastSquaresMethod.MinpackLmdif"/> keeps lmdif's
    /// own reasons and never reports this.
    /// </summary>
    Stalled,
}
