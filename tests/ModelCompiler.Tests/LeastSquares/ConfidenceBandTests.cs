// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>A two-variable model for the band's column-major layout.</summary>
public static partial class BandModels
{
    [Model("a*exp(-k*u) + c*v")]
    public static partial double DecayPlusSlope([Variable] double u, [Variable] double v, double a, double k, double c);

    [Model("a + b*x")]
    public static partial double Line(double x, double a, double b);

    // b and c act only as b·c on purpose: a fit whose covariance is undefined.
#pragma warning disable MC0036
    [Model("a + b*c*x")]
    public static partial double Redundant(double x, double a, double b, double c);
#pragma warning restore MC0036
}

/// <summary>
/// The pointwise confidence band ŷ ± t·√(J C Jᵀ) against the delta method computed with scipy: curve_fit's popt and
/// pcov, the analytic Jacobian at popt and scipy.stats.t, printed by benchmarks/peers/confidence_band_references.py
/// (scipy 1.10.1; lmfit 1.1.0's eval_uncertainty agrees with them to about 1e-6, its Jacobian being a finite difference).
/// </summary>
public class ConfidenceBandTests
{
    // The decay data of CovarianceScaleTests.
    private static readonly double[] T = Enumerable.Range(0, 30).Select(i => 0.25 * i).ToArray();
    private static readonly double[] Y = T.Select((t, i) => 5 * Math.Exp(-0.7 * t) + 1.2 + 0.02 * Math.Cos(2.3 * i * i)).ToArray();
    private static readonly double[] Sigma = Enumerable.Range(0, 30).Select(i => 0.02 * (1 + 0.1 * i)).ToArray();
    private static readonly double[] Grid = [0.0, 1.3, 3.7, 7.25, 9.0];

    private static void Matches(double[] expectedValues, double[] expectedHalf, FitBand band)
    {
        for (int i = 0; i < expectedValues.Length; i++)
        {
            Assert.True(Math.Abs(band.Values[i] - expectedValues[i]) <= 1e-9 * Math.Abs(expectedValues[i]),
                        $"value {i}: {band.Values[i]:R}, scipy {expectedValues[i]:R}");
            double half = 0.5 * (band.Upper[i] - band.Lower[i]);
            Assert.True(Math.Abs(half - expectedHalf[i]) <= 1e-7 * expectedHalf[i], $"half-width {i}: {half:R}, scipy {expectedHalf[i]:R}");
            Assert.Equal(band.Values[i], 0.5 * (band.Upper[i] + band.Lower[i]), 12);
            Assert.Equal(half, band.TQuantile * band.StandardErrors[i], 12);
        }
    }

    [Fact]
    public void UnweightedBandMatchesScipysDeltaMethodAtTheFitsLevel()
    {
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(T, Y, [4, 0.5, 1]);
        var band = CurveFit.ConfidenceBand<ScaleModels.DecayWithOffsetModel>(fit, Grid);
        Assert.True(band.IsDefined);
        Assert.Equal(0.95, band.Level);
        Assert.Equal(Grid, band.X);
        // confidence_band_references.py, "unweighted (level 0.95)".
        Matches([6.2055620507510563, 3.2097682829398426, 1.5735467946175592, 1.2319711197913048, 1.2101953648692405],
                [0.021172922091310008, 0.0097430078078756237, 0.0059585101770756529, 0.0087101101659350054, 0.0093629892426372405],
                band);
    }

    [Fact]
    public void RelativeSigmaBandMatchesScipyAtAGivenLevel()
    {
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(T, Y, [4, 0.5, 1], Sigma);
        var band = CurveFit.ConfidenceBand<ScaleModels.DecayWithOffsetModel>(fit, Grid, level: 0.9);
        Assert.Equal(0.9, band.Level);
        // confidence_band_references.py, "relative sigma (level 0.9)".
        Matches([6.2060455484693602, 3.2093743780154069, 1.5734603780713892, 1.2322140794988916, 1.2104795580354188],
                [0.010624150363516405, 0.0072275569846896393, 0.0071432662933443997, 0.01150338999697767, 0.012131600993414152],
                band);
    }

