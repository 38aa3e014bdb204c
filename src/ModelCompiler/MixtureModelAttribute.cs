// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Declares a mixture of <see cref="Components"/> regressions y = g(x; θₖ) + εₖ over a model method g.
/// It goes <b>alongside</b> <see cref="ModelAttribute"/> on the same method: <c>[Model]</c> defines g and
/// generates <c>{Method}Model</c>; this attribute adds a nested <c>{Method}Mixture</c> (for a method named
/// <c>…Model</c>, without that suffix: <c>LineModel</c> gives <c>LineMixture</c>) implementing
/// <see cref="Mixtures.Regression.IRegressionMixture{TModel}"/> (component count, noise, and the kernel of
/// the K residuals and log-densities), which <see cref="Mixtures.Regression.RegressionMixture"/> fits by EM.
/// </summary>
/// <remarks>
/// Without <c>[Model]</c> on the same method nothing is generated (compile error MC0027). Components below 1 are compile error MC0020.
/// </remarks>
/// <example>
/// <code>
/// [Model("a + b*x"), MixtureModel(Components = 2, Noise = Noise.Laplace)]
/// public static partial double Line(double x, double a, double b);
/// var fit = RegressionMixture.Fit&lt;C.LineMixture, C.LineModel&gt;(x, y);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MixtureModelAttribute : Attribute
{
    /// <summary>Number of components K, at least 1. Default 2.</summary>
    public int Components { get; set; } = 2;

    /// <summary>Noise distribution of every component. Default <see cref="ModelCompiler.Noise.Gaussian"/>.</summary>
    public Noise Noise { get; set; } = Noise.Gaussian;
}
