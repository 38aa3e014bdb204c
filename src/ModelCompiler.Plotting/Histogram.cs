// SPDX-License-Identifier: MIT
namespace ModelCompiler.Plotting;

/// <summary>A histogram with equal bins, normalized to unit area (numpy's <c>histogram(density=True)</c>).</summary>
internal sealed class Histogram
{
    private Histogram(double low, double width, double[] densities)
    {
        Low = low;
        Width = width;
        Densities = densities;
    }

    public double Low { get; }
    public double Width { get; }
    public double[] Densities { get; }
    public int Count => Densities.Length;
    public double Center(int bin) => Low + (bin + 0.5) * Width;

    public static Histogram Of(double[] data, int? bins)
    {
        double low = data.Min(), high = data.Max();
        int count = bins ?? AutoBins(data, low, high);
        if (high == low)
        {
            low -= 0.5;
            high += 0.5;
        }
        double width = (high - low) / count;
        var counts = new double[count];
        foreach (double v in data)
            counts[Math.Min(count - 1, (int)((v - low) / width))]++;
        double scale = 1 / (data.Length * width);
        return new Histogram(low, width, counts.Select(c => c * scale).ToArray());
    }

    /// <summary>numpy's "auto": the larger of the Sturges and the Freedman–Diaconis bin counts, here at most 200.</summary>
    private static int AutoBins(double[] data, double low, double high)
    {
        int n = data.Length;
        int sturges = (int)Math.Ceiling(Math.Log2(n)) + 1;
        double[] sorted = [.. data];
        Array.Sort(sorted);
        double iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        int fd = iqr > 0 && high > low ? (int)Math.Ceiling((high - low) / (2 * iqr / Math.Cbrt(n))) : 1;
        return Math.Clamp(Math.Max(sturges, fd), 1, 200);
    }

    /// <summary>Linear interpolation between order statistics (numpy's default quantile).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
