// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Kernels;

/// <summary>
/// How a generated lane kernel computes exp and log. The kernel first runs with <see cref="ShortPaths"/>, whose loop
/// has no branch; when a lane was out of their range it runs again with <see cref="GeneralPaths"/>. Both give every
/// lane the bits of <see cref="VectorMath"/>, so the sums do not depend on which run wrote them. A loop without a
/// branch compiles as well without the JIT's profile as with it, so the kernel is optimized from its first call.
/// </summary>
public interface IElementaryPaths
{
    /// <summary>e^x per lane; lanes this path cannot serve are set in <paramref name="outOfRange"/>.</summary>
    static abstract Vector512<double> Exp(Vector512<double> x, ref Vector512<double> outOfRange);

    /// <inheritdoc cref="Exp(Vector512{double}, ref Vector512{double})"/>
    static abstract Vector256<double> Exp(Vector256<double> x, ref Vector256<double> outOfRange);

    /// <summary>log x per lane; lanes this path cannot serve are set in <paramref name="outOfRange"/>.</summary>
    static abstract Vector512<double> Log(Vector512<double> x, ref Vector512<double> outOfRange);

    /// <inheritdoc cref="Log(Vector512{double}, ref Vector512{double})"/>
    static abstract Vector256<double> Log(Vector256<double> x, ref Vector256<double> outOfRange);
}

/// <summary>The polynomial alone: |x| ≤ 708 for exp, positive normal x for log; other lanes are marked.</summary>
public readonly struct ShortPaths : IElementaryPaths
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x, ref Vector512<double> outOfRange) => VectorMath.ExpInRange(x, ref outOfRange);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x, ref Vector256<double> outOfRange) => VectorMath.ExpInRange(x, ref outOfRange);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x, ref Vector512<double> outOfRange) => VectorMath.LogInRange(x, ref outOfRange);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x, ref Vector256<double> outOfRange) => VectorMath.LogInRange(x, ref outOfRange);
}

/// <summary><see cref="VectorMath.Exp(Vector512{double})"/> and <see cref="VectorMath.Log(Vector512{double})"/>: every argument, nothing marked.</summary>
public readonly struct GeneralPaths : IElementaryPaths
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x, ref Vector512<double> outOfRange) => VectorMath.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x, ref Vector256<double> outOfRange) => VectorMath.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x, ref Vector512<double> outOfRange) => VectorMath.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x, ref Vector256<double> outOfRange) => VectorMath.Log(x);
}
