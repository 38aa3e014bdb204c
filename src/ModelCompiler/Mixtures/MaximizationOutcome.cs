// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// What an M-step had to repair. <see cref="EmptyComponents"/> counts components whose total
/// responsibility fell to (numerically) zero; <see cref="RegularizedComponents"/> counts components
/// whose scale or covariance had to be lifted beyond the configured regularization to stay
/// positive definite. A family reports them instead of producing NaN.
/// </summary>
public readonly record struct MaximizationOutcome(int EmptyComponents, int RegularizedComponents)
{
    /// <summary>True when nothing had to be repaired.</summary>
    public bool IsClean => EmptyComponents == 0 && RegularizedComponents == 0;
}
