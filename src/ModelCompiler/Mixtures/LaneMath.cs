// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>
/// The exponential of the mixture kernels, the one place their exponentials come from. It is written once against
/// <see cref="ILanes{TSelf}"/> out of additions, multiplications and fused multiply-adds, so every lane of every width
/// (and the scalar tail) gives the same bits for the same argument, on every run and whether the code was
/// precompiled or re-jitted; the framework's Vector512.Exp sends whole vectors to a scalar fallback when a lane is
/// out of its range and so does not have that property.
/// </summary>
internal static class LaneMath
{
    // n = round(x/ln 2) by adding 1.5·2⁵² + 1023, which leaves n + 1023 in the low bits (the exponent of 2ⁿ);
    // r = x − n·ln 2 with ln 2 in two parts (n·Ln2Hi is exact for |n| < 2²¹), so |r| ≤ ½ln 2; e^r by its Taylor
    // series to r¹³/13! (the next term is below 2⁻⁵⁷ relative), then scaled by 2ⁿ.
    private const double Ln2Hi = 0.6931471803691238;      // 0x3FE62E42FEE00000: ln 2 to 32 bits
    private const double Ln2Lo = 1.9082149292705877e-10;  // ln 2 − Ln2Hi
    private const double InvLn2 = 1.4426950408889634;
    private const double RoundingShift = 6755399441055744.0 + 1023;

    /// <summary>Below this, −1022·ln 2, e^x is not a normal double.</summary>
    public const double ExpLowest = -708.39641853226410;

    /// <summary>
    /// e^x lane by lane for x ≤ 0, within about 1 ulp where e^x is normal, and 0 where it is not (x below
    /// <see cref="ExpLowest"/>, where e^x &lt; 2.3·10⁻³⁰⁸) or x is NaN. e⁰ is exactly 1. Used for exp(aₖ − max aⱼ), whose
    /// results are summed with that 1, so the flushed values are far below the sum's last bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x) where T : unmanaged, ILanes<T>
    {
        var shifted = T.MultiplyAdd(x, T.Create(InvLn2), T.Create(RoundingShift));
        var n = shifted - T.Create(RoundingShift);
        var r = T.MultiplyAdd(n, T.Create(-Ln2Lo), T.MultiplyAdd(n, T.Create(-Ln2Hi), x));
        var q = T.Create(1.0 / 6227020800);
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 479001600));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 39916800));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 3628800));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 362880));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 40320));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 5040));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 720));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 120));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 24));
        q = T.MultiplyAdd(q, r, T.Create(1.0 / 6));
        q = T.MultiplyAdd(q, r, T.Create(0.5));
        var er = T.Create(1.0) + T.MultiplyAdd(r * r, q, r);
        return T.ZeroBelow(x, ExpLowest, er * T.ShiftLeft52(shifted));
    }

    /// <summary>
    /// Points per lane whose log-sum-exp sums s ∈ [1, K] (the maximum's term is exactly 1) multiply to at most 2¹⁰⁰⁰,
    /// so Σ ln s can be taken as the logarithm of their product.
    /// </summary>
    public static int ProductSegment(int k) => k <= 1 ? 1 << 20 : Math.Max(1, (int)(1000 / Math.Log2(k)));

    /// <summary>The lanes of <paramref name="value"/> added in lane order.</summary>
    public static double Sum<T>(T value) where T : unmanaged, ILanes<T>
    {
        double s = 0;
        for (int lane = 0; lane < T.Count; lane++)
            s += value[lane];
        return s;
    }

    /// <summary>values[i] += <paramref name="addend"/>, in the widest accelerated vectors.</summary>
    public static void AddInPlace(Span<double> values, double addend)
    {
        if (Vector512.IsHardwareAccelerated)
            AddInPlace<Lanes512>(values, addend);
        else if (Vector256.IsHardwareAccelerated)
            AddInPlace<Lanes256>(values, addend);
        else if (Vector128.IsHardwareAccelerated)
            AddInPlace<Lanes128>(values, addend);
        else
            AddInPlace<Lane1>(values, addend);
    }

    private static void AddInPlace<T>(Span<double> values, double addend) where T : unmanaged, ILanes<T>
    {
        ref double v = ref MemoryMarshal.GetReference(values);
        var a = T.Create(addend);
        int i = 0;
        for (; i <= values.Length - T.Count; i += T.Count)
            (T.Load(ref v, (nuint)i) + a).Store(ref v, (nuint)i);
        for (; i < values.Length; i++)
            values[i] += addend;
    }
}
