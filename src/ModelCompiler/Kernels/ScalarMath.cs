// SPDX-License-Identifier: MIT
namespace ModelCompiler.Kernels;

/// <summary>Scalar functions of the formula language that <see cref="Math"/> lacks.</summary>
public static class ScalarMath
{
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>The sign as a double: −1, 0 or 1, and NaN for NaN (where <see cref="Math.Sign(double)"/> throws).</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : double.NaN;

    /// <summary>
    /// e^x − 1 within 2 ulps everywhere, without the cancellation of <c>Math.Exp(x) − 1</c> near 0 (which is what
    /// <see cref="double.ExpM1"/> computes): by its Taylor series where |x| &lt; 1/2, else as that difference, which
    /// there loses at most a factor 2.6 to cancellation.
    /// </summary>
    public static double Expm1(double x) =>
        Math.Abs(x) < Expm1SeriesLimit ? x * Expm1Series(x) : Math.Exp(x) - 1;

    /// <summary>
    /// ln(1 + x) within 2 ulps everywhere, without the rounding of 1 + x that <c>Math.Log(1 + x)</c> (and
    /// <see cref="double.LogP1"/>) suffers near 0: with u = 1 + x rounded, ln(1 + x) = ln u · x/(u − 1), where the
    /// ratio corrects the rounding of u to first order (Goldberg 1991, theorem 4).
    /// </summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        if (u == 1)
            return x; // |x| below half an ulp of 1: ln(1 + x) = x − x²/2 + … rounds to x
        if (double.IsPositiveInfinity(u))
            return u;
        return Math.Log(u) * (x / (u - 1));
    }

    /// <summary>|x| below which <see cref="Expm1"/> sums its series.</summary>
    internal const double Expm1SeriesLimit = 0.5;

    /// <summary>
    /// (e^x − 1)/x = Σ x^k/(k + 1)! for |x| &lt; 1/2, by Horner's rule up to x^14/15!: the first term left out is
    /// below 2^−60 of the sum. Shared with the vector kernels, which evaluate the same polynomial lane by lane.
    /// </summary>
    internal static double Expm1Series(double x)
    {
        double p = Expm1Coefficients[^1];
        for (int k = Expm1Coefficients.Length - 2; k >= 0; k--)
            p = p * x + Expm1Coefficients[k];
        return p;
    }

    /// <summary>1/(k + 1)! for k = 0 … 14.</summary>
    internal static readonly double[] Expm1Coefficients =
    [
        1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800,
        1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800, 1.0 / 87178291200, 1.0 / 1307674368000,
    ];

    /// <summary>The error function, within 1e-15 relative (a few ulps) over the whole line.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
            return x;
        double a = Math.Abs(x);
        if (a < 2.5)
            return SmallSeries(x);
        double value = 1 - ContinuedFraction(a);
        return x < 0 ? -value : value;
    }

    /// <summary>The complementary error function 1 − erf(x), within 4e-15 relative everywhere it is not subnormal.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
            return x;
        return x < 1 ? 1 - Erf(x) : ContinuedFraction(x);
    }

    /// <summary>
    /// erf(x) = 2/√π · e^(−x²) · Σ (2x²)^k x / (1·3·…·(2k+1)): every term is positive, so the sum has no
    /// cancellation, and for |x| &lt; 2.5 it converges to full precision in under 60 terms.
    /// </summary>
    private static double SmallSeries(double x)
    {
        double x2 = x * x, term = x, sum = x;
        for (int k = 1; k < 200; k++)
        {
            term *= 2 * x2 / (2 * k + 1);
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum))
                break;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>
    /// erfc(x) for x ≥ 1 by the Laplace continued fraction, evaluated with the modified Lentz method. Below 1, where it needs
    /// hundreds of terms and their rounding adds up, 1 − erf(x) is the better choice: erfc(1) ≈ 0.16 costs it under 3 bits.
    /// </summary>
    private static double ContinuedFraction(double x)
    {
        if (x > 27.3)
            return 0; // below the smallest subnormal
        // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 5000; k++)
        {
            double a = k * 0.5;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
                break;
        }
        // x² is split as hi² + (x − hi)(x + hi) with hi holding x's top 26 bits, so hi² is exact and
        // e^(−x²) keeps full relative accuracy where x² is in the hundreds.
        double hi = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFFF8000000UL));
        return Math.Exp(-hi * hi) * Math.Exp(-(x - hi) * (x + hi)) / (f * Math.Sqrt(Math.PI));
    }
}
