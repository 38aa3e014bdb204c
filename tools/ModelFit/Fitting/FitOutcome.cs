// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>A finished fit: the result, where it started, and the residuals yᵢ − f(xᵢ) at the fitted parameters.</summary>
/// <param name="Result">The library's result.</param>
/// <param name="Start">The initial values of every parameter, in the model's order.</param>
/// <param name="Guessed">Which of them <see cref="CurveFit.GuessInitial{TModel}"/> chose (the others came from --p0 or --fix).</param>
/// <param name="Residuals">yᵢ − f(xᵢ; p̂), unweighted.</param>
/// <param name="Band">The fitted curve and its confidence band on <see cref="FitInputs.BandGrid"/>, or null.</param>
public sealed record FitOutcome(CurveFitResult Result, double[] Start, bool[] Guessed, double[] Residuals,
                                FitBand? Band = null)
{
    /// <summary>The formula compiler's warnings (an unused variable or parameter), printed before the report.</summary>
    public IReadOnlyList<FormulaDiagnostic> Warnings { get; init; } = [];

    /// <summary>True when any initial value was guessed.</summary>
    public bool AnyGuessed => Guessed.Any(g => g);
}
