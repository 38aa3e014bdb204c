// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>The weighted LAD step against brute force: an optimum of a line's LAD passes through two of the points.</summary>
public class WeightedLeastAbsoluteDeviationTests
{
    [Theory]
    [InlineData(1, 25)]
    [InlineData(2, 40)]
    [InlineData(3, 60)]
    public void LineLadIsTheBestVertex(int seed, int n)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        double[] y = x.Select(v => 1 - 2 * v + Math.Tan(Math.PI * (random.NextDouble() - 0.5))).ToArray();   // Cauchy noise
        double[] w = x.Select(_ => random.NextDouble() < 0.2 ? 1e-9 : random.NextDouble()).ToArray();
        double Objective(double a, double b) => Enumerable.Range(0, n).Sum(i => w[i] * Math.Abs(y[i] - a - b * x[i]));

        double best = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double b = (y[j] - y[i]) / (x[j] - x[i]), a = y[i] - b * x[i];
                best = Math.Min(best, Objective(a, b));
            }

        var regression = new WeightedRegression<LineModel>(x, y, RegressionMixtureOptions.Default);
        var theta = new double[2];
        regression.LeastAbsoluteDeviations(w, theta);
        Assertions.Relative(best, Objective(theta[0], theta[1]), 1e-13, "weighted LAD objective");
    }
}
