// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// What a fit knows besides the data and the start: per-point uncertainty (either sigma or weights),
/// bounds on the parameters, and parameters held fixed. Every array is indexed like the points or
/// like the model's parameters and is copied, never modified.
/// </summary>
public sealed record FitSetup
{
    /// <summary>
    /// Per-point standard deviations σᵢ &gt; 0; the residuals become (f(xᵢ) − yᵢ)/σᵢ as in scipy's
    /// <c>curve_fit(sigma=…)</c>. Mutually exclusive with <see cref="Weights"/>.
    /// </summary>
    public double[]? Sigma { get; init; }

    /// <summary>
    /// Per-point weights wᵢ &gt; 0 multiplying the squared residuals: wᵢ = 1/σᵢ². Mutually exclusive
    /// with <see cref="Sigma"/>.
    /// </summary>
    public double[]? Weights { get; init; }

    /// <summary>Lower bounds per parameter (−∞ for none). Null: no lower bounds.</summary>
    public double[]? LowerBounds { get; init; }

    /// <summary>Upper bounds per parameter (+∞ for none). Null: no upper bounds.</summary>
    public double[]? UpperBounds { get; init; }

    /// <summary>Parameters held at their initial value (true = fixed). Null: all are fitted.</summary>
    public bool[]? Fixed { get; init; }

    /// <summary>Shared instance with nothing set.</summary>
    public static FitSetup None { get; } = new();
}
