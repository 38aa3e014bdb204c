// SPDX-License-Identifier: MIT
namespace ModelCompiler.Benchmarks;

/// <summary>
/// The benchmark problem: two Gaussian peaks p0·exp(−(x−p2)²/(2p4²)) + p1·exp(−(x−p3)²/(2p5²)) with
/// p = (3, 2, 3, 7, 1, 0.8) on x evenly spaced over [0, 10], plus N(0, 0.05²) noise from SplitMix64
/// and Box–Muller with a fixed seed. benchmarks/peers/two_gaussians_curve_fit.py generates the same
/// points with the same arithmetic.
/// </summary>
public static class TwoGaussiansData
{
    public static readonly double[] TrueParameters = [3, 2, 3, 7, 1, 0.8];
    public static readonly double[] Start = [2.5, 2.5, 2.8, 7.3, 1.2, 0.9];
    public const double NoiseSigma = 0.05;
    public const ulong Seed = 20240601;

    public static (double[] X, double[] Y) Generate(int n)
    {
        var x = new double[n];
        var y = new double[n];
        ulong state = Seed;
        double[] p = TrueParameters;
        for (int i = 0; i < n; i++)
        {
            x[i] = 10.0 * i / (n - 1);
            double u1 = 1.0 - (Next(ref state) >> 11) * (1.0 / 9007199254740992.0); // (0, 1]
            double u2 = (Next(ref state) >> 11) * (1.0 / 9007199254740992.0);
            double noise = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            double d1 = x[i] - p[2], d2 = x[i] - p[3];
            y[i] = p[0] * Math.Exp(-d1 * d1 / (2 * p[4] * p[4])) + p[1] * Math.Exp(-d2 * d2 / (2 * p[5] * p[5])) + NoiseSigma * noise;
        }
        return (x, y);
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
