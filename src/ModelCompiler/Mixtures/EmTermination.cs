// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>Why the kept EM run stopped. The parameters are those after the last M-step unless a value says otherwise.</summary>
public enum EmTermination
{
    /// <summary>|ℓ_t − ℓ_{t−1}| fell below <see cref="EmOptions.Tolerance"/>.</summary>
    Converged,
    /// <summary><see cref="EmOptions.MaxIterations"/> iterations ran without meeting the tolerance.</summary>
    MaxIterations,
    /// <summary>ℓ became non-finite (a point has zero density under every component); the parameters are those before that E-step.</summary>
    NonFiniteLikelihood,
    /// <summary>
    /// The returned parameters are a degenerate solution, not a maximum: a component ended without points, or its
    /// noise scale at the floor that keeps the likelihood bounded (mixtures of regressions), or a Gaussian mixture's
    /// covariance collapsed and was lifted to stay positive definite. The result's message or warnings name the
    /// components; fewer components, more data per component, a larger regularization or other starts usually help.
    /// </summary>
    DegenerateComponent,
}
