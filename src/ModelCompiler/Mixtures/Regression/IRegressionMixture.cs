// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// A mixture of K regressions y = g(x; θₖ) + εₖ over the model <typeparamref name="TModel"/>, as the generator
/// emits it for a method carrying <see cref="MixtureModelAttribute"/>. Static members, so
/// <see cref="RegressionMixture"/> is specialized per mixture by the JIT.
/// </summary>
public interface IRegressionMixture<TModel> where TModel : IModel
{
    /// <summary>Number of components K.</summary>
    static abstract int Components { get; }

    /// <summary>The noise distribution of every component.</summary>
    static abstract Noise Noise { get; }

    /// <summary>
    /// For every component k and point i: <c>residuals[k*n + i]</c> = yᵢ − g(xᵢ; θₖ) and
    /// <c>logDensity[k*n + i]</c> = ln N(rᵢₖ; 0, sₖ²) or ln Laplace(rᵢₖ; 0, sₖ), with n = <c>y.Length</c>,
    /// x column-major n×V, θₖ at <c>parameters[k*P .. k*P + P)</c> and sₖ = <c>scales[k]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    static abstract void ComponentLogDensities(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters,
                                               ReadOnlySpan<double> scales, Span<double> residuals, Span<double> logDensity);
}
