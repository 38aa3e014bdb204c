// SPDX-License-Identifier: MIT
using System.Xml.Linq;
using ModelCompiler.Ode;
using ScottPlot;

namespace ModelCompiler.Plotting.Tests;

/// <summary>The ODE plots: trajectories against t with observation markers, and phase portraits.</summary>
public sealed class OdePlotTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // The harmonic oscillator x'' = −x from (1, 0): x = cos t, v = −sin t, exactly known everywhere.
    private static void Oscillator(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        dydt[0] = y[1];
        dydt[1] = -y[0];
    }

    private static OdeResult Solve(bool dense = true) =>
        OdeSolver.Solve(new OdeProblem(Oscillator, [1.0, 0.0], 0, 2 * Math.PI),
                        options: new OdeOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-12, DenseOutput = dense });

    [Fact]
    public void TrajectoriesFollowTheSolutionAndMarkTheObservations()
    {
        var result = Solve();
        double[] times = [0.5, 1.5, 2.5, 4.0, 5.5];
        var observations = new OdeObservations(times, [0, 0, 0, 0, 0], times.Select(t => Math.Cos(t) + 0.15).ToArray());
        var figure = Figures.Trajectories(result, new OdePlotOptions { Observations = observations });
        string path = _folder.File("trajectories.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot plot = figure.Panels[0];
        Color first = Color.FromHex("#1F77B4"), second = Color.FromHex("#FF7F0E");
        foreach (double t in new[] { 0.3, 1.0, 2.2, 3.6, 5.0, 6.0 })
        {
            Assert.True(png.HasNear(plot.GetPixel(new Coordinates(t, Math.Cos(t))), first), $"no x(t) pixel at t = {t}");
            Assert.True(png.HasNear(plot.GetPixel(new Coordinates(t, -Math.Sin(t))), second), $"no v(t) pixel at t = {t}");
        }
        foreach (double t in times)
        {
            // An open circle: its ring is 3.5 px from the centre.
            Pixel centre = plot.GetPixel(new Coordinates(t, Math.Cos(t) + 0.15));
            Assert.True(png.HasNear(centre, first, radius: 5), $"no observation marker at t = {t}");
        }
    }

    [Fact]
    public void PhasePortraitIsTheUnitCircle()
    {
        var result = Solve();
        var figure = Figures.Phase(result, 0, 1, new OdePlotOptions { Title = "oscillator" });
        string path = _folder.File("phase.png");
        figure.Save(path);
        using var png = Raster.Load(path);
        Plot plot = figure.Panels[0];
        Color line = Color.FromHex("#1F77B4");
        for (int k = 0; k < 12; k++)
        {
            double a = 2 * Math.PI * k / 12 + 0.1;
            Assert.True(png.HasNear(plot.GetPixel(new Coordinates(Math.Cos(a), Math.Sin(a))), line), $"no trajectory pixel at angle {a:F2}");
        }
        Assert.False(png.HasNear(plot.GetPixel(new Coordinates(0, 0)), line, radius: 10), "the centre of the circle is drawn on");
    }

    [Fact]
    public void WithoutDenseOutputTheOutputTimesAreDrawnAndSvgIsWellFormed()
    {
        var sparse = Solve(dense: false);
        Assert.Null(sparse.Solution);
        string path = _folder.File("phase.svg");
        Plots.Phase(path, [sparse, Solve()], 0, 1, new OdePlotOptions { RunNames = ["output times", "dense"] });
        var svg = XDocument.Load(path).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        string text = string.Join(" ", svg.Descendants(svg.Name.Namespace + "text").Select(t => t.Value));
        Assert.Contains("output times", text);
        Plots.Trajectories(_folder.File("t.svg"), sparse);
        Assert.Equal("svg", XDocument.Load(_folder.File("t.svg")).Root!.Name.LocalName);
    }

    [Fact]
    public void BadStatesAreArgumentExceptions()
    {
        var result = Solve();
        string path = _folder.File("bad.png");
        Assert.Equal("j", Assert.Throws<ArgumentException>(() => Plots.Phase(path, result, 0, 2)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Plots.Trajectories(path, result, new OdePlotOptions { States = [3] })).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Plots.Trajectories(_folder.File("t.pdf"), result)).ParamName);
        Assert.False(File.Exists(path));
    }

    public void Dispose() => _folder.Dispose();
}
