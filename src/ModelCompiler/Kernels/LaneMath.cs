// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Kernels;

/// <summary>
/// Functions for the lane-batched kernels (<see cref="IModel.AccumulateNormalEquationsLanes"/>) whose every lane
/// depends on its own argument alone. System.Runtime.Intrinsics' Exp, Sin and Cos take another path for the whole
/// vector when any lane holds an argument out of their fast range, which moves the other lanes' results by an ulp:
/// a curve's fit would then depend on the curves beside it. Exp here is branch-free and inlined; Sin and Cos map
/// each lane through <see cref="Math"/>.
/// </summary>
public static class LaneMath
{
    // e^x = 2^k·e^r with k = round(x/ln 2) and r = x − k·ln 2 (Cody–Waite: ln 2 split so that k·Ln2High is exact),
    // |r| ≤ ln 2/2, where the Taylor series to r¹³/13! is within 5e-18 relative; 2^k is applied in two halves so
    // that neither overflows before the product does.
    private const double Log2E = 1.4426950408889634;
    private const double Ln2High = 0.693147180369123816490;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double RoundingShift = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer held in the low bits
    private const double Overflow = 709.782712893384, Underflow = -745.1332191019412;

    /// <summary>e^x in every lane, to about 1 ulp; +∞ above 709.78, 0 below −745.13, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        Vector512<double> clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(-746.0)), Vector512.Create(710.0));
        Vector512<double> shifted = Vector512.FusedMultiplyAdd(clamped, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        Vector512<double> k = shifted - Vector512.Create(RoundingShift);
        Vector512<double> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2High), clamped);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Low), r);
        Vector512<double> p = Vector512.Create(1.0 / 6227020800);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 479001600));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<double>.One;
        Vector512<long> integer = shifted.AsInt64() - Vector512.Create(RoundingShift).AsInt64();
        Vector512<long> half = (Vector512.Floor(k * 0.5) + Vector512.Create(RoundingShift)).AsInt64() - Vector512.Create(RoundingShift).AsInt64();
        Vector512<double> scaled = p * TwoTo(half) * TwoTo(integer - half);
        scaled = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(Overflow)), Vector512.Create(double.PositiveInfinity), scaled);
        scaled = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(Underflow)), Vector512<double>.Zero, scaled);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), scaled, x);
    }

    /// <inheritdoc cref="Exp(Vector512{double})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        Vector256<double> clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(-746.0)), Vector256.Create(710.0));
        Vector256<double> shifted = Vector256.FusedMultiplyAdd(clamped, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<double> k = shifted - Vector256.Create(RoundingShift);
        Vector256<double> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2High), clamped);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Low), r);
        Vector256<double> p = Vector256.Create(1.0 / 6227020800);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 479001600));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<double>.One;
        Vector256<long> integer = shifted.AsInt64() - Vector256.Create(RoundingShift).AsInt64();
        Vector256<long> half = (Vector256.Floor(k * 0.5) + Vector256.Create(RoundingShift)).AsInt64() - Vector256.Create(RoundingShift).AsInt64();
        Vector256<double> scaled = p * TwoTo(half) * TwoTo(integer - half);
        scaled = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(Overflow)), Vector256.Create(double.PositiveInfinity), scaled);
        scaled = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(Underflow)), Vector256<double>.Zero, scaled);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), scaled, x);
    }

    /// <summary>sin x in every lane, lane by lane through <see cref="Math.Sin"/>.</summary>
    public static Vector512<double> Sin(Vector512<double> x) => Map(x, Math.Sin);

    /// <inheritdoc cref="Sin(Vector512{double})"/>
    public static Vector256<double> Sin(Vector256<double> x) => Map(x, Math.Sin);

    /// <summary>cos x in every lane, lane by lane through <see cref="Math.Cos"/>.</summary>
    public static Vector512<double> Cos(Vector512<double> x) => Map(x, Math.Cos);

    /// <inheritdoc cref="Cos(Vector512{double})"/>
    public static Vector256<double> Cos(Vector256<double> x) => Map(x, Math.Cos);

    /// <summary>2^k for integers −1022 ≤ k ≤ 1023 in every lane, from the exponent bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TwoTo(Vector512<long> k) => Vector512.ShiftLeft(k + Vector512.Create(1023L), 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TwoTo(Vector256<long> k) => Vector256.ShiftLeft(k + Vector256.Create(1023L), 52).AsDouble();

    private static Vector512<double> Map(Vector512<double> x, Func<double, double> f)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        x.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
            lanes[i] = f(lanes[i]);
        return Vector512.Create<double>(lanes);
    }

    private static Vector256<double> Map(Vector256<double> x, Func<double, double> f)
    {
        Span<double> lanes = stackalloc double[Vector256<double>.Count];
        x.CopyTo(lanes);
        for (int i = 0; i < lanes.Length; i++)
            lanes[i] = f(lanes[i]);
        return Vector256.Create<double>(lanes);
    }
}
