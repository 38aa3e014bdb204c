// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The active-set rule every factorization applies: a parameter on a bound whose descent direction −(Jᵀf)_j would
/// take it out of the box is held for the iteration (its Jacobian column counts as zero, so its step is zero).
/// </summary>
internal static class ActiveBounds
{
    public static bool IsAtBound(double value, double lower, double upper) => value <= lower || value >= upper;

    /// <summary>Whether the parameter is held, given its gradient component <paramref name="gradient"/> = (Jᵀf)_j.</summary>
    public static bool IsHeld(double value, double lower, double upper, double gradient)
        => (value <= lower && gradient > 0) || (value >= upper && gradient < 0);

    /// <summary>Zeroes row and column j of the k×k symmetric <paramref name="gram"/> and g_j for every held parameter j.</summary>
    public static void HoldInNormalEquations(ReadOnlySpan<double> point, double[] lower, double[] upper,
                                             Span<double> gram, Span<double> gradient, int k)
    {
        for (int j = 0; j < k; j++)
        {
            if (!IsHeld(point[j], lower[j], upper[j], gradient[j]))
                continue;
            for (int i = 0; i < k; i++)
            {
                gram[j * k + i] = 0;
                gram[i * k + j] = 0;
            }
            gradient[j] = 0;
        }
    }

    /// <summary>Zeroes column j of the k×k triangle for every held parameter j (its gradient from Jᵀf = Rᵀ·Q₀ᵀf).</summary>
    public static void HoldInTriangle(ReadOnlySpan<double> point, double[] lower, double[] upper,
                                      Span<double> triangle, ReadOnlySpan<double> projected, int k)
    {
        for (int j = 0; j < k; j++)
        {
            if (!IsAtBound(point[j], lower[j], upper[j]))
                continue;
            double gradient = 0;
            for (int i = 0; i < k; i++)
                gradient += triangle[j * k + i] * projected[i];
            if (IsHeld(point[j], lower[j], upper[j], gradient))
                triangle.Slice(j * k, k).Clear();
        }
    }
}
