// SPDX-License-Identifier: MIT
using ScottPlot;
using SkiaSharp;

namespace ModelCompiler.Plotting.Tests;

/// <summary>A decoded PNG and the questions the tests ask of its pixels.</summary>
internal sealed class Raster : IDisposable
{
    private readonly SKBitmap _bitmap;

    private Raster(SKBitmap bitmap) => _bitmap = bitmap;

    public static Raster Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G',
                    $"{path} is not a PNG file");
        return new Raster(SKBitmap.Decode(bytes) ?? throw new InvalidOperationException($"{path} does not decode"));
    }

    public int Width => _bitmap.Width;
    public int Height => _bitmap.Height;

    public SKColor this[int x, int y] => _bitmap.GetPixel(x, y);

    /// <summary>Euclidean RGB distance.</summary>
    public static double Distance(SKColor a, Color b) =>
        Math.Sqrt(Math.Pow(a.Red - b.Red, 2) + Math.Pow(a.Green - b.Green, 2) + Math.Pow(a.Blue - b.Blue, 2));

    /// <summary>True when a pixel within <paramref name="radius"/> of <paramref name="at"/> is within <paramref name="tolerance"/> of <paramref name="color"/>.</summary>
    public bool HasNear(Pixel at, Color color, int radius = 2, double tolerance = 40)
    {
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                int x = (int)Math.Round(at.X) + dx, y = (int)Math.Round(at.Y) + dy;
                if (x >= 0 && y >= 0 && x < Width && y < Height && Distance(this[x, y], color) <= tolerance)
                    return true;
            }
        }
        return false;
    }

    /// <summary>The number of pixels within <paramref name="tolerance"/> of <paramref name="color"/> inside <paramref name="rect"/>.</summary>
    public int Count(PixelRect rect, Color color, double tolerance = 40)
    {
        int count = 0;
        for (int y = (int)Math.Ceiling(rect.Top); y < (int)rect.Bottom; y++)
            for (int x = (int)Math.Ceiling(rect.Left); x < (int)rect.Right; x++)
                if (Distance(this[x, y], color) <= tolerance)
                    count++;
        return count;
    }

    /// <summary>The share of pixels that are not white.</summary>
    public double InkFraction()
    {
        long ink = 0;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                var c = this[x, y];
                if (c.Red < 250 || c.Green < 250 || c.Blue < 250)
                    ink++;
            }
        return (double)ink / (Width * Height);
    }

    public void Dispose() => _bitmap.Dispose();
}

/// <summary>A temporary folder for each test, removed after it unless MODELCOMPILER_KEEP_PLOTS is set (to look at the images).</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("modelcompiler-plots-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("MODELCOMPILER_KEEP_PLOTS") is null)
            Directory.Delete(Path, recursive: true);
    }
}
