// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>The seed case end to end: two Gaussians on ten points, as scipy's curve_fit fits them.</summary>
public class GaussianPeaksTests
{
    private static readonly double[] X = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] Y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];

    private static CurveFitResult Fit() => CurveFit.Fit<TwoGaussiansModel>(X, Y, [3, 4, 3, 6, 1, 1]);

    [Fact]
    public void ReachesTheLeastSquaresMinimumAsScipyWithTightTolerances()
    {
        // scipy 1.10.1: curve_fit(gaussian, x, y, p0=[3, 4, 3, 6, 1, 1], jac=<analytic>, ftol=1e-15, xtol=1e-15, gtol=0)
        double[] popt = [4.6803559232863226, 0.36961120775669787, 4.943309112042492, 8.345347623279803, 2.133124718477722, 0.6789663935803314];
        double[] perr = [0.19644425047702024, 0.47625189624237024, 0.20623879243157023, 0.9045284042901165, 0.19931508463572922, 1.5715916481675403];
        const double rss = 0.35362465613463057;
        var fit = Fit();

        Assert.True(fit.IsConverged, fit.ToString());
        Assert.True(Math.Abs(fit.ResidualSumOfSquares - rss) <= 1e-13 * rss, $"RSS {fit.ResidualSumOfSquares:R}");
        for (int j = 0; j < 6; j++)
        {
            // The sum of squares is flat to double precision over about 1e-8 standard errors, so that
            // is how far two exact solvers may land apart (p5, with SE 1.57, only to 7 digits).
            Assert.True(Math.Abs(fit[j] - popt[j]) <= 1e-7 * perr[j], $"p{j}: {fit[j]:R}");
            Assert.True(Math.Abs(fit.StandardErrors[j] - perr[j]) <= 1e-6 * perr[j], $"se p{j}: {fit.StandardErrors[j]:R}");
        }
        Assert.True(Math.Abs(fit[0] - popt[0]) <= 1e-9 * popt[0]);
    }

    [Fact]
    public void ImprovesOnScipyDefaultToleranceResult()
    {
        // scipy 1.10 curve_fit(gaussian, x, y, p0=[3, 4, 3, 6, 1, 1]) with its default tolerances
        // (ftol = xtol = 1.49012e-8, forward differences) stops before the minimum:
        double[] popt = [4.680356232561, 0.369613156951, 4.943299963435, 8.345313920361, 2.133116609628, 0.679054373277];
        double[] perr = [0.196443343679, 0.476232973662, 0.206217186284, 0.904566915659, 0.199303716906, 1.572259609646];
        const double rss = 0.353624656668344;
        var fit = Fit();

        Assert.True(fit.ResidualSumOfSquares < rss);
        Assert.True(rss - fit.ResidualSumOfSquares <= 2e-9 * rss);
        for (int j = 0; j < 6; j++)
        {
            // The well-determined parameters agree to 7 digits; all within 1e-4 standard errors.
            Assert.True(Math.Abs(fit[j] - popt[j]) <= 1e-4 * perr[j], $"p{j}: {fit[j]:R}");
            Assert.True(Math.Abs(fit.StandardErrors[j] - perr[j]) <= 1e-3 * perr[j], $"se p{j}: {fit.StandardErrors[j]:R}");
        }
        Assert.True(Math.Abs(fit[0] - popt[0]) <= 1e-7 * popt[0]);
    }

    [Fact]
    public void GeneratedKernelsGiveTheSameFitAsTheHandWrittenModel()
    {
        var generated = CurveFit.Fit<GeneratedModels.TwoGaussiansModel>(X, Y, [3, 4, 3, 6, 1, 1]);
        var hand = Fit();
        Assert.Equal(hand.ParameterNames, generated.ParameterNames);
        Assert.True(Math.Abs(generated.ResidualSumOfSquares - hand.ResidualSumOfSquares) <= 1e-13 * hand.ResidualSumOfSquares);
        for (int j = 0; j < 6; j++)
            Assert.True(Math.Abs(generated[j] - hand[j]) <= 1e-7 * hand.StandardErrors[j], $"p{j}: {generated[j]:R} vs {hand[j]:R}");
    }

    [Fact]
    public void PrintsAParameterTable()
    {
        string table = Fit().ToString();
        Assert.Contains("p0*exp(-(x-p2)^2/(2*p4^2))", table);
        Assert.Contains("4.680355923", table);
        Assert.Contains("95% interval", table);
        Assert.Contains("Residual sum of squares 0.3536246561", table);
        Assert.Equal(6, table.Split('\n').Count(l => l.StartsWith('p')));
    }
}
