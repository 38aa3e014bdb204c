// SPDX-License-Identifier: MIT
namespace ModelCompiler.Variational;

/// <summary>The prior on the mixing weights (scikit-learn's <c>weight_concentration_prior_type</c>).</summary>
public enum WeightConcentrationPriorType
{
    /// <summary>
    /// A truncated Dirichlet process in its stick-breaking form: vₖ ~ Beta(1, γ₀), πₖ = vₖ·Πⱼ&lt;ₖ(1 − vⱼ);
    /// q(vₖ) = Beta(aₖ, bₖ). Switches surplus components off.
    /// </summary>
    DirichletProcess,
    /// <summary>A symmetric Dirichlet(α₀, …, α₀) on π; q(π) = Dirichlet(α).</summary>
    DirichletDistribution,
}
