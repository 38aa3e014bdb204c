// SPDX-License-Identifier: MIT
namespace ModelCompiler.Tests.Mixtures;

/// <summary>The reference README's comparisons: norm-wise max|a − b| / max|b| and relative scalars.</summary>
internal static class Assertions
{
    public static void NormWise(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0, maxRef = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.False(double.IsNaN(actual[i]), $"{what}[{i}] is NaN");
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs(expected[i]));
        }
        double rel = maxDiff / maxRef;
        Assert.True(rel <= tolerance, $"{what}: norm-wise relative difference {rel:E3} > {tolerance:E1}");
    }

    public static void Relative(double expected, double actual, double tolerance, string what)
    {
        double rel = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(rel <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative {rel:E3} > {tolerance:E1})");
    }

    public static double[] Flatten(double[,] m)
    {
        var flat = new double[m.Length];
        int p = 0;
        foreach (double v in m)
            flat[p++] = v;
        return flat;
    }
}
