// SPDX-License-Identifier: MIT
using ScottPlot;

namespace ModelCompiler.Plotting;

/// <summary>The colours of every plot: matplotlib's "tab10", which readers of scipy and scikit-learn figures know.</summary>
internal static class Palette
{
    private static readonly Color[] Category =
    [
        Color.FromHex("#1F77B4"), Color.FromHex("#FF7F0E"), Color.FromHex("#2CA02C"), Color.FromHex("#D62728"),
        Color.FromHex("#9467BD"), Color.FromHex("#8C564B"), Color.FromHex("#E377C2"), Color.FromHex("#7F7F7F"),
        Color.FromHex("#BCBD22"), Color.FromHex("#17BECF"),
    ];

    /// <summary>The fitted curve: red, unlike the black data and grey error bars.</summary>
    public static readonly Color FitCurve = Color.FromHex("#D62728");

    public static readonly Color Data = Color.FromHex("#202020");

    public static readonly Color ErrorBars = Color.FromHex("#808080");

    public static readonly Color Histogram = Color.FromHex("#C8C8C8");

    /// <summary>Colour <paramref name="index"/> of the cycle.</summary>
    public static Color Cycle(int index) => Category[index % Category.Length];
}
