// SPDX-License-Identifier: MIT
using ModelCompiler.Kernels;

namespace ModelCompiler.LeastSquares;

/// <summary>Quantiles of the standard normal distribution: the intervals of a fit whose σ is known and that has no degrees of freedom.</summary>
internal static class StandardNormal
{
    /// <summary>The z with P(Z ≤ z) = <paramref name="probability"/>, in (0, 1).</summary>
    public static double InverseCdf(double probability)
    {
        if (probability < 0.5)
            return -InverseCdf(1 - probability);
        // Bisection on the upper tail ½·erfc(z/√2), accurate far into it; 200 halvings reach a double's resolution.
        double tail = 1 - probability, lo = 0, hi = 40;
        for (int i = 0; i < 200 && hi - lo > 0; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi)
                break;
            if (0.5 * ScalarMath.Erfc(mid / Math.Sqrt(2)) > tail)
                lo = mid;
            else
                hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
