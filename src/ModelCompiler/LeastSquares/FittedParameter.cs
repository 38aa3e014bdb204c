// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>One row of a fit's parameter table.</summary>
/// <param name="Name">The model's parameter name.</param>
/// <param name="Value">The fitted (or fixed) value.</param>
/// <param name="StandardError">√Cov[j, j]; 0 for a fixed parameter; +∞ when the covariance is undefined (a rank-deficient
/// fit keeps it for the parameters outside the Jacobian's null space).</param>
/// <param name="Lower">Lower end of the confidence interval (value − t·SE; with absolute sigma and no degrees of freedom
/// the normal quantile z in place of Student's t).</param>
/// <param name="Upper">Upper end of the confidence interval (value + t·SE).</param>
/// <param name="IsFixed">Held at its initial value.</param>
/// <param name="AtBound">Ends exactly on one of its bounds.</param>
public readonly record struct FittedParameter(
    string Name, double Value, double StandardError, double Lower, double Upper, bool IsFixed, bool AtBound);
