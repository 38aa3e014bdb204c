// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Mixtures;

/// <summary>
/// The Gaussian components a fused pass evaluates: K means, the points the statistics are taken about, the
/// precision factors and the per-component constants ln πₖ + ln det Pₖ − ½·d·ln 2π (plus whatever else the caller's
/// expected log-density adds).
/// </summary>
/// <param name="ComponentCount">K.</param>
/// <param name="FullMatrix">True for full and tied covariances (upper-triangular factors P, d·d row-major), false for
/// diagonal and spherical ones (1/σ per feature, d values).</param>
/// <param name="Means">K·d, row-major.</param>
/// <param name="Shift">K·d: the statistics of component k are taken about Shift[k·d ..].</param>
/// <param name="Factors">P of component k at Factors[k·FactorStride ..].</param>
/// <param name="FactorStride">d·d (full), 0 (tied: one shared factor) or d (diagonal and spherical).</param>
/// <param name="Constants">K.</param>
internal readonly record struct GaussianComponents(int ComponentCount, bool FullMatrix, double[] Means, double[] Shift,
                                                   double[] Factors, int FactorStride, double[] Constants);

/// <summary>
/// One chunk of the Gaussian E-step and its statistics, fused point by point: for a vector of points, the K
/// log-densities aₖ = Constantₖ − ½‖Pₖᵀ(x − μₖ)‖², their maximum, eₖ = exp(aₖ − max), s = Σₖ eₖ, rₖ = eₖ/s, and the
/// statistics [Nₖ, Σ rₖ(x − cₖ), Σ rₖ(x − cₖ)(x − cₖ)ᵀ] (upper triangle packed, or the diagonal) about the shifts
/// cₖ, in registers and a few kilobytes of scratch. The data are read once per pass, and no n-sized or chunk-sized
/// intermediate is written. <see cref="GaussianMixture"/> (EM) and the BayesianGaussianMixture's variational E-step
/// both run it.
/// </summary>
/// <remarks>
/// <para>
/// The widest accelerated vectors (Vector512, else Vector256) take the points, the scalar lane the
/// tail; every lane goes through the same operations (<see cref="ILanes{TSelf}"/>), so a point's responsibilities do
/// not depend on the width. A vector of points of which one has no finite log-density under any component (all
/// aₖ = −∞) is handed to the scalar lane, which gives such a point uniform responsibilities and ln p = −∞, as
/// <see cref="LogSumExp"/> does.
/// </para>
/// <para>
/// Σᵢ ln p(xᵢ) = Σᵢ maxᵢ + Σᵢ ln sᵢ, and Σₖ rₖ ln rₖ = Σₖ rₖ(aₖ − max) − ln s (as Σₖ rₖ = 1). The logarithms are
/// not taken point by point: since the maximum's term is exactly 1, 1 ≤ s ≤ K, so a product of up to ⌊1000/log₂K⌋
/// values of s per lane stays below 2¹⁰⁰⁰ and Σ ln s is the sum of the logarithms of those products: one logarithm
/// per lane per segment. A product of m factors carries at most m roundings, the bound of a sum of m logarithms.
/// </para>
/// </remarks>
internal static class FusedGaussianPass
{
    /// <summary>Doubles of scratch one call needs (enough for the widest vectors).</summary>
    public static int ScratchLength(int k, int d, int blockLength) => (k + k * blockLength + 2 * d) * 8;

    /// <summary>Doubles of statistics per component: 1 + d + d(d+1)/2 (full) or 1 + 2d (diagonal).</summary>
    public static int BlockLength(bool fullMatrix, int d) => 1 + d + (fullMatrix ? d * (d + 1) / 2 : d);

