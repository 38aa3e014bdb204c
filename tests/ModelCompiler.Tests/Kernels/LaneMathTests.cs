// SPDX-License-Identifier: MIT
using System.Runtime.Intrinsics;
using ModelCompiler.Kernels;

namespace ModelCompiler.Tests.Kernels;

/// <summary>LaneMath.Exp against Math.Exp, and the property it exists for: no lane depends on another.</summary>
public class LaneMathTests
{
    private static double Ulps(double actual, double expected)
    {
        if (actual == expected)
            return 0;
        double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        return Math.Abs(actual - expected) / ulp;
    }

    [Fact]
    public void ExpIsWithinTwoUlpsOfMathExpAcrossItsRange()
    {
        var random = new Random(3);
        double worst = 0;
        for (int k = 0; k < 200_000; k++)
        {
            var x = new double[8];
            for (int i = 0; i < 8; i++)
                x[i] = k % 3 == 0 ? -745 + 1455 * random.NextDouble() : 40 * (random.NextDouble() - 0.5);
            var wide = LaneMath.Exp(Vector512.Create(x));
            var narrow = LaneMath.Exp(Vector256.Create(x[..4]));
            for (int i = 0; i < 8; i++)
            {
                double expected = Math.Exp(x[i]);
                // Below 2^-1022 the result is subnormal and its ulp is fixed: compare absolutely there.
                double error = expected < 2.2250738585072014e-308 ? Math.Abs(wide[i] - expected) / double.Epsilon : Ulps(wide[i], expected);
                worst = Math.Max(worst, error);
                if (i < 4)
                    Assert.Equal(wide[i], narrow[i]);
            }
        }
        Assert.True(worst <= 2, $"worst error {worst} ulps");
    }

    [Fact]
    public void ExpHandlesTheEdges()
    {
        double[] x = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 709.78, 709.79, -745.13, -745.14, 0];
        var e = LaneMath.Exp(Vector512.Create(x));
        Assert.True(double.IsNaN(e[0]));
        Assert.Equal(double.PositiveInfinity, e[1]);
        Assert.Equal(0, e[2]);
        Assert.True(double.IsFinite(e[3]) && Ulps(e[3], Math.Exp(709.78)) <= 2);
        Assert.Equal(double.PositiveInfinity, e[4]);
        Assert.Equal(Math.Exp(-745.13), e[5]);
        Assert.Equal(0, e[6]);
        Assert.Equal(1, e[7]);
    }

    [Fact]
    public void NoLaneDependsOnAnother()
    {
        // The intrinsics' Exp takes a slower path for the whole vector when one lane is out of range, which moves
        // the other lanes by an ulp; LaneMath's must not.
        var random = new Random(4);
        double[] specials = [1000, -1000, double.NaN, double.PositiveInfinity, 710, -746];
        foreach (double special in specials)
            for (int k = 0; k < 20_000; k++)
            {
                var x = new double[8];
                for (int i = 0; i < 8; i++)
                    x[i] = 40 * (random.NextDouble() - 0.5);
                var alone = LaneMath.Exp(Vector512.Create(x));
                x[k % 8] = special;
                var beside = LaneMath.Exp(Vector512.Create(x));
                for (int i = 0; i < 8; i++)
                    if (i != k % 8)
                        Assert.Equal(BitConverter.DoubleToInt64Bits(alone[i]), BitConverter.DoubleToInt64Bits(beside[i]));
            }
    }
}
