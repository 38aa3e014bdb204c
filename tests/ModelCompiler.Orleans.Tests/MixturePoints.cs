// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Distributed;

namespace ModelCompiler.Orleans.Tests;

public static partial class TestModels
{
    /// <summary>Two regression planes, linear in their parameters.</summary>
    [Model("a + b*u + c*v"), MixtureModel(Components = 2)]
    public static partial double Planes([Variable] double u, [Variable] double v, double a, double b, double c);
}

/// <summary>Seeded points for the mixture fits, written as one point file per partition.</summary>
public static class MixturePoints
{
    /// <summary>Four partitions: whole chunks, then a short last one.</summary>
    public static readonly int[] Lengths = [2 * EmEngine.ChunkLength, EmEngine.ChunkLength, EmEngine.ChunkLength, 1234];

    /// <summary>Points from three overlapping 2-D Gaussians (weights 0.5, 0.3, 0.2).</summary>
    public static double[,] Clusters(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, 2];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble(), z0 = Normal(random), z1 = Normal(random);
            (double mx, double my, double a, double b, double c) = u < 0.5 ? (0.0, 0.0, 1.5, 0.8, 0.6) : u < 0.8 ? (4.0, 3.0, 0.7, -0.4, 1.2) : (-3.0, 4.0, 1.0, 0.0, 0.5);
            x[i, 0] = mx + a * z0;
            x[i, 1] = my + b * z0 + c * z1;
        }
        return x;
    }

    /// <summary>Rows (u, v, y) on two planes y = 1 + 2u − v and y = −2 + 0.5u + 3v with σ = 0.3.</summary>
    public static double[,] Planes(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new double[n, 3];
        for (int i = 0; i < n; i++)
        {
            double u = 10 * random.NextDouble(), v = 10 * random.NextDouble();
            rows[i, 0] = u;
            rows[i, 1] = v;
            rows[i, 2] = (random.NextDouble() < 0.4 ? 1 + 2 * u - v : -2 + 0.5 * u + 3 * v) + 0.3 * Normal(random);
        }
        return rows;
    }

    /// <summary>Writes consecutive partitions of <paramref name="rows"/> as point files; returns their paths.</summary>
    public static string[] Write(double[,] rows, string folder, IReadOnlyList<int> lengths)
    {
        int d = rows.GetLength(1), start = 0;
        var paths = new string[lengths.Count];
        for (int p = 0; p < lengths.Count; p++)
        {
            var part = new double[lengths[p], d];
            for (int i = 0; i < lengths[p]; i++)
                for (int j = 0; j < d; j++)
                    part[i, j] = rows[start + i, j];
            start += lengths[p];
            paths[p] = Path.Combine(folder, $"part-{p}.points");
            PointFile.Write(paths[p], part);
        }
        return paths;
    }

    public static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