    /// <summary>
    /// Adds the chunk's statistics (K blocks of <see cref="BlockLength"/>) into <paramref name="statistics"/>; returns
    /// Σᵢ ln p(xᵢ) and, when <paramref name="entropy"/> is set, Σᵢₖ rᵢₖ ln rᵢₖ (else 0).
    /// </summary>
    public static (double LogLikelihood, double ResponsibilityLogResponsibility) Run(
        ColumnData data, in GaussianComponents components, int start, int length, Span<double> statistics,
        Span<double> scratch, bool entropy)
    {
        int d = data.Dimension;
        if (components.FullMatrix)
            return d == 2
                ? Run<Full2>(data, components, start, length, statistics, scratch, entropy)
                : Run<Full>(data, components, start, length, statistics, scratch, entropy);
        return Run<Diagonal>(data, components, start, length, statistics, scratch, entropy);
    }

    private static (double, double) Run<TShape>(ColumnData data, in GaussianComponents components, int start, int length,
                                                Span<double> statistics, Span<double> scratch, bool entropy)
        where TShape : IShape
    {
        var sums = new Sums();
        bool vectors = Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated;
        int i = 0;
        while (i < length)
        {
            int stop = i;
            if (Vector512.IsHardwareAccelerated)
                stop = Run<Lanes512, TShape>(data, components, start, i, length, statistics, scratch, entropy, ref sums);
            else if (Vector256.IsHardwareAccelerated)
                stop = Run<Lanes256, TShape>(data, components, start, i, length, statistics, scratch, entropy, ref sums);
            // The scalar lane takes the tail, or the one vector the vector loop stopped at (a point without a finite density).
            int end = !vectors || length - stop < 8 ? length : stop + 8;
            i = Run<Lane1, TShape>(data, components, start, stop, end, statistics, scratch, entropy, ref sums);
        }
        return (sums.LogLikelihood, sums.Entropy);
    }

    private struct Sums
    {
        public double LogLikelihood, Entropy;
    }

    /// <summary>
    /// Points start + [from, …) in vectors of T.Count until fewer than T.Count remain before <paramref name="to"/> or a
    /// vector holds a point whose every log-density is −∞ (the scalar lane takes those); returns where it stopped.
    /// </summary>
    private static int Run<T, TShape>(ColumnData data, in GaussianComponents g, int start, int from, int to, Span<double> statistics,
                                      Span<double> scratch, bool entropy, ref Sums sums)
        where T : unmanaged, ILanes<T>
        where TShape : IShape
    {
        int n = data.PointCount, d = data.Dimension, k = g.ComponentCount;
        int block = BlockLength(g.FullMatrix, d);
        int end = from + (to - from) / T.Count * T.Count;
        if (end == from)
            return from;
        Span<T> buffer = MemoryMarshal.Cast<double, T>(scratch)[..(k + k * block + 2 * d)];
        buffer.Clear();
        ref T values = ref MemoryMarshal.GetReference(buffer);   // K log-densities, then K exponentials
        ref T accumulators = ref Unsafe.Add(ref values, k);        // K blocks of statistics
        ref T x = ref Unsafe.Add(ref accumulators, k * block);     // the d coordinates of the points
        ref T work = ref Unsafe.Add(ref x, d);                     // d values of the shape's own use
        ref double column0 = ref MemoryMarshal.GetArrayDataReference(data.Columns);
        ref double means = ref MemoryMarshal.GetArrayDataReference(g.Means);
        ref double shift = ref MemoryMarshal.GetArrayDataReference(g.Shift);
        ref double factors = ref MemoryMarshal.GetArrayDataReference(g.Factors);
        ref double constants = ref MemoryMarshal.GetArrayDataReference(g.Constants);
        int stride = g.FactorStride;
        var maxima = T.Zero;
        var weighted = T.Zero;
        double logSum = 0, scalarSum = 0;
        int segment = LaneMath.ProductSegment(k) * T.Count;
        int i = from;
        while (i < end)
        {
            var product = T.Create(1);
            for (int stop = Math.Min(end, i + segment); i < stop; i += T.Count)
            {
                for (int j = 0; j < d; j++)
                    Unsafe.Add(ref x, j) = T.Load(ref column0, (nuint)(j * n + start + i));
                var max = T.Create(double.NegativeInfinity);
                for (int c = 0; c < k; c++)
                {
                    var a = TShape.LogDensity(ref x, ref work, d, ref Unsafe.Add(ref means, c * d), ref Unsafe.Add(ref factors, c * stride),
                                              T.Create(Unsafe.Add(ref constants, c)));
                    Unsafe.Add(ref values, c) = a;
                    max = T.Max(max, a);
                }
                if (T.AnyEqual(max, double.NegativeInfinity))
                {
                    if (T.Count > 1)
                    {
                        end = i;
                        break;
                    }
                    // No component gives the point a finite density: uniform responsibilities, ln p = −∞, r ln r = ln(1/K).
                    var uniform = T.Create(1.0 / k);
                    for (int c = 0; c < k; c++)
                        TShape.Accumulate(ref x, ref work, d, ref Unsafe.Add(ref shift, c * d), uniform, ref Unsafe.Add(ref accumulators, c * block));
                    scalarSum = double.NegativeInfinity;
                    if (entropy)
                        sums.Entropy -= Math.Log(k);
                    continue;
                }
                var sum = T.Zero;
                var ed = T.Zero;
                for (int c = 0; c < k; c++)
                {
                    var delta = Unsafe.Add(ref values, c) - max;
                    var e = T.Exp(delta);
                    Unsafe.Add(ref values, c) = e;
                    sum += e;
                    // A −∞ density has e = 0 and contributes r·(a − max) = 0, not 0·(−∞).
                    if (entropy)
                        ed = T.MultiplyAdd(e, T.ZeroUnlessFinite(delta), ed);
                }
                var inverse = T.Create(1) / sum;
                product *= sum;
                maxima += max;
                if (entropy)
                    weighted = T.MultiplyAdd(ed, inverse, weighted);
                for (int c = 0; c < k; c++)
                    TShape.Accumulate(ref x, ref work, d, ref Unsafe.Add(ref shift, c * d), Unsafe.Add(ref values, c) * inverse,
                                      ref Unsafe.Add(ref accumulators, c * block));
            }
            for (int lane = 0; lane < T.Count; lane++)
                logSum += Math.Log(product[lane]);
        }
        for (int m = 0; m < k * block; m++)
            statistics[m] += LaneMath.Sum(Unsafe.Add(ref accumulators, m));
        sums.LogLikelihood += LaneMath.Sum(maxima) + logSum + scalarSum;
        if (entropy)
            sums.Entropy += LaneMath.Sum(weighted) - logSum;
        return end;
    }

