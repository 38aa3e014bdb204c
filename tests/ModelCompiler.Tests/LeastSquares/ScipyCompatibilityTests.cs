// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Xunit.Abstractions;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>The seed case through <see cref="CurveFitOptions.ScipyCurveFit"/>: scipy's curve_fit, early stop included.</summary>
public class ScipyCompatibilityTests(ITestOutputHelper output)
{
    private static readonly double[] X = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] Y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];
    private static readonly double[] Start = [3, 4, 3, 6, 1, 1];

    [Fact]
    public void FollowsLmdifBitForBitWithTheCLibraryExp()
    {
        // scipy 1.10.1 (numpy 1.24.2): curve_fit(g, x, y, p0=[3, 4, 3, 6, 1, 1], full_output=True) with
        // g = p0*exp(-(x-p2)**2/(2*p4**2)) + p1*exp(-(x-p3)**2/(2*p5**2)) where exp is math.exp
        // element by element (the C library's exp, which Math.Exp also calls); nfev = 356, ier = 1.
        double[] popt = [4.680356268833762, 0.3696130655554624, 4.94330119227739, 8.345318909895976, 2.13311764598715, 0.6790422060244411];
        double[] perr = [0.19644330076987046, 0.47623217773720034, 0.20621626123138054, 0.9045689013651587, 0.19930323226896285, 1.5722895678889346];
        const double rss = 0.35362465653104425;
        var fit = CurveFit.Fit<TwoGaussiansModel>(X, Y, Start, CurveFitOptions.ScipyCurveFit);
        Report(fit, popt, perr, rss);
        Assert.Equal(FitTermination.FunctionTolerance, fit.Termination);
        Assert.Equal(356, fit.FunctionEvaluations);
        AssertAgree(fit, popt, perr, rss, 1e-13);
    }

    private void Report(CurveFitResult fit, double[] popt, double[] perr, double rss)
    {
        for (int j = 0; j < popt.Length; j++)
            output.WriteLine($"p{j} {fit[j]:R} rel {Math.Abs(fit[j] - popt[j]) / Math.Abs(popt[j]):E2}   se {fit.StandardErrors[j]:R} rel {Math.Abs(fit.StandardErrors[j] - perr[j]) / perr[j]:E2}");
        output.WriteLine($"RSS {fit.ResidualSumOfSquares:R} rel {Math.Abs(fit.ResidualSumOfSquares - rss) / rss:E2}, nfev {fit.FunctionEvaluations}, {fit.Termination}");
    }

    private static void AssertAgree(CurveFitResult fit, double[] popt, double[] perr, double rss, double relative)
    {
        for (int j = 0; j < popt.Length; j++)
        {
            Assert.True(Math.Abs(fit[j] - popt[j]) <= relative * Math.Abs(popt[j]), $"p{j}: {fit[j]:R} against {popt[j]:R}");
            Assert.True(Math.Abs(fit.StandardErrors[j] - perr[j]) <= relative * perr[j], $"se p{j}: {fit.StandardErrors[j]:R} against {perr[j]:R}");
        }
        Assert.True(Math.Abs(fit.ResidualSumOfSquares - rss) <= relative * rss, $"RSS {fit.ResidualSumOfSquares:R} against {rss:R}");
    }
}
