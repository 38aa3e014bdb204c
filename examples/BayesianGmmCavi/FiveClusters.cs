// SPDX-License-Identifier: MIT
namespace BayesianGmmCavi;

/// <summary>
/// The example's data and settings: five unit-variance clusters at 1, 5, 7, 9 and 15 with 1,000
/// points each, drawn from a seeded generator, and the CAVI settings the example uses.
/// </summary>
public static class FiveClusters
{
    public static readonly double[] TrueMeans = [1, 5, 7, 9, 15];
    public const int PointsPerCluster = 1000;
    public const int Seed = 2017;
    public const int Restarts = 5;

    /// <summary>σ² of the prior μₖ ~ N(0, σ²): wide enough (σ = 10) not to pull means toward 0 on data up to 15.</summary>
    public const double PriorVariance = 100;

    /// <summary>The 5,000 points as a 5000×1 matrix, cluster by cluster.</summary>
    public static double[,] Generate()
    {
        var random = new Random(Seed);
        var x = new double[TrueMeans.Length * PointsPerCluster, 1];
        int row = 0;
        foreach (double mean in TrueMeans)
            for (int i = 0; i < PointsPerCluster; i++)
                x[row++, 0] = mean + StandardNormal(random);
        return x;
    }

    /// <summary>Box–Muller, one value per pair of uniforms, so the stream is a pure function of the seed.</summary>
    private static double StandardNormal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
