// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using Xunit.Abstractions;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// The seed case through <see cref="CurveFitOptions.ScipyCurveFit"/>: scipy's curve_fit, early stop included.
/// The scipy values come from benchmarks/peers/scipy_curve_fit_references.py.
/// </summary>
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
        Assert.Equal(popt, fit.Parameters); // the same iterates: equal to the bit
        AssertAgree(fit, popt, perr, rss, 1e-14);
    }

    [Fact]
    public void ReproducesScipyCurveFitOnTheSeedCase()
    {
        // scipy 1.10.1 (numpy 1.24.2, AVX-512 machine): curve_fit(g, x, y, p0=[3, 4, 3, 6, 1, 1]) with its
        // defaults and g = p0*np.exp(-(x-p2)**2/(2*p4**2)) + p1*np.exp(-(x-p3)**2/(2*p5**2)); nfev = 356, ier = 1.
        double[] popt = [4.6803562325614765, 0.3696131569506157, 4.943299963434888, 8.345313920361297, 2.133116609628129, 0.6790543732770573];
        double[] perr = [0.1964433436789964, 0.4762329736623584, 0.20621718628359825, 0.9045669156590046, 0.19930371690568274, 1.5722596096464987];
        const double rss = 0.353624656668344;
        var fit = CurveFit.Fit<NumpyExpTwoGaussiansModel>(X, Y, Start, CurveFitOptions.ScipyCurveFit);
        Report(fit, popt, perr, rss);
        Assert.Equal(FitTermination.FunctionTolerance, fit.Termination);
        Assert.Equal(356, fit.FunctionEvaluations);
        Assert.Equal(popt, fit.Parameters); // the same iterates: equal to the bit
        AssertAgree(fit, popt, perr, rss, 1e-14);
    }

    [Fact]
    public void StopsWhereScipyStopsNotAtTheMinimum()
    {
        // The same data with the default options reach the minimum (RSS 0.35362465613463057, see
        // GaussianPeaksTests); scipy's early stop is about 1e-9 relative above it, and so is ours.
        var scipy = CurveFit.Fit<TwoGaussiansModel>(X, Y, Start, CurveFitOptions.ScipyCurveFit);
        var minimum = CurveFit.Fit<TwoGaussiansModel>(X, Y, Start);
        double excess = (scipy.ResidualSumOfSquares - minimum.ResidualSumOfSquares) / minimum.ResidualSumOfSquares;
        Assert.InRange(excess, 1e-10, 1e-8);
        Assert.Equal(0, scipy.JacobianEvaluations);
        Assert.True(minimum.FunctionEvaluations + minimum.JacobianEvaluations < scipy.FunctionEvaluations);
    }

    [Fact]
    public void NumpyExpMatchesNumpyBitForBit()
    {
        // numpy 1.24.2 on an AVX-512 machine, Data/numpy-exp/make_reference.py.
        int rows = 0;
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "numpy-exp", "numpy-exp-reference.csv")).Skip(1))
        {
            string[] cells = line.Split(',');
            double x = BitConverter.Int64BitsToDouble(Convert.ToInt64(cells[0], 16));
            long expected = Convert.ToInt64(cells[1], 16);
            Assert.True(BitConverter.DoubleToInt64Bits(NumpyExp.Exp(x)) == expected,
                        $"exp({x:R}) = {NumpyExp.Exp(x):R}, numpy {BitConverter.Int64BitsToDouble(expected):R}");
            rows++;
        }
        Assert.Equal(2000, rows);
    }

    [Fact]
    public void LmdifMethodRejectsBoundsAndCountsTheBudgetPerParameter()
    {
        var bounded = new FitSetup { LowerBounds = [0, 0, 0, 0, 0.1, 0.1], UpperBounds = [10, 10, 10, 10, 10, 10] };
        var error = Assert.Throws<ArgumentException>(() => CurveFit.Fit<TwoGaussiansModel>(X, Y, Start, bounded, CurveFitOptions.ScipyCurveFit));
        Assert.Contains("bounds", error.Message);

        // 200·(k + 1) = 1400 for six parameters; 40·7 = 280 stops the 356-evaluation path after the
        // first trial that reaches 280 (lmdif tests the budget after each trial evaluation).
        var budget = CurveFit.Fit<TwoGaussiansModel>(X, Y, Start, CurveFitOptions.ScipyCurveFit with { MaxFunctionEvaluationsPerParameter = 40 });
        Assert.Equal(FitTermination.MaxFunctionEvaluations, budget.Termination);
        Assert.InRange(budget.FunctionEvaluations, 280, 286);
        Assert.Throws<ArgumentException>(() => CurveFit.Fit<TwoGaussiansModel>(X, Y, Start, CurveFitOptions.ScipyCurveFit with { MaxFunctionEvaluationsPerParameter = 0 }));
    }

    [Fact]
    public void FixedParametersAreLeftOutOfTheDifferences()
    {
        // scipy 1.10.1: curve_fit(g5, x, y, p0=[3, 4, 3, 6, 1]) with g5 the seed model at p5 = 1.0 and
        // math.exp (the C library's exp, as TwoGaussiansModel); nfev = 116, ier = 1.
        double[] popt = [4.870524146568824, -0.5186244847974296, 5.156971219963431, 6.682145411998794, 2.2347653336123714, 1];
        double[] perr = [0.31078827245223, 0.5061515539825852, 0.16814841406311676, 0.8443341934443176, 0.13115431608088876, 0];
        var fit = CurveFit.Fit<TwoGaussiansModel>(X, Y, Start, new FitSetup { Fixed = [false, false, false, false, false, true] },
                                                  CurveFitOptions.ScipyCurveFit);
        Assert.Equal(116, fit.FunctionEvaluations);
        Assert.Equal(0, fit.StandardErrors[5]);
        AssertAgree(fit, popt[..5], perr[..5], 0.3352232519523627, 1e-13);
        Assert.Equal(1, fit[5]);
    }

    [Theory]
    [InlineData(false, 0.05471384436362386, 0.005082395878765537)]
    [InlineData(true, 0.3463664863785518, 0.032174153057379064)]
    public void WeighsBySigmaAsCurveFitDoes(bool absoluteSigma, double seA, double seB)
    {
        // scipy 1.10.1: curve_fit(lambda x, a, b: a*exp(-b*x), x, y, p0=[10, 0.5], sigma=s, absolute_sigma=…)
        // with math.exp (the C library's exp, as ExponentialDecayModel); nfev = 7, ier = 1 both times.
        double[] x = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
        double[] y = [7.9, 6.1, 4.8, 3.7, 3.0, 2.2, 1.8, 1.4];
        double[] sigma = [0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.5];
        var fit = CurveFit.Fit<ExponentialDecayModel>(x, y, [10, 0.5], sigma, CurveFitOptions.ScipyCurveFit with { AbsoluteSigma = absoluteSigma });
        Assert.Equal(7, fit.FunctionEvaluations);
        AssertAgree(fit, [10.117801288926215, 0.49999405908199024], [seA, seB], 0.14971798853745577, 1e-13);
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
