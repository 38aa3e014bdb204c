// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Parameters the data cannot determine in double precision. A parameter p_j whose change by its own magnitude moves
/// the model by less than the rounding of the data, ‖√w·∂f/∂p_j‖·|p_j| ≤ ε·‖√w·y‖, has a covariance only because the
/// rank test sees unit-norm columns: a·exp(−k·x) + c fitted to constant data ends at a ≈ 1e-16, where k's column is
/// tiny but independent, and with RSS = 0 the standard-error formula even gives k a standard error of 0. Both sides
/// of the test scale alike with the units of p_j and of y, so the decision does not depend on units.
/// </summary>
internal static class Identifiability
{
    /// <summary>
    /// Why the covariance is undefined, naming the undetermined parameters; null when every parameter moves the model.
    /// </summary>
    /// <param name="columnNorms">‖√w·∂f/∂p_j‖ of each free parameter.</param>
    /// <param name="free">The free parameters' values.</param>
    /// <param name="responseNorm">‖√w·y‖.</param>
    /// <param name="freeNames">The free parameters' names.</param>
    public static string? Undetermined(ReadOnlySpan<double> columnNorms, ReadOnlySpan<double> free, double responseNorm,
                                       IReadOnlyList<string> freeNames)
    {
        List<string>? undetermined = null;
        for (int j = 0; j < free.Length; j++)
            if (IsUndetermined(columnNorms[j], free[j], responseNorm))
                (undetermined ??= []).Add(freeNames[j]);
        return undetermined is null
            ? null
            : $"the data do not determine {string.Join(", ", undetermined)}: changing {(undetermined.Count == 1 ? "it" : "any of them")} " +
              "by its own magnitude moves the model by less than the rounding of the data (‖∂f/∂p·p‖ ≤ ε·‖y‖), so the covariance is undefined";
    }

    /// <summary>
    /// True when changing a parameter of value <paramref name="value"/> by its own magnitude moves the model by less than
    /// ε·<paramref name="responseNorm"/>. A parameter at exactly 0 has no magnitude to test (a zero column is the rank
    /// test's), and without a finite, non-zero ‖√w·y‖ there is no rounding to compare with.
    /// </summary>
    public static bool IsUndetermined(double columnNorm, double value, double responseNorm) =>
        value != 0 && responseNorm > 0 && double.IsFinite(responseNorm) && columnNorm * Math.Abs(value) <= Epsilon * responseNorm;

    /// <summary>‖√w·y‖.</summary>
    public static double ResponseNorm(ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double v = sqrtWeights.IsEmpty ? y[i] : sqrtWeights[i] * y[i];
            sum += v * v;
        }
        return Math.Sqrt(sum);
    }

    private const double Epsilon = 2.220446049250313e-16;
}