    [Fact]
    public void APredictionBandOfALineIsTheTextbookInterval()
    {
        // y = a + b·x by least squares: a new observation at x₀ falls within ŷ ± t_{n−2}·s·√(1 + 1/n + (x₀ − x̄)²/Sxx),
        // s² = RSS/(n − 2) (the prediction interval of simple linear regression).
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        double[] y = x.Select((v, i) => 1.5 + 0.8 * v + 0.3 * Math.Sin(2.1 * i)).ToArray();
        var fit = CurveFit.Fit<BandModels.LineModel>(x, y, [0, 1]);
        double[] grid = [-2, 0, 4.5, 12];
        var band = CurveFit.PredictionBand<BandModels.LineModel>(fit, grid);
        int n = x.Length;
        double mean = x.Average(), sxx = x.Sum(v => (v - mean) * (v - mean)), s = Math.Sqrt(fit.ResidualSumOfSquares / (n - 2));
        double t = StudentT.InverseCdf(0.975, n - 2);
        for (int i = 0; i < grid.Length; i++)
        {
            double half = t * s * Math.Sqrt(1 + 1.0 / n + (grid[i] - mean) * (grid[i] - mean) / sxx);
            Assert.Equal(band.Values[i] + half, band.Upper[i], 1e-12 * Math.Abs(band.Upper[i]) + 1e-12);
        }
        // It contains the confidence band, and a weighted fit needs the new observations' σ.
        var confidence = CurveFit.ConfidenceBand<BandModels.LineModel>(fit, grid);
        Assert.All(Enumerable.Range(0, grid.Length), i => Assert.True(band.Upper[i] > confidence.Upper[i]));
        Assert.Throws<ArgumentException>(() => CurveFit.PredictionBand<BandModels.LineModel>(fit, grid, [1, 1, 1, 1]));
        var weighted = CurveFit.Fit<BandModels.LineModel>(x, y, [0, 1], x.Select(_ => 0.3).ToArray(), new CurveFitOptions { AbsoluteSigma = true });
        Assert.Equal("sigma", Assert.Throws<ArgumentException>(() => CurveFit.PredictionBand<BandModels.LineModel>(weighted, grid)).ParamName);
        // With absolute sigma a new observation adds its own σ²: √(J C Jᵀ + σ²).
        var known = CurveFit.PredictionBand<BandModels.LineModel>(weighted, grid, [0.5, 0.5, 0.5, 0.5]);
        var curve = CurveFit.ConfidenceBand<BandModels.LineModel>(weighted, grid);
        for (int i = 0; i < grid.Length; i++)
            Assert.Equal(Math.Sqrt(curve.StandardErrors[i] * curve.StandardErrors[i] + 0.25), known.StandardErrors[i], 1e-12);
    }

