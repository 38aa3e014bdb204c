// SPDX-License-Identifier: MIT
namespace ModelCompiler.Columnar.Tests;

/// <summary>Decay curves with noise from a fixed seed, the x they share, and a model for them.</summary>
public static partial class Curves
{
    [Model("a*exp(-k*t) + c")]
    public static partial double Decay(double t, double a, double k, double c);

    public const int Points = 24;

    public static readonly double[] Start = [1, 0.5, 0];

    public static double[] X { get; } = [.. Enumerable.Range(0, Points).Select(i => 0.25 * i)];

    /// <summary><paramref name="count"/> curves, row c = a·e^(−k·t) + c + noise with a, k, c varying by curve.</summary>
    public static double[,] Make(int count, int seed = 7)
    {
        var random = new Random(seed);
        var y = new double[count, Points];
        for (int c = 0; c < count; c++)
        {
            double a = 1 + random.NextDouble(), k = 0.3 + random.NextDouble(), offset = 0.2 * random.NextDouble();
            for (int i = 0; i < Points; i++)
                y[c, i] = a * Math.Exp(-k * X[i]) + offset + 0.01 * (random.NextDouble() - 0.5);
        }
        return y;
    }

    /// <summary>Each point's σ, Poisson-like (√y), scaled by curve so that the weights matter.</summary>
    public static double[,] Sigma(double[,] y)
    {
        var sigma = new double[y.GetLength(0), y.GetLength(1)];
        for (int c = 0; c < y.GetLength(0); c++)
            for (int i = 0; i < y.GetLength(1); i++)
                sigma[c, i] = Math.Sqrt(Math.Abs(y[c, i]) + 0.01) * (1 + 0.1 * i) / (1 + c % 4);
        return sigma;
    }

    /// <summary>
    /// <paramref name="count"/> curves each on its own time axis (row c of X, stretched by curve and jittered), and their
    /// values as <see cref="Make"/> draws them.
    /// </summary>
    public static (double[,] X, double[,] Y) MakeOnOwnX(int count, int seed = 9)
    {
        var random = new Random(seed);
        var x = new double[count, Points];
        var y = new double[count, Points];
        for (int c = 0; c < count; c++)
        {
            double a = 1 + random.NextDouble(), k = 0.3 + random.NextDouble(), offset = 0.2 * random.NextDouble();
            double stretch = 0.7 + 0.6 * random.NextDouble();
            for (int i = 0; i < Points; i++)
            {
                x[c, i] = stretch * X[i] + 0.02 * random.NextDouble();
                y[c, i] = a * Math.Exp(-k * x[c, i]) + offset + 0.01 * (random.NextDouble() - 0.5);
            }
        }
        return (x, y);
    }

    /// <summary>The in-memory batch fit of curves on their own x that the streamed ones must equal.</summary>
    public static LeastSquares.BatchFitResult FitInMemoryOnOwnX(double[,] x, double[,] y, double[,]? sigma = null) =>
        CurveFit.FitMany<DecayModel>(x, y, new double[,] { { Start[0], Start[1], Start[2] } },
                                     sigma is null ? null : new LeastSquares.BatchFitSetup { Sigma = sigma });

    /// <summary>The in-memory batch fit the streamed ones must equal.</summary>
    public static LeastSquares.BatchFitResult FitInMemory(double[,] y, double[,]? sigma = null) =>
        CurveFit.FitMany<DecayModel>(X, y, Start, sigma is null ? null : new LeastSquares.BatchFitSetup { Sigma = sigma });

    public static double[,] Rows(double[,] y, int first, int count)
    {
        var rows = new double[count, y.GetLength(1)];
        for (int r = 0; r < count; r++)
            for (int i = 0; i < y.GetLength(1); i++)
                rows[r, i] = y[first + r, i];
        return rows;
    }
}
