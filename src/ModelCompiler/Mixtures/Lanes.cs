// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ModelCompiler.Kernels;

namespace ModelCompiler.Mixtures;

/// <summary>
/// A group of <see cref="Count"/> doubles processed together: one body of a kernel, written against this interface,
/// is instantiated for <see cref="Lanes512"/>, <see cref="Lanes256"/> and the single lane <see cref="Lane1"/>. The JIT
/// specializes each instantiation and inlines every member, so the code is what the hand-written Vector512 (or
/// scalar) loop would be, and every lane of every width goes through the same IEEE operations in the same order
/// (the exponential is <see cref="Kernels.VectorMath.Exp(Vector256{double})"/> on every width): a point's results do
/// not depend on the width that computed them.
/// </summary>
internal interface ILanes<TSelf> where TSelf : unmanaged, ILanes<TSelf>
{
    static abstract int Count { get; }

    static abstract TSelf Create(double value);

    static abstract TSelf Zero { get; }

    /// <summary>Count doubles from <c>Unsafe.Add(ref source, offset)</c>.</summary>
    static abstract TSelf Load(ref double source, nuint offset);

    void Store(ref double destination, nuint offset);

    static abstract TSelf operator +(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a, TSelf b);

    static abstract TSelf operator *(TSelf a, TSelf b);

    static abstract TSelf operator /(TSelf a, TSelf b);

    /// <summary>a·b + c rounded once, on every width (the scalar lane uses <see cref="Math.FusedMultiplyAdd"/>).</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>Lane by lane a &gt; b ? a : b (the native maximum: b when either is NaN or both are zeros).</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>Lane by lane: <paramref name="x"/> where it is finite, else 0.</summary>
    static abstract TSelf ZeroUnlessFinite(TSelf x);

    /// <summary>e^x lane by lane: <see cref="Kernels.VectorMath"/>'s exponential, whose lanes give the same bits on every width and JIT tier.</summary>
    static abstract TSelf Exp(TSelf x);

    static abstract bool AnyEqual(TSelf x, double value);

    // Masks: lanes with all bits set (as the comparisons return them) or clear; the batch solver's vectorized step
    // chooses with them which lanes an operation changes.

    static abstract TSelf operator -(TSelf a);

    static abstract TSelf operator &(TSelf a, TSelf b);

    static abstract TSelf operator |(TSelf a, TSelf b);

    static abstract TSelf Sqrt(TSelf a);

    static abstract TSelf Abs(TSelf a);

    static abstract TSelf Equal(TSelf a, TSelf b);

    static abstract TSelf Less(TSelf a, TSelf b);

    static abstract TSelf LessOrEqual(TSelf a, TSelf b);

    /// <summary>a &amp; ~b.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);

    /// <summary>
    /// Lanes of <paramref name="mask"/> take <paramref name="a"/>, the others <paramref name="b"/>; each lane of the mask is
    /// all set or all clear, as the comparisons give them.
    /// </summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);

    /// <summary>Whether any lane of <paramref name="mask"/> is set.</summary>
    static abstract bool Any(TSelf mask);

    /// <summary>The set lanes of <paramref name="mask"/> as bits: lane l in bit l.</summary>
    static abstract uint LaneBits(TSelf mask);

    /// <summary>Lane <paramref name="lane"/>.</summary>
    double this[int lane] { get; }
}

