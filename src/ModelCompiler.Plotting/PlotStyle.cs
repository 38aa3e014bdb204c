// SPDX-License-Identifier: MIT
using ScottPlot;
using SkiaSharp;

namespace ModelCompiler.Plotting;

/// <summary>What every plot of this package starts from: a sans-serif font, the title and the axis labels.</summary>
/// <remarks>
/// No dashed or dotted lines anywhere: Skia's SVG writer cannot express path effects (it draws them solid and prints
/// a warning for each), so curves are told apart by colour and width instead, and PNG and SVG look alike.
/// </remarks>
internal static class PlotStyle
{
    // ScottPlot's font detection settles on a serif face on Linux; these sans faces are common on every platform.
    private static readonly Lazy<string?> SansFont = new(() =>
    {
        foreach (string name in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Open Sans" })
        {
            using SKTypeface? face = SKFontManager.Default.MatchFamily(name);
            if (face is not null && face.FamilyName == name)
                return name;
        }
        return null;
    });

    public static Plot NewPlot(PlotOptions options, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (SansFont.Value is { } font)
            plot.Font.Set(font);
        if (!string.IsNullOrEmpty(options.Title))
            plot.Title(options.Title);
        plot.XLabel(options.XLabel ?? xLabel);
        plot.YLabel(options.YLabel ?? yLabel);
        return plot;
    }
}
