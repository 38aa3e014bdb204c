// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;
using Breakpoint = ModelCompiler.Mixtures.Regression.WeightedMedian.Breakpoint;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>The selected weighted median against a sort by (T, I) and a running sum, on the same points.</summary>
public class WeightedMedianTests
{
    [Theory]
    [InlineData(1, 5)]        // below the selection's cut-off: sorted directly
    [InlineData(2, 17)]
    [InlineData(3, 1000)]
    [InlineData(4, 100_000)]
    public void SelectionFindsThePointTheSortedRunningSumFinds(int seed, int n)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            // Ties in T (a tenth of the points share a handful of values) and weights that are powers of two, so
            // that every running sum is exact and the answer does not depend on the order of addition.
            var points = Enumerable.Range(0, n).Select(i => new Breakpoint(
                random.NextDouble() < 0.1 ? random.Next(3) : random.NextDouble() * 2 - 1,
                Math.ScaleB(1, random.Next(-3, 4)), i)).ToArray();
            double half = points.Sum(p => p.W) / 2 * (trial % 3 == 0 ? 1 : random.NextDouble() * 2);
            Breakpoint? expected = null;
            double running = 0;
            foreach (var p in points.OrderBy(p => p.T).ThenBy(p => p.I))
            {
                running += p.W;
                if (running >= half)
                {
                    expected = p;
                    break;
                }
            }
            Assert.Equal(expected, WeightedMedian.Select(points.AsSpan(), half));
        }
    }
}
