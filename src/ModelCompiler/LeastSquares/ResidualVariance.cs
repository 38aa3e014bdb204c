// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The residual variance s² = RSS/(n − k) that scales the covariance, with RSS floored at the rounding of the data,
/// (ε·‖√w·y‖)²: every response carries an error of about ε·|yᵢ| that no fit can go below. Without the floor an exact
/// fit (RSS = 0) reports standard errors of 0 for every parameter, even for one the data cannot determine: a·exp(−k·x) + c
/// fitted to constant data ends with a ≈ 1e-16 and any k. With it, that k gets a standard error far above its value,
/// and a fit with RSS above the rounding, any real fit, is unchanged.
/// </summary>
internal static class ResidualVariance
{
    /// <param name="rss">The weighted residual sum of squares.</param>
    /// <param name="degreesOfFreedom">n − k, at least 1.</param>
    /// <param name="responseNorm">‖√w·y‖.</param>
    public static double Of(double rss, int degreesOfFreedom, double responseNorm)
    {
        double rounding = Epsilon * responseNorm;
        return Math.Max(rss, rounding * rounding) / degreesOfFreedom;
    }

    private const double Epsilon = 2.220446049250313e-16;
}
