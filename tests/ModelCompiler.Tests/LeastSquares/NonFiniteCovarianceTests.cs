// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>A solve that has produced parameters always returns them, whatever the covariance step meets.</summary>
public class NonFiniteCovarianceTests
{
    // Falling data: the best √b·x is at the bound b = 0, where ∂f/∂b = x/(2√b) is infinite.
    private static readonly double[] X = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4];
    private static readonly double[] Y = [1.1, 0.8, 0.74, 0.5, 0.31, 0.22, 0.05, -0.1];

    [Theory]
    [InlineData(LeastSquaresMethod.LevenbergMarquardt)]
    public void FitEndingOnANonFiniteJacobianReturnsWithUndefinedCovariance(LeastSquaresMethod method)
    {
        var setup = new FitSetup { LowerBounds = [double.NegativeInfinity, 0] };
        var fit = CurveFit.Fit<ScaleModels.RootSlopeModel>(X, Y, [0.5, 0.3], setup, new CurveFitOptions { Method = method });

        Assert.Equal(0, fit["b"]);
        Assert.True(double.IsFinite(fit["a"]));
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("not finite", fit.CovarianceProblem);
        Assert.Contains("b", fit.CovarianceProblem);
        Assert.All(fit.StandardErrors, se => Assert.Equal(double.PositiveInfinity, se));
        Assert.Contains("Covariance undefined", fit.ToString());
    }

    [Fact]
    public void HugeJacobianEntriesDoNotBreakTheCovariance()
    {
        // y in units where a ≈ 3e150: the Jacobian's squared column norms overflow double.
        double[] t = Enumerable.Range(0, 12).Select(i => 0.5 * i).ToArray();
        double[] y = t.Select((v, i) => 3e150 * Math.Exp(-0.8 * v) + 1e149 * Math.Sin(3.1 * i * i) * 0.01).ToArray();
        var fit = CurveFit.Fit<ExponentialDecayModel>(t, y, [2e150, 0.5]);
        Assert.True(fit.IsConverged, fit.ToString());
        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        Assert.All(fit.StandardErrors, se => Assert.True(se > 0 && double.IsFinite(se), fit.ToString()));
    }
}
