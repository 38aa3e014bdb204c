// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// How the M-step estimates a component's Gaussian noise scale σₖ from the responsibilities rᵢₖ and the residuals
/// eᵢₖ of its weighted regression (n points, P parameters of g). The estimate is used in the next E-step.
/// </summary>
public enum RegressionScaleEstimator
{
    /// <summary>
    /// σₖ² = Σᵢ rᵢₖeᵢₖ² / Σᵢ rᵢₖ, the weighted maximum-likelihood estimate: the exact ML EM of mixtools' <c>regmixEM</c>,
    /// whose log-likelihood never decreases. For Laplace noise the scale is always its ML estimate bₖ = Σᵢ rᵢₖ|eᵢₖ| / Σᵢ rᵢₖ.
    /// </summary>
    MaximumLikelihood,

    /// <summary>
    /// σₖ² = Σᵢ rᵢₖeᵢₖ² / mean(rₖ) / (n − P) = n·Σᵢ rᵢₖeᵢₖ² / ((n − P)·Σᵢ rᵢₖ), the estimator of R flexmix's
    /// <c>FLXMRglm(family = "gaussian")</c>, used in the E-step as flexmix uses it, to reproduce flexmix's fits. It is
    /// not the MLE (0.5% above it on 200 points), so the log-likelihood is no longer guaranteed to rise. Gaussian noise
    /// only; needs n &gt; P.
    /// </summary>
    Flexmix,
}