    /// <summary>How one covariance type turns points into a log-density and into statistics.</summary>
    private interface IShape
    {
        /// <summary>constant − ½‖Pᵀ(x − μ)‖² (P at <paramref name="factor"/>); <paramref name="work"/> holds d scratch values.</summary>
        static abstract T LogDensity<T>(ref T x, ref T work, int d, ref double mean, ref double factor, T constant) where T : unmanaged, ILanes<T>;

        /// <summary>Adds r, r·y and r·yyᵀ (y = x − <paramref name="shift"/>) into the component's <paramref name="block"/>.</summary>
        static abstract void Accumulate<T>(ref T x, ref T work, int d, ref double shift, T r, ref T block) where T : unmanaged, ILanes<T>;
    }

    /// <summary>Full (and tied) covariances in any dimension: y_j = Σ_{m≤j} (x_m − μ_m)·P[m, j].</summary>
    private readonly struct Full : IShape
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T LogDensity<T>(ref T x, ref T work, int d, ref double mean, ref double factor, T constant) where T : unmanaged, ILanes<T>
        {
            for (int j = 0; j < d; j++)
                Unsafe.Add(ref work, j) = Unsafe.Add(ref x, j) - T.Create(Unsafe.Add(ref mean, j));
            var q = T.Zero;
            for (int j = 0; j < d; j++)
            {
                var y = T.Zero;
                for (int m = 0; m <= j; m++)
                    y = T.MultiplyAdd(Unsafe.Add(ref work, m), T.Create(Unsafe.Add(ref factor, m * d + j)), y);
                q = T.MultiplyAdd(y, y, q);
            }
            return T.MultiplyAdd(T.Create(-0.5), q, constant);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Accumulate<T>(ref T x, ref T work, int d, ref double shift, T r, ref T block) where T : unmanaged, ILanes<T>
        {
            block += r;
            for (int j = 0; j < d; j++)
            {
                var y = Unsafe.Add(ref x, j) - T.Create(Unsafe.Add(ref shift, j));
                Unsafe.Add(ref work, j) = y;
                Unsafe.Add(ref block, 1 + j) = T.MultiplyAdd(r, y, Unsafe.Add(ref block, 1 + j));
            }
            int p = 1 + d;
            for (int a = 0; a < d; a++)
            {
                var ry = r * Unsafe.Add(ref work, a);
                for (int b = a; b < d; b++, p++)
                    Unsafe.Add(ref block, p) = T.MultiplyAdd(ry, Unsafe.Add(ref work, b), Unsafe.Add(ref block, p));
            }
        }
    }

