// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// The rank decision behind the covariance must not depend on units: rescaling x (and with it the
/// parameters that live on x's axis) or y changes every standard error by the same factor as its
/// parameter, so the relative standard errors stay put.
/// </summary>
public class CovarianceScaleTests
{
    public static TheoryData<double> Scales => new() { 1e-12, 1e-6, 1e6, 1e14 };

    // A Lorentzian line on x in units of 1e14 Hz: at scale 1e14, x0 = 4.738e14 Hz and w = 1e13 Hz.
    private static readonly double[] U = Enumerable.Range(0, 61).Select(i => 4.2 + i * (1.1 / 60)).ToArray();
    private static readonly double[] LineY = U.Select((u, i) =>
        2 / (1 + Math.Pow((u - 4.738) / 0.1, 2)) + 0.3 + 0.01 * Math.Sin(1.7 * i * i)).ToArray();

    private static double[] RelativeErrors(CurveFitResult fit)
    {
        Assert.True(fit.IsConverged, fit.ToString());
        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        return fit.Table.Select(p => p.StandardError / Math.Abs(p.Value)).ToArray();
    }

    private static void SameRelativeErrors(double[] expected, double[] actual, string what)
    {
        for (int j = 0; j < expected.Length; j++)
            Assert.True(Math.Abs(actual[j] - expected[j]) <= 1e-8 * expected[j],
                        $"{what}: relative standard error {j} is {actual[j]:R}, {expected[j]:R} at unit scale");
    }

    [Theory]
    [InlineData(1e200)]
    [InlineData(1e-200)]
    public void AStandardErrorWhoseSquareIsNoDoubleIsStillItsValue(double xScale)
    {
        // k of a·e^(−k·x) + c with x in units of 1e200 has a standard error of 1.2e-202, whose square underflows: it came
        // out 0, and with x in units of 1e-200 (1.2e198, square overflowing) +∞ with no covariance problem said.
        double[] x = Enumerable.Range(0, 20).Select(i => 0.5 * i).ToArray();
        double[] y = x.Select((v, i) => 5 * Math.Exp(-0.7 * v) + 1 + 0.05 * Math.Sin(1.7 * i + 0.3)).ToArray();
        var unit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(x, y, [3, 0.3, 0.5]);
        var scaled = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(x.Select(v => v * xScale).ToArray(), y, [3, 0.3 / xScale, 0.5]);
        SameRelativeErrors(RelativeErrors(unit), RelativeErrors(scaled), $"x in units of {xScale:G3}");
        Assert.True(scaled.IsDetermined);
        // The batch forms them the same way.
        var rows = new double[1, y.Length];
        for (int i = 0; i < y.Length; i++)
            rows[0, i] = y[i];
        var batch = CurveFit.FitMany<ScaleModels.DecayWithOffsetModel>(x.Select(v => v * xScale).ToArray(), rows, [3, 0.3 / xScale, 0.5]);
        Assert.Equal(scaled.Parameter("k").StandardError, batch.StandardErrorsOf(0)[1], scaled.Parameter("k").StandardError * 1e-8);
    }

    private static CurveFitResult FitLine(double xScale, double yScale) =>
        CurveFit.Fit<ScaleModels.LorentzianModel>(U.Select(u => u * xScale).ToArray(), LineY.Select(y => y * yScale).ToArray(),
                                                  [1.8 * yScale, 4.73 * xScale, 0.12 * xScale, 0.25 * yScale]);

    [Theory]
    [MemberData(nameof(Scales))]
    public void LorentzianStandardErrorsDoNotDependOnTheUnitsOfX(double scale) =>
        SameRelativeErrors(RelativeErrors(FitLine(1, 1)), RelativeErrors(FitLine(scale, 1)), $"x × {scale:G}");

    [Theory]
    [MemberData(nameof(Scales))]
    public void LorentzianStandardErrorsDoNotDependOnTheUnitsOfY(double scale) =>
        SameRelativeErrors(RelativeErrors(FitLine(1, 1)), RelativeErrors(FitLine(1, scale)), $"y × {scale:G}");

    // a·exp(−k·x) + c with the data in large units: ∂f/∂k is 1e14 times the other columns.
    private static readonly double[] T = Enumerable.Range(0, 30).Select(i => 0.25 * i).ToArray();
    private static readonly double[] DecayY = T.Select((t, i) => 5 * Math.Exp(-0.7 * t) + 1.2 + 0.02 * Math.Cos(2.3 * i * i)).ToArray();

    private static CurveFitResult FitDecay(double yScale) =>
        CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(T, DecayY.Select(y => y * yScale).ToArray(), [4 * yScale, 0.5, 1 * yScale]);

    [Theory]
    [MemberData(nameof(Scales))]
    public void DecayStandardErrorsDoNotDependOnTheUnitsOfY(double scale) =>
        SameRelativeErrors(RelativeErrors(FitDecay(1)), RelativeErrors(FitDecay(scale)), $"y × {scale:G}");

    [Fact]
    public void ScipyMethodAlsoDecidesRankOnScaledColumns()
    {
        // lmdif's R factor at x × 1e14: the covariance exists whatever the unit.
        var options = CurveFitOptions.ScipyCurveFit;
        double[] x = U.Select(u => u * 1e14).ToArray();
        var fit = CurveFit.Fit<ScaleModels.LorentzianModel>(x, LineY, [1.8, 4.73e14, 0.12e14, 0.25], options);
        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        var unit = CurveFit.Fit<ScaleModels.LorentzianModel>(U, LineY, [1.8, 4.73, 0.12, 0.25], options);
        // lmdif's early stop and its difference steps depend on the unit; the relative errors agree to 1e-5.
        double[] a = RelativeErrors(unit), b = RelativeErrors(fit);
        for (int j = 0; j < a.Length; j++)
            Assert.True(Math.Abs(a[j] - b[j]) <= 1e-5 * a[j], $"parameter {j}: {b[j]:R} vs {a[j]:R}");
    }

    [Fact]
    public void GenuinelyDependentColumnsAreStillRankDeficientAtAnyScale()
    {
        // a·b·x: only the product is determined, whatever units a and b are in.
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [2.1, 3.9, 6.2, 7.8, 10.1];
        foreach (double scale in new[] { 1e-12, 1.0, 1e14 })
        {
            var fit = CurveFit.Fit<ProductModel>(x, y, [1 * scale, 1 / scale]);
            Assert.False(fit.IsCovarianceDefined, $"scale {scale}");
            Assert.Contains("rank 1 < 2", fit.CovarianceProblem);
        }
    }
}
