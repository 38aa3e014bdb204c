// SPDX-License-Identifier: MIT
using System.Xml.Linq;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using ScottPlot;

namespace ModelCompiler.Plotting.Tests;

/// <summary>The mixture plots, rendered and read back where ScottPlot's axes put the densities, ellipses and curves.</summary>
public sealed class MixturePlotTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static double[] Normal(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();

    private static double[] OneDimensionalData()
    {
        var random = new Random(7);
        return [.. Normal(random, 300).Select(z => 5 + 2 * z), .. Normal(random, 700).Select(z => 15 + 2 * z)];
    }

    private static double[,] TwoDimensionalData()
    {
        var random = new Random(11);
        double[] z = Normal(random, 1200);
        var data = new double[600, 2];
        for (int i = 0; i < 600; i++)
        {
            double u = z[2 * i], v = z[2 * i + 1];
            (double cx, double cy) = (i % 3) switch { 0 => (0.0, 0.0), 1 => (6.0, 2.0), _ => (2.0, 7.0) };
            data[i, 0] = cx + u * (i % 3 == 1 ? 1.5 : 1);
            data[i, 1] = cy + 0.6 * u + 0.8 * v;
        }
        return data;
    }

    [Fact]
    public void Mixture1DDrawsTheTotalDensityOverTheHistogram()
    {
        double[] data = OneDimensionalData();
        var model = new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { Seed = 1 } }).Fit(Column(data));
        var figure = Figures.Mixture1D(data, model);
        string path = _folder.File("mixture1d.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Assert.Equal(900, png.Width);
        Plot plot = figure.Panels[0];
        double[] w = model.Weights;
        double[,] mu = model.Means;
        double Component(int k, double x)
        {
            double v = model.Covariance(k)[0, 0];
            return w[k] * Math.Exp(-0.5 * (x - mu[k, 0]) * (x - mu[k, 0]) / v) / Math.Sqrt(2 * Math.PI * v);
        }
        double Density(double x) => Component(0, x) + Component(1, x);
        // Each component's curve, drawn over the sum, in its colour on its own peak and flank.
        var palette = new[] { "#1F77B4", "#FF7F0E" }.Select(Color.FromHex).ToArray();
        for (int k = 0; k < 2; k++)
            foreach (double dx in new[] { -2.5, 0.0, 1.5 })
            {
                double x = mu[k, 0] + dx;
                Pixel at = plot.GetPixel(new Coordinates(x, Component(k, x)));
                Assert.True(png.HasNear(at, palette[k]), $"no pixel of component {k} near ({at.X:F1}, {at.Y:F1}) for x = {x:F2}");
            }
        // The sum where both components contribute, between the peaks.
        var dark = Color.FromHex("#202020");
        foreach (double x in new[] { 9.5, 10.0, 10.5 })
        {
            Pixel at = plot.GetPixel(new Coordinates(x, Density(x)));
            Assert.True(png.HasNear(at, dark), $"no mixture-density pixel near ({at.X:F1}, {at.Y:F1}) for x = {x}");
        }
        // The histogram's grey bars fill the area under the peaks.
        Pixel underPeak = plot.GetPixel(new Coordinates(15, 0.3 * Density(15)));
        Assert.True(png.HasNear(underPeak, Color.FromHex("#C8C8C8"), radius: 3, tolerance: 10), "no histogram bar under the larger peak");
    }

    [Fact]
    public void Mixture1DFromParametersDrawsTheGivenDensities()
    {
        double[] data = OneDimensionalData();
        var figure = Figures.Mixture1D(data, [0.3, 0.7], [5, 15], [4, 4], new MixturePlotOptions { ComponentNames = ["left", "right"] });
        string path = _folder.File("parameters.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot plot = figure.Panels[0];
        // The right component's peak: 0.7/√(2π·4).
        Pixel peak = plot.GetPixel(new Coordinates(15, 0.7 / Math.Sqrt(8 * Math.PI)));
        Assert.True(png.HasNear(peak, Color.FromHex("#FF7F0E")), $"no right-component pixel at its peak ({peak.X:F1}, {peak.Y:F1})");
        Assert.Contains(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>(), s => s.LegendText.StartsWith("right", StringComparison.Ordinal));

        var variance = Assert.Throws<ArgumentException>(() => Plots.Mixture1D(path, data, [0.3, 0.7], [5, 15], [4, 0]));
        Assert.Equal("variances", variance.ParamName);
        Assert.Contains("variances[1]", variance.Message);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => Plots.Mixture1D(path, data, [0.3, 0.7], [5], [4, 4])).ParamName);
        var weights = Assert.Throws<ArgumentException>(() => Plots.Mixture1D(path, data, [0.9, 0.9], [5, 15], [4, 4]));
        Assert.Equal("weights", weights.ParamName);
        Assert.Contains("sum to 1.8", weights.Message);
    }

    [Fact]
    public void Mixture1DOfDataAtOneValueDrawsTheDensityOverTheComponentsSpread()
    {
        // Data all at 3 (what a one-component fit to constant data is drawn over): the grid ran from 3 to 3, and the figure
        // had the histogram's bar and the legend but no curve.
        double[] data = Enumerable.Repeat(3.0, 50).ToArray();
        var figure = Figures.Mixture1D(data, [1.0], [3.0], [0.01]);
        string path = _folder.File("constant.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot plot = figure.Panels[0];
        var dark = Color.FromHex("#202020");
        foreach (double x in new[] { 2.85, 2.95, 3.1 })
        {
            double density = Math.Exp(-0.5 * (x - 3) * (x - 3) / 0.01) / Math.Sqrt(2 * Math.PI * 0.01);
            Pixel at = plot.GetPixel(new Coordinates(x, density));
            Assert.True(png.HasNear(at, dark), $"no mixture-density pixel near ({at.X:F1}, {at.Y:F1}) for x = {x}");
        }
    }

    [Fact]
    public void Mixture2DColoursPointsByComponentAndDrawsTheirEllipses()
    {
        double[,] data = TwoDimensionalData();
        var model = new GaussianMixture(3, new GaussianMixtureOptions { Em = new EmOptions { Seed = 3 } }).Fit(data);
        var figure = Figures.Mixture2D(data, model);
        string path = _folder.File("mixture2d.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot plot = figure.Panels[0];
        double[,] mu = model.Means;
        int[] labels = model.Predict(data);
        var palette = new[] { "#1F77B4", "#FF7F0E", "#2CA02C" }.Select(Color.FromHex).ToArray();
        for (int k = 0; k < 3; k++)
        {
            // The 2σ ellipse passes through μ ± 2·√Σ₁₁ along x only when Σ is diagonal; in general through the point
            // reached along the major axis: μ + 2·√λ·e.
            double[,] s = model.Covariance(k);
            double mean = 0.5 * (s[0, 0] + s[1, 1]), half = 0.5 * (s[0, 0] - s[1, 1]);
            double lambda = mean + Math.Sqrt(half * half + s[0, 1] * s[0, 1]);
            double angle = 0.5 * Math.Atan2(2 * s[0, 1], s[0, 0] - s[1, 1]);
            var onEllipse = new Coordinates(mu[k, 0] + 2 * Math.Sqrt(lambda) * Math.Cos(angle), mu[k, 1] + 2 * Math.Sqrt(lambda) * Math.Sin(angle));
            Pixel at = plot.GetPixel(onEllipse);
            Assert.True(png.HasNear(at, palette[k], radius: 2, tolerance: 90), $"no outline of component {k}'s 2σ ellipse near ({at.X:F1}, {at.Y:F1})");
        }
        // Points of each component in its colour (translucent markers over a light fill: a loose tolerance).
        for (int i = 0; i < 600; i += 37)
        {
            Pixel at = plot.GetPixel(new Coordinates(data[i, 0], data[i, 1]));
            Assert.True(png.HasNear(at, palette[labels[i]], radius: 1, tolerance: 90), $"point {i} (component {labels[i]}) is not in its colour");
        }
    }

    [Fact]
    public void RegressionMixtureDrawsEachComponentsCurve()
    {
        var random = new Random(5);
        double[] x = Enumerable.Range(0, 200).Select(i => 10.0 * random.NextDouble()).ToArray();
        double[] noise = Normal(random, 200);
        double[] y = x.Select((t, i) => i % 2 == 0 ? 1 + 2 * t + 0.5 * noise[i] : 12 - 0.8 * t + 0.5 * noise[i]).ToArray();
        var fit = RegressionMixture.Fit<TestModels.LineMixture, TestModels.LineModel>(x, y);
        double Curve(int k, double t) => fit.Components[k][0] + fit.Components[k][1] * t;
        var figure = Figures.RegressionMixture(x, y, fit, Curve);
        string path = _folder.File("mixreg.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot plot = figure.Panels[0];
        var palette = new[] { "#1F77B4", "#FF7F0E" }.Select(Color.FromHex).ToArray();
        for (int k = 0; k < 2; k++)
            foreach (double t in new[] { 0.5, 3.0, 9.5 })
            {
                Pixel at = plot.GetPixel(new Coordinates(t, Curve(k, t)));
                Assert.True(png.HasNear(at, palette[k], radius: 2, tolerance: 60), $"no pixel of component {k}'s curve near x = {t}");
            }
        // A point the first component claims wholly is drawn in its colour.
        double[,] r = fit.Responsibilities;
        int sure = Enumerable.Range(0, 200).First(i => r[i, 0] > 0.99 && Math.Abs(y[i] - Curve(1, x[i])) > 3);
        Pixel point = plot.GetPixel(new Coordinates(x[sure], y[sure]));
        Assert.True(png.HasNear(point, palette[0], radius: 1, tolerance: 60), $"point {sure} is not in component 0's colour");
        var svg = _folder.File("mixreg.svg");
        Plots.RegressionMixture(svg, x, y, fit, Curve);
        Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
    }

    [Fact]
    public void MixturePlotsCheckTheirInput()
    {
        double[] data = OneDimensionalData();
        var model = new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { Seed = 1 } }).Fit(Column(data));
        string path = _folder.File("m.png");
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => Plots.Mixture1D(path, data, new GaussianMixture(2))).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => Plots.Mixture2D(path, TwoDimensionalData(), model)).ParamName);
        var twoD = new GaussianMixture(3, new GaussianMixtureOptions { Em = new EmOptions { Seed = 3 } }).Fit(TwoDimensionalData());
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => Plots.Mixture1D(path, data, twoD)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() =>
            Plots.Mixture2D(path, TwoDimensionalData(), twoD, new MixturePlotOptions { YDimension = 2 })).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Plots.Mixture1D(_folder.File("m.gif"), data, model)).ParamName);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void MixtureSvgsAreWellFormed()
    {
        double[] data = OneDimensionalData();
        var model = new GaussianMixture(2, new GaussianMixtureOptions { Em = new EmOptions { Seed = 1 } }).Fit(Column(data));
        Plots.Mixture1D(_folder.File("m1.svg"), data, model, new MixturePlotOptions { Title = "two components" });
        double[,] data2 = TwoDimensionalData();
        Plots.Mixture2D(_folder.File("m2.svg"), data2, new GaussianMixture(3, new GaussianMixtureOptions { Em = new EmOptions { Seed = 3 } }).Fit(data2));
        foreach (string name in new[] { "m1.svg", "m2.svg" })
        {
            var svg = XDocument.Load(_folder.File(name)).Root!;
            Assert.Equal("svg", svg.Name.LocalName);
            Assert.True(svg.Descendants(svg.Name.Namespace + "path").Count() > 5, $"{name} has too few paths");
        }
        string text = string.Join(" ", XDocument.Load(_folder.File("m1.svg")).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        Assert.Contains("two components", text);
        Assert.Contains("mixture density", text);
    }

    private static double[,] Column(double[] values)
    {
        var m = new double[values.Length, 1];
        for (int i = 0; i < values.Length; i++)
            m[i, 0] = values[i];
        return m;
    }

    public void Dispose() => _folder.Dispose();
}
