// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>Why the kept EM run stopped. In both cases the parameters are those after the last M-step.</summary>
public enum EmTermination
{
    /// <summary>|ℓ_t − ℓ_{t−1}| fell below <see cref="EmOptions.Tolerance"/>.</summary>
    Converged,
    /// <summary><see cref="EmOptions.MaxIterations"/> iterations ran without meeting the tolerance.</summary>
    MaxIterations,
    /// <summary>ℓ became non-finite (a point has zero density under every component); the parameters are those before that E-step.</summary>
    NonFiniteLikelihood,
}
