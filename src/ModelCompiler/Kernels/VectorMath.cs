// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Kernels;

/// <summary>
/// Vector forms of the formula functions that <see cref="Vector256"/> and <see cref="Vector512"/> do not
/// provide. Each lane goes through the scalar function, so these agree with the scalar kernels exactly;
/// the arithmetic around them stays vectorized. Exp and Log (VectorMath.Elementary.cs) are the exception: computed
/// in the vector registers, within an ulp of Math, and lane for lane the same bits at either width and under any
/// JIT tier; so are Expm1, Log1p, Cbrt and Sign (VectorMath.Stable.cs), built on them.
/// </summary>
public static partial class VectorMath
{
    // Each member is the lane-wise counterpart of the Math function of the same name; the class summary says it all.
#pragma warning disable CS1591
    public static Vector256<double> Log10(Vector256<double> x) => Map<Log10Op>(x);
    public static Vector256<double> Tan(Vector256<double> x) => Map<TanOp>(x);
    public static Vector256<double> Asin(Vector256<double> x) => Map<AsinOp>(x);
    public static Vector256<double> Acos(Vector256<double> x) => Map<AcosOp>(x);
    public static Vector256<double> Atan(Vector256<double> x) => Map<AtanOp>(x);
    public static Vector256<double> Sinh(Vector256<double> x) => Map<SinhOp>(x);
    public static Vector256<double> Cosh(Vector256<double> x) => Map<CoshOp>(x);
    public static Vector256<double> Tanh(Vector256<double> x) => Map<TanhOp>(x);
    public static Vector256<double> Erf(Vector256<double> x) => Map<ErfOp>(x);
    public static Vector256<double> Erfc(Vector256<double> x) => Map<ErfcOp>(x);
    public static Vector256<double> Pow(Vector256<double> x, Vector256<double> y) => Map<PowOp>(x, y);
    public static Vector256<double> Atan2(Vector256<double> y, Vector256<double> x) => Map<Atan2Op>(y, x);

    public static Vector512<double> Log10(Vector512<double> x) => Map<Log10Op>(x);
    public static Vector512<double> Tan(Vector512<double> x) => Map<TanOp>(x);
    public static Vector512<double> Asin(Vector512<double> x) => Map<AsinOp>(x);
    public static Vector512<double> Acos(Vector512<double> x) => Map<AcosOp>(x);
    public static Vector512<double> Atan(Vector512<double> x) => Map<AtanOp>(x);
    public static Vector512<double> Sinh(Vector512<double> x) => Map<SinhOp>(x);
    public static Vector512<double> Cosh(Vector512<double> x) => Map<CoshOp>(x);
    public static Vector512<double> Tanh(Vector512<double> x) => Map<TanhOp>(x);
    public static Vector512<double> Erf(Vector512<double> x) => Map<ErfOp>(x);
    public static Vector512<double> Erfc(Vector512<double> x) => Map<ErfcOp>(x);
    public static Vector512<double> Pow(Vector512<double> x, Vector512<double> y) => Map<PowOp>(x, y);
    public static Vector512<double> Atan2(Vector512<double> y, Vector512<double> x) => Map<Atan2Op>(y, x);

#pragma warning restore CS1591

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Map<TOp>(Vector256<double> x) where TOp : IUnary
    {
        Span<double> lanes = stackalloc double[Vector256<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++)
            lanes[k] = TOp.Apply(lanes[k]);
        return Vector256.Create<double>(lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Map<TOp>(Vector512<double> x) where TOp : IUnary
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        x.CopyTo(lanes);
        for (int k = 0; k < lanes.Length; k++)
            lanes[k] = TOp.Apply(lanes[k]);
        return Vector512.Create<double>(lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Map<TOp>(Vector256<double> x, Vector256<double> y) where TOp : IBinary
    {
        Span<double> a = stackalloc double[Vector256<double>.Count];
        Span<double> b = stackalloc double[Vector256<double>.Count];
        x.CopyTo(a);
        y.CopyTo(b);
        for (int k = 0; k < a.Length; k++)
            a[k] = TOp.Apply(a[k], b[k]);
        return Vector256.Create<double>(a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Map<TOp>(Vector512<double> x, Vector512<double> y) where TOp : IBinary
    {
        Span<double> a = stackalloc double[Vector512<double>.Count];
        Span<double> b = stackalloc double[Vector512<double>.Count];
        x.CopyTo(a);
        y.CopyTo(b);
        for (int k = 0; k < a.Length; k++)
            a[k] = TOp.Apply(a[k], b[k]);
        return Vector512.Create<double>(a);
    }

    private interface IUnary { static abstract double Apply(double x); }
    private interface IBinary { static abstract double Apply(double x, double y); }
    private struct Log10Op : IUnary { public static double Apply(double x) => Math.Log10(x); }
    private struct TanOp : IUnary { public static double Apply(double x) => Math.Tan(x); }
    private struct AsinOp : IUnary { public static double Apply(double x) => Math.Asin(x); }
    private struct AcosOp : IUnary { public static double Apply(double x) => Math.Acos(x); }
    private struct AtanOp : IUnary { public static double Apply(double x) => Math.Atan(x); }
    private struct SinhOp : IUnary { public static double Apply(double x) => Math.Sinh(x); }
    private struct CoshOp : IUnary { public static double Apply(double x) => Math.Cosh(x); }
    private struct TanhOp : IUnary { public static double Apply(double x) => Math.Tanh(x); }
    private struct ErfOp : IUnary { public static double Apply(double x) => ScalarMath.Erf(x); }
    private struct ErfcOp : IUnary { public static double Apply(double x) => ScalarMath.Erfc(x); }
    private struct PowOp : IBinary { public static double Apply(double x, double y) => Math.Pow(x, y); }
    private struct Atan2Op : IBinary { public static double Apply(double y, double x) => Math.Atan2(y, x); }
}
