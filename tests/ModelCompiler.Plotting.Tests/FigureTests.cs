// SPDX-License-Identifier: MIT
using ScottPlot;

namespace ModelCompiler.Plotting.Tests;

/// <summary>Figures of one's own plots: the package's style, saving by extension, and the checks on panels and sizes.</summary>
public sealed class FigureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void OwnPlotIsSavedAsPngAndSvgWithItsLineWhereTheAxesPutIt()
    {
        var plot = Figures.Plot("BIC against K", "components K", "BIC");
        double[] k = [1, 2, 3, 4, 5, 6];
        double[] bic = [900, 700, 640, 650, 665, 690];
        var line = plot.Add.ScatterLine(k, bic, Color.FromHex("#2CA02C"));
        line.LineWidth = 2;
        line.LegendText = "full";
        plot.ShowLegend(Edge.Right);
        var figure = new Figure(plot, 640, 400);
        figure.Save(_folder.File("bic.png"));
        using (var png = Raster.Load(_folder.File("bic.png")))
        {
            Assert.Equal((640, 400), (png.Width, png.Height));
            // Midway along the segment from K = 1 to K = 2.
            Assert.True(png.HasNear(plot.GetPixel(new Coordinates(1.5, 800)), Color.FromHex("#2CA02C")));
        }
        figure.Save(_folder.File("bic.svg"));
        var svg = System.Xml.Linq.XDocument.Load(_folder.File("bic.svg")).Root!;
        Assert.Contains("components K", string.Join(" ", svg.Descendants(svg.Name.Namespace + "text").Select(t => t.Value)));
        Assert.True(figure.ToPng().Length > 1000);
    }

    [Fact]
    public void StackedPanelsShareTheirDataAreasLeftAndRightEdges()
    {
        var top = Figures.Plot(null, "", "a much longer y label");
        top.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 1e6, 2e6 }).LegendText = "a legend entry that is wide";
        top.ShowLegend(Edge.Right);
        var bottom = Figures.Plot(null, "x", "r");
        bottom.Add.ScatterLine(new double[] { 0, 1 }, new double[] { -1, 1 });
        var figure = new Figure([top, bottom], [3, 1], 800, 600);
        figure.Save(_folder.File("stack.png"));
        PixelRect a = top.LastRender.DataRect, b = bottom.LastRender.DataRect;
        Assert.Equal(a.Left, b.Left, 0.5);
        Assert.Equal(a.Right, b.Right, 0.5);
        Assert.True(b.Top > a.Bottom, "the second panel is below the first");
        Assert.InRange(a.Bottom, 0, 600 * 0.75 + 1);
    }

    [Fact]
    public void BadPanelsAndSizesAreArgumentExceptions()
    {
        var plot = new Plot();
        Assert.Equal("width", Assert.ThrowsAny<ArgumentException>(() => new Figure(plot, 10, 400)).ParamName);
        Assert.Equal("height", Assert.ThrowsAny<ArgumentException>(() => new Figure(plot, 400, 100_000)).ParamName);
        Assert.Equal("heights", Assert.Throws<ArgumentException>(() => new Figure([plot, new Plot()], [1], 400, 400)).ParamName);
        Assert.Equal("heights", Assert.Throws<ArgumentException>(() => new Figure([plot, new Plot()], [1, 0], 400, 400)).ParamName);
        Assert.Equal("panels", Assert.Throws<ArgumentException>(() => new Figure([], [], 400, 400)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new Figure(plot, 400, 400).Save(_folder.File("plot.jpeg")));
        Assert.Contains("plot.jpeg", e.Message);
    }

    public void Dispose() => _folder.Dispose();
}
