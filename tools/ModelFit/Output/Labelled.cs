// SPDX-License-Identifier: MIT
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelCompiler.ModelFit.Output;

/// <summary>
/// Lines of "Label  text" with the labels bold and padded to one width. Plain text rather than a grid, so that lines
/// end where their text ends (no padding to the console width) and a long text wraps as text does.
/// </summary>
internal sealed class Labelled
{
    private readonly List<(string Label, string Text, Style? Style)> _lines = [];

    public Labelled Add(string label, string text, Style? style = null)
    {
        _lines.Add((label, text, style));
        return this;
    }

    public IRenderable Build()
    {
        int width = _lines.Max(l => l.Label.Length) + 2;
        var paragraph = new Paragraph();
        foreach (var (label, text, style) in _lines)
        {
            paragraph.Append(label.PadRight(width), new Style(decoration: Decoration.Bold));
            paragraph.Append(text + "\n", style);
        }
        return paragraph;
    }
}
