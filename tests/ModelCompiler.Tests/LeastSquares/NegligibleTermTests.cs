// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// A parameter that acts on the model only through a term below the data's rounding is not determined, in any units:
/// a flat noise-free curve fitted by a decay ends with an amplitude of a few ulps, and τ with it.
/// </summary>
public class NegligibleTermTests
{
    private static readonly double[] Times = [.. Enumerable.Range(0, 64).Select(i => 0.25 * i)];

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-15)]
    [InlineData(1e12)]
    public void AFlatNoiseFreeCurveLeavesTheLifetimeUndetermined(double unit)
    {
        const int m = 20;
        var y = new double[m, Times.Length];
        for (int c = 0; c < m; c++)
            for (int i = 0; i < Times.Length; i++)
                y[c, i] = (3 + c) * unit;
        double[] start = [100 * unit, 2, unit];

        var batch = CurveFit.FitMany<BatchModels.DecayModel>(Times, y, start);
        for (int c = 0; c < m; c++)
        {
            Assert.True(batch.IsConverged(c), $"curve {c}: {batch.Terminations[c]}");
            Assert.False(batch.IsDetermined(c), $"curve {c}: a = {batch.ParametersOf(c)[0]}, τ's SE {batch.StandardErrorsOf(c)[1]}");
            Assert.Equal((3 + c) * unit, batch.ParametersOf(c)[2], (3 + c) * unit * 1e-14);
        }

        var single = CurveFit.Fit<BatchModels.DecayModel>(Times, [.. Enumerable.Repeat(3 * unit, Times.Length)], start);
        Assert.True(single.IsConverged);
        Assert.False(single.IsCovarianceDefined);
        Assert.Equal(double.PositiveInfinity, single.Parameter(1).StandardError);
        Assert.True(single.CovarianceProblem!.Contains("the data cannot determine tau") ||
                    single.CovarianceProblem.Contains("the data cannot separate tau"), single.CovarianceProblem);
        // The offset is determined all the same: its error is that of the model without the term (every error was ∞),
        // as small as a noise-free curve's, and the batch gives the same.
        Assert.InRange(single.Parameter(2).StandardError, 0, 1e-13 * 3 * unit);
        Assert.True(double.IsFinite(single.Parameter(0).StandardError), single.ToString());
        for (int c = 0; c < m; c++)
        {
            var errors = batch.StandardErrorsOf(c).ToArray();
            Assert.True(double.IsFinite(errors[0]) && double.IsPositiveInfinity(errors[1]) && errors[2] <= 1e-13 * (3 + c) * unit,
                        $"curve {c}: {string.Join(", ", errors)}");
        }
    }

    /// <summary>
    /// Small terms that the data do show, and a parameter near 0 whose term is small but which no other parameter acts
    /// through, leave the fit determined.
    /// </summary>
    [Fact]
    public void SmallTermsTheDataShowAndOffsetsNearZeroStayDetermined()
    {
        // A decay of 1e-10 on a background of 1: thousands of ulps, and noise-free, so τ is known.
        double[] faint = [.. Times.Select(t => 1e-10 * Math.Exp(-t / 2) + 1)];
        var fit = CurveFit.Fit<BatchModels.DecayModel>(Times, faint, [2e-10, 1.5, 1]);
        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        Assert.Equal(2, fit[1], 1e-3);

        // No background: b ends a few ulps from 0, and a and τ do not act through it.
        double[] bare = [.. Times.Select(t => 5 * Math.Exp(-t / 2))];
        fit = CurveFit.Fit<BatchModels.DecayModel>(Times, bare, [4, 1.5, 0.1]);
        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        Assert.True(Math.Abs(fit[2]) < 1e-13, $"b = {fit[2]}");
        Assert.True(fit.Parameter(1).StandardError < 1e-12);
    }

    /// <summary>Of two Gaussians, the one whose amplitude is below the rounding leaves its centre and width undetermined, and the message names them.</summary>
    [Fact]
    public void ATermBelowRoundingNamesTheParametersThatActThroughIt()
    {
        double[] x = [.. Enumerable.Range(0, 200).Select(i => -3 + 0.04 * i)];
        double[] y = [.. x.Select(v => 3 * Math.Exp(-(v - 1) * (v - 1) / (2 * 0.25)))];
        var fit = CurveFit.Fit<GeneratedModels.TwoGaussiansModel>(x, y, [3, 1e-20, 1, -1, 0.5, 0.7]);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("the term of p1 is below the rounding of the data", fit.CovarianceProblem);
        Assert.Contains("the data cannot determine p3, p5", fit.CovarianceProblem);
    }
}
