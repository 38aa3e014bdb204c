// SPDX-License-Identifier: MIT
using System.Runtime.Intrinsics;

namespace ModelCompiler.Kernels;

// expm1, log1p, log2, cbrt, hypot and sign of the formula language, computed in the vector registers on this
// class's Exp and Log (not the framework's, whose lanes can depend on their neighbours and on the JIT tier). Each has one body per width, the same operations in the same order, so the Vector256 and Vector512 results
// are identical lane for lane; the stated bounds are against the exact value, and the tests check them against
// mpmath and the scalar .NET functions.
public static partial class VectorMath
{
    /// <summary>e^x − 1 lane by lane, within 3 ulps: the series of <see cref="ScalarMath.Expm1"/> where |x| &lt; 1/2, else <see cref="Exp(Vector256{double})"/> minus 1.</summary>
    public static Vector256<double> Expm1(Vector256<double> x)
    {
        var series = Vector256.Create(ScalarMath.Expm1Coefficients[^1]);
        for (int k = ScalarMath.Expm1Coefficients.Length - 2; k >= 0; k--)
            series = series * x + Vector256.Create(ScalarMath.Expm1Coefficients[k]);
        var small = Vector256.LessThan(Vector256.Abs(x), Vector256.Create(ScalarMath.Expm1SeriesLimit));
        return Vector256.ConditionalSelect(small, x * series, Exp(x) - Vector256<double>.One);
    }

    /// <summary>e^x − 1 lane by lane, within 3 ulps: the series of <see cref="ScalarMath.Expm1"/> where |x| &lt; 1/2, else <see cref="Exp(Vector512{double})"/> minus 1.</summary>
    public static Vector512<double> Expm1(Vector512<double> x)
    {
        var series = Vector512.Create(ScalarMath.Expm1Coefficients[^1]);
        for (int k = ScalarMath.Expm1Coefficients.Length - 2; k >= 0; k--)
            series = series * x + Vector512.Create(ScalarMath.Expm1Coefficients[k]);
        var small = Vector512.LessThan(Vector512.Abs(x), Vector512.Create(ScalarMath.Expm1SeriesLimit));
        return Vector512.ConditionalSelect(small, x * series, Exp(x) - Vector512<double>.One);
    }

