// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
}
