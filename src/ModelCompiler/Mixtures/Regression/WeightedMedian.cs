// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// The weighted median of breakpoints by selection, in expected linear time: the first breakpoint, in the order of
/// (T, I), at which the weights summed in that order reach a half. The exact line search of a least-absolute-
/// deviations pivot needs one such median over all points; sorting them all for it took half of a Laplace mixture's time.
/// </summary>
internal static class WeightedMedian
{
    /// <summary>Breakpoint T of point I, with weight W.</summary>
    public readonly record struct Breakpoint(double T, double W, int I);

    /// <summary>
    /// The median of <paramref name="points"/> (reordered in place) whose weights reach <paramref name="half"/>, or
    /// null when rounding leaves the whole sum short of it.
    /// </summary>
    public static Breakpoint? Select(Span<Breakpoint> points, double half)
    {
        int lo = 0, hi = points.Length;
        double before = 0;   // the weight of the points known to come before [lo, hi)
        // Quickselect rounds shrink the range by a fraction each on average; past this many, sort what is left.
        int rounds = 2 * (int)Math.Log2(points.Length + 1) + 8;
        while (hi - lo > 16 && rounds-- > 0)
        {
            int m = Partition(points, lo, hi, out double less);
            if (before + less >= half)
            {
                hi = m;
                continue;
            }
            before += less + points[m].W;
            if (before >= half)
                return points[m];
            lo = m + 1;
        }
        Span<Breakpoint> rest = points[lo..hi];
        rest.Sort(static (a, b) => Before(a, b) ? -1 : Before(b, a) ? 1 : 0);
        foreach (var point in rest)
        {
            before += point.W;
            if (before >= half)
                return point;
        }
        return null;
    }

    /// <summary>
    /// Partitions [lo, hi) around a median-of-three pivot: the points before it, the pivot at the returned position,
    /// the points after it; <paramref name="less"/> is the weight of those before.
    /// </summary>
    private static int Partition(Span<Breakpoint> points, int lo, int hi, out double less)
    {
        int mid = lo + (hi - lo) / 2, last = hi - 1;
        if (Before(points[mid], points[lo]))
            (points[mid], points[lo]) = (points[lo], points[mid]);
        if (Before(points[last], points[lo]))
            (points[last], points[lo]) = (points[lo], points[last]);
        if (Before(points[mid], points[last]))
            (points[mid], points[last]) = (points[last], points[mid]);
        Breakpoint pivot = points[last];   // the median of the three
        int store = lo;
        less = 0;
        for (int i = lo; i < last; i++)
        {
            if (!Before(points[i], pivot))
                continue;
            less += points[i].W;
            (points[i], points[store]) = (points[store], points[i]);
            store++;
        }
        (points[store], points[last]) = (points[last], points[store]);
        return store;
    }

    private static bool Before(in Breakpoint a, in Breakpoint b) => a.T < b.T || (a.T == b.T && a.I < b.I);
}