    [Fact]
    public void AMultiVariableBandTakesRowsAsPointsAsFitDoes()
    {
        // Only the flat column-major x was taken; a row-major array passed there gave a band at the wrong points.
        var x = new double[,] { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 }, { 2, 1 }, { 3, 2 } };
        double[] y = [1, 3, -2, 0.1, 2, 4.5];
        var fit = CurveFit.Fit<PlaneModel>(x, y, [1, 1, 1]);
        var rows = new double[,] { { 3, 1 }, { 0, 4 } };
        var byRows = CurveFit.ConfidenceBand<PlaneModel>(fit, rows);
        var byColumns = CurveFit.ConfidenceBand<PlaneModel>(fit, CurveFit.ToColumnMajor(rows));
        Assert.Equal(byColumns.Values, byRows.Values);
        Assert.Equal(byColumns.Upper, byRows.Upper);
        Assert.Equal(fit["a"] + fit["b"] * 3 + fit["c"] * 1, byRows.Values[0], 1e-12);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => CurveFit.ConfidenceBand<PlaneModel>(fit, new double[2, 3])).ParamName);
    }

    [Fact]
    public void AbsoluteSigmaBandIsNotRescaledByTheReducedChiSquare()
    {
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(T, Y, [4, 0.5, 1], new FitSetup { Sigma = Sigma },
                                                                 new CurveFitOptions { AbsoluteSigma = true, ConfidenceLevel = 0.9 });
        var band = CurveFit.ConfidenceBand<ScaleModels.DecayWithOffsetModel>(fit, Grid);
        Assert.Equal(0.9, band.Level);
        // confidence_band_references.py, "absolute sigma (level 0.9)".
        Matches([6.2060455484693602, 3.2093743780154069, 1.5734603780713892, 1.2322140794988916, 1.2104795580354188],
                [0.028061705786712788, 0.019090239757669675, 0.018867601664254576, 0.030384052804214981, 0.032043354635495118],
                band);
    }

    [Fact]
    public void FixedParameterAddsNoWidthAndCountsNoDegreeOfFreedom()
    {
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(T, Y, [4, 0.5, 1.2], new FitSetup { Fixed = [false, false, true] });
        var band = CurveFit.ConfidenceBand<ScaleModels.DecayWithOffsetModel>(fit, Grid);
        // confidence_band_references.py, "c fixed at 1.2 (level 0.95)": far out the curve tends to the fixed c and the band closes.
        Matches([6.2048210033122473, 3.2102758335062074, 1.5731929054003322, 1.2309161816527037, 1.2090558668096287],
                [0.019894575677487512, 0.0086368339716808191, 0.0051103046990583134, 0.00088962195398977471, 0.00032841819310736248],
                band);
    }

    [Fact]
    public void TwoVariableBandReadsXColumnMajor()
    {
        double[] u = Enumerable.Range(0, 30).Select(i => 0.5 * (i / 5)).ToArray();
        double[] v = Enumerable.Range(0, 30).Select(i => (double)(i % 5)).ToArray();
        double[] z = Enumerable.Range(0, 30).Select(i => 3 * Math.Exp(-0.8 * u[i]) + 0.5 * v[i] + 0.03 * Math.Sin(3.1 * i * i)).ToArray();
        var fit = CurveFit.Fit<BandModels.DecayPlusSlopeModel>([.. u, .. v], z, [2, 1, 1]);
        var band = CurveFit.ConfidenceBand<BandModels.DecayPlusSlopeModel>(fit, [0.0, 1.1, 2.6, 4.0, 0.5, 2.0]);
        Assert.Equal(3, band.Count);
        // confidence_band_references.py, "two variables (level 0.95)": (u, v) = (0, 4), (1.1, 0.5), (2.6, 2).
        Matches([4.9900491888905094, 1.5005341084314066, 1.3715374632459736],
                [0.020818725943432041, 0.013466540083425904, 0.0081212125626189714],
                band);
    }

    [Fact]
    public void UndefinedCovarianceCollapsesTheBandOntoTheCurveWithTheReason()
    {
        double[] x = [0, 1, 2, 3, 4, 5];
        double[] y = [1.1, 2.9, 5.2, 7.1, 8.8, 11.2];
        var fit = CurveFit.Fit<BandModels.RedundantModel>(x, y, [0, 1, 1]);
        Assert.False(fit.IsCovarianceDefined);
        var band = CurveFit.ConfidenceBand<BandModels.RedundantModel>(fit, [0.5, 2.5]);
        Assert.False(band.IsDefined);
        Assert.Equal(fit.CovarianceProblem, band.Problem);
        Assert.Equal(band.Values, band.Lower);
        Assert.Equal(band.Values, band.Upper);
        Assert.All(band.StandardErrors, se => Assert.Equal(0, se));
        // b and c drift along the null direction (b·c is what the data fix), so compare with the model itself.
        var expected = new double[2];
        BandModels.RedundantModel.Evaluate([0.5, 2.5], fit.Parameters, expected);
        Assert.Equal(expected, band.Values);
    }

    [Fact]
    public void BadInputIsAnArgumentExceptionNamingIt()
    {
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(T, Y, [4, 0.5, 1]);
        var nan = Assert.Throws<ArgumentException>(() => CurveFit.ConfidenceBand<ScaleModels.DecayWithOffsetModel>(fit, [0, double.NaN]));
        Assert.Equal("x", nan.ParamName);
        Assert.Contains("x[1]", nan.Message);
        var level = Assert.Throws<ArgumentException>(() => CurveFit.ConfidenceBand<ScaleModels.DecayWithOffsetModel>(fit, Grid, 1.0));
        Assert.Equal("level", level.ParamName);
        var model = Assert.Throws<ArgumentException>(() => CurveFit.ConfidenceBand<ScaleModels.LorentzianModel>(fit, Grid));
        Assert.Equal("fit", model.ParamName);
        var layout = Assert.Throws<ArgumentException>(() => CurveFit.ConfidenceBand<BandModels.DecayPlusSlopeModel>(
            CurveFit.Fit<BandModels.DecayPlusSlopeModel>([0, 1, 2, 3, 4, 0, 1, 0, 1, 0], [1, 2, 3, 4, 5], [1, 1, 1]), [1, 2, 3]));
        Assert.Equal("x", layout.ParamName);
    }

    [Fact]
    public void CallerGridIsNotModifiedAndTheBandHoldsACopy()
    {
        var fit = CurveFit.Fit<ScaleModels.DecayWithOffsetModel>(T, Y, [4, 0.5, 1]);
        double[] grid = [.. Grid];
        var band = CurveFit.ConfidenceBand<ScaleModels.DecayWithOffsetModel>(fit, grid);
        Assert.Equal(Grid, grid);
        Assert.NotSame(grid, band.X);
    }
}
