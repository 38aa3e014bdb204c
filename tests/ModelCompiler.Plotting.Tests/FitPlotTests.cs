// SPDX-License-Identifier: MIT
using System.Xml.Linq;
using ModelCompiler.LeastSquares;
using ScottPlot;

namespace ModelCompiler.Plotting.Tests;

/// <summary>
/// The curve-fit plot, rendered and read back: the image's size, that it is not blank, and that the fitted curve, its band,
/// the data and the residuals are drawn where ScottPlot's own coordinate-to-pixel mapping of each panel puts them.
/// </summary>
public sealed class FitPlotTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // A decay with noise large enough that the band is many pixels wide.
    private static readonly double[] X = Enumerable.Range(0, 25).Select(i => 0.4 * i).ToArray();
    private static readonly double[] Y = X.Select((x, i) => 4 * Math.Exp(-0.6 * x) + 1 + 0.25 * Math.Sin(2.7 * i * i)).ToArray();
    private static readonly double[] Sigma = Enumerable.Range(0, 25).Select(i => 0.2 + 0.01 * i).ToArray();
    private static readonly double[] Grid = Enumerable.Range(0, 301).Select(i => -0.2 + 10.0 * i / 300).ToArray();

    private static (FitBand Band, double[] Residuals) Fit(double[]? sigma = null)
    {
        var fit = sigma is null
            ? CurveFit.Fit<TestModels.DecayModel>(X, Y, [3, 0.5, 0.5])
            : CurveFit.Fit<TestModels.DecayModel>(X, Y, [3, 0.5, 0.5], sigma);
        Assert.True(fit.IsConverged, fit.ToString());
        var band = CurveFit.ConfidenceBand<TestModels.DecayModel>(fit, Grid);
        var p = fit.Parameters;
        double[] residuals = X.Select((x, i) => Y[i] - TestModels.Decay(x, p[0], p[1], p[2])).ToArray();
        return (band, residuals);
    }

    [Fact]
    public void PngHasTheRequestedSizeAndIsNotBlank()
    {
        var (band, residuals) = Fit();
        string path = _folder.File("fit.png");
        Plots.CurveFit(path, X, Y, band, residuals, new FitPlotOptions { Width = 720, Height = 540, Title = "decay" });
        using var png = Raster.Load(path);
        Assert.Equal(720, png.Width);
        Assert.Equal(540, png.Height);
        double ink = png.InkFraction();
        Assert.True(ink > 0.03 && ink < 0.6, $"{ink:P1} of the pixels are not white");
    }

    [Fact]
    public void FittedCurveIsDrawnWhereTheAxesMapIt()
    {
        var (band, residuals) = Fit();
        var figure = Figures.CurveFit(X, Y, band, residuals);
        string path = _folder.File("curve.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot top = figure.Panels[0];
        Color curve = FitPlotOptions.Default.CurveColor;
        for (int g = 10; g < Grid.Length; g += 29)
        {
            Pixel at = top.GetPixel(new Coordinates(Grid[g], band.Values[g]));
            Assert.True(png.HasNear(at, curve), $"no curve pixel near ({at.X:F1}, {at.Y:F1}) for x = {Grid[g]:F2}, ŷ = {band.Values[g]:F3}");
        }

        // The curve decays to c ≈ 1, so the top right of the data area holds none of its colour: the check above can fail.
        PixelRect data = top.LastRender.DataRect;
        Pixel empty = top.GetPixel(new Coordinates(8, top.Axes.GetLimits().Top - 0.05 * top.Axes.GetLimits().VerticalSpan));
        Assert.False(png.HasNear(empty, curve, radius: 10), $"curve colour near ({empty.X:F1}, {empty.Y:F1}), far from the curve");
        Assert.True(data.Contains(empty));
    }

    [Fact]
    public void BandIsShadedBetweenItsBoundsAndNotBeyond()
    {
        var (band, residuals) = Fit();
        Assert.True(band.IsDefined);
        var figure = Figures.CurveFit(X, Y, band, residuals);
        string path = _folder.File("band.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot top = figure.Panels[0];
        // The band's fill: the curve colour at 22% over white.
        Color c = FitPlotOptions.Default.CurveColor;
        var fill = new Color((byte)(255 - 0.22 * (255 - c.Red)), (byte)(255 - 0.22 * (255 - c.Green)), (byte)(255 - 0.22 * (255 - c.Blue)));
        int checkedPoints = 0;
        foreach (int g in new[] { 5, 60, 150, 290 })
        {
            Pixel upper = top.GetPixel(new Coordinates(Grid[g], band.Upper[g]));
            Pixel value = top.GetPixel(new Coordinates(Grid[g], band.Values[g]));
            if (value.Y - upper.Y < 8)
                continue;   // too narrow here to find a pixel of pure fill between the edge and the line
            checkedPoints++;
            var inside = new Pixel(value.X, 0.5 * (upper.Y + value.Y));
            Assert.True(png.HasNear(inside, fill, radius: 1, tolerance: 20), $"no band fill at ({inside.X:F1}, {inside.Y:F1}), x = {Grid[g]:F2}");
            var outside = new Pixel(value.X, upper.Y - 12);
            Assert.False(png.HasNear(outside, fill, radius: 1, tolerance: 12), $"band fill above the band at ({outside.X:F1}, {outside.Y:F1})");
        }
        Assert.True(checkedPoints >= 2, $"the band is at least 8 pixels wide at only {checkedPoints} of the points");
    }

    [Fact]
    public void ResidualPanelSharesTheXAxisAndShowsEachResidual()
    {
        var (band, residuals) = Fit(Sigma);
        var figure = Figures.CurveFit(X, Y, band, residuals, new FitPlotOptions { Sigma = Sigma });
        string path = _folder.File("residuals.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot top = figure.Panels[0], bottom = figure.Panels[1];
        Assert.True(bottom.LastRender.DataRect.Top >= top.LastRender.DataRect.Bottom, "the residual panel is below the fit");
        var dark = Color.FromHex("#202020");
        for (int i = 0; i < X.Length; i++)
        {
            Pixel above = top.GetPixel(new Coordinates(X[i], Y[i]));
            Pixel below = bottom.GetPixel(new Coordinates(X[i], residuals[i]));
            Assert.True(Math.Abs(above.X - below.X) < 0.5, $"x = {X[i]} is at {above.X:F1} px above and {below.X:F1} px below");
            Assert.True(png.HasNear(above, dark, radius: 1), $"no data marker at ({above.X:F1}, {above.Y:F1})");
            Assert.True(png.HasNear(below, dark, radius: 1), $"no residual marker at ({below.X:F1}, {below.Y:F1})");
        }
        // Error bars: the grey whisker reaches 0.8σ above the point.
        var grey = Color.FromHex("#808080");
        Pixel whisker = top.GetPixel(new Coordinates(X[20], Y[20] + 0.8 * Sigma[20]));
        Assert.True(png.HasNear(whisker, grey, radius: 1, tolerance: 50), $"no error bar at ({whisker.X:F1}, {whisker.Y:F1})");
    }

    [Fact]
    public void LegendStandsOutsideTheDataArea()
    {
        var (band, residuals) = Fit();
        var figure = Figures.CurveFit(X, Y, band, residuals);
        string path = _folder.File("legend.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        PixelRect data = figure.Panels[0].LastRender.DataRect;
        // The legend takes a column right of the data area: there is ink (its frame and text) beyond the data's right edge.
        Assert.True(data.Right < png.Width - 80, $"the data area reaches {data.Right} of {png.Width} px");
        var right = new PixelRect(data.Right + 2, png.Width, data.Bottom, data.Top);
        Assert.True(png.Count(right, Color.FromHex("#000000"), tolerance: 200) > 200, "nothing is drawn right of the data area");
    }

    [Fact]
    public void UndefinedBandDrawsTheCurveAlone()
    {
        var (band, residuals) = Fit();
        var collapsed = band with { Lower = band.Values, Upper = band.Values, Problem = "the Jacobian has rank 2 < 3" };
        var figure = Figures.CurveFit(X, Y, collapsed, residuals);
        string path = _folder.File("collapsed.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot top = figure.Panels[0];
        Pixel at = top.GetPixel(new Coordinates(Grid[150], band.Values[150]));
        Assert.True(png.HasNear(at, FitPlotOptions.Default.CurveColor));
        Assert.Equal(1, top.GetPlottables().Count(p => p is ScottPlot.Plottables.Scatter));
        Assert.Empty(top.GetPlottables().OfType<ScottPlot.Plottables.FillY>());
    }

    [Fact]
    public void SvgIsWellFormedWithTheTitleLabelsAndShapes()
    {
        var (band, residuals) = Fit(Sigma);
        string path = _folder.File("fit.svg");
        Plots.CurveFit(path, X, Y, band, residuals, new FitPlotOptions { Sigma = Sigma, Title = "Decay & offset <fit>", XLabel = "time", Width = 640, Height = 480 });
        var svg = XDocument.Load(path).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("640", (string?)svg.Attribute("width"));
        Assert.Equal("480", (string?)svg.Attribute("height"));
        XNamespace ns = svg.Name.Namespace;
        Assert.True(svg.Descendants(ns + "path").Count() > 20, "too few paths for the curve, band, bars and axes");
        string text = string.Join(" ", svg.Descendants(ns + "text").Select(t => t.Value));
        foreach (string expected in new[] { "Decay & offset <fit>", "time", "residual", "95% confidence band" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public void BadPathsAreArgumentExceptionsNamingThePath()
    {
        var (band, residuals) = Fit();
        string missing = Path.Combine(_folder.Path, "no-such-folder", "fit.png");
        var e = Assert.Throws<ArgumentException>(() => Plots.CurveFit(missing, X, Y, band, residuals));
        Assert.Equal("path", e.ParamName);
        Assert.Contains(missing, e.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));

        foreach (string name in new[] { "fit.jpg", "fit", "fit.png.txt" })
        {
            string wrong = _folder.File(name);
            var w = Assert.Throws<ArgumentException>(() => Plots.CurveFit(wrong, X, Y, band, residuals));
            Assert.Equal("path", w.ParamName);
            Assert.Contains(wrong, w.Message);
            Assert.False(File.Exists(wrong));
        }
        Assert.Throws<ArgumentException>(() => Plots.CurveFit(_folder.Path, X, Y, band, residuals));
        // Upper-case extensions are the same formats.
        Plots.CurveFit(_folder.File("FIT.PNG"), X, Y, band, residuals);
        using var png = Raster.Load(_folder.File("FIT.PNG"));
    }

    [Fact]
    public void BadDataAreArgumentExceptionsNamingTheArgumentAndIndex()
    {
        var (band, residuals) = Fit();
        string path = _folder.File("bad.png");
        var length = Assert.Throws<ArgumentException>(() => Plots.CurveFit(path, X, Y[..^1], band, residuals));
        Assert.Equal("y", length.ParamName);
        double[] y = [.. Y];
        y[7] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => Plots.CurveFit(path, X, y, band, residuals));
        Assert.Equal("y", nan.ParamName);
        Assert.Contains("y[7]", nan.Message);
        var sigma = Assert.Throws<ArgumentException>(() => Plots.CurveFit(path, X, Y, band, residuals, new FitPlotOptions { Sigma = Sigma[..3] }));
        Assert.Contains("Sigma", sigma.Message);
        double[] negative = [.. Sigma];
        negative[4] = -0.1;
        var sign = Assert.Throws<ArgumentException>(() => Plots.CurveFit(path, X, Y, band, residuals, new FitPlotOptions { Sigma = negative }));
        Assert.Contains("Sigma[4]", sign.Message);
        var size = Assert.Throws<ArgumentException>(() => Plots.CurveFit(path, X, Y, band, residuals, new FitPlotOptions { Width = 10 }));
        Assert.Equal("options", size.ParamName);
        var twoVariables = band with { X = [.. band.X, .. band.X] };
        Assert.Equal("band", Assert.Throws<ArgumentException>(() => Plots.CurveFit(path, X, Y, twoVariables, residuals)).ParamName);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NonFiniteCurveValuesBreakTheLineInsteadOfFailing()
    {
        var (band, residuals) = Fit();
        double[] values = [.. band.Values], lower = [.. band.Lower], upper = [.. band.Upper];
        values[100] = lower[100] = upper[100] = double.NaN;
        values[101] = double.PositiveInfinity;
        var figure = Figures.CurveFit(X, Y, band with { Values = values, Lower = lower, Upper = upper }, residuals);
        string path = _folder.File("gap.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Assert.True(png.HasNear(figure.Panels[0].GetPixel(new Coordinates(Grid[200], band.Values[200])), FitPlotOptions.Default.CurveColor));
    }

    [Fact]
    public void WithoutResidualsTheFigureIsOnePanel()
    {
        var (band, _) = Fit();
        var figure = Figures.CurveFit(X, Y, band, null);
        Assert.Single(figure.Panels);
        string path = _folder.File("single.svg");
        figure.Save(path);
        Assert.Equal("svg", XDocument.Load(path).Root!.Name.LocalName);
    }

    public void Dispose() => _folder.Dispose();
}
