// SPDX-License-Identifier: MIT
using Xunit;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// A parameter the data cannot determine gets an undefined covariance, not a standard error: a·exp(−k·x) + c fitted
/// to constant data ends with a ≈ 1e-16, where k's Jacobian column is tiny but independent of the others, so the rank
/// test on unit-norm columns passes it, and the exact fit (RSS = 0) would give k a standard error of 0.
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
        Assert.False(fit.IsCovarianceDefined, fit.ToString());
        Assert.Contains("do not determine", fit.CovarianceProblem);
        Assert.Contains("k", fit.CovarianceProblem);
        Assert.True(double.IsPositiveInfinity(fit.Parameter("k").StandardError), fit.ToString());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-12)]
    [InlineData(1e12)]
    public void AWellDeterminedDecayKeepsItsCovarianceInAnyUnits(double unit)
    {
        double[] y = X.Select((x, i) => unit * (3 * Math.Exp(-0.3 * x) + 1 + 0.01 * Math.Sin(7 * i))).ToArray();
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(X, y, [unit, 0.5, 0]);

        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        Assert.All(fit.StandardErrors, se => Assert.True(se > 0 && double.IsFinite(se)));
    }

    [Fact]
    public void TheBatchFitReportsTheSameUndefinedErrors()
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
            for (int j = 0; j < 3; j++)
            {
                double expected = single.Parameter(j).StandardError, actual = batch.StandardErrorsOf(curve)[j];
                if (double.IsInfinity(expected))
                    Assert.True(double.IsPositiveInfinity(actual), $"curve {curve} parameter {j}: {actual}");
                else
                    Assert.Equal(expected, actual, Math.Abs(expected) * 1e-6);
            }
        }
        Assert.True(double.IsPositiveInfinity(batch.StandardErrorsOf(0)[1]));
    }
}
