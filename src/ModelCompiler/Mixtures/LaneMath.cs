// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>What the lane kernels (<see cref="ILanes{TSelf}"/>) share besides the lane operations.</summary>
internal static class LaneMath
{
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
