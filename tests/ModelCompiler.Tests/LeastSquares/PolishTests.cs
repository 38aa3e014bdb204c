// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// The Gauss–Newton polish reaches the least-squares solution to rounding when the residual is large, where the plain
/// Gauss–Newton step overshoots (PolishSecant), and the batch then keeps curves held on a bound in its lanes and
/// still equals the single-curve fit.
/// </summary>
public class PolishTests
{
    private static double[] Row(double[,] matrix, int row) =>
        Enumerable.Range(0, matrix.GetLength(1)).Select(j => matrix[row, j]).ToArray();

    [Fact]
    public void ALargeResidualFitIsPolishedToRounding()
    {
        const int m = 40, n = 30;
        var (t, y) = BatchTestCurves.CappedDecays(m, n, seed: 5);
        var setup = new FitSetup { LowerBounds = [0, 0.5, double.NegativeInfinity], UpperBounds = [6, 10, double.PositiveInfinity] };
        double worst = 0;
        for (int c = 0; c < m; c++)
        {
            double[] curve = Row(y, c);
            var fit = CurveFit.Fit<BatchModels.DecayModel>(t, curve, [5.5, 2, 0.5], setup);
            Assert.True(fit.IsConverged && fit["a"] == 6, $"curve {c}: {fit}");
            worst = Math.Max(worst, BatchTestCurves.LargestDecayCosine(t, curve, fit.Parameters, firstColumn: 1));
        }
        // A converged fit stops at a cosine of about √ftol = 1e-4; the polish takes it to rounding.
        Assert.True(worst < 1e-12, $"largest cosine of f with a free column: {worst:G3}");
    }

    [Fact]
    public void CurvesHeldOnABoundStayInTheLanesAndEqualSingleFits()
    {
        const int m = 400, n = 30;
        var (t, capped) = BatchTestCurves.CappedDecays(m / 2, n, seed: 6);
        // Half the curves capped with a large residual, half free of the cap.
        var y = new double[m, n];
        var random = new Random(7);
        for (int c = 0; c < m; c++)
            for (int i = 0; i < n; i++)
                y[c, i] = c % 2 == 0 ? capped[c / 2, i] : 4 * Math.Exp(-t[i] / 2) + 0.5 + 0.1 * (random.NextDouble() - 0.5);
        double[] start = [5.5, 2, 0.5];
        double[] lower = [0, 0.5, double.NegativeInfinity], upper = [6, 10, double.PositiveInfinity];
        var batch = CurveFit.FitMany<BatchModels.DecayModel>(t, y, start, new BatchFitSetup
        {
            LowerBounds = new double[,] { { 0, 0.5, double.NegativeInfinity } },
            UpperBounds = new double[,] { { 6, 10, double.PositiveInfinity } },
        });
        for (int c = 0; c < m; c++)
        {
            var single = CurveFit.Fit<BatchModels.DecayModel>(t, Row(y, c), start, new FitSetup { LowerBounds = lower, UpperBounds = upper });
            Assert.True(single.IsConverged && batch.IsConverged(c), $"curve {c}: {single.Termination} vs {batch.Terminations[c]}");
            for (int j = 0; j < 3; j++)
            {
                double expected = single[j], actual = batch.ParametersOf(c)[j];
                double scale = Math.Max(Math.Abs(expected), single.Parameter(j).StandardError);
                Assert.True(Math.Abs(actual - expected) <= 1e-10 * scale, $"curve {c} parameter {j}: {actual:R} vs {expected:R}");
                double se = single.Parameter(j).StandardError, actualSe = batch.StandardErrorsOf(c)[j];
                Assert.True(Math.Abs(actualSe - se) <= 1e-10 * se, $"curve {c} standard error {j}: {actualSe:R} vs {se:R}");
            }
            Assert.Equal(c % 2 == 0, batch.ParametersOf(c)[0] == 6);
            // A curve the lanes give up on is fitted again from its start, and counts that single fit's evaluations on
            // top of its own; a lane evaluates f and J together, where the single fit counts each.
            int singleCost = single.FunctionEvaluations + single.JacobianEvaluations;
            Assert.True(c % 2 == 1 || batch.Evaluations[c] < singleCost, $"curve {c}: {batch.Evaluations[c]} evaluations in the batch, {singleCost} alone");
        }
    }
}
