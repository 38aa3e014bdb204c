// SPDX-License-Identifier: MIT
using Xunit;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// An exact fit's standard errors come from the rounding of the data, not from RSS = 0: a·exp(−k·x) + c fitted to
/// constant data ends with a ≈ 1e-16 and any k, which used to report a standard error of 0 for k, as scipy does, and
/// then one wider than k itself. Now the covariance is undefined and says why: k acts through a's term alone, which is
/// below the data's rounding (<c>NegligibleTerms</c>), as it is when a ends at 0 exactly.
/// </summary>
public class UndeterminedParameterTests
{
    private static readonly double[] X = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();

    [Theory]
    [InlineData(5.0)]
    [InlineData(5e-12)]
    [InlineData(5e12)]
    public void ConstantDataLeaveTheRateUndetermined(double level)
    {
        double[] y = X.Select(_ => level).ToArray();
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(X, y, [level / 5, 0.5, 0]);

        Assert.True(fit.IsConverged, fit.ToString());
        Assert.Equal(level, fit["c"], level * 1e-12);
        Assert.Equal(double.PositiveInfinity, fit.Parameter("k").StandardError);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("the data cannot determine k", fit.CovarianceProblem);
    }

    [Fact]
    public void AParameterFittedToNearlyZeroKeepsAFiniteStandardError()
    {
        // The offset's true value is 0: it ends near 0 and is as well determined as ever.
        double[] y = X.Select((x, i) => 3 * Math.Exp(-0.3 * x) + 0.01 * Math.Sin(7 * i)).ToArray();
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(X, y, [1, 0.5, 1]);

        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        Assert.All(fit.StandardErrors, se => Assert.InRange(se, 1e-4, 1));
    }

    [Fact]
    public void TheBatchFitReportsTheSameErrors()
    {
        var y = new double[2, X.Length];
        for (int i = 0; i < X.Length; i++)
        {
            y[0, i] = 5;
            y[1, i] = 3 * Math.Exp(-0.3 * X[i]) + 1 + 0.01 * Math.Sin(7 * i);
        }
        var batch = CurveFit.FitMany<ScaleModels.DecayWithOffsetModel>(X, y, [1, 0.5, 0]);

        for (int curve = 0; curve < 2; curve++)
        {
            double[] row = Enumerable.Range(0, X.Length).Select(i => y[curve, i]).ToArray();
            var single = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(X, row, [1, 0.5, 0]);
            var k = single.Parameter("k");
            double batchK = batch.StandardErrorsOf(curve)[1];
            if (curve == 0)
            {
                Assert.Equal(double.PositiveInfinity, k.StandardError);
                Assert.Equal(double.PositiveInfinity, batchK);
                Assert.False(batch.IsDetermined(curve));
            }
            else
                Assert.Equal(k.StandardError, batchK, k.StandardError * 1e-6);
        }
    }
}
