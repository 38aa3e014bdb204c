// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>The nonlinear least-squares algorithm of <see cref="CurveFit"/>.</summary>
public enum LeastSquaresMethod
{
    /// <summary>
    /// MINPACK lmder on the model's Jacobian (generated analytically), with the extensions of
    /// <see cref="CurveFitOptions"/>: bounds, the Gauss–Newton polish, geodesic acceleration, and a
    /// streamed Gram route for tall problems. Reaches the minimum to about ten digits on NIST StRD.
    /// </summary>
    LevenbergMarquardt,

    /// <summary>
    /// MINPACK lmdif exactly as scipy's leastsq runs it: the Jacobian by fdjac2's forward differences
    /// hⱼ = √epsmch·|pⱼ| (√epsmch when pⱼ = 0, epsmch = 2.22044604926e-16 as MINPACK's dpmpar),
    /// Moré's scaling from the column norms, lmpar, the ratio and radius rules and the convergence
    /// tests in lmdif's order, and the covariance (RᵀR)⁻¹ from the R of the last difference Jacobian.
    /// No polish, no bounds. For reproducing scipy results; see <see cref="CurveFitOptions.ScipyCurveFit"/>.
    /// lmdif's info 1 and 3 report <see cref="FitTermination.FunctionTolerance"/>, 2 ParameterTolerance,
    /// 4 GradientTolerance, 5 MaxFunctionEvaluations and 6–8 MachinePrecision; where curve_fit raises
    /// for 5–8, this is a result with that termination.
    /// </summary>
    MinpackLmdif,
}
