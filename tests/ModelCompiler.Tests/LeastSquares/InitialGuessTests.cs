// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>The heuristic start of <see cref="CurveFit.GuessInitial{TModel}"/>.</summary>
public partial class InitialGuessTests
{
    [Model("a*exp(-k*t) + c")]
    internal static partial double Decay(double t, double a, double k, double c);

    // a and b each enter linearly, but not together: the search must keep one of them nonlinear.
#pragma warning disable MC0036 // a and b act only as a·b, on purpose
    [Model("a*b*exp(-x/w)")]
    internal static partial double Product(double x, double a, double b, double w);
#pragma warning restore MC0036

    [Model("a*exp(-(x-m)^2/(2*s^2)) + c")]
    internal static partial double Peak(double x, double a, double m, double s, double c);

    private static readonly double[] SeedX = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] SeedY = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];

    [Fact]
    public void FindsTheSeedCaseMinimumWithoutAStart()
    {
        // The certified start [3, 4, 3, 6, 1, 1] reaches RSS 0.35362465613463057 (scipy 1.10.1 with tight tolerances,
        // GaussianPeaksTests); the guess must reach that minimum on its own. (A narrow second peak on one point gives
        // RSS 0.263 with a rank-deficient Jacobian: not a fit the data determine, and not the guess.)
        const double certified = 0.35362465613463057;
        double[] guess = CurveFit.GuessInitial<GeneratedModels.TwoGaussiansModel>(SeedX, SeedY);
        var fit = CurveFit.Fit<GeneratedModels.TwoGaussiansModel>(SeedX, SeedY, guess);
        Assert.True(fit.IsConverged, fit.ToString());
        Assert.True(Math.Abs(fit.ResidualSumOfSquares - certified) <= 1e-9 * certified, fit.ToString());
        Assert.True(fit.IsCovarianceDefined, fit.ToString());
        // The same peaks as the certified fit, in either order.
        double[] broad = fit[0] > fit[1] ? [fit[0], fit[2], fit[4]] : [fit[1], fit[3], fit[5]];
        Assert.Equal(4.6803559232863226, broad[0], 1e-6);
        Assert.Equal(4.943309112042492, broad[1], 1e-6);
        Assert.Equal(2.133124718477722, Math.Abs(broad[2]), 1e-6);
    }

    [Fact]
    public void RecoversADecayWithOffset()
    {
        double[] t = Enumerable.Range(0, 40).Select(i => 0.5 * i).ToArray();
        double[] y = t.Select(v => 5 * Math.Exp(-0.3 * v) + 1).ToArray();
        double[] guess = CurveFit.GuessInitial<DecayModel>(t, y);
        Assert.Equal(5, guess[0], 1e-8);
        Assert.Equal(0.3, guess[1], 1e-8);
        Assert.Equal(1, guess[2], 1e-8);
    }

    [Fact]
    public void FindsAFastDecayInOtherUnits()
    {
        // The rate in units of the x range: 2000 per unit over a range of 0.005.
        double[] t = Enumerable.Range(0, 60).Select(i => i * 1e-4).ToArray();
        double[] y = t.Select((v, i) => -300 * Math.Exp(-2000 * v) + 40 + 0.01 * Math.Sin(7 * i)).ToArray();
        double[] guess = CurveFit.GuessInitial<DecayModel>(t, y);
        Assert.Equal(-300, guess[0], 0.1);
        Assert.Equal(2000, guess[1], 1.0);
        Assert.Equal(40, guess[2], 0.01);
    }

    [Fact]
    public void FindsAPeakOnDataFarFromZero()
    {
        // x in Unix seconds: at the placeholder start (m = s = 1) the peak is 0 on every point, so no parameter moved
        // the model and m and s passed for linear ones; the guess threw "No start was found where the model is finite".
        const double offset = 1.7e9;
        double[] x = Enumerable.Range(0, 200).Select(i => offset + 0.1 * i).ToArray();
        double[] y = x.Select(v => 5 * Math.Exp(-Math.Pow(v - offset - 12, 2) / (2 * 1.5 * 1.5)) + 2).ToArray();
        double[] guess = CurveFit.GuessInitial<PeakModel>(x, y);
        Assert.Equal(5, guess[0], 1e-3);
        Assert.Equal(offset + 12, guess[1], 1e-3);
        Assert.Equal(1.5, Math.Abs(guess[2]), 1e-3);
        Assert.Equal(2, guess[3], 1e-3);
    }

    [Fact]
    public void IsDeterministic()
    {
        double[] first = CurveFit.GuessInitial<GeneratedModels.TwoGaussiansModel>(SeedX, SeedY);
        double[] second = CurveFit.GuessInitial<GeneratedModels.TwoGaussiansModel>(SeedX, SeedY);
        Assert.Equal(first, second);
    }

    [Fact]
    public void KeepsFixedParametersAndRespectsBounds()
    {
        double[] t = Enumerable.Range(0, 40).Select(i => 0.5 * i).ToArray();
        double[] y = t.Select(v => 5 * Math.Exp(-0.3 * v) + 1).ToArray();
        var setup = new FitSetup
        {
            Fixed = [false, false, true],
            LowerBounds = [double.NegativeInfinity, 0.5, double.NegativeInfinity],
            UpperBounds = [double.PositiveInfinity, 10, double.PositiveInfinity],
        };
        double[] guess = CurveFit.GuessInitial<DecayModel>(t, y, setup, known: [double.NaN, double.NaN, 1]);
        Assert.Equal(1, guess[2]);
        Assert.InRange(guess[1], 0.5, 10);
        // The data decay at 0.3, below the bound: the best fit rests on it.
        Assert.Equal(0.5, guess[1], 1e-12);
    }

    /// <summary>
    /// A known value is kept, not polished away: on data whose best fit runs off (a faint decay in noise, where a line
    /// fits as well), a start given for τ stays τ, and the guessed amplitude and offset are the best for that τ.
    /// </summary>
    [Fact]
    public void KeepsKnownValues()
    {
        double[] t = Enumerable.Range(0, 40).Select(i => 0.5 * i).ToArray();
        double[] y = t.Select((v, i) => 5 * Math.Exp(-0.3 * v) + 1 + 0.05 * Math.Sin(3 * i)).ToArray();
        double[] guess = CurveFit.GuessInitial<DecayModel>(t, y, known: [double.NaN, 0.5, double.NaN]);
        Assert.Equal(0.5, guess[1]);
        // a and c solve the linear least squares at k = 0.5.
        var atKnownRate = CurveFit.Fit<DecayModel>(t, y, [1, 0.5, 0], new FitSetup { Fixed = [false, true, false] });
        Assert.Equal(atKnownRate[0], guess[0], 1e-9 * Math.Abs(atKnownRate[0]));
        Assert.Equal(atKnownRate[2], guess[2], 1e-9 * Math.Abs(atKnownRate[2]));
        // Everything known: nothing to guess.
        Assert.Equal([2.0, 0.5, 1], CurveFit.GuessInitial<DecayModel>(t, y, known: [2, 0.5, 1]));
    }

    [Fact]
    public void HandlesParametersThatAreLinearOnlyOneAtATime()
    {
        double[] x = Enumerable.Range(0, 30).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => 6 * Math.Exp(-v / 4)).ToArray();
        double[] guess = CurveFit.GuessInitial<ProductModel>(x, y);
        Assert.Equal(6, guess[0] * guess[1], 1e-8);
        Assert.Equal(4, guess[2], 1e-8);
    }

    [Fact]
    public void NamesWhatIsWrong()
    {
        double[] t = [0, 1, 2, 3];
        double[] y = [3, 2, 1.5, 1.2];
        var fixedC = new FitSetup { Fixed = [false, false, true] };
        var missing = Assert.Throws<ArgumentException>(() => CurveFit.GuessInitial<DecayModel>(t, y, fixedC));
        Assert.Equal("known", missing.ParamName);
        Assert.Contains("c", missing.Message);
        var outside = Assert.Throws<ArgumentException>(() => CurveFit.GuessInitial<DecayModel>(
            t, y, new FitSetup { LowerBounds = [0, 0, 0] }, known: [-1, double.NaN, double.NaN]));
        Assert.Contains("outside its bounds", outside.Message);
        var length = Assert.Throws<ArgumentException>(() => CurveFit.GuessInitial<DecayModel>(t, [1, 2, 3]));
        Assert.Equal("x", length.ParamName);
    }
}
