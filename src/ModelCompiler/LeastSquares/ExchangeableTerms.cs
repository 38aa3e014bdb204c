// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// <see cref="CurveFitOptions.KeepStartLabels"/>: a model whose terms are alike (Lanczos' three exponentials, two
/// Gaussian peaks, two periods) has one minimum per order of those terms, and which order a fit ends in is an accident
/// of its path. This puts the fitted terms back in the order of the start: the blocks of parameters that act together
/// (connected by their Jacobian columns' dependences on each other) are paired when swapping two blocks leaves the model
/// unchanged on the data, and the order of each set of exchangeable blocks that lies nearest the start is kept, with
/// the covariance permuted alike. The fit itself (its RSS, the model's values) does not change; the evaluations the
/// search spends are added to its counts (the dependences' Jacobians counted as variable projection counts them).
/// </summary>
internal static class ExchangeableTerms
{
    /// <summary>More exchangeable blocks than this in one set are left in the order the fit found (7! orders).</summary>
    private const int MaxBlocks = 6;

    /// <summary>Points the blocks are found on: evenly spaced through the data, so that a tall fit pays little for them.</summary>
    private const int ProbePoints = 2048;

    public static CurveFitResult Relabel<TModel>(CurveFitResult fit, LeastSquaresProblem problem) where TModel : IModel
    {
        int p = problem.ParameterCount;
        double[] values = fit.Parameters;
        if (!TModel.MayHaveExchangeableTerms || problem.HasBounds || problem.FreeCount < p || TModel.IsLinearInParameters
            || !values.All(double.IsFinite))
            return fit;
        LeastSquaresProblem probe = problem.EvenlySpaced(ProbePoints, TModel.VariableCount);
        var open = Enumerable.Repeat(true, p).ToArray();
        bool[,]? depends = AffineParameters.Dependencies<TModel>(probe, values, open);
        int jacobians = p + 1, evaluations = 0;
        if (depends is null)
            return fit.WithEarlierWork(0, jacobians);
        List<int[]> blocks = Blocks(depends, p);
        List<List<int[]>> sets = ExchangeableSets<TModel>(probe, values, blocks, ref evaluations);
        if (sets.Count == 0)
            return fit.WithEarlierWork(0, jacobians, evaluations);
        var order = Enumerable.Range(0, p).ToArray();   // parameter i of the result takes the fit's parameter order[i]
        foreach (List<int[]> set in sets)
        {
            int[] best = NearestOrder(set, values, problem.Initial);
            for (int b = 0; b < set.Count; b++)
                for (int e = 0; e < set[b].Length; e++)
                    order[set[b][e]] = set[best[b]][e];
        }
        if (order.Select((from, i) => from == i).All(same => same))
            return fit.WithEarlierWork(0, jacobians, evaluations);
        var relabelled = new double[p];
        for (int i = 0; i < p; i++)
            relabelled[i] = values[order[i]];
        // The swaps were checked on the probe's points; the reordered fit must give the same model on all of them.
        bool same = SameModel<TModel>(problem, ModelValues<TModel>(problem, values, ref evaluations), relabelled, ref evaluations);
        return (same ? fit.Permuted(order) : fit).WithEarlierWork(0, jacobians, evaluations);
    }

    private static double[] ModelValues<TModel>(LeastSquaresProblem problem, double[] parameters, ref int evaluations) where TModel : IModel
    {
        var values = new double[problem.PointCount];
        TModel.Evaluate(problem.X, parameters, values);
        evaluations++;
        return values;
    }

    /// <summary>Whether the model at <paramref name="parameters"/> gives <paramref name="reference"/> to 1e-12 of its largest value.</summary>
    private static bool SameModel<TModel>(LeastSquaresProblem problem, double[] reference, double[] parameters, ref int evaluations)
        where TModel : IModel
    {
        double[] values = ModelValues<TModel>(problem, parameters, ref evaluations);
        double scale = reference.Max(Math.Abs);
        for (int i = 0; i < reference.Length; i++)
            if (!(Math.Abs(values[i] - reference[i]) <= 1e-12 * scale))
                return false;
        return true;
    }

