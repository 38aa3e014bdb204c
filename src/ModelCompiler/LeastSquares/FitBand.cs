// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The fitted curve ŷ(x) on a set of points with its pointwise band [<see cref="Lower"/>, <see cref="Upper"/>] =
/// ŷ ∓ t·<see cref="StandardErrors"/>: of the curve, from <see cref="CurveFit.ConfidenceBand{TModel}(CurveFitResult, double[], double?)"/>,
/// or of new observations, from <see cref="CurveFit.PredictionBand{TModel}(CurveFitResult, double[], double[], double?)"/>.
/// </summary>
/// <param name="X">The points, as given: one value per point for a one-variable model, column-major n×V for V variables.</param>
/// <param name="Values">The fitted curve ŷ at each point.</param>
/// <param name="Lower">ŷ − t·se at each point (equal to <paramref name="Values"/> when <see cref="Problem"/> is set).</param>
/// <param name="Upper">ŷ + t·se at each point (equal to <paramref name="Values"/> when <see cref="Problem"/> is set).</param>
/// <param name="Level">The confidence level of the band, in (0, 1).</param>
public sealed record FitBand(double[] X, double[] Values, double[] Lower, double[] Upper, double Level)
{
    /// <summary>
    /// The standard error at each point: of the fitted curve, √(J C Jᵀ) with J the row of ∂ŷ/∂p there and C the fit's
    /// covariance (as lmfit's <c>eval_uncertainty</c> before its t factor); for a prediction band, of a new observation,
    /// √(J C Jᵀ + σ²). Zeros when <see cref="Problem"/> is set.
    /// </summary>
    public required double[] StandardErrors { get; init; }

    /// <summary>The Student-t quantile t_{ν,(1+level)/2} with ν the fit's degrees of freedom; NaN when <see cref="Problem"/> is set.</summary>
    public required double TQuantile { get; init; }

    /// <summary>Why the band could not be computed (the fit's covariance is undefined, or it has no degrees of freedom), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>True when the band was computed; false when it collapsed onto the curve for the reason in <see cref="Problem"/>.</summary>
    public bool IsDefined => Problem is null;

    /// <summary>The number of points.</summary>
    public int Count => Values.Length;
}