    /// <summary>ln(1 + x) lane by lane, within 3 ulps, by the corrected logarithm of <see cref="ScalarMath.Log1p"/>.</summary>
    public static Vector256<double> Log1p(Vector256<double> x)
    {
        var u = Vector256<double>.One + x;
        var result = Log(u) * (x / (u - Vector256<double>.One));
        result = Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<double>.One), x, result);
        return Vector256.ConditionalSelect(Vector256.IsPositiveInfinity(u), u, result);
    }

    /// <summary>ln(1 + x) lane by lane, within 3 ulps, by the corrected logarithm of <see cref="ScalarMath.Log1p"/>.</summary>
    public static Vector512<double> Log1p(Vector512<double> x)
    {
        var u = Vector512<double>.One + x;
        var result = Log(u) * (x / (u - Vector512<double>.One));
        result = Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<double>.One), x, result);
        return Vector512.ConditionalSelect(Vector512.IsPositiveInfinity(u), u, result);
    }

    /// <summary>
    /// The cube root lane by lane, within 2 ulps (subnormals included): exp(ln|x|/3), good to about 1e-13, then one
    /// Newton step y − (y − |x|/y²)/3, which cannot overflow; ±0, ±∞ and NaN are returned as they are.
    /// </summary>
    public static Vector256<double> Cbrt(Vector256<double> x)
    {
        var a = Vector256.Abs(x);
        var y = Exp(Log(a) * Vector256.Create(1.0 / 3));
        y -= (y - a / (y * y)) * Vector256.Create(1.0 / 3);
        var asIs = Vector256.Equals(a, Vector256<double>.Zero) | Vector256.IsPositiveInfinity(a) | Vector256.IsNaN(x);
        return Vector256.ConditionalSelect(asIs, x, Vector256.CopySign(y, x));
    }

    /// <summary>
    /// The cube root lane by lane, within 2 ulps (subnormals included): exp(ln|x|/3), good to about 1e-13, then one
    /// Newton step y − (y − |x|/y²)/3, which cannot overflow; ±0, ±∞ and NaN are returned as they are.
    /// </summary>
    public static Vector512<double> Cbrt(Vector512<double> x)
    {
        var a = Vector512.Abs(x);
        var y = Exp(Log(a) * Vector512.Create(1.0 / 3));
        y -= (y - a / (y * y)) * Vector512.Create(1.0 / 3);
        var asIs = Vector512.Equals(a, Vector512<double>.Zero) | Vector512.IsPositiveInfinity(a) | Vector512.IsNaN(x);
        return Vector512.ConditionalSelect(asIs, x, Vector512.CopySign(y, x));
    }

    /// <summary>The sign lane by lane, exactly as <see cref="ScalarMath.Sign"/>: −1, 0 or 1, and NaN for NaN.</summary>
    public static Vector256<double> Sign(Vector256<double> x)
    {
        var sign = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), Vector256<double>.One, Vector256<double>.Zero);
        sign = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), -Vector256<double>.One, sign);
        return Vector256.ConditionalSelect(Vector256.IsNaN(x), x, sign);
    }

    /// <summary>The sign lane by lane, exactly as <see cref="ScalarMath.Sign"/>: −1, 0 or 1, and NaN for NaN.</summary>
    public static Vector512<double> Sign(Vector512<double> x)
    {
        var sign = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), Vector512<double>.One, Vector512<double>.Zero);
        sign = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), -Vector512<double>.One, sign);
        return Vector512.ConditionalSelect(Vector512.IsNaN(x), x, sign);
    }

    /// <summary>log₂ x lane by lane, within 2 ulps: <see cref="Log(Vector256{double})"/> times 1/ln 2.</summary>
    public static Vector256<double> Log2(Vector256<double> x) => Log(x) * Vector256.Create(InvLn2);

    /// <summary>log₂ x lane by lane, within 2 ulps: <see cref="Log(Vector512{double})"/> times 1/ln 2.</summary>
    public static Vector512<double> Log2(Vector512<double> x) => Log(x) * Vector512.Create(InvLn2);

    /// <summary>
    /// √(x² + y²) lane by lane, within 2 ulps and without overflow or underflow: h·√(1 + (l/h)²) with h and l the larger
    /// and smaller of |x| and |y|; 0 where both are 0, +∞ where either is infinite (even beside NaN), as <see cref="double.Hypot"/>.
    /// </summary>
    public static Vector256<double> Hypot(Vector256<double> x, Vector256<double> y)
    {
        var (a, b) = (Vector256.Abs(x), Vector256.Abs(y));
        var (high, low) = (Vector256.Max(a, b), Vector256.Min(a, b));
        var ratio = low / high;
        var h = high * Vector256.Sqrt(Vector256.FusedMultiplyAdd(ratio, ratio, Vector256<double>.One));
        h = Vector256.ConditionalSelect(Vector256.Equals(high, Vector256<double>.Zero), Vector256<double>.Zero, h);
        return Vector256.ConditionalSelect(Vector256.IsPositiveInfinity(a) | Vector256.IsPositiveInfinity(b), Vector256.Create(double.PositiveInfinity), h);
    }

    /// <summary>
    /// √(x² + y²) lane by lane, within 2 ulps and without overflow or underflow: h·√(1 + (l/h)²) with h and l the larger
    /// and smaller of |x| and |y|; 0 where both are 0, +∞ where either is infinite (even beside NaN), as <see cref="double.Hypot"/>.
    /// </summary>
    public static Vector512<double> Hypot(Vector512<double> x, Vector512<double> y)
    {
        var (a, b) = (Vector512.Abs(x), Vector512.Abs(y));
        var (high, low) = (Vector512.Max(a, b), Vector512.Min(a, b));
        var ratio = low / high;
        var h = high * Vector512.Sqrt(Vector512.FusedMultiplyAdd(ratio, ratio, Vector512<double>.One));
        h = Vector512.ConditionalSelect(Vector512.Equals(high, Vector512<double>.Zero), Vector512<double>.Zero, h);
        return Vector512.ConditionalSelect(Vector512.IsPositiveInfinity(a) | Vector512.IsPositiveInfinity(b), Vector512.Create(double.PositiveInfinity), h);
    }
}
