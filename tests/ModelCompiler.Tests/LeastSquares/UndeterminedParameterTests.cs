// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
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
        Assert.False(fit.IsDetermined);
    }

    [Fact]
    public void AParameterFittedToNearlyZeroKeepsAFiniteStandardError()
    {
        // The offset's true value is 0: it ends near 0 and is as well determined as ever.
        double[] y = X.Select((x, i) => 3 * Math.Exp(-0.3 * x) + 0.01 * Math.Sin(7 * i)).ToArray();
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(X, y, [1, 0.5, 1]);

        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        Assert.All(fit.StandardErrors, se => Assert.InRange(se, 1e-4, 1));
        Assert.True(fit.IsDetermined);
    }

    [Fact]
    public void TwoExponentialsRunningOffOnOneDecayAreSaidNotToBeEstimates()
    {
        // 5·e^(−0.7x) with Gaussian noise of σ = 0.05 on 25 points of [0, 10]. Two exponentials end with a1 ≈ −a2 ≈ 2e5 and
        // k1 ≈ k2: the path's end, (A + Bx)·e^(−kx), lies at infinity. The covariance said only that the data cannot
        // separate a1 and a2, and the values read as estimates.
        double[] y =
        [
            4.898233552753004, 3.719863657666591, 2.7451793484703058, 2.092512738178153, 1.6692539508972906, 1.1215321305158592,
            0.8376725379300302, 0.6593310815804246, 0.5095105038926431, 0.3533784818759693, 0.2602723146014472, 0.23724279963680373,
            0.17698229896328743, 0.06110607779659588, 0.08029694036894539, 0.06470505364524369, -0.005706418344979508,
            0.048115083989871896, -0.016660231862920274, 0.06820327578279953, 0.024278794104344564, 0.015402779879366939,
            -0.021380946907532443, 0.00017299343114464752, -0.09532790481758016,
        ];
        double[] x = Enumerable.Range(0, 25).Select(i => i * 10.0 / 24).ToArray();
        var fit = CurveFit.Fit<TwoDecays.TwoExponentialsModel>(x, y, [3, 0.5, 2, 1]);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("cancel one another", fit.CovarianceProblem);
        Assert.Contains("a1, k1, a2, k2 act on the model", fit.CovarianceProblem);
        // Not converged: the stop is on the way to infinity (it read Converged, by the parameter test).
        Assert.Equal(FitTermination.Stalled, fit.Termination);
        Assert.Contains("ran off toward infinity", fit.Message);
        Assert.False(fit.IsDetermined);
        // Constant data leave k undetermined without any such cancellation.
        var flat = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(X, X.Select(_ => 5.0).ToArray(), [1, 0.5, 0]);
        Assert.DoesNotContain("cancel", flat.CovarianceProblem);
    }

    [Fact]
    public void AColumnMadeOfItsFormulasRoundingLeavesItsParameterUndetermined()
    {
        // d·sin(πx) at integer x: the column is sin(fl(π)·i) ≈ ±1.2e-16·i. The fit grew d to about −1e12 to fit the
        // data's noise with it and reported a finite standard error (scipy 1.10.1's curve_fit keeps d at its start and
        // returns infinite errors).
        double[] x = Enumerable.Range(0, 30).Select(i => (double)i).ToArray();
        double[] y = x.Select((t, i) => 5 * Math.Exp(-0.3 * t) + 1 + 0.01 * Math.Sin(7 * i)).ToArray();
        var fit = CurveFit.Fit<TwoDecays.DecayAndHalfWaveModel>(x, y, [1, 0.5, 0, 1]);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("column of d is the rounding of its formula", fit.CovarianceProblem);
        // A batch of the same curve, and of it with a shifted copy, says so too (it reported d determined, as 2.4e11 ± 1.4e12).
        double[,] x2 = new double[2, x.Length], y2 = new double[2, x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            (x2[0, i], x2[1, i]) = (x[i], x[i]);
            (y2[0, i], y2[1, i]) = (y[i], y[i] + 1);
        }
        var batch = CurveFit.FitMany<TwoDecays.DecayAndHalfWaveModel>(x, y2, [1, 0.5, 0, 1]);
        var ownX = CurveFit.FitMany<TwoDecays.DecayAndHalfWaveModel>(x2, y2, new double[,] { { 1, 0.5, 0, 1 } });
        for (int c = 0; c < 2; c++)
        {
            Assert.True(batch.IsConverged(c));
            Assert.False(batch.IsDetermined(c));
            Assert.All(batch.StandardErrorsOf(c).ToArray(), e => Assert.Equal(double.PositiveInfinity, e));
            Assert.False(ownX.IsDetermined(c));
        }
        Assert.Equal(fit.Parameters[3], batch.ParametersOf(0)[3], Math.Abs(fit.Parameters[3]) * 1e-10);
        // Between the points, where sin(πx) is not 0, the same model is determined.
        double[] between = x.Select(t => t + 0.5).ToArray();
        double[] yBetween = between.Select((t, i) => 5 * Math.Exp(-0.3 * t) + 1 + 0.2 * Math.Sin(Math.PI * t) + 0.01 * Math.Sin(7 * i)).ToArray();
        var determined = CurveFit.Fit<TwoDecays.DecayAndHalfWaveModel>(between, yBetween, [1, 0.5, 0, 1]);
        Assert.True(determined.IsCovarianceDefined, determined.CovarianceProblem);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e6)]
    [InlineData(-3e9)]
    public void APeaksColumnsAreClearedOfRoundingAndTheCheckAgrees(double origin)
    {
        // The generator clears x − m (exact operands, one rounding) and the sum of squares, so the fits skip the
        // rounding check for a Gaussian peak: the check itself must find nothing, with m on a data point and x far from 0.
        Assert.False(TwoDecays.PeakModel.MayHaveRoundingNoiseColumns);
        double[] x = Enumerable.Range(0, 201).Select(i => origin + 0.01 * i).ToArray();
        double m = x[100];
        double[] parameters = [2, m, 0.3, 0.5, m + 0.2, 0.2];
        Assert.Null(ModelCompiler.LeastSquares.RoundingNoiseColumns.Find<TwoDecays.PeakModel>(x, x.Length, parameters, [0, 1, 2, 3, 4, 5], out int undetermined));
        Assert.Equal(0, undetermined);
        double[] y = x.Select((t, i) => 2 * Math.Exp(-(t - m) * (t - m) / 0.18) + 0.5 * Math.Exp(-(t - m - 0.2) * (t - m - 0.2) / 0.08) + 1e-3 * Math.Sin(7 * i)).ToArray();
        var fit = CurveFit.Fit<TwoDecays.PeakModel>(x, y, [1.5, m + 0.05, 0.25, 0.6, m + 0.25, 0.25]);
        Assert.True(fit.IsDetermined, fit.ToString());
        Assert.Equal(m, fit["m1"], 1e-3);
    }

    [Fact]
    public void EveryParameterOfANullSpaceOfMoreThanOneDirectionIsNamed()
    {
        // A peak far outside the data: its height, centre and width have no effect, three directions of the null space
        // (here three zero columns beside a line's two). The message named the parameter of the smallest singular value's
        // direction alone.
        int n = 20;
        var jacobian = new double[n * 5];
        for (int i = 0; i < n; i++)
        {
            jacobian[i] = 1;
            jacobian[n + i] = i;
        }
        var estimate = ModelCompiler.LeastSquares.CovarianceEstimate.FromJacobian(jacobian, n, 5, ["a", "b", "h", "m", "s"]);
        Assert.Equal(2, estimate.Rank);
        Assert.Contains("the data cannot separate h, m, s", estimate.Problem);
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

public class DeterminedPartTests
{
    [Fact]
    public void AnExactFitLeavesAnUndeterminedParameterAtInfinityNotNaN()
    {
        // A curve of zeros: a = b = 0 exactly, τ undetermined. Its standard error was ∞·0 = NaN (the residual variance of an
        // exact fit is 0), in Fit and FitMany alike (probe 11).
        double[] t = Enumerable.Range(0, 32).Select(i => (double)i).ToArray();
        var fit = CurveFit.Fit<BatchModels.DecayModel>(t, new double[32], [100, 5, 1]);
        Assert.Equal(FitTermination.ExactSolution, fit.Termination);
        Assert.Equal([0, double.PositiveInfinity, 0], fit.Table.Select(p => p.StandardError));
        var many = CurveFit.FitMany<BatchModels.DecayModel>(t, new double[1, 32], [100, 5, 1]);
        Assert.Equal([0, double.PositiveInfinity, 0], many.StandardErrorsOf(0).ToArray());
    }

    [Fact]
    public void ParametersThatActOnlyTogetherDoNotDriftApart()
    {
        // b and c of a·x + b + c from (1, 1, 1): the Gauss–Newton step along their difference is rounding over rounding,
        // and they ended at 2377 and −2376 after 22 evaluations (scipy 1.10.1's curve_fit: −791.6 and 792.7). The sum is
        // what the data determine; the difference stays where it started.
        double[] x = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        double[] y = x.Select((t, i) => 3 * t + 1 + 0.1 * Math.Cos(i)).ToArray();
        var fit = CurveFit.Fit<RedundantModels.LineWithTwoOffsetsModel>(x, y, [1, 1, 1]);
        var line = CurveFit.Fit<RedundantModels.LineModel>(x, y, [1, 1]);
        Assert.True(fit.IsConverged, fit.ToString());
        Assert.Equal(line[0], fit[0], 1e-12);
        Assert.Equal(line[1], fit[1] + fit[2], 1e-12);
        Assert.True(Math.Abs(fit[1]) < 10 && Math.Abs(fit[2]) < 10, fit.ToString());
    }

    [Fact]
    public void AnExponentialWithTwoOffsetsConvergesWithThemNearTheData()
    {
        // a·e^(−x/τ) + c1 + c2, x in nanoseconds: c1 and c2 ran to ±7.5e12 and the fit ended Stalled, with a = 2.00336
        // where the model with one offset gives 2.00318548 (as scipy 1.10.1's curve_fit does on this model: a = 2.00318548,
        // τ = 1.99429752e-9, c1 = 54.86, c2 = −54.56).
        double[] t = Enumerable.Range(0, 40).Select(i => i * 0.25e-9).ToArray();
        double[] y = t.Select((v, i) => 2 * Math.Exp(-v / 2e-9) + 0.3 + 0.01 * Math.Sin(i)).ToArray();
        var fit = CurveFit.Fit<RedundantModels.DecayWithTwoOffsetsModel>(t, y, [1, 1e-9, 0, 0]);
        Assert.True(fit.IsConverged, fit.ToString());
        Assert.Equal(2.00318548, fit[0], 1e-7);
        Assert.Equal(1.99429752e-9, fit[1], 1e-16);
        Assert.True(Math.Abs(fit[2]) < 10 && Math.Abs(fit[3]) < 10, fit.ToString());
    }

    [Fact]
    public void ARankDeficientFitKeepsTheStandardErrorsOfTheParametersTheDataDetermine()
    {
        // a·x + b + c: b and c act only as b + c, so the covariance is undefined, and every standard error was +∞. a's is
        // the same as in a·x + b: e_a lies in J's row space, and the residuals have n − rank degrees of freedom.
        double[] x = Enumerable.Range(0, 12).Select(i => 0.5 * i).ToArray();
        double[] y = x.Select((t, i) => 2 * t + 1 + 0.1 * Math.Sin(3 * i)).ToArray();
        var redundant = CurveFit.Fit<RedundantModels.LineWithTwoOffsetsModel>(x, y, [1, 0, 0]);
        var line = CurveFit.Fit<RedundantModels.LineModel>(x, y, [1, 0]);
        Assert.False(redundant.IsCovarianceDefined);
        Assert.Contains("the data cannot separate b, c", redundant.CovarianceProblem);
        Assert.Equal(line.Parameter("a").StandardError, redundant.Parameter("a").StandardError, line.Parameter("a").StandardError * 1e-9);
        Assert.Equal(double.PositiveInfinity, redundant.Parameter("b").StandardError);
        Assert.Equal(double.PositiveInfinity, redundant.Parameter("c").StandardError);
        Assert.Equal(double.PositiveInfinity, redundant.Covariance[0, 1]);
        // The batch reports the same per curve.
        var y2 = new double[1, y.Length];
        for (int i = 0; i < y.Length; i++)
            y2[0, i] = y[i];
        var batch = CurveFit.FitMany<RedundantModels.LineWithTwoOffsetsModel>(x, y2, [1, 0, 0]);
        var errors = batch.StandardErrorsOf(0);
        Assert.Equal(redundant.Parameter("a").StandardError, errors[0], redundant.Parameter("a").StandardError * 1e-9);
        Assert.Equal(double.PositiveInfinity, errors[1]);
        Assert.Equal(double.PositiveInfinity, errors[2]);
    }
}

#pragma warning disable MC0036 // b and c act only as b + c, on purpose
public static partial class RedundantModels
{
    [Model("a*x + b + c")]
    public static partial double LineWithTwoOffsets(double x, double a, double b, double c);

    [Model("a*x + b")]
    public static partial double Line(double x, double a, double b);

    [Model("a*exp(-x/tau) + c1 + c2")]
    public static partial double DecayWithTwoOffsets(double x, double a, double tau, double c1, double c2);
}
#pragma warning restore MC0036

public static partial class TwoDecays
{

    [Model("a*exp(-k*x) + c + d*sin(pi*x)")]
    public static partial double DecayAndHalfWave(double x, double a, double k, double c, double d);

    [Model("a1*exp(-(x - m1)^2/(2*s1^2)) + a2*exp(-(x - m2)^2/(2*s2^2))")]
    public static partial double Peak(double x, double a1, double m1, double s1, double a2, double m2, double s2);

    [Model("a1*exp(-k1*x) + a2*exp(-k2*x)")]
    public static partial double TwoExponentials(double x, double a1, double k1, double a2, double k2);
}