    /// <summary>Connected components of "column j depends on parameter k", each in parameter order.</summary>
    private static List<int[]> Blocks(bool[,] depends, int p)
    {
        var component = Enumerable.Repeat(-1, p).ToArray();
        var blocks = new List<int[]>();
        for (int start = 0; start < p; start++)
        {
            if (component[start] >= 0)
                continue;
            var members = new List<int> { start };
            component[start] = blocks.Count;
            for (int at = 0; at < members.Count; at++)
                for (int other = 0; other < p; other++)
                    if (component[other] < 0 && other != members[at] && (depends[members[at], other] || depends[other, members[at]]))
                    {
                        component[other] = blocks.Count;
                        members.Add(other);
                    }
            members.Sort();
            blocks.Add(members.ToArray());
        }
        return blocks;
    }

    /// <summary>
    /// Sets of two or more blocks of equal size, each pair of which can be swapped (parameter by parameter, in order)
    /// without changing the model's values on the data beyond rounding.
    /// </summary>
    private static List<List<int[]>> ExchangeableSets<TModel>(LeastSquaresProblem problem, double[] values, List<int[]> blocks,
                                                              ref int evaluations)
        where TModel : IModel
    {
        var sets = new List<List<int[]>>();
        var used = new bool[blocks.Count];
        double[] reference = ModelValues<TModel>(problem, values, ref evaluations);
        for (int a = 0; a < blocks.Count; a++)
        {
            if (used[a])
                continue;
            var set = new List<int[]> { blocks[a] };
            for (int b = a + 1; b < blocks.Count; b++)
            {
                if (used[b] || blocks[b].Length != blocks[a].Length)
                    continue;
                var trial = (double[])values.Clone();
                for (int e = 0; e < blocks[a].Length; e++)
                    (trial[blocks[a][e]], trial[blocks[b][e]]) = (values[blocks[b][e]], values[blocks[a][e]]);
                if (SameModel<TModel>(problem, reference, trial, ref evaluations))
                {
                    set.Add(blocks[b]);
                    used[b] = true;
                }
            }
            if (set.Count > 1 && set.Count <= MaxBlocks)
                sets.Add(set);
        }
        return sets;
    }

    /// <summary>
    /// The assignment of the fitted blocks to the set's places (result place b takes fitted block order[b]) nearest the
    /// start, by Σ ((v − s)/(|v| + |s|))² over the parameters; the fit's own order wins ties.
    /// </summary>
    private static int[] NearestOrder(List<int[]> set, double[] values, double[] start)
    {
        int m = set.Count;
        int[] best = Enumerable.Range(0, m).ToArray();
        double bestDistance = Distance(best);
        foreach (int[] order in Permutations(m))
        {
            double distance = Distance(order);
            if (distance < bestDistance)
                (best, bestDistance) = (order, distance);
        }
        return best;

        double Distance(int[] order)
        {
            double sum = 0;
            for (int b = 0; b < m; b++)
                for (int e = 0; e < set[b].Length; e++)
                {
                    double v = values[set[order[b]][e]], s = start[set[b][e]];
                    double d = v == s ? 0 : (v - s) / (Math.Abs(v) + Math.Abs(s));
                    sum += d * d;
                }
            return sum;
        }
    }

    private static IEnumerable<int[]> Permutations(int m)
    {
        var order = Enumerable.Range(0, m).ToArray();
        // Heap's algorithm, every order once.
        var c = new int[m];
        yield return (int[])order.Clone();
        for (int i = 0; i < m;)
        {
            if (c[i] < i)
            {
                int j = i % 2 == 0 ? 0 : c[i];
                (order[j], order[i]) = (order[i], order[j]);
                yield return (int[])order.Clone();
                c[i]++;
                i = 0;
            }
            else
            {
                c[i] = 0;
                i++;
            }
        }
    }
}
