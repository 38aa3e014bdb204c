// SPDX-License-Identifier: MIT
using ModelCompiler.Tests.LeastSquares.Nist;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// The random-start protocol on the NIST StRD problems: every parameter drawn within a factor of ten of its
/// certified value, b_j = c_j·10^u with u uniform on [−1, 1) (same sign as c_j), and the rules by which a fit from
/// such a start counts as solved. benchmarks/peers/nist_random_starts.py draws the same doubles and applies the
/// same rules to the peers.
/// </summary>
public static class RandomStarts
{
    /// <summary>The seed of the published runs.</summary>
    public const ulong DefaultSeed = 20250917;

    /// <summary>The LRE every parameter must reach (about four correct digits).</summary>
    public const double SolvedLre = 4;

    /// <summary>How far above the certified RSS a solved fit may stop, relative.</summary>
    public const double RssTolerance = 1e-6;

    /// <summary>
    /// The starts of one problem: SplitMix64 seeded with seed XOR FNV-1a-64(problem name, ASCII), one draw per
    /// parameter, starts one after another; u = 2·(r ≫ 11)·2⁻⁵³ − 1 (exact), b = c·10^u.
    /// </summary>
    public static double[][] Draw(string name, double[] certified, ulong seed, int count)
    {
        ulong state = seed ^ Fnv1a(name);
        var starts = new double[count][];
        for (int s = 0; s < count; s++)
        {
            starts[s] = new double[certified.Length];
            for (int j = 0; j < certified.Length; j++)
            {
                double u = 2 * ((Next(ref state) >> 11) * (1.0 / 9007199254740992.0)) - 1;
                starts[s][j] = certified[j] * Math.Pow(10, u);
            }
        }
        return starts;
    }

    /// <summary>
    /// The parameters with exchangeable terms put in one order, so that a fit that found the certified terms under
    /// other labels compares equal: Lanczos' exponentials (b1,b2), (b3,b4), (b5,b6) by rate; MGH17's exponentials
    /// (b2,b4), (b3,b5) by rate; Gauss1's peaks (b3,b4,b5), (b6,b7,b8) by centre, with the width's sign dropped
    /// (the model holds b5²); ENSO's cycles (b4,b5,b6), (b7,b8,b9) by period, a negative period b reflected to
    /// (−b, cos coefficient, −sin coefficient). Other problems have no exchangeable terms and are returned as they are.
    /// </summary>
    public static double[] Canonical(string name, IReadOnlyList<double> parameters)
    {
        double[] b = parameters.ToArray();
        switch (name)
        {
            case "Lanczos1" or "Lanczos3":
                SortGroups(b, [[0, 1], [2, 3], [4, 5]], key: 1);
                break;
            case "MGH17":
                SortGroups(b, [[1, 3], [2, 4]], key: 1);
                break;
            case "Gauss1":
                b[4] = Math.Abs(b[4]);
                b[7] = Math.Abs(b[7]);
                SortGroups(b, [[2, 3, 4], [5, 6, 7]], key: 1);
                break;
            case "ENSO":
                foreach (int period in (int[])[3, 6])
                {
                    if (b[period] < 0)
                    {
                        b[period] = -b[period];
                        b[period + 2] = -b[period + 2];
                    }
                }
                SortGroups(b, [[3, 4, 5], [6, 7, 8]], key: 0);
                break;
        }
        return b;
    }

    /// <summary>Whether <see cref="Canonical"/> can change this problem's parameters.</summary>
    public static bool HasExchangeableTerms(string name) => name is "Lanczos1" or "Lanczos3" or "MGH17" or "Gauss1" or "ENSO";

    /// <summary>
    /// The certified minimum is reached when ‖r‖ ≤ √(RSS_c·(1 + 1e-6)) + √n·ε·max|y|: the RSS within a millionth of
    /// the certified value, give or take one rounding of each response (the residuals of an exact fit of Lanczos1 are
    /// 8e-14 and carry rounding errors of 5e-16, which move its RSS of 1.4e-25 by about a percent); y is the fitted
    /// response (log y for Nelson).
    /// </summary>
    public static bool ReachesCertifiedRss(double rss, NistProblem problem)
    {
        double[] response = Response(problem);
        double rounding = Math.Sqrt(response.Length) * Math.ScaleB(1, -52) * response.Max(Math.Abs);
        return Math.Sqrt(rss) <= Math.Sqrt(problem.CertifiedRss * (1 + RssTolerance)) + rounding;
    }

    /// <summary>The fitted response: the data's y, or log(y) for Nelson, whose model and certified RSS are for log(y).</summary>
    public static double[] Response(NistProblem problem)
        => problem.Name == "Nelson" ? problem.Y.Select(v => Math.Log(v)).ToArray() : problem.Y;

    private static void SortGroups(double[] b, int[][] groups, int key)
    {
        var values = groups.Select(g => g.Select(i => b[i]).ToArray()).OrderBy(v => v[key]).ToArray();
        for (int g = 0; g < groups.Length; g++)
            for (int k = 0; k < groups[g].Length; k++)
                b[groups[g][k]] = values[g][k];
    }

    private static ulong Fnv1a(string name)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
