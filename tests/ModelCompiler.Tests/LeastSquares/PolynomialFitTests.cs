// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

public class PolynomialFitTests
{
    private static readonly double[] X = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] Y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];

    [Fact]
    public void CubicMatchesNumpyPolyfitWithCovariance()
    {
        // numpy (with scipy 1.10.1's stack): np.polyfit(x, y, 3) and np.polyfit(x, y, 3, cov=True)[1]
        double[] expected = [-0.00971250971250971, -0.05827505827505836, 1.4083139083139087, -0.20979020979021148];
        double[] expectedVariance = [7.4208504666944348e-05, 1.3958619727852076e-02, 1.9565072255438967e-01, 1.8882205595492293e-01];
        var fit = Polynomial.Fit(X, Y, 3);
        Assert.Equal(["c3", "c2", "c1", "c0"], fit.ParameterNames);
        for (int j = 0; j < 4; j++)
        {
            Assert.True(Math.Abs(fit[j] - expected[j]) <= 1e-11 * Math.Abs(expected[j]), $"c{3 - j}: {fit[j]:R}");
            Assert.True(Math.Abs(fit.Covariance[j, j] - expectedVariance[j]) <= 1e-9 * expectedVariance[j], $"var c{3 - j}: {fit.Covariance[j, j]:R}");
        }
        Assert.True(Math.Abs(fit.Covariance[0, 1] - -1.0018148130037454e-03) <= 1e-9 * 1.0018148130037454e-03);
        Assert.Equal(FitTermination.DirectSolution, fit.Termination);
    }

    [Fact]
    public void ExactPolynomialIsRecoveredToRoundOff()
    {
        double[] x = Enumerable.Range(0, 30).Select(i => 1000 + 0.5 * i).ToArray();
        double[] y = x.Select(v => 3 - 2 * (v - 1000) + 0.125 * (v - 1000) * (v - 1000)).ToArray();
        var fit = Polynomial.Fit(x, y, 2);
        // Expanded: 0.125x² − 252x + 127003 (x offset by 1000 makes the Vandermonde matrix ill conditioned).
        Assert.Equal(0.125, fit[0], 9);
        Assert.Equal(-252, fit[1], 6);
        Assert.Equal(127003, fit[2], 3);
    }

    [Fact]
    public void WeightedLineMatchesClosedForm()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [1.1, 1.9, 3.2, 3.9, 5.3];
        double[] w = [1, 2, 1, 4, 1];
        var fit = Polynomial.Fit(x, y, 1, new FitSetup { Weights = w });
        double sw = w.Sum(), sx = w.Zip(x, (a, b) => a * b).Sum(), sy = w.Zip(y, (a, b) => a * b).Sum();
        double sxx = x.Select((v, i) => w[i] * v * v).Sum(), sxy = x.Select((v, i) => w[i] * v * y[i]).Sum();
        double slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
        double intercept = (sy - slope * sx) / sw;
        Assert.Equal(slope, fit["c1"], 12);
        Assert.Equal(intercept, fit["c0"], 12);
    }

    [Fact]
    public void LinearModelFitNeedsNoStart()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5];
        double[] x2 = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        double[] y = x.Select((v, i) => 2 + 0.5 * v - 1.5 * x2[i] + (i % 2 == 0 ? 0.01 : -0.01)).ToArray();
        var fit = CurveFit.FitLinear<PlaneModel>([.. x, .. x2], y);
        Assert.Equal(0, fit.Iterations);
        Assert.Equal(0.5, fit["b"], 2);
        Assert.Equal(-1.5, fit["c"], 2);
        Assert.True(fit.IsCovarianceDefined);
    }

    [Fact]
    public void LinearFitRejectsNonlinearModel()
        => Assert.Throws<ArgumentException>(() => CurveFit.FitLinear<ExponentialDecayModel>([1.0, 2, 3], [1.0, 2, 3]));

    [Fact]
    public void TooHighDegreeIsBadInput()
        => Assert.Contains("3 points but 4 free parameters",
            Assert.Throws<ArgumentException>(() => Polynomial.Fit([1.0, 2, 3], [1.0, 2, 3], 3)).Message);
    [Fact]
    public void Data_far_from_zero_are_fitted_as_well_as_data_near_it()
    {
        // y = 2(x − 1e9)² + 1 + small noise on x = 1e9 … 1e9 + 19. In the power basis of x itself x² and x are collinear in
        // double precision: the fit reported rank 2, R² = 0.91 and undefined errors. Fitted in a centred basis it has the
        // same residuals as the same data at x = 0 … 19, and the coefficients of x that expand them.
        double[] t = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        double[] y = t.Select(v => 2 * v * v + 1 + 0.01 * Math.Sin(3 * v)).ToArray();
        var near = Polynomial.Fit(t, y, 2);
        var far = Polynomial.Fit(t.Select(v => 1e9 + v).ToArray(), y, 2);
        Assert.True(far.IsCovarianceDefined, far.ToString());
        Assert.Equal(near.ResidualSumOfSquares, far.ResidualSumOfSquares, 1e-9 * near.ResidualSumOfSquares);
        Assert.Equal(near.RSquared, far.RSquared, 12);
        Assert.Equal(near[0], far[0], 1e-9 * Math.Abs(near[0]));                       // c2
        Assert.Equal(near[1] - 2e9 * near[0], far[1], 1e-9 * 4e9);                    // c1 = c1' − 2·1e9·c2
        Assert.Equal(near[2] - 1e9 * near[1] + 1e18 * near[0], far[2], 1e-9 * 2e18);  // c0 = c0' − 1e9·c1' + 1e18·c2
        Assert.Equal(near.Parameter(0).StandardError, far.Parameter(0).StandardError, 1e-6 * near.Parameter(0).StandardError);
    }
}
