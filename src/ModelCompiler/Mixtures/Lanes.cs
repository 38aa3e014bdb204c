// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>
/// A group of <see cref="Count"/> doubles processed together: one body of a kernel, written against this interface,
/// is instantiated for <see cref="Lanes512"/>, <see cref="Lanes256"/>, <see cref="Lanes128"/> and the single lane
/// <see cref="Lane1"/>. The JIT specializes each instantiation and inlines every member, so the code is what the
/// hand-written Vector512 (or scalar) loop would be, and every lane of every width goes through the same IEEE
/// operations in the same order: a point's results do not depend on the width that computed them.
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

    /// <summary>Lane by lane: <paramref name="value"/> where <paramref name="x"/> ≥ <paramref name="bound"/>, else 0.</summary>
    static abstract TSelf ZeroBelow(TSelf x, double bound, TSelf value);

    /// <summary>
    /// The doubles whose bits are those of <paramref name="x"/> shifted left by 52: 2ⁿ when the low bits of x hold
    /// n + 1023 ∈ [0, 2047] as an integer (x in [2⁵², 2⁵³)), the exponent step of <see cref="LaneMath.Exp{T}"/>.
    /// </summary>
    static abstract TSelf ShiftLeft52(TSelf x);

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
    public static Lanes512 ZeroBelow(Lanes512 x, double bound, Lanes512 value) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x._v, Vector512.Create(bound)), value._v, Vector512<double>.Zero));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 ShiftLeft52(Lanes512 x) => new(Vector512.ShiftLeft(x._v.AsUInt64(), 52).AsDouble());
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
    public static Lanes256 ZeroBelow(Lanes256 x, double bound, Lanes256 value) =>
        new(Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x._v, Vector256.Create(bound)), value._v, Vector256<double>.Zero));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 ShiftLeft52(Lanes256 x) => new(Vector256.ShiftLeft(x._v.AsUInt64(), 52).AsDouble());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyEqual(Lanes256 x, double value) => Vector256.EqualsAny(x._v, Vector256.Create(value));
}

internal readonly struct Lanes128 : ILanes<Lanes128>
{
    private readonly Vector128<double> _v;

    private Lanes128(Vector128<double> v) => _v = v;

    public static int Count => Vector128<double>.Count;
    public static Lanes128 Zero => default;
    public double this[int lane] => _v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Create(double value) => new(Vector128.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Load(ref double source, nuint offset) => new(Vector128.LoadUnsafe(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint offset) => _v.StoreUnsafe(ref destination, offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 operator +(Lanes128 a, Lanes128 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 operator -(Lanes128 a, Lanes128 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 operator *(Lanes128 a, Lanes128 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 operator /(Lanes128 a, Lanes128 b) => new(a._v / b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 MultiplyAdd(Lanes128 a, Lanes128 b, Lanes128 c) => new(Vector128.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Max(Lanes128 a, Lanes128 b) => new(Vector128.MaxNative(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 ZeroBelow(Lanes128 x, double bound, Lanes128 value) =>
        new(Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x._v, Vector128.Create(bound)), value._v, Vector128<double>.Zero));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 ShiftLeft52(Lanes128 x) => new(Vector128.ShiftLeft(x._v.AsUInt64(), 52).AsDouble());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyEqual(Lanes128 x, double value) => Vector128.EqualsAny(x._v, Vector128.Create(value));
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lane1 ZeroBelow(Lane1 x, double bound, Lane1 value) => new(x._v >= bound ? value._v : 0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane1 ShiftLeft52(Lane1 x) => new(BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(x._v) << 52));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyEqual(Lane1 x, double value) => x._v == value;
}
