// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>The noise distribution of every component of a mixture of regressions.</summary>
public enum Noise
{
    /// <summary>yᵢ = g(xᵢ; θₖ) + ε, ε ~ N(0, σₖ²): the M-step is weighted least squares and σₖ² its weighted mean square.</summary>
    Gaussian,
    /// <summary>yᵢ = g(xᵢ; θₖ) + ε, ε ~ Laplace(0, bₖ), density e^(−|ε|/b)/(2b): the M-step is weighted least absolute
    /// deviations (by iteratively reweighted least squares) and bₖ the weighted mean absolute residual.</summary>
    Laplace,
}

/// <summary>
/// Declares a mixture of regressions of a model, placed beside <see cref="ModelAttribute"/> on the same method:
/// <c>[Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Laplace)]</c>. Besides <c>{Method}Model</c>, the
/// generator then emits <c>{Method}Mixture</c>: the per-point component residuals and log-densities, and a <c>Fit</c>
/// that runs EM with these components and this noise.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MixtureModelAttribute : Attribute
{
    /// <summary>K, the number of regression components (at least 1).</summary>
    public int Components { get; set; } = 2;

    /// <summary>The noise distribution of every component.</summary>
    public Noise Noise { get; set; } = Noise.Gaussian;
}
