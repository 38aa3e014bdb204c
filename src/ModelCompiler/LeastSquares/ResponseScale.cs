// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// What a fit can do with data on an extreme scale. Its norms, RSS and covariance sum squares on the data's scale:
/// below about 1e−125 those underflow, so that ‖f‖ is 0 at any start and a fit would report an exact solution where it
/// moved nothing; such data are refused. Above about 1e125 the single-curve solver still works, with norms that
/// rescale, but the normal equations a batch sums would overflow. Data whose own sum of squares overflows (|y| near
/// 1e154 and beyond) are refused too: the solver would still find the parameters, but the RSS of any fit not far
/// better than zero is then infinite, and the standard errors with it.
/// </summary>
internal static class ResponseScale
{
    // Σ(√w·y)² within these leaves room for residuals many orders below the data (an exact fit's ε²·‖y‖², 1e−32 of
    // it) and for starts many orders above, before anything leaves double precision's normal range.
    private const double MinSquares = 1e-250, MaxSquares = 1e250;

    /// <summary>Whether the normal equations of data whose Σ(√w·y)² is <paramref name="squares"/> could overflow.</summary>
    public static bool OverflowsNormalEquations(double squares) => !(squares <= MaxSquares);

    /// <summary>
    /// Throws when y (weighted by <paramref name="sqrtWeights"/>, when not empty), whose Σ(√w·y)² is
    /// <paramref name="squares"/>, is too small or too large to square; all zeros pass. y must be finite.
    /// <paramref name="curve"/> names a batch's curve, −1 a single fit's y.
    /// </summary>
    public static void RequireSquarable(double squares, ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights, long curve = -1)
    {
        bool tooLarge = double.IsPositiveInfinity(squares);
        if (!(squares < MinSquares) && !tooLarge)
            return;
        double largest = 0;
        for (int i = 0; i < y.Length; i++)
            largest = Math.Max(largest, Math.Abs(sqrtWeights.IsEmpty ? y[i] : sqrtWeights[i] * y[i]));
        if (largest == 0)
            return;
        string what = curve < 0 ? "y" : $"y of curve {curve}", value = sqrtWeights.IsEmpty ? "|y|" : "|√w·y|";
        // With weights, y itself may be ordinary and σ (or w) the extreme one: σ = 1e150 on every point was told to
        // rescale y. Relative sigma sets only the weights' ratios, so any common factor may be taken out of it.
        string weights = sqrtWeights.IsEmpty ? "" :
            " The weights enter as √w·y: if it is sigma (or the weights) that is far from 1, divide it by a common factor; " +
            "without AbsoluteSigma that changes nothing in the fit.";
        throw new ArgumentException((tooLarge
            ? string.Format(CultureInfo.InvariantCulture,
                "{0} is too large to fit in double precision: its largest {1} is {2:G3}, and the sum of its squares overflows, " +
                "so the fit's RSS and standard errors would be infinite. Express y in units that bring it nearer 1 (and " +
                "sigma with it).", what, value, largest)
            : string.Format(CultureInfo.InvariantCulture,
                "{0} is too small to fit in double precision: its largest {1} is {2:G3}, and the sum of its squares, {3:G3}, " +
                "lies below the 1e-250 that a fit's norms and sums of squares need to keep their digits. Express y in units " +
                "that bring it nearer 1 (and sigma with it).", what, value, largest, squares)) + weights, "y");
    }
}
