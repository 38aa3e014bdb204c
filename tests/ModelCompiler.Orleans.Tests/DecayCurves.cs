// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Orleans.Tests;

public static partial class TestModels
{
    /// <summary>A mono-exponential decay on a background.</summary>
    [Model("a*exp(-t/tau) + b")]
    public static partial double Decay(double t, double a, double tau, double b);
}

/// <summary>Noisy decays at t = 0…7 with random amplitudes, lifetimes and backgrounds, drawn from a fixed seed.</summary>
public static class DecayCurves
{
    public static readonly double[] X = [0, 1, 2, 3, 4, 5, 6, 7];
    public static readonly double[] Initial = [100, 2, 5];

    public static double[,] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var y = new double[count, X.Length];
        for (int c = 0; c < count; c++)
        {
            double a = 50 + 100 * random.NextDouble(), tau = 1 + 3 * random.NextDouble(), b = 10 * random.NextDouble();
            for (int i = 0; i < X.Length; i++)
            {
                double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                y[c, i] = a * Math.Exp(-X[i] / tau) + b + 0.5 * noise;
            }
        }
        return y;
    }

    /// <summary>Writes the curves to a new file in <paramref name="directory"/> and returns its path.</summary>
    public static string WriteFile(string directory, double[,] y, string name = "curves.f64")
    {
        string path = Path.Combine(directory, name);
        using var stream = File.Create(path);
        BinaryCurveReader.Write(stream, y);
        return path;
    }
}

/// <summary>A folder under the temp path, deleted with its contents at the end.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("modelcompiler-orleans-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Reports at once, on the reporting thread.</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
