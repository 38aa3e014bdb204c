// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Examples;

/// <summary>
/// A minimal SVG chart: scatter series, line series and histogram bars on shared linear axes.
/// No plotting package is in the registry the project builds from, and the examples need only this.
/// </summary>
public sealed class SvgPlot
{
    private const double Width = 720, Height = 440, Left = 64, Right = 16, Top = 36, Bottom = 48;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];

    private readonly string _title;
    private readonly List<Series> _series = [];

    public SvgPlot(string title) => _title = title;

    public SvgPlot Points(string label, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        _series.Add(new Series(label, SeriesKind.Points, x, y));
        return this;
    }

    public SvgPlot Line(string label, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        _series.Add(new Series(label, SeriesKind.Line, x, y));
        return this;
    }

    /// <summary>Bars with the given left edges and heights; every bar is <paramref name="binWidth"/> wide.</summary>
    public SvgPlot Bars(string label, IReadOnlyList<double> leftEdges, IReadOnlyList<double> heights, double binWidth)
    {
        var right = leftEdges.Select(e => e + binWidth).ToArray();
        _series.Add(new Series(label, SeriesKind.Bars, leftEdges, heights, right));
        return this;
    }

    /// <summary>Samples <paramref name="f"/> at <paramref name="count"/> evenly spaced points of [from, to].</summary>
    public SvgPlot Function(string label, Func<double, double> f, double from, double to, int count = 400)
    {
        var x = Enumerable.Range(0, count).Select(i => from + (to - from) * i / (count - 1)).ToArray();
        return Line(label, x, x.Select(f).ToArray());
    }

    public void Save(string path) => File.WriteAllText(path, Render());

    public string Render()
    {
        if (_series.Count == 0)
            throw new InvalidOperationException("The plot has no series.");
        var (xMin, xMax) = Range(_series.SelectMany(s => s.X.Concat(s.XRight ?? [])));
        var (yMin, yMax) = Range(_series.SelectMany(s => s.Y).Append(_series.Any(s => s.Kind == SeriesKind.Bars) ? 0 : double.NaN));
        double Sx(double v) => Left + (v - xMin) / (xMax - xMin) * (Width - Left - Right);
        double Sy(double v) => Height - Bottom - (v - yMin) / (yMax - yMin) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Inv($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">{Escape(_title)}</text>\n"));
        AppendAxes(svg, xMin, xMax, yMin, yMax, Sx, Sy);

        for (int k = 0; k < _series.Count; k++)
        {
            var s = _series[k];
            string color = Palette[k % Palette.Length];
            switch (s.Kind)
            {
                case SeriesKind.Points:
                    for (int i = 0; i < s.X.Count; i++)
                        svg.Append(Inv($"<circle cx=\"{Sx(s.X[i]):F2}\" cy=\"{Sy(s.Y[i]):F2}\" r=\"2.5\" fill=\"{color}\" fill-opacity=\"0.7\"/>\n"));
                    break;
                case SeriesKind.Line:
                    svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\""));
                    for (int i = 0; i < s.X.Count; i++)
                        if (double.IsFinite(s.Y[i]))
                            svg.Append(Inv($"{Sx(s.X[i]):F2},{Sy(s.Y[i]):F2} "));
                    svg.Append("\"/>\n");
                    break;
                case SeriesKind.Bars:
                    for (int i = 0; i < s.X.Count; i++)
                    {
                        double x0 = Sx(s.X[i]), x1 = Sx(s.XRight![i]), y0 = Sy(s.Y[i]), yb = Sy(0);
                        svg.Append(Inv($"<rect x=\"{x0:F2}\" y=\"{y0:F2}\" width=\"{x1 - x0:F2}\" height=\"{yb - y0:F2}\" fill=\"{color}\" fill-opacity=\"0.35\" stroke=\"{color}\" stroke-width=\"0.5\"/>\n"));
                    }
                    break;
            }
            svg.Append(Inv($"<rect x=\"{Width - Right - 180}\" y=\"{Top + 4 + 18 * k}\" width=\"12\" height=\"12\" fill=\"{color}\"/>"));
            svg.Append(Inv($"<text x=\"{Width - Right - 162}\" y=\"{Top + 14 + 18 * k}\">{Escape(s.Label)}</text>\n"));
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void AppendAxes(StringBuilder svg, double xMin, double xMax, double yMin, double yMax,
                                   Func<double, double> sx, Func<double, double> sy)
    {
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#444\"/>\n"));
        foreach (double t in Ticks(xMin, xMax))
            svg.Append(Inv($"<line x1=\"{sx(t):F2}\" y1=\"{Height - Bottom}\" x2=\"{sx(t):F2}\" y2=\"{Height - Bottom + 5}\" stroke=\"#444\"/><text x=\"{sx(t):F2}\" y=\"{Height - Bottom + 19}\" text-anchor=\"middle\">{t:G6}</text>\n"));
        foreach (double t in Ticks(yMin, yMax))
            svg.Append(Inv($"<line x1=\"{Left - 5}\" y1=\"{sy(t):F2}\" x2=\"{Left}\" y2=\"{sy(t):F2}\" stroke=\"#444\"/><text x=\"{Left - 8}\" y=\"{sy(t) + 4:F2}\" text-anchor=\"end\">{t:G6}</text>\n"));
    }

    private static IEnumerable<double> Ticks(double min, double max)
    {
        double raw = (max - min) / 6, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        for (double t = Math.Ceiling(min / step) * step; t <= max + step * 1e-9; t += step)
            yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }

    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            return (0, 1);
        double min = finite.Min(), max = finite.Max(), pad = max > min ? 0.04 * (max - min) : 1;
        return (min - pad, max + pad);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private enum SeriesKind { Points, Line, Bars }

    private sealed record Series(string Label, SeriesKind Kind, IReadOnlyList<double> X, IReadOnlyList<double> Y,
                                 IReadOnlyList<double>? XRight = null);
}
