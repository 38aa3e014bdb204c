// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>
/// The E-step's normalization: log-densities aᵢₖ = ln πₖ p(xᵢ|θₖ) become responsibilities
/// rᵢₖ = exp(aᵢₖ − mᵢ) / Σⱼ exp(aᵢⱼ − mᵢ) with mᵢ = maxₖ aᵢₖ, and ln p(xᵢ) = mᵢ + ln Σⱼ exp(aᵢⱼ − mᵢ), so no exponential overflows or
/// underflows to a 0/0. Vectorized over points (component-major layout, <c>[k·length + i]</c>) in the widest accelerated
/// vectors, the tail in the scalar lane, all through the same lane operations and exponential
/// (<see cref="Kernels.VectorMath"/>'s) as the fused passes (<see cref="FusedGaussianPass"/>), so both give a point the
/// same responsibilities.
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
        bool vectors = Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated;
        double total = 0;
        int i = 0;
        while (i < length)
        {
            int stop = i;
            if (Vector512.IsHardwareAccelerated)
                stop = Normalize<Lanes512>(values, length, componentCount, i, length, logLikelihood, ref total);
            else if (Vector256.IsHardwareAccelerated)
                stop = Normalize<Lanes256>(values, length, componentCount, i, length, logLikelihood, ref total);
            // The scalar lane takes the tail, or the one vector the vector loop stopped at (a point without a finite density).
            int end = !vectors || length - stop < 8 ? length : stop + 8;
            i = Normalize<Lane1>(values, length, componentCount, stop, end, logLikelihood, ref total);
        }
        return total;
    }

    /// <summary>
    /// Points [from, …) in vectors of T.Count until fewer than T.Count remain before <paramref name="to"/> or a vector
    /// holds a point whose every log-density is −∞ (the scalar lane takes those); returns where it stopped. Without
    /// per-point output, Σ ln s is taken as the logarithm of per-lane products of s ∈ [1, K] (see <see cref="FusedGaussianPass"/>).
    /// </summary>
    private static int Normalize<T>(Span<double> values, int length, int k, int from, int to, Span<double> logLikelihood, ref double total)
        where T : unmanaged, ILanes<T>
    {
        int end = from + (to - from) / T.Count * T.Count;
        if (end == from)
            return from;
        ref double v = ref MemoryMarshal.GetReference(values);
        bool keep = !logLikelihood.IsEmpty;
        var maxima = T.Zero;
        double logSum = 0, infinite = 0;
        int segment = LaneMath.ProductSegment(k) * T.Count;
        int i = from;
        while (i < end)
        {
            var product = T.Create(1);
            for (int stop = Math.Min(end, i + segment); i < stop; i += T.Count)
            {
                var max = T.Load(ref v, (nuint)i);
                for (int c = 1; c < k; c++)
                    max = T.Max(max, T.Load(ref v, (nuint)(c * length + i)));
                if (T.AnyEqual(max, double.NegativeInfinity))
                {
                    if (T.Count > 1)
                    {
                        end = i;
                        break;
                    }
                    for (int c = 0; c < k; c++)
                        Unsafe.Add(ref v, c * length + i) = 1.0 / k;
                    if (keep)
                        logLikelihood[i] = double.NegativeInfinity;
                    infinite = double.NegativeInfinity;
                    continue;
                }
                // exp(a − m) is stored and later divided by the sum: one exponential per entry, and
                // responsibilities that sum to 1 within a few ulps even when |a| is in the thousands.
                var sum = T.Zero;
                for (int c = 0; c < k; c++)
                {
                    var e = T.Exp(T.Load(ref v, (nuint)(c * length + i)) - max);
                    e.Store(ref v, (nuint)(c * length + i));
                    sum += e;
                }
                var inverse = T.Create(1) / sum;
                for (int c = 0; c < k; c++)
                    (T.Load(ref v, (nuint)(c * length + i)) * inverse).Store(ref v, (nuint)(c * length + i));
                maxima += max;
                if (keep)
                    for (int lane = 0; lane < T.Count; lane++)
                    {
                        double logS = Math.Log(sum[lane]);
                        logLikelihood[i + lane] = max[lane] + logS;
                        logSum += logS;
                    }
                else
                    product *= sum;
            }
            if (!keep)
                for (int lane = 0; lane < T.Count; lane++)
                    logSum += Math.Log(product[lane]);
        }
        total += LaneMath.Sum(maxima) + logSum + infinite;
        return end;
    }
}
