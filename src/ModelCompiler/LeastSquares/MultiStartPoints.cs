// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The starts of a multi-start fit: the caller's initial values, then a seeded Latin hypercube over the free
/// parameters mapped as <see cref="MultiStartOptions"/> states.
/// </summary>
internal static class MultiStartPoints
{
    /// <summary>1 + (N − 1)·C full parameter vectors; row 0 is the problem's initial values.</summary>
    public static double[][] Draw(LeastSquaresProblem problem, MultiStartOptions options)
    {
        int m = (options.StartCount - 1) * options.CandidatesPerStart, count = m + 1, k = problem.FreeCount;
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

    /// <summary>
    /// The N − 1 best of the candidates 1… (row 0, the caller's start, stays first) by their residual sum of squares with
    /// the affine parameters solved at each (<see cref="LinearProjection{TModel}"/>), lowest first, ties to the lower
    /// index; a candidate where the model is not finite ranks last. Counts the model evaluations in
    /// <paramref name="evaluations"/>.
    /// </summary>
    public static double[][] Screen<TModel>(LeastSquaresProblem problem, double[][] candidates, int startCount,
                                            ParallelOptions parallel, out int evaluations)
        where TModel : IModel
    {
        evaluations = 0;
        int[] linear = VariableProjection.LinearParameters<TModel>(problem, ref evaluations);
        var lower = new double[problem.ParameterCount];
        var upper = new double[problem.ParameterCount];
        Array.Fill(lower, double.NegativeInfinity);
        Array.Fill(upper, double.PositiveInfinity);
        for (int a = 0; a < problem.FreeCount; a++)
        {
            lower[problem.FreeIndices[a]] = problem.Lower?[a] ?? double.NegativeInfinity;
            upper[problem.FreeIndices[a]] = problem.Upper?[a] ?? double.PositiveInfinity;
        }
        var setup = new FitSetup { LowerBounds = lower, UpperBounds = upper };
        var rss = new double[candidates.Length];
        Parallel.For(1, candidates.Length, parallel, () => new LinearProjection<TModel>(problem, linear, setup),
            (c, _, projection) =>
            {
                double value = projection.Solve(candidates[c]);
                rss[c] = double.IsNaN(value) ? double.PositiveInfinity : value;
                return projection;
            }, _ => { });
        evaluations += candidates.Length - 1;
        var best = Enumerable.Range(1, candidates.Length - 1).OrderBy(c => rss[c]).ThenBy(c => c).Take(startCount - 1);
        return [candidates[0], .. best.Select(c => candidates[c])];
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
