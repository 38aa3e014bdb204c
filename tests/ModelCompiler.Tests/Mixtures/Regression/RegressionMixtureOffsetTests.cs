// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>
/// A variable far from 0 (Unix times near 1.7e9) makes the columns 1 and x nearly parallel; the mixture fits the same
/// lines there as at x near 0, only with the intercepts moved: a + b·x = (a + b·offset) + b·(x − offset).
/// </summary>
public class RegressionMixtureOffsetTests
{
    // Two crossing lines, 1 + 2u and 8 − 0.5u (+ curvature·u²), alternate points, u in [0, 10), σ = 0.3.
    private static (double[] U, double[] Y) TwoLines(double curvature = 0)
    {
        var random = new Random(5);
        int n = 400;
        double[] u = new double[n], y = new double[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = i / 40.0;
            double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            y[i] = (i % 2 == 0 ? 1 + 2 * u[i] : 8 - 0.5 * u[i] + curvature * u[i] * u[i]) + 0.3 * noise;
        }
        return (u, y);
    }

    private static double[] Shifted(double[] u, double offset) => u.Select(v => v + offset).ToArray();

    private static RegressionComponent[] BySlope(RegressionMixtureResult fit, int slope) =>
        fit.Components.OrderBy(c => c.Parameters[slope]).ToArray();

    [Theory]
    [InlineData(1e6)]
    [InlineData(1.7e9)]
    public void ALineMixtureFarFromZeroIsTheMixtureNearZero(double offset)
    {
        (double[] u, double[] y) = TwoLines();
        var nearFit = RegressionMixture.Fit<LineMixture, LineModel>(u, y);
        var near = BySlope(nearFit, 1);
        var farFit = RegressionMixture.Fit<LineMixture, LineModel>(Shifted(u, offset), y);
        var far = BySlope(farFit, 1);

        // Before the design's basis change, at 1.7e9: log L −1107 instead of −352, flat lines, standard errors NaN, "Converged".
        Assert.Equal(EmTermination.Converged, farFit.Termination);
        Assert.Equal(nearFit.LogLikelihood, farFit.LogLikelihood, 1e-4);
        for (int c = 0; c < 2; c++)
        {
            // x itself carries offset·ε of rounding (2.4e-7 at 1.7e9), which bounds the agreement.
            Assert.Equal(near[c].Parameters[1], far[c].Parameters[1], 1e-6);
            Assert.Equal(near[c].Parameters[0], far[c].Parameters[0] + far[c].Parameters[1] * offset, 1e-5);
            Assert.Equal(near[c].StandardErrors[1], far[c].StandardErrors[1], 1e-7);
            Assert.Equal(near[c].Scale, far[c].Scale, 1e-6);
        }
    }

    [Fact]
    public void AParabolaMixtureFarFromZeroKeepsItsCurvatures()
    {
        (double[] u, double[] y) = TwoLines(curvature: 0.3);
        var near = BySlope(RegressionMixture.Fit<ParabolaMixture, ParabolaModel>(u, y), 2);
        var farFit = RegressionMixture.Fit<ParabolaMixture, ParabolaModel>(Shifted(u, 1e4), y);
        var far = BySlope(farFit, 2);

        Assert.Equal(EmTermination.Converged, farFit.Termination);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(near[c].Parameters[2], far[c].Parameters[2], 1e-8);
            Assert.Equal(near[c].StandardErrors[2], far[c].StandardErrors[2], 1e-9);
        }
    }

    [Fact]
    public void LaplaceStandardErrorsFarFromZeroAreThoseNearZero()
    {
        // The IRLS route keeps the model's basis; its covariance comes from the QR factor of √W·J, not (JᵀWJ)⁻¹,
        // which at 1.7e9 was NaN for one component and tenfold too small for the other.
        (double[] u, double[] y) = TwoLines();
        var near = BySlope(RegressionMixture.Fit<LaplaceLineMixture, LaplaceLineModel>(u, y), 1);
        var far = BySlope(RegressionMixture.Fit<LaplaceLineMixture, LaplaceLineModel>(Shifted(u, 1.7e9), y), 1);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(near[c].Parameters[1], far[c].Parameters[1], 1e-6);
            Assert.Equal(near[c].StandardErrors[1], far[c].StandardErrors[1], 1e-7);
        }
    }
}
