// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// When EM stops, in the notation of <see cref="EmOptions"/>: L_t = Σᵢ ln p(xᵢ | θ_t) is the summed log-likelihood at
/// the parameters after t M-steps (θ₀ the start) and ℓ = L/n its per-point mean. L_t is known from the E-step that
/// follows M-step t. Each rule names the peer whose rule it is, so that a fit can stop where the peer stops.
/// </summary>
public enum EmStoppingRule
{
    /// <summary>
    /// scikit-learn's rule: after the M-step of iteration t, stop when |ℓ_{t−1} − ℓ_{t−2}| &lt; tol, the change of the
    /// per-point mean log-likelihood between the last two E-steps (ℓ_{−1} = −∞, so never at t = 1). The returned
    /// parameters are θ_t, one M-step past the last likelihood compared. Tolerance is per point: the summed
    /// log-likelihood changed by less than n·tol.
    /// </summary>
    MeanLogLikelihoodChange,

    /// <summary>
    /// R mixtools' <c>regmixEM</c> rule: stop at the first t ≥ 1 with L_t − L_{t−1} ≤ tol (signed: a decrease also
    /// stops), L summed over the points (regmixEM's <c>epsilon</c>, default 1e-8). The returned parameters are θ_t.
    /// </summary>
    LogLikelihoodIncrease,

    /// <summary>
    /// R flexmix's rule: stop at the first t ≥ 2 with |L_t − L_{t−1}| / (|L_t| + 0.1) &lt; tol, L summed over the
    /// points (flexmix's <c>tolerance</c>, default 1e-6; flexmix has no likelihood before its first M-step). The
    /// returned parameters are θ_t.
    /// </summary>
    RelativeLogLikelihoodChange,
}
