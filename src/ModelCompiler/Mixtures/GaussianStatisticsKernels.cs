// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>
/// Weighted sufficient statistics of one component over a chunk, about a shift c (the previous mean):
/// with yᵢ = xᵢ − c, N = Σ rᵢ, s = Σ rᵢyᵢ and S = Σ rᵢyᵢyᵢᵀ (upper triangle packed row-major, or the
/// diagonal only). Shifting by the previous mean lets one pass give the covariance about the new mean,
/// S − s·δᵀ − δ·sᵀ + N·δδᵀ with δ = μ_new − c, without the cancellation of E[xxᵀ] − μμᵀ: the subtracted
/// terms are only as large as the mean moved in one iteration.
/// </summary>
internal static class GaussianStatisticsKernels
{
    /// <summary>Adds [N, s (d), S (d(d+1)/2 packed upper)] into <paramref name="block"/>.</summary>
    public static void Full(ReadOnlySpan<double> columns, int n, int d, int start, int length,
                            ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> shift, Span<double> block)
    {
        if (d == 2)
        {
            Full2(columns, n, start, length, responsibilities, shift, block);
            return;
        }
        int packed = d * (d + 1) / 2;
        Span<Vector256<double>> acc = stackalloc Vector256<double>[1 + d + packed];
        Span<Vector256<double>> y = stackalloc Vector256<double>[d];
        acc.Clear();
        ref double col0 = ref Unsafe.AsRef(in columns[0]);
        ref double r0 = ref Unsafe.AsRef(in responsibilities[0]);
        int i = 0;
        for (; i + 4 <= length; i += 4)
        {
            var r = Vector256.LoadUnsafe(ref r0, (nuint)i);
            acc[0] += r;
            for (int j = 0; j < d; j++)
            {
                y[j] = Vector256.LoadUnsafe(ref col0, (nuint)(j * n + start + i)) - Vector256.Create(shift[j]);
                acc[1 + j] = Vector256.FusedMultiplyAdd(r, y[j], acc[1 + j]);
            }
            int p = 1 + d;
            for (int a = 0; a < d; a++)
            {
                var ry = r * y[a];
                for (int b = a; b < d; b++, p++)
                    acc[p] = Vector256.FusedMultiplyAdd(ry, y[b], acc[p]);
            }
        }
        for (int m = 0; m < acc.Length; m++)
            block[m] += Vector256.Sum(acc[m]);
        Span<double> ys = stackalloc double[d];
        for (; i < length; i++)
        {
            double r = responsibilities[i];
            block[0] += r;
            for (int j = 0; j < d; j++)
            {
                ys[j] = columns[j * n + start + i] - shift[j];
                block[1 + j] += r * ys[j];
            }
            int p = 1 + d;
            for (int a = 0; a < d; a++)
                for (int b = a; b < d; b++, p++)
                    block[p] += r * ys[a] * ys[b];
        }
    }

    /// <summary>Adds [N, s (d), diag S (d)] into <paramref name="block"/>.</summary>
    public static void Diagonal(ReadOnlySpan<double> columns, int n, int d, int start, int length,
                                ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> shift, Span<double> block)
    {
        ref double col0 = ref Unsafe.AsRef(in columns[0]);
        ref double r0 = ref Unsafe.AsRef(in responsibilities[0]);
        int vectorEnd = length & ~3;
        var total = Vector256<double>.Zero;
        for (int i = 0; i < vectorEnd; i += 4)
            total += Vector256.LoadUnsafe(ref r0, (nuint)i);
        double count = Vector256.Sum(total);
        for (int i = vectorEnd; i < length; i++)
            count += responsibilities[i];
        block[0] += count;
        for (int j = 0; j < d; j++)
        {
            var s1 = Vector256<double>.Zero;
            var s2 = Vector256<double>.Zero;
            var c = Vector256.Create(shift[j]);
            for (int i = 0; i < vectorEnd; i += 4)
            {
                var r = Vector256.LoadUnsafe(ref r0, (nuint)i);
                var y = Vector256.LoadUnsafe(ref col0, (nuint)(j * n + start + i)) - c;
                var ry = r * y;
                s1 += ry;
                s2 = Vector256.FusedMultiplyAdd(ry, y, s2);
            }
            double a = Vector256.Sum(s1), b = Vector256.Sum(s2);
            for (int i = vectorEnd; i < length; i++)
            {
                double y = columns[j * n + start + i] - shift[j];
                a += responsibilities[i] * y;
                b += responsibilities[i] * y * y;
            }
            block[1 + j] += a;
            block[1 + d + j] += b;
        }
    }

