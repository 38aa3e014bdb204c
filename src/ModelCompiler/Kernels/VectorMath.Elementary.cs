// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Kernels;

// exp, log, sin and cos for the generated vector kernels, with every lane's result a function of that lane's
// argument alone, computed by the same IEEE operations however the code was compiled. The framework's
// Vector256/Vector512 Exp, Sin and Cos are not: they send a whole vector to a scalar fallback when any lane is out
// of their polynomial's range, and the precompiled (ReadyToRun) body of Vector512's behaves as two Vector256 halves
// that decide separately, so the first calls of a process (precompiled code) and later ones (re-jitted tier-1 code)
// differ by an ulp in lanes whose neighbours are large, and a fit's iterates drift apart from there. Exp and Log
// here compute every lane by the same operations whichever path its vector takes (the short path serves only
// vectors whose lanes the general path would give the same bits), with always-fused multiply-adds, so Vector256
// and Vector512 agree lane for lane; Sin and Cos map each lane through Math.
public static partial class VectorMath
{
    // Exp: n = round(x/ln 2), r = x − n·ln 2 (ln 2 in two parts, n·Ln2Hi exact for |n| < 2^21), |r| ≤ ln 2/2,
    // e^r = 1 + r + r²·P(r) with P of degree 10 the Chebyshev fit of (e^r − 1 − r)/r² on [−ln 2/2, ln 2/2]
    // (mpmath.chebyfit, largest error 1.4e-18), then scaled by 2^n as 2^n1·2^n2 with
    // n1 + n2 = n, so that results near overflow and in the subnormal range are rounded once, as Math.Exp's are.
    private const double Ln2Hi = 0.6931471803691238;      // 0x3FE62E42FEE00000: ln 2 to 32 bits
    private const double Ln2Lo = 1.9082149292705877e-10;  // ln 2 − Ln2Hi
    private const double InvLn2 = 1.4426950408889634;
    private const double RoundingShift = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer in the low bits
    private const ulong RoundingShiftBits = 0x4338000000000000;
    private const double ExpLowest = -746;  // e^x rounds to 0 below about −745.13
    private const double ExpHighest = 710;  // and overflows above about 709.78
    private const double ExpOneScaling = 708; // |x| ≤ 708 gives |n| ≤ 1022 and a normal result