internal readonly struct Lanes512 : ILanes<Lanes512>
{
    private readonly Vector512<double> _v;

    private Lanes512(Vector512<double> v) => _v = v;

    public static int Count => Vector512<double>.Count;
    public static Lanes512 Zero => default;
    public double this[int lane] => _v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Create(double value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Load(ref double source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint offset) => _v.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator +(Lanes512 a, Lanes512 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator -(Lanes512 a, Lanes512 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator *(Lanes512 a, Lanes512 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator /(Lanes512 a, Lanes512 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 MultiplyAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Max(Lanes512 a, Lanes512 b) => new(Vector512.MaxNative(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 ZeroUnlessFinite(Lanes512 x) =>
        new(Vector512.ConditionalSelect(Vector512.IsFinite(x._v), x._v, Vector512<double>.Zero));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Exp(Lanes512 x) => new(VectorMath.Exp(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyEqual(Lanes512 x, double value) => Vector512.EqualsAny(x._v, Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator -(Lanes512 a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator &(Lanes512 a, Lanes512 b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 operator |(Lanes512 a, Lanes512 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Sqrt(Lanes512 a) => new(Vector512.Sqrt(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Abs(Lanes512 a) => new(Vector512.Abs(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Equal(Lanes512 a, Lanes512 b) => new(Vector512.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Less(Lanes512 a, Lanes512 b) => new(Vector512.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 LessOrEqual(Lanes512 a, Lanes512 b) => new(Vector512.LessThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 AndNot(Lanes512 a, Lanes512 b) => new(Vector512.AndNot(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Select(Lanes512 mask, Lanes512 a, Lanes512 b) => new(Vector512.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Lanes512 mask) => mask._v.AsUInt64() != Vector512<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint LaneBits(Lanes512 mask) => (uint)mask._v.ExtractMostSignificantBits();
}

internal readonly struct Lanes256 : ILanes<Lanes256>
{
    private readonly Vector256<double> _v;

    private Lanes256(Vector256<double> v) => _v = v;

    public static int Count => Vector256<double>.Count;
    public static Lanes256 Zero => default;
    public double this[int lane] => _v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Create(double value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Load(ref double source, nuint offset) => new(Vector256.LoadUnsafe(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint offset) => _v.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator +(Lanes256 a, Lanes256 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator -(Lanes256 a, Lanes256 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator *(Lanes256 a, Lanes256 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator /(Lanes256 a, Lanes256 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 MultiplyAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Max(Lanes256 a, Lanes256 b) => new(Vector256.MaxNative(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 ZeroUnlessFinite(Lanes256 x) =>
        new(Vector256.ConditionalSelect(Vector256.IsFinite(x._v), x._v, Vector256<double>.Zero));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Exp(Lanes256 x) => new(VectorMath.Exp(x._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyEqual(Lanes256 x, double value) => Vector256.EqualsAny(x._v, Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator -(Lanes256 a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator &(Lanes256 a, Lanes256 b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 operator |(Lanes256 a, Lanes256 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Sqrt(Lanes256 a) => new(Vector256.Sqrt(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Abs(Lanes256 a) => new(Vector256.Abs(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Equal(Lanes256 a, Lanes256 b) => new(Vector256.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Less(Lanes256 a, Lanes256 b) => new(Vector256.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 LessOrEqual(Lanes256 a, Lanes256 b) => new(Vector256.LessThanOrEqual(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 AndNot(Lanes256 a, Lanes256 b) => new(Vector256.AndNot(a._v, b._v));
    // One blend instead of and, and-not and or: a mask's lanes are all set or all clear, so its sign bits choose alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Select(Lanes256 mask, Lanes256 a, Lanes256 b) =>
        new(Avx.IsSupported ? Avx.BlendVariable(b._v, a._v, mask._v) : Vector256.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Lanes256 mask) => mask._v.AsUInt64() != Vector256<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint LaneBits(Lanes256 mask) => mask._v.ExtractMostSignificantBits();
}

/// <summary>One double: the tails of the vector loops, and everything where no vector width is accelerated.</summary>
internal readonly struct Lane1 : ILanes<Lane1>
{
    private readonly double _v;

    private Lane1(double v) => _v = v;

    public static int Count => 1;
    public static Lane1 Zero => default;
    public double this[int lane] => _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Create(double value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Load(ref double source, nuint offset) => new(Unsafe.Add(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint offset) => Unsafe.Add(ref destination, offset) = _v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator +(Lane1 a, Lane1 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator -(Lane1 a, Lane1 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator *(Lane1 a, Lane1 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator /(Lane1 a, Lane1 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 MultiplyAdd(Lane1 a, Lane1 b, Lane1 c) => new(Math.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Max(Lane1 a, Lane1 b) => new(a._v > b._v ? a._v : b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 ZeroUnlessFinite(Lane1 x) => new(double.IsFinite(x._v) ? x._v : 0);
    // The vector exponential on a broadcast: the same operations, so the same bits as any lane of a vector.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Exp(Lane1 x) => new(VectorMath.Exp(Vector256.Create(x._v)).ToScalar());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyEqual(Lane1 x, double value) => x._v == value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator -(Lane1 a) => new(-a._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator &(Lane1 a, Lane1 b) => Bits(Bits(a) & Bits(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 operator |(Lane1 a, Lane1 b) => Bits(Bits(a) | Bits(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Sqrt(Lane1 a) => new(Math.Sqrt(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Abs(Lane1 a) => new(Math.Abs(a._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Equal(Lane1 a, Lane1 b) => Mask(a._v == b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Less(Lane1 a, Lane1 b) => Mask(a._v < b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 LessOrEqual(Lane1 a, Lane1 b) => Mask(a._v <= b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 AndNot(Lane1 a, Lane1 b) => Bits(Bits(a) & ~Bits(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 Select(Lane1 mask, Lane1 a, Lane1 b) => Bits(mask) != 0 ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Lane1 mask) => Bits(mask) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint LaneBits(Lane1 mask) => Bits(mask) != 0 ? 1u : 0u;

    private static Lane1 Mask(bool set) => Bits(set ? -1L : 0L);
    private static long Bits(Lane1 a) => BitConverter.DoubleToInt64Bits(a._v);
    private static Lane1 Bits(long bits) => new(BitConverter.Int64BitsToDouble(bits));
}

/// <summary>Arrays of lane vectors: vector i of a quantity at [i·W, i·W + W).</summary>
internal static class LaneArrays
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load<T>(double[] array, int vector) where T : unmanaged, ILanes<T> =>
        T.Load(ref MemoryMarshal.GetArrayDataReference(array), (nuint)(vector * T.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(T value, double[] array, int vector) where T : unmanaged, ILanes<T> =>
        value.Store(ref MemoryMarshal.GetArrayDataReference(array), (nuint)(vector * T.Count));
}