    private static void Full2(ReadOnlySpan<double> columns, int n, int start, int length,
                              ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> shift, Span<double> block)
    {
        ref double c0 = ref Unsafe.AsRef(in columns[start]);
        ref double c1 = ref Unsafe.AsRef(in columns[n + start]);
        ref double r0 = ref Unsafe.AsRef(in responsibilities[0]);
        var m0 = Vector256.Create(shift[0]);
        var m1 = Vector256.Create(shift[1]);
        Vector256<double> sn = default, s0 = default, s1 = default, s00 = default, s01 = default, s11 = default;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var wm0 = Vector512.Create(shift[0]);
            var wm1 = Vector512.Create(shift[1]);
            Vector512<double> wn = default, w0 = default, w1 = default, w00 = default, w01 = default, w11 = default;
            for (; i + 8 <= length; i += 8)
            {
                var r = Vector512.LoadUnsafe(ref r0, (nuint)i);
                var y0 = Vector512.LoadUnsafe(ref c0, (nuint)i) - wm0;
                var y1 = Vector512.LoadUnsafe(ref c1, (nuint)i) - wm1;
                var ry0 = r * y0;
                var ry1 = r * y1;
                wn += r;
                w0 += ry0;
                w1 += ry1;
                w00 = Vector512.FusedMultiplyAdd(ry0, y0, w00);
                w01 = Vector512.FusedMultiplyAdd(ry0, y1, w01);
                w11 = Vector512.FusedMultiplyAdd(ry1, y1, w11);
            }
            // Fold the eight lanes into the four-lane accumulators; the order is fixed, so sums stay deterministic.
            sn = wn.GetLower() + wn.GetUpper();
            s0 = w0.GetLower() + w0.GetUpper();
            s1 = w1.GetLower() + w1.GetUpper();
            s00 = w00.GetLower() + w00.GetUpper();
            s01 = w01.GetLower() + w01.GetUpper();
            s11 = w11.GetLower() + w11.GetUpper();
        }
        for (; i + 4 <= length; i += 4)
        {
            var r = Vector256.LoadUnsafe(ref r0, (nuint)i);
            var y0 = Vector256.LoadUnsafe(ref c0, (nuint)i) - m0;
            var y1 = Vector256.LoadUnsafe(ref c1, (nuint)i) - m1;
            var ry0 = r * y0;
            var ry1 = r * y1;
            sn += r;
            s0 += ry0;
            s1 += ry1;
            s00 = Vector256.FusedMultiplyAdd(ry0, y0, s00);
            s01 = Vector256.FusedMultiplyAdd(ry0, y1, s01);
            s11 = Vector256.FusedMultiplyAdd(ry1, y1, s11);
        }
        double n_ = Vector256.Sum(sn), a0 = Vector256.Sum(s0), a1 = Vector256.Sum(s1);
        double b00 = Vector256.Sum(s00), b01 = Vector256.Sum(s01), b11 = Vector256.Sum(s11);
        for (; i < length; i++)
        {
            double r = responsibilities[i];
            double y0 = columns[start + i] - shift[0], y1 = columns[n + start + i] - shift[1];
            n_ += r;
            a0 += r * y0;
            a1 += r * y1;
            b00 += r * y0 * y0;
            b01 += r * y0 * y1;
            b11 += r * y1 * y1;
        }
        block[0] += n_;
        block[1] += a0;
        block[2] += a1;
        block[3] += b00;
        block[4] += b01;
        block[5] += b11;
    }
}