    // Log: x = 2^k·m with m in [√½, √2), f = m − 1, s = f/(2 + f), log m = 2·atanh s = f − f²/2 + s·(f²/2 + R(s²)),
    // R(z) = Σ 2z^j/(2j+1), j ≥ 1, here z·P(z) with P of degree 7 the Chebyshev fit of R(z)/z on [0, 0.02944]
    // (s² ≤ 0.02944; mpmath.chebyfit, largest error 2e-18); subnormal x are scaled by 2^54.
    private const ulong SqrtHalfBits = 0x3FE6A09E667F3BCD;
    private const ulong MantissaMask = 0x000FFFFFFFFFFFFF;
    private const ulong TwoPow52Bits = 0x4330000000000000;
    private const double TwoPow52 = 4503599627370496.0;
    private const double TwoPow54 = 18014398509481984.0;
    private const double SmallestNormal = 2.2250738585072014e-308;

#pragma warning disable CS1591 // the lane-wise counterparts of the Math functions of the same names; the comment above says how
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        // Where every lane's result is normal, one scaling by 2^n suffices; the general path gives those lanes the same bits.
        if (Vector256.LessThanOrEqualAll(Vector256.Abs(x), Vector256.Create(ExpOneScaling)))
        {
            var e = ExpOfReduced(x, out var shifted);
            return e * PowerOfTwo(shifted);
        }
        return ExpAnywhere(x);
    }

    /// <summary>
    /// e^x where |x| ≤ 708, the bits of <see cref="Exp(Vector256{double})"/>; the lanes outside (NaN included) are set in
    /// <paramref name="outOfRange"/> and their results are not e^x. No branch, so a loop of them is one block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpInRange(Vector256<double> x, ref Vector256<double> outOfRange)
    {
        outOfRange |= ~Vector256.LessThanOrEqual(Vector256.Abs(x), Vector256.Create(ExpOneScaling));
        var e = ExpOfReduced(x, out var shifted);
        return e * PowerOfTwo(shifted);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpAnywhere(Vector256<double> x)
    {
        var t = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(ExpLowest)), Vector256.Create(ExpHighest));
        var e = ExpOfReduced(t, out var shifted);
        var n = shifted - Vector256.Create(RoundingShift);
        var half = n * Vector256.Create(0.5) + Vector256.Create(RoundingShift);
        var rest = n - (half - Vector256.Create(RoundingShift)) + Vector256.Create(RoundingShift);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), e * PowerOfTwo(half) * PowerOfTwo(rest), x);
    }

    /// <summary>e^r for r = x − n·ln 2, with n + 1.5·2^52 in <paramref name="shifted"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpOfReduced(Vector256<double> x, out Vector256<double> shifted)
    {
        shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(InvLn2), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), x));
        // P by Estrin's scheme: pairs, then powers r², r⁴, r⁸, five multiply-adds deep instead of ten, so that the
        // exps of neighbouring points overlap in a kernel's loop.
        var r2 = r * r;
        var r4 = r2 * r2;
        var c01 = Vector256.FusedMultiplyAdd(Vector256.Create(0.1666666666666667), r, Vector256.Create(0.5));
        var c23 = Vector256.FusedMultiplyAdd(Vector256.Create(0.008333333333326136), r, Vector256.Create(0.04166666666666667));
        var c45 = Vector256.FusedMultiplyAdd(Vector256.Create(0.00019841269874820627), r, Vector256.Create(0.0013888888888883748));
        var c67 = Vector256.FusedMultiplyAdd(Vector256.Create(2.7557255400206422e-06), r, Vector256.Create(2.4801587325547743e-05));
        var c89 = Vector256.FusedMultiplyAdd(Vector256.Create(2.5105217004720745e-08), r, Vector256.Create(2.75572736431103e-07));
        var c03 = Vector256.FusedMultiplyAdd(c23, r2, c01);
        var c47 = Vector256.FusedMultiplyAdd(c67, r2, c45);
        var c810 = Vector256.FusedMultiplyAdd(Vector256.Create(2.0914686968086876e-09), r2, c89);
        var q = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(c810, r4, c47), r4, c03);
        return Vector256<double>.One + Vector256.FusedMultiplyAdd(r2, q, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        // Where every lane is a positive normal number no special case applies; the general path gives those lanes the same bits.
        if (Vector256.GreaterThanOrEqualAll(x, Vector256.Create(SmallestNormal)) && Vector256.LessThanOrEqualAll(x, Vector256.Create(double.MaxValue)))
            return LogOfNormal(x, Vector256<double>.Zero);
        return LogAnywhere(x);
    }

    /// <summary>
    /// log x where x is positive, normal and finite, the bits of <see cref="Log(Vector256{double})"/>; the lanes
    /// outside (NaN included) are set in <paramref name="outOfRange"/> and their results are not log x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogInRange(Vector256<double> x, ref Vector256<double> outOfRange)
    {
        outOfRange |= ~(Vector256.GreaterThanOrEqual(x, Vector256.Create(SmallestNormal)) & Vector256.LessThanOrEqual(x, Vector256.Create(double.MaxValue)));
        return LogOfNormal(x, Vector256<double>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogAnywhere(Vector256<double> x)
    {
        var tiny = Vector256.LessThan(x, Vector256.Create(SmallestNormal));
        var scaled = Vector256.ConditionalSelect(tiny, x * Vector256.Create(TwoPow54), x);
        var result = LogOfNormal(scaled, tiny.AsDouble() & Vector256.Create(54.0));
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(double.PositiveInfinity)), x, result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), Vector256.Create(double.NegativeInfinity), result);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), result, Vector256.Create(double.NaN));
    }

    /// <summary>log(x·2^−scale) for x positive and normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogOfNormal(Vector256<double> x, Vector256<double> scale)
    {
        var u = x.AsUInt64() + Vector256.Create(0x3FF0000000000000 - SqrtHalfBits);
        var m = ((u & Vector256.Create(MantissaMask)) + Vector256.Create(SqrtHalfBits)).AsDouble();
        var k = (Vector256.ShiftRightLogical(u, 52) | Vector256.Create(TwoPow52Bits)).AsDouble() - Vector256.Create(TwoPow52 + 1023) - scale;
        var f = m - Vector256<double>.One;
        var hfsq = Vector256.Create(0.5) * f * f;
        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        var q = Vector256.Create(0.13086767009948175);
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(0.13268759668560612));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(0.15386240205813478));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(0.18181795630884753));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(0.2222222239180047));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(0.2857142857080323));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(0.4000000000000088));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(0.6666666666666666));
        return k * Vector256.Create(Ln2Hi) + (f - (hfsq - (s * (hfsq + q * z) + k * Vector256.Create(Ln2Lo))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        // Where every lane's result is normal, one scaling by 2^n suffices; the general path gives those lanes the same bits.
        if (Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(ExpOneScaling)))
        {
            var e = ExpOfReduced(x, out var shifted);
            return e * PowerOfTwo(shifted);
        }
        return ExpAnywhere(x);
    }

    /// <summary>
    /// e^x where |x| ≤ 708, the bits of <see cref="Exp(Vector512{double})"/>; the lanes outside (NaN included) are set in
    /// <paramref name="outOfRange"/> and their results are not e^x. No branch, so a loop of them is one block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpInRange(Vector512<double> x, ref Vector512<double> outOfRange)
    {
        outOfRange |= ~Vector512.LessThanOrEqual(Vector512.Abs(x), Vector512.Create(ExpOneScaling));
        var e = ExpOfReduced(x, out var shifted);
        return e * PowerOfTwo(shifted);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpAnywhere(Vector512<double> x)
    {
        var t = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(ExpLowest)), Vector512.Create(ExpHighest));
        var e = ExpOfReduced(t, out var shifted);
        var n = shifted - Vector512.Create(RoundingShift);
        var half = n * Vector512.Create(0.5) + Vector512.Create(RoundingShift);
        var rest = n - (half - Vector512.Create(RoundingShift)) + Vector512.Create(RoundingShift);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), e * PowerOfTwo(half) * PowerOfTwo(rest), x);
    }

    /// <summary>e^r for r = x − n·ln 2, with n + 1.5·2^52 in <paramref name="shifted"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpOfReduced(Vector512<double> x, out Vector512<double> shifted)
    {
        shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(InvLn2), Vector512.Create(RoundingShift));
        var n = shifted - Vector512.Create(RoundingShift);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Lo), Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Hi), x));
        // P by Estrin's scheme: pairs, then powers r², r⁴, r⁸, five multiply-adds deep instead of ten, so that the
        // exps of neighbouring points overlap in a kernel's loop.
        var r2 = r * r;
        var r4 = r2 * r2;
        var c01 = Vector512.FusedMultiplyAdd(Vector512.Create(0.1666666666666667), r, Vector512.Create(0.5));
        var c23 = Vector512.FusedMultiplyAdd(Vector512.Create(0.008333333333326136), r, Vector512.Create(0.04166666666666667));
        var c45 = Vector512.FusedMultiplyAdd(Vector512.Create(0.00019841269874820627), r, Vector512.Create(0.0013888888888883748));
        var c67 = Vector512.FusedMultiplyAdd(Vector512.Create(2.7557255400206422e-06), r, Vector512.Create(2.4801587325547743e-05));
        var c89 = Vector512.FusedMultiplyAdd(Vector512.Create(2.5105217004720745e-08), r, Vector512.Create(2.75572736431103e-07));
        var c03 = Vector512.FusedMultiplyAdd(c23, r2, c01);
        var c47 = Vector512.FusedMultiplyAdd(c67, r2, c45);
        var c810 = Vector512.FusedMultiplyAdd(Vector512.Create(2.0914686968086876e-09), r2, c89);
        var q = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(c810, r4, c47), r4, c03);
        return Vector512<double>.One + Vector512.FusedMultiplyAdd(r2, q, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        // Where every lane is a positive normal number no special case applies; the general path gives those lanes the same bits.
        if (Vector512.GreaterThanOrEqualAll(x, Vector512.Create(SmallestNormal)) && Vector512.LessThanOrEqualAll(x, Vector512.Create(double.MaxValue)))
            return LogOfNormal(x, Vector512<double>.Zero);
        return LogAnywhere(x);
    }

    /// <summary>
    /// log x where x is positive, normal and finite, the bits of <see cref="Log(Vector512{double})"/>; the lanes
    /// outside (NaN included) are set in <paramref name="outOfRange"/> and their results are not log x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogInRange(Vector512<double> x, ref Vector512<double> outOfRange)
    {
        outOfRange |= ~(Vector512.GreaterThanOrEqual(x, Vector512.Create(SmallestNormal)) & Vector512.LessThanOrEqual(x, Vector512.Create(double.MaxValue)));
        return LogOfNormal(x, Vector512<double>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogAnywhere(Vector512<double> x)
    {
        var tiny = Vector512.LessThan(x, Vector512.Create(SmallestNormal));
        var scaled = Vector512.ConditionalSelect(tiny, x * Vector512.Create(TwoPow54), x);
        var result = LogOfNormal(scaled, tiny.AsDouble() & Vector512.Create(54.0));
        result = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.PositiveInfinity)), x, result);
        result = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512.Create(double.NegativeInfinity), result);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), result, Vector512.Create(double.NaN));
    }

    /// <summary>log(x·2^−scale) for x positive and normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogOfNormal(Vector512<double> x, Vector512<double> scale)
    {
        var u = x.AsUInt64() + Vector512.Create(0x3FF0000000000000 - SqrtHalfBits);
        var m = ((u & Vector512.Create(MantissaMask)) + Vector512.Create(SqrtHalfBits)).AsDouble();
        var k = (Vector512.ShiftRightLogical(u, 52) | Vector512.Create(TwoPow52Bits)).AsDouble() - Vector512.Create(TwoPow52 + 1023) - scale;
        var f = m - Vector512<double>.One;
        var hfsq = Vector512.Create(0.5) * f * f;
        var s = f / (Vector512.Create(2.0) + f);
        var z = s * s;
        var q = Vector512.Create(0.13086767009948175);
        q = Vector512.FusedMultiplyAdd(q, z, Vector512.Create(0.13268759668560612));
        q = Vector512.FusedMultiplyAdd(q, z, Vector512.Create(0.15386240205813478));
        q = Vector512.FusedMultiplyAdd(q, z, Vector512.Create(0.18181795630884753));
        q = Vector512.FusedMultiplyAdd(q, z, Vector512.Create(0.2222222239180047));
        q = Vector512.FusedMultiplyAdd(q, z, Vector512.Create(0.2857142857080323));
        q = Vector512.FusedMultiplyAdd(q, z, Vector512.Create(0.4000000000000088));
        q = Vector512.FusedMultiplyAdd(q, z, Vector512.Create(0.6666666666666666));
        return k * Vector512.Create(Ln2Hi) + (f - (hfsq - (s * (hfsq + q * z) + k * Vector512.Create(Ln2Lo))));
    }

    public static Vector256<double> Sin(Vector256<double> x) => Map<SinOp>(x);
    public static Vector256<double> Cos(Vector256<double> x) => Map<CosOp>(x);
    public static Vector512<double> Sin(Vector512<double> x) => Map<SinOp>(x);
    public static Vector512<double> Cos(Vector512<double> x) => Map<CosOp>(x);
#pragma warning restore CS1591

    /// <summary>2^j from j + 1.5·2^52 (j an integer in [−1022, 1023]), by writing j + 1023 into the exponent field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowerOfTwo(Vector256<double> shifted)
        => Vector256.ShiftLeft(shifted.AsUInt64() + Vector256.Create(unchecked(1023 - RoundingShiftBits)), 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PowerOfTwo(Vector512<double> shifted)
        => Vector512.ShiftLeft(shifted.AsUInt64() + Vector512.Create(unchecked(1023 - RoundingShiftBits)), 52).AsDouble();

    private struct SinOp : IUnary { public static double Apply(double x) => Math.Sin(x); }
    private struct CosOp : IUnary { public static double Apply(double x) => Math.Cos(x); }
}
