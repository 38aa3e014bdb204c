// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>
/// The E-step's normalization: log-densities aᵢₖ = ln πₖ p(xᵢ|θₖ) become responsibilities
/// rᵢₖ = exp(aᵢₖ − mᵢ) / Σⱼ exp(aᵢⱼ − mᵢ) with mᵢ = maxₖ aᵢₖ, and ln p(xᵢ) = mᵢ + ln Σⱼ exp(aᵢⱼ − mᵢ), so no exponential overflows or
/// underflows to a 0/0. Vectorized over points (component-major layout, <c>[k·length + i]</c>).
/// </summary>
public static class LogSumExp
{
    /// <summary>
    /// Overwrites <paramref name="values"/> (K·length log-densities) with responsibilities, writes
    /// ln p(xᵢ) to <paramref name="logLikelihood"/> (length values; may be empty) and returns Σᵢ ln p(xᵢ),
    /// summed in a fixed order. A point whose every aᵢₖ is −∞ gets uniform responsibilities and ln p = −∞.
    /// </summary>
    public static double NormalizeInPlace(Span<double> values, int length, int componentCount, Span<double> logLikelihood)
    {
        int i = 0;
        var total = Vector256<double>.Zero;
        bool keep = !logLikelihood.IsEmpty;
        if (Vector512.IsHardwareAccelerated)
        {
            // Eight points at a time where AVX-512 is available; the exponentials dominate the E-step.
            ref double v = ref values[0];
            var total512 = Vector512<double>.Zero;
            for (; i + Vector512<double>.Count <= length; i += Vector512<double>.Count)
            {
                var max = Vector512.LoadUnsafe(ref v, (nuint)i);
                for (int k = 1; k < componentCount; k++)
                    max = Vector512.Max(max, Vector512.LoadUnsafe(ref v, (nuint)(k * length + i)));
                if (!Vector512.EqualsAll(Vector512.Equals(max, Vector512.Create(double.NegativeInfinity)), Vector512<double>.Zero))
                {
                    ScalarPoints(values, length, componentCount, i, Vector512<double>.Count, logLikelihood, ref total);
                    continue;
                }
                var sum = Vector512<double>.Zero;
                for (int k = 0; k < componentCount; k++)
                {
                    ref double slot = ref Unsafe.Add(ref v, k * length + i);
                    var e = Vector512.Exp(Vector512.LoadUnsafe(ref slot) - max);
                    e.StoreUnsafe(ref slot);
                    sum += e;
                }
                var lse = max + Vector512.Log(sum);
                var inverse = Vector512<double>.One / sum;
                for (int k = 0; k < componentCount; k++)
                {
                    ref double slot = ref Unsafe.Add(ref v, k * length + i);
                    (Vector512.LoadUnsafe(ref slot) * inverse).StoreUnsafe(ref slot);
                }
                if (keep)
                    lse.StoreUnsafe(ref logLikelihood[0], (nuint)i);
                total512 += lse;
            }
            total += total512.GetLower() + total512.GetUpper();
        }
        if (Vector256.IsHardwareAccelerated)
        {
            ref double v = ref values[0];
            for (; i + Vector256<double>.Count <= length; i += Vector256<double>.Count)
            {
                var max = Vector256.LoadUnsafe(ref v, (nuint)i);
                for (int k = 1; k < componentCount; k++)
                    max = Vector256.Max(max, Vector256.LoadUnsafe(ref v, (nuint)(k * length + i)));
                if (!Vector256.EqualsAll(Vector256.Equals(max, Vector256.Create(double.NegativeInfinity)), Vector256<double>.Zero))
                {
                    ScalarPoints(values, length, componentCount, i, Vector256<double>.Count, logLikelihood, ref total);
                    continue;
                }
                // exp(a − m) is stored and later divided by the sum: one exponential per entry, and
                // responsibilities that sum to 1 within a few ulps even when |a| is in the thousands.
                var sum = Vector256<double>.Zero;
                for (int k = 0; k < componentCount; k++)
                {
                    ref double slot = ref Unsafe.Add(ref v, k * length + i);
                    var e = Vector256.Exp(Vector256.LoadUnsafe(ref slot) - max);
                    e.StoreUnsafe(ref slot);
                    sum += e;
                }
                var lse = max + Vector256.Log(sum);
                var inverse = Vector256<double>.One / sum;
                for (int k = 0; k < componentCount; k++)
                {
                    ref double slot = ref Unsafe.Add(ref v, k * length + i);
                    (Vector256.LoadUnsafe(ref slot) * inverse).StoreUnsafe(ref slot);
                }
                if (keep)
                    lse.StoreUnsafe(ref logLikelihood[0], (nuint)i);
                total += lse;
            }
        }
        ScalarPoints(values, length, componentCount, i, length - i, logLikelihood, ref total);
        return Vector256.Sum(total);
    }

    private static void ScalarPoints(Span<double> values, int length, int componentCount, int first, int count,
                                     Span<double> logLikelihood, ref Vector256<double> total)
    {
        double partial = 0;
        for (int i = first; i < first + count; i++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < componentCount; k++)
                max = Math.Max(max, values[k * length + i]);
            double lse;
            if (double.IsNegativeInfinity(max))
            {
                for (int k = 0; k < componentCount; k++)
                    values[k * length + i] = 1.0 / componentCount;
                lse = double.NegativeInfinity;
            }
            else
            {
                double sum = 0;
                for (int k = 0; k < componentCount; k++)
                    sum += values[k * length + i] = Math.Exp(values[k * length + i] - max);
                lse = max + Math.Log(sum);
                double inverse = 1 / sum;
                for (int k = 0; k < componentCount; k++)
                    values[k * length + i] *= inverse;
            }
            if (!logLikelihood.IsEmpty)
                logLikelihood[i] = lse;
            partial += lse;
        }
        total = total.WithElement(0, total.GetElement(0) + partial);
    }
}
