// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Sums over a fit's points (‖√w·y‖, the RSS, the total sum of squares) and the finiteness check of its data, at
/// memory speed: eight interleaved partial sums in two 256-bit vectors, added pairwise at the end. A single running
/// sum waits for each addition before the next (four cycles a point, 4 ms a million-point fit); eight do not, and
/// round less. Vector256 is used whatever the hardware has, so the bits are the same everywhere.
/// </summary>
internal static class DataSums
{
    /// <summary>Σ (s·(v − center))² with s the square-root weights <paramref name="sqrtWeights"/>, or 1 when empty.</summary>
    public static double SquaresAbout(ReadOnlySpan<double> v, double center, ReadOnlySpan<double> sqrtWeights)
    {
        bool weighted = !sqrtWeights.IsEmpty;
        ref double vRef = ref MemoryMarshal.GetReference(v);
        ref double wRef = ref MemoryMarshal.GetReference(sqrtWeights);
        var c = Vector256.Create(center);
        Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
        int i = 0, n = v.Length;
        for (; i + 8 <= n; i += 8)
        {
            var a = Vector256.LoadUnsafe(ref vRef, (nuint)i) - c;
            var b = Vector256.LoadUnsafe(ref vRef, (nuint)(i + 4)) - c;
            if (weighted)
            {
                a *= Vector256.LoadUnsafe(ref wRef, (nuint)i);
                b *= Vector256.LoadUnsafe(ref wRef, (nuint)(i + 4));
            }
            low += a * a;
            high += b * b;
        }
        return Tail(low, high, v[i..], center, weighted ? sqrtWeights[i..] : default);
    }

    /// <summary>Σ s²·v with s the square-root weights <paramref name="sqrtWeights"/>, or 1 when empty.</summary>
    public static double WeightedSum(ReadOnlySpan<double> v, ReadOnlySpan<double> sqrtWeights)
    {
        bool weighted = !sqrtWeights.IsEmpty;
        ref double vRef = ref MemoryMarshal.GetReference(v);
        ref double wRef = ref MemoryMarshal.GetReference(sqrtWeights);
        Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
        int i = 0, n = v.Length;
        for (; i + 8 <= n; i += 8)
        {
            var a = Vector256.LoadUnsafe(ref vRef, (nuint)i);
            var b = Vector256.LoadUnsafe(ref vRef, (nuint)(i + 4));
            if (weighted)
            {
                var sa = Vector256.LoadUnsafe(ref wRef, (nuint)i);
                var sb = Vector256.LoadUnsafe(ref wRef, (nuint)(i + 4));
                a *= sa * sa;
                b *= sb * sb;
            }
            low += a;
            high += b;
        }
        Span<double> partial = stackalloc double[8];
        low.CopyTo(partial);
        high.CopyTo(partial[4..]);
        for (int j = 0; i + j < n; j++)
            partial[j] += weighted ? v[i + j] * (sqrtWeights[i + j] * sqrtWeights[i + j]) : v[i + j];
        return Pairwise(partial);
    }

    /// <summary>The index of the first value that is not finite, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> v)
    {
        ref double vRef = ref MemoryMarshal.GetReference(v);
        int i = 0, n = v.Length;
        // x − x is 0 for a finite x and NaN for ±∞ or NaN.
        for (; i + 4 <= n; i += 4)
        {
            var a = Vector256.LoadUnsafe(ref vRef, (nuint)i);
            if (!Vector256.EqualsAll(a - a, Vector256<double>.Zero))
                break;
        }
        for (; i < n; i++)
            if (!double.IsFinite(v[i]))
                return i;
        return -1;
    }

    private static double Tail(Vector256<double> low, Vector256<double> high, ReadOnlySpan<double> v, double center,
                               ReadOnlySpan<double> sqrtWeights)
    {
        Span<double> partial = stackalloc double[8];
        low.CopyTo(partial);
        high.CopyTo(partial[4..]);
        for (int j = 0; j < v.Length; j++)
        {
            double d = v[j] - center;
            if (!sqrtWeights.IsEmpty)
                d *= sqrtWeights[j];
            partial[j] += d * d;
        }
        return Pairwise(partial);
    }

    private static double Pairwise(ReadOnlySpan<double> p) => ((p[0] + p[4]) + (p[1] + p[5])) + ((p[2] + p[6]) + (p[3] + p[7]));
}
