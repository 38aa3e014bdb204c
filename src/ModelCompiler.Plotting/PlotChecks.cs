// SPDX-License-Identifier: MIT
namespace ModelCompiler.Plotting;

/// <summary>Argument checks shared by the plots: lengths and finiteness, naming the argument and the index.</summary>
internal static class PlotChecks
{
    public static void Finite(double[] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] is {values[i]}; a plotted value must be finite.", name);
    }

    public static void SameLength(double[] values, int length, string name, string other)
    {
        if (values.Length != length)
            throw new ArgumentException($"{name} has {values.Length} values but {other} has {length}.", name);
    }

    public static void NotEmpty(int count, string name)
    {
        if (count == 0)
            throw new ArgumentException($"{name} is empty; there is nothing to plot.", name);
    }

    /// <summary>Finite values of a curve; non-finite entries become NaN so that the line breaks there instead of failing.</summary>
    public static double[] Breaks(double[] values) => values.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();

    /// <summary>The range of the values with <paramref name="margin"/> of its width on each side (±0.5 for a single value).</summary>
    public static (double Low, double High) Padded(IEnumerable<double> values, double margin)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
                continue;
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }
        if (low > high)
            return (0, 1);
        double pad = high > low ? margin * (high - low) : Math.Max(0.5, Math.Abs(low) * 0.05);
        return (low - pad, high + pad);
    }
}
