// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The starts of a multi-start fit: the caller's initial values, then a seeded Latin hypercube over the free
/// parameters mapped as <see cref="MultiStartOptions"/> states.
/// </summary>
internal static class MultiStartPoints
{
    /// <summary>N full parameter vectors; row 0 is the problem's initial values.</summary>
    public static double[][] Draw(LeastSquaresProblem problem, MultiStartOptions options)
    {
        int count = options.StartCount, m = count - 1, k = problem.FreeCount;
        var starts = new double[count][];
        for (int s = 0; s < count; s++)
            starts[s] = (double[])problem.Initial.Clone();
        if (m == 0)
            return starts;

        var random = new SplitMix64(unchecked((ulong)options.Seed));
        double logFactor = Math.Log10(options.SpreadFactor);
        var strata = new int[m];
        for (int j = 0; j < k; j++)
        {
            int parameter = problem.FreeIndices[j];
            double lower = problem.Lower?[j] ?? double.NegativeInfinity;
            double upper = problem.Upper?[j] ?? double.PositiveInfinity;
            for (int i = 0; i < m; i++)
                strata[i] = i;
            for (int i = m - 1; i > 0; i--) // Fisher–Yates
            {
                int r = random.NextIndex(i + 1);
                (strata[i], strata[r]) = (strata[r], strata[i]);
            }
            for (int i = 0; i < m; i++)
            {
                double v = (strata[i] + random.NextDouble()) / m;
                starts[i + 1][parameter] = Map(v, problem.Initial[parameter], lower, upper, logFactor);
            }
        }
        return starts;
    }

    /// <summary>A unit-interval coordinate v to a parameter value.</summary>
    internal static double Map(double v, double initial, double lower, double upper, double logFactor)
    {
        if (double.IsFinite(lower) && double.IsFinite(upper))
            return Math.Min(upper, lower + v * (upper - lower));
        double value;
        if (initial != 0)
        {
            value = initial * Math.Pow(10, (2 * v - 1) * logFactor);
        }
        else
        {
            double w = 2 * v - 1; // the sign from the half, the magnitude from the position within it
            double magnitude = Math.Pow(10, (2 * Math.Abs(w) - 1) * logFactor);
            value = w < 0 ? -magnitude : magnitude;
        }
        if (value < lower)
            value = lower + (lower - value);
        else if (value > upper)
            value = upper - (value - upper);
        return value;
    }

    /// <summary>Steele, Lea &amp; Flood's SplitMix64: a small, fully specified stream, the same on every runtime.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform on [0, 1), 53 bits.</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        /// <summary>Uniform on 0…n−1 (multiply-shift; the bias, below n·2⁻⁶⁴, is immaterial here).</summary>
        public int NextIndex(int n) => (int)(((UInt128)Next() * (ulong)n) >> 64);
    }
}
