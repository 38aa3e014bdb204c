// SPDX-License-Identifier: MIT
using ModelCompiler;

namespace LifetimeImage;

/// <summary>
/// A synthetic fluorescence-lifetime image: side × side pixels, each a photon-count decay over 64 time channels of
/// 0.25 ns. Round cells (lifetime 3.2 ns) lie on a background (1.1 ns); the illumination falls off across the image, so
/// the pixels' peak counts run from 5,000 in the bright corner to a fraction of a count in the dim one: four decades.
/// </summary>
public static partial class FlimImage
{
    [Model("a*exp(-t/tau) + b")]
    public static partial double Decay(double t, double a, double tau, double b);

    public const double CellLifetime = 3.2, BackgroundLifetime = 1.1, Offset = 2;

    public static readonly double[] Channels = Enumerable.Range(0, 64).Select(i => 0.25 * i).ToArray();

    /// <summary>The cells: centre (in pixels) and radius, as fractions of the side.</summary>
    private static readonly (double X, double Y, double R)[] Cells = [(0.3, 0.3, 0.14), (0.68, 0.35, 0.11), (0.45, 0.72, 0.16)];

    /// <summary>Whether pixel (i, j) lies in a cell.</summary>
    public static bool InCell(int i, int j, int side) =>
        Cells.Any(c => Math.Pow(i / (double)side - c.X, 2) + Math.Pow(j / (double)side - c.Y, 2) < c.R * c.R);

    /// <summary>The decays, pixel p = j·side + i as row p, drawn with Poisson-like noise from a fixed seed.</summary>
    public static double[,] Generate(int side, int seed = 1)
    {
        var random = new Random(seed);
        var y = new double[side * side, Channels.Length];
        for (int j = 0; j < side; j++)
            for (int i = 0; i < side; i++)
            {
                bool cell = InCell(i, j, side);
                double dim = Math.Exp(-7 * (i + j) / (2.0 * side));            // e⁻⁷: three decades from corner to corner
                double amplitude = (cell ? 5000 : 500) * dim;
                double tau = cell ? CellLifetime : BackgroundLifetime;
                for (int k = 0; k < Channels.Length; k++)
                {
                    double mean = amplitude * Math.Exp(-Channels[k] / tau) + Offset;
                    double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    y[j * side + i, k] = Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * gaussian));
                }
            }
        return y;
    }
}
