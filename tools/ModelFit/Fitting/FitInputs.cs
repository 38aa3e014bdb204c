// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit.Fitting;

/// <summary>What a fit command was asked to do, with the data already read.</summary>
/// <param name="X">The variables, column-major n×V in the order of the model's variables.</param>
/// <param name="Y">The responses.</param>
/// <param name="Sigma">Per-point standard deviations, or null for an unweighted fit.</param>
/// <param name="Start">Initial values by parameter name (<c>--p0</c>); parameters not named here are guessed.</param>
/// <param name="Bounds">Bounds by parameter name (<c>--bounds</c>).</param>
/// <param name="Fixed">Parameters held at a value (<c>--fix</c>).</param>
/// <param name="ConfidenceLevel">Level of the parameter intervals (and of the plot's band).</param>
/// <param name="BandGrid">Where to evaluate the fitted curve and its confidence band (for a plot), or null.</param>
public sealed record FitInputs(
    double[] X, double[] Y, double[]? Sigma,
    IReadOnlyDictionary<string, double> Start,
    IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds,
    IReadOnlyDictionary<string, double> Fixed,
    double ConfidenceLevel = 0.95,
    double[]? BandGrid = null);