    /// <summary>Full (and tied) covariances in two dimensions, written out: the loops of <see cref="Full"/> cost more than the arithmetic.</summary>
    private readonly struct Full2 : IShape
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T LogDensity<T>(ref T x, ref T work, int d, ref double mean, ref double factor, T constant) where T : unmanaged, ILanes<T>
        {
            var z0 = x - T.Create(mean);
            var z1 = Unsafe.Add(ref x, 1) - T.Create(Unsafe.Add(ref mean, 1));
            var y0 = z0 * T.Create(factor);
            var y1 = T.MultiplyAdd(z0, T.Create(Unsafe.Add(ref factor, 1)), z1 * T.Create(Unsafe.Add(ref factor, 3)));
            return T.MultiplyAdd(T.Create(-0.5), T.MultiplyAdd(y1, y1, y0 * y0), constant);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Accumulate<T>(ref T x, ref T work, int d, ref double shift, T r, ref T block) where T : unmanaged, ILanes<T>
        {
            var y0 = x - T.Create(shift);
            var y1 = Unsafe.Add(ref x, 1) - T.Create(Unsafe.Add(ref shift, 1));
            var ry0 = r * y0;
            var ry1 = r * y1;
            block += r;
            Unsafe.Add(ref block, 1) += ry0;
            Unsafe.Add(ref block, 2) += ry1;
            Unsafe.Add(ref block, 3) = T.MultiplyAdd(ry0, y0, Unsafe.Add(ref block, 3));
            Unsafe.Add(ref block, 4) = T.MultiplyAdd(ry0, y1, Unsafe.Add(ref block, 4));
            Unsafe.Add(ref block, 5) = T.MultiplyAdd(ry1, y1, Unsafe.Add(ref block, 5));
        }
    }

    /// <summary>Diagonal (and spherical) covariances: q = Σⱼ ((xⱼ − μⱼ)·pⱼ)², statistics [N, s, diag S].</summary>
    private readonly struct Diagonal : IShape
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T LogDensity<T>(ref T x, ref T work, int d, ref double mean, ref double factor, T constant) where T : unmanaged, ILanes<T>
        {
            var q = T.Zero;
            for (int j = 0; j < d; j++)
            {
                var y = (Unsafe.Add(ref x, j) - T.Create(Unsafe.Add(ref mean, j))) * T.Create(Unsafe.Add(ref factor, j));
                q = T.MultiplyAdd(y, y, q);
            }
            return T.MultiplyAdd(T.Create(-0.5), q, constant);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Accumulate<T>(ref T x, ref T work, int d, ref double shift, T r, ref T block) where T : unmanaged, ILanes<T>
        {
            block += r;
            for (int j = 0; j < d; j++)
            {
                var y = Unsafe.Add(ref x, j) - T.Create(Unsafe.Add(ref shift, j));
                var ry = r * y;
                Unsafe.Add(ref block, 1 + j) += ry;
                Unsafe.Add(ref block, 1 + d + j) = T.MultiplyAdd(ry, y, Unsafe.Add(ref block, 1 + d + j));
            }
        }
    }
}
