// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>Bad input at the boundary: an ArgumentException naming the argument and the index.</summary>
public class CurveFitInputTests
{
    private static readonly double[] X = [0, 1, 2, 3, 4, 5];
    private static readonly double[] Y = [5, 3.1, 1.8, 1.1, 0.7, 0.4];
    private static readonly double[] Start = [4, 0.4];

    private static ArgumentException Fails(Action fit, params string[] fragments)
    {
        var error = Assert.ThrowsAny<ArgumentException>(fit);
        foreach (string fragment in fragments)
            Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' is not in the message: {error.Message}");
        return error;
    }

    [Fact]
    public void LengthMismatchBetweenXAndY()
        => Assert.Equal("x", Fails(() => CurveFit.Fit<ExponentialDecayModel>(X[..5], Y, Start), "x has 5 values", "6 points").ParamName);

    [Fact]
    public void WrongNumberOfInitialValues()
        => Assert.Equal("initial", Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, [1.0]), "initial has 1", "2 parameters").ParamName);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteX(double bad)
    {
        double[] x = (double[])X.Clone();
        x[3] = bad;
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(x, Y, Start), "x[3]");
    }

    [Fact]
    public void NonFiniteY()
    {
        double[] y = (double[])Y.Clone();
        y[4] = double.NegativeInfinity;
        Assert.Equal("y", Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, y, Start), "y[4]").ParamName);
    }

    /// <summary>
    /// Data near 1e−200 square to nothing: before this check the fit's ‖f‖ underflowed to 0 at the start and the fit
    /// reported an exact solution without moving. Zeros are data of their own and pass; so do data near 1e−120 and
    /// near 1e150.
    /// </summary>
    [Fact]
    public void DataTooSmallOrTooLargeToSquareAreRefusedNamingTheirScale()
    {
        double[] tiny = Y.Select(v => 1e-200 * v).ToArray();
        Assert.Equal("y", Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, tiny, [4e-200, 0.4]), "too small", "largest |y| is 5E-200",
                                "Express y in units").ParamName);
        // Weighted: a sigma of 1e150 makes √w·y tiny although y is not.
        // The message points at sigma too: only its ratios count without AbsoluteSigma.
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, Enumerable.Repeat(1e150, 6).ToArray()), "largest |√w·y| is 5E-150",
              "if it is sigma (or the weights) that is far from 1, divide it by a common factor");

        // Data near 1e160 square past double's range: the fit found the parameters but reported RSS = ∞ and NaN
        // standard errors as converged.
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y.Select(v => 1e160 * v).ToArray(), [4e160, 0.4]), "too large",
              "largest |y| is 5E+160", "overflows");
        var large = CurveFit.Fit<ExponentialDecayModel>(X, Y.Select(v => 1e150 * v).ToArray(), [4e150, 0.4]);
        Assert.True(large.IsConverged && double.IsFinite(large.ResidualSumOfSquares) && double.IsFinite(large.Parameter(0).StandardError),
                    large.ToString());

        var zeros = CurveFit.Fit<ExponentialDecayModel>(X, new double[6], Start);
        Assert.Equal(0, zeros.ResidualSumOfSquares);
        var small = CurveFit.Fit<ExponentialDecayModel>(X, Y.Select(v => 1e-120 * v).ToArray(), [4e-120, 0.4]);
        Assert.True(small.IsConverged, small.ToString());
        Assert.Equal(5.1e-120, small["a"], 0.2e-120);
    }

    [Fact]
    public void NonFiniteInitialValue()
        => Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, double.NaN]), "initial[1]", "(b)");

    [Fact]
    public void NonFiniteWeight()
        => Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, new FitSetup { Weights = [1, 1, double.NaN, 1, 1, 1] }), "weights[2]");

    [Fact]
    public void NonPositiveSigma()
    {
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, [1, 1, 1, 1, 0, 1]), "sigma[4]", "positive");
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, [1, -2, 1, 1, 1, 1]), "sigma[1]");
    }

    [Fact]
    public void SigmaOfWrongLength()
        => Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, [1.0, 1.0]), "sigma has 2 values");

    [Fact]
    public void SigmaAndWeightsTogether()
        => Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, new FitSetup { Sigma = [1, 1, 1, 1, 1, 1], Weights = [1, 1, 1, 1, 1, 1] }), "either sigma or weights");

    [Fact]
    public void FewerPointsThanFreeParameters()
        => Fails(() => CurveFit.Fit<ExponentialDecayModel>([1.0], [2.0], Start), "1 points but 2 free parameters");

    [Fact]
    public void InitialValueOutsideBounds()
    {
        var setup = new FitSetup { LowerBounds = [0, 0], UpperBounds = [10, 0.3] };
        Assert.Equal("initial", Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, setup), "initial[1]", "outside its bounds").ParamName);
    }

    [Fact]
    public void InvertedBounds()
        => Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, new FitSetup { LowerBounds = [5, 0], UpperBounds = [1, 1] }), "parameter 0", "lower bound must be below");

    [Fact]
    public void ModelNotFiniteAtTheInitialPoint()
    {
        // log(b*x) with b < 0 is NaN at every point.
        var error = Fails(() => CurveFit.Fit<LogModel>([1, 2, 3, 4], [0, 0.7, 1.1, 1.4], [1, -1]), "point 0", "initial parameters");
        Assert.Equal("initial", error.ParamName);
    }

    [Fact]
    public void JacobianNotFiniteAtTheInitialPoint()
    {
        // sqrt(x − b) at x = b = 1 is 0, but ∂/∂b = −a/(2·0) is infinite.
        var error = Fails(() => CurveFit.Fit<SquareRootModel>([1, 2, 3, 4], [0, 1, 1.4, 1.7], [1, 1]), "Jacobian is not finite",
            "initial parameters", "∂f/∂b is -∞ at point 0 (x = 1)");
        Assert.Equal("initial", error.ParamName);
    }

    [Fact]
    public void JacobianNotFiniteNamesThePointTheVariablesAndTheColumn()
    {
        // sqrt(x − b) at the second point, x = 2 = b, of a tall problem (the Jacobian is never stored whole there).
        double[] x = Enumerable.Range(0, 5000).Select(i => i == 0 ? 3.0 : 1.0 + i).ToArray();
        double[] y = x.Select(v => Math.Sqrt(v)).ToArray();
        Fails(() => CurveFit.Fit<SquareRootModel>(x, y, [1, 2]), "∂f/∂b is -∞ at point 1 (x = 2)");
    }

    [Fact]
    public void InvalidOptions()
    {
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, new CurveFitOptions { FunctionTolerance = -1 }), "FunctionTolerance");
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, new CurveFitOptions { MaxFunctionEvaluations = 0 }), "MaxFunctionEvaluations");
        Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, Start, new CurveFitOptions { ConfidenceLevel = 1 }), "ConfidenceLevel");
    }

    [Fact]
    public void MultiVariableXWithWrongColumnCount()
        => Fails(() => CurveFit.Fit<PlaneModel>(new double[4, 3], [1, 2, 3, 4], [0, 0, 0]), "3 columns", "2 variables");

    [Fact]
    public void CallerArraysAreNotModified()
    {
        double[] x = (double[])X.Clone(), y = (double[])Y.Clone(), start = (double[])Start.Clone();
        double[] sigma = [1, 1, 2, 2, 3, 3];
        CurveFit.Fit<ExponentialDecayModel>(x, y, start, sigma);
        Assert.Equal(X, x);
        Assert.Equal(Y, y);
        Assert.Equal(Start, start);
        Assert.Equal([1, 1, 2, 2, 3, 3], sigma);
    }
    [Fact]
    public void Points_that_all_share_one_x_are_named_in_the_covariance_problem()
    {
        // x = 1.7e9 + 1e-9·i: steps below the resolution of x there (2.4e-7) all round to 1.7e9. The fit ended with the
        // covariance undefined and "the data cannot separate a, b", without saying why.
        double[] x = Enumerable.Range(0, 20).Select(i => 1.7e9 + 1e-9 * i).ToArray();
        double[] y = Enumerable.Range(0, 20).Select(i => 2.0 + 0.1 * i).ToArray();
        var fit = CurveFit.Fit<ExponentialDecayModel>(x, y, [1, 1e-9]);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("every point has the variables at 1700000000", fit.CovarianceProblem);
        // Points at different x keep the plain message (a = 0 leaves b without effect).
        var spread = CurveFit.Fit<ExponentialDecayModel>(X, new double[X.Length], [0, 1]);
        Assert.False(spread.IsCovarianceDefined);
        Assert.DoesNotContain("every point", spread.CovarianceProblem);
    }

    [Fact]
    public void A_model_undefined_at_x_0_names_the_point_and_says_no_start_can_mend_it()
    {
        // a·x·log x at x = 0 is 0·(−∞) = NaN whatever a; the message told the user only to choose other initial values.
        var e = Fails(() => CurveFit.Fit<XLogXModels.XLogXModel>(X, Y, [1, 0]), "point 0 (x = 0) is NaN", "0·log 0", "leave the point out");
        Assert.Equal("initial", e.ParamName);
        // log x at x = 0 is −∞ for every a; it was told to choose other initial values alone.
        Fails(() => CurveFit.Fit<XLogXModels.LogXModel>(X, Y, [1, 0]), "point 0 (x = 0) is -Infinity", "whatever the parameters", "leave the point out");
        // An overflow of the start's exp(1000·x) and x^k at x = 0 for k = −1 (finite for k = 0) are the start's to mend.
        Assert.DoesNotContain("whatever", Fails(() => CurveFit.Fit<ExponentialDecayModel>(X, Y, [4, -1000]), "choose initial values").Message);
        Assert.DoesNotContain("whatever", Fails(() => CurveFit.Fit<XLogXModels.PowerModel>(X, Y, [1, -1]), "is Infinity", "choose initial values").Message);
    }
}

public static partial class XLogXModels
{
    [Model("a*x*log(x) + c")]
    public static partial double XLogX(double x, double a, double c);

    [Model("a*log(x) + c")]
    public static partial double LogX(double x, double a, double c);

    [Model("a*x^k")]
    public static partial double Power(double x, double a, double k);
}
