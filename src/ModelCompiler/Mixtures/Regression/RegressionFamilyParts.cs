// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>What the two regression-mixture families (general and linear Gaussian) do the same way.</summary>
internal static class RegressionFamilyParts
{
    /// <summary>
    /// Start <paramref name="start"/>'s first responsibilities, component-major K×n, drawn from <paramref name="random"/>:
    /// one component per point, random proportions, or one disjoint subset of <paramref name="subsetSize"/> points per
    /// component (<paramref name="subsets"/> then true) and no component for the other points.
    /// </summary>
    public static double[] RandomResponsibilities(Random random, int k, int n, RegressionMixtureInitialization initialization,
                                                  int subsetSize, int start, out bool subsets)
    {
        if (initialization == RegressionMixtureInitialization.PartitionsAndSubsets)
            initialization = start % 2 == 0 ? RegressionMixtureInitialization.RandomPartition : RegressionMixtureInitialization.RandomSubsets;
        var responsibilities = new double[k * n];
        subsets = initialization == RegressionMixtureInitialization.RandomSubsets && n >= k * subsetSize;
        if (subsets)
        {
            // The first k·size entries of a random permutation (Fisher–Yates), size per component.
            var order = new int[n];
            for (int i = 0; i < n; i++)
                order[i] = i;
            for (int i = 0; i < k * subsetSize; i++)
            {
                int j = i + random.Next(n - i);
                (order[i], order[j]) = (order[j], order[i]);
                responsibilities[i / subsetSize * n + order[i]] = 1;
            }
            return responsibilities;
        }
        for (int i = 0; i < n; i++)
        {
            if (initialization != RegressionMixtureInitialization.RandomResponsibilities)
            {
                responsibilities[random.Next(k) * n + i] = 1;
                continue;
            }
            double sum = 0;
            for (int c = 0; c < k; c++)
                sum += responsibilities[c * n + i] = random.NextDouble() + 1e-12;
            for (int c = 0; c < k; c++)
                responsibilities[c * n + i] /= sum;
        }
        return responsibilities;
    }

    /// <summary>Equal weights, for a start whose M-step saw a subset of the points per component.</summary>
    public static void SetEqualWeights(RegressionMixtureState state, int k)
    {
        for (int c = 0; c < k; c++)
            state.SetWeight(c, 1.0 / k);
    }

    /// <summary>
    /// ln πₖ + ln p(y | x, θₖ) of points [start, start + length) by the generated kernel, into
    /// <c>logDensity[k·length + i]</c>; <paramref name="x"/> is all n points' variables, column-major.
    /// </summary>
    public static void WeightedLogDensity<TMixture, TModel>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int start, int length,
                                                            ReadOnlySpan<double> theta, ReadOnlySpan<double> scales,
                                                            ReadOnlySpan<double> logWeights, Span<double> logDensity, Span<double> workspace)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        int n = y.Length, v = TModel.VariableCount, k = TMixture.Components;
        ReadOnlySpan<double> chunk;
        if (v == 1)
            chunk = x.Slice(start, length);
        else
        {
            // The kernel wants the chunk's variables column-major too: gather each column's slice.
            for (int c = 0; c < v; c++)
                x.Slice(c * n + start, length).CopyTo(workspace.Slice(c * length, length));
            chunk = workspace[..(v * length)];
        }
        Span<double> residuals = workspace.Slice(v > 1 ? v * length : 0, k * length);
        TMixture.ComponentLogDensities(chunk, y.Slice(start, length), theta, scales, residuals, logDensity[..(k * length)]);
        for (int c = 0; c < k; c++)
            LaneMath.AddInPlace(logDensity.Slice(c * length, length), logWeights[c]);
    }
}
