// SPDX-License-Identifier: MIT
using ScottPlot;
using SkiaSharp;

namespace ModelCompiler.Plotting;

/// <summary>
/// One or more ScottPlot plots stacked top to bottom in one image (a fit above its residuals, say), written as PNG or SVG.
/// The panels are ordinary <see cref="Plot"/>s: change their styles, labels or limits before <see cref="Save"/>.
/// </summary>
/// <remarks>
/// Stacked panels share the horizontal extent of their data areas: each save measures every panel's automatic layout
/// and then fixes all of them to the widest left margin and the widest right margin (a legend outside the data on the
/// right widens it), so that x values line up from panel to panel. After a save, each panel's
/// <c>LastRender.DataRect</c> and <see cref="Plot.GetPixel(Coordinates)"/> give positions in the image's pixels.
/// </remarks>
public sealed class Figure
{
    private readonly Plot[] _panels;
    private readonly double[] _heights;

    /// <summary>A figure of one plot.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">The image width in pixels (SVG units), 64 to 16384.</param>
    /// <param name="height">The image height in pixels (SVG units), 64 to 16384.</param>
    public Figure(Plot plot, int width, int height)
        : this([plot], [1.0], width, height)
    {
    }

    /// <summary>A figure of plots stacked top to bottom.</summary>
    /// <param name="panels">The plots, top first.</param>
    /// <param name="heights">Each panel's share of the height (positive; scaled to sum to 1).</param>
    /// <param name="width">The image width in pixels (SVG units), 64 to 16384.</param>
    /// <param name="height">The image height in pixels (SVG units), 64 to 16384.</param>
    /// <exception cref="ArgumentException">No panel, a null panel, a height that is not positive and finite, counts that
    /// differ, or a size out of range.</exception>
    public Figure(IReadOnlyList<Plot> panels, IReadOnlyList<double> heights, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(heights);
        if (panels.Count == 0)
            throw new ArgumentException("A figure needs at least one panel.", nameof(panels));
        if (heights.Count != panels.Count)
            throw new ArgumentException($"heights has {heights.Count} entries for {panels.Count} panels.", nameof(heights));
        for (int i = 0; i < panels.Count; i++)
        {
            if (panels[i] is null)
                throw new ArgumentException($"panels[{i}] is null.", nameof(panels));
            if (!(heights[i] > 0 && double.IsFinite(heights[i])))
                throw new ArgumentException($"heights[{i}] is {heights[i]}; a panel's share of the height is positive.", nameof(heights));
        }
        CheckSize(width, nameof(width));
        CheckSize(height, nameof(height));
        _panels = [.. panels];
        double total = heights.Sum();
        _heights = heights.Select(h => h / total).ToArray();
        Width = width;
        Height = height;
    }

    /// <summary>The plots, top first.</summary>
    public IReadOnlyList<Plot> Panels => _panels;

    /// <summary>The image width in pixels.</summary>
    public int Width { get; }

    /// <summary>The image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Writes the figure to <paramref name="path"/>: PNG for <c>.png</c>, SVG for <c>.svg</c>.</summary>
    /// <exception cref="ArgumentException">The extension is neither, or the folder does not exist (the message names the path).</exception>
    public void Save(string path)
    {
        FigureFormat format = FigurePath.Check(path);
        // Drawn in memory first, so that a failure leaves no half-written file (nor truncates an earlier one).
        using var memory = new MemoryStream();
        Write(memory, format);
        File.WriteAllBytes(path, memory.ToArray());
    }

    /// <summary>Writes the figure to <paramref name="stream"/> in <paramref name="format"/>.</summary>
    public void Write(Stream stream, FigureFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (format == FigureFormat.Svg)
        {
            // The SVG canvas writes its document when it is disposed, before the stream is.
            using (var canvas = SKSvgCanvas.Create(SKRect.Create(Width, Height), stream))
                Render(canvas);
            return;
        }
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {Width}×{Height} surface.");
        Render(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(stream);
    }

    /// <summary>The figure as PNG bytes.</summary>
    public byte[] ToPng()
    {
        using var memory = new MemoryStream();
        Write(memory, FigureFormat.Png);
        return memory.ToArray();
    }

    private void Render(SKCanvas canvas)
    {
        canvas.Clear(SKColors.White);
        PixelRect[] rects = PanelRects();
        if (_panels.Length > 1)
            AlignDataAreas(rects);
        for (int i = 0; i < _panels.Length; i++)
        {
            // A plot clears the canvas before it draws; the clip keeps that to its own panel.
            canvas.Save();
            canvas.ClipRect(rects[i].ToSKRect());
            _panels[i].Render(canvas, rects[i]);
            canvas.Restore();
        }
    }

    private PixelRect[] PanelRects()
    {
        var rects = new PixelRect[_panels.Length];
        float top = 0;
        for (int i = 0; i < _panels.Length; i++)
        {
            float bottom = i == _panels.Length - 1 ? Height : (float)Math.Round(top + _heights[i] * Height);
            rects[i] = new PixelRect(0, Width, bottom, top);
            top = bottom;
        }
        return rects;
    }

    /// <summary>Lays every panel out on its own, then fixes all to the widest left and right margins.</summary>
    private void AlignDataAreas(PixelRect[] rects)
    {
        var margins = new PixelPadding[_panels.Length];
        using (var scratch = SKSurface.Create(new SKImageInfo(Width, Height)))
        {
            for (int i = 0; i < _panels.Length; i++)
            {
                _panels[i].Layout.Default();
                _panels[i].Render(scratch.Canvas, rects[i]);
                PixelRect data = _panels[i].LastRender.DataRect;
                margins[i] = new PixelPadding(data.Left - rects[i].Left, rects[i].Right - data.Right,
                                              rects[i].Bottom - data.Bottom, data.Top - rects[i].Top);
            }
        }
        float left = margins.Max(m => m.Left), right = margins.Max(m => m.Right);
        for (int i = 0; i < _panels.Length; i++)
            _panels[i].Layout.Fixed(new PixelPadding(left, right, margins[i].Bottom, margins[i].Top));
    }

    private static void CheckSize(int size, string name)
    {
        if (size < 64 || size > 16384)
            throw new ArgumentOutOfRangeException(name, size, "An image side is 64 to 16384 pixels.");
    }
}
