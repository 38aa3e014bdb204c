// SPDX-License-Identifier: MIT
using System.Runtime.Intrinsics;
using ModelCompiler.Kernels;

namespace ModelCompiler.Tests.Kernels;

/// <summary>
/// The kernels' vector exp and log against Math's (the C library's, correctly rounded in all but rare cases): within
/// one ulp everywhere, exact at the edges, and the same bits lane for lane at both vector widths whatever the other
/// lanes hold, which is what makes a fit's result independent of how its kernels were compiled.
/// </summary>
public class VectorMathTests
{
    private static readonly double[] ExpEdges =
    [
        0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 1e-17, -1e-17, 1, -1, 0.5, -0.5,
        Math.Log(2) / 2, -Math.Log(2) / 2, 0.34657359027997264, 709.782712893384, 709.7827128933841, 709.78, 709, 710, 720,
        -708.3964185322641, -708.4, -709, -720, -744.44007192138122, -745.1332191019411, -745.1332191019412, -746, -800,
        double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    private static readonly double[] LogEdges =
    [
        1, 1 + Math.ScaleB(1, -52), 1 - Math.ScaleB(1, -53), 2, 0.5, Math.E, 0.70710678118654746, 0.70710678118654757,
        1.4142135623730949, 1.4142135623730951, double.Epsilon, 2 * double.Epsilon, 1e-310, 2.2250738585072009e-308,
        2.2250738585072014e-308, double.MaxValue, 1e300, 1e-300, 0, -0.0, -1, -double.Epsilon, double.NegativeInfinity,
        double.PositiveInfinity, double.NaN,
    ];

    [Fact]
    public void ExpIsWithinOneUlpOfMath()
    {
        var random = new Random(20250917);
        var x = new double[200_000];
        for (int i = 0; i < x.Length; i++)
            x[i] = i % 4 == 0 ? (random.NextDouble() - 0.5) * 1e-6 // near 0, where e^x − 1 is the interesting part
                 : i % 4 == 1 ? (random.NextDouble() - 0.5) * 4
                 : -746 + 1456 * random.NextDouble();
        AssertWithinOneUlp("Exp", [.. x, .. ExpEdges], VectorMath.Exp, VectorMath.Exp, Math.Exp);
    }

    [Fact]
    public void LogIsWithinOneUlpOfMath()
    {
        var random = new Random(20250918);
        var x = new double[200_000];
        for (int i = 0; i < x.Length; i++)
            x[i] = i % 4 == 0 ? 1 + (random.NextDouble() - 0.5) * 1e-3 // near 1, where log x is small
                 : i % 4 == 1 ? BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x000FFFFFFFFFFFFF)) // subnormal
                 : Math.ScaleB(0.5 + random.NextDouble(), random.Next(-1022, 1024));
        AssertWithinOneUlp("Log", [.. x, .. LogEdges], VectorMath.Log, VectorMath.Log, Math.Log);
    }

    [Fact]
    public void EdgesAreExact()
    {
        foreach (double x in ExpEdges.Where(v => !double.IsFinite(v) || v is 0 or <= -746 or >= 710))
            AssertSameBits(Math.Exp(x), VectorMath.Exp(Vector256.Create(x))[0], $"Exp({x:R})");
        foreach (double x in LogEdges.Where(v => !double.IsFinite(v) || v <= 0 || v == 1))
            AssertSameBits(Math.Log(x), VectorMath.Log(Vector256.Create(x))[0], $"Log({x:R})");
    }

    [Fact]
    public void EachLaneDependsOnItsOwnArgumentAlone()
    {
        // The framework's Exp sends a whole vector to its scalar fallback when one lane is large; these must not.
        double[] small = [0.0013899897860316513, -2.0425763479632213, 29.04376738194547, 0.11604612000102432];
        foreach (double neighbour in (double[])[0, 800, -800, 1e20, double.NaN, double.PositiveInfinity])
        {
            for (int lane = 0; lane < 8; lane++)
            {
                var values = Enumerable.Repeat(neighbour, 8).ToArray();
                values[lane] = small[lane % small.Length];
                double alone = VectorMath.Exp(Vector256.Create(values[lane]))[0];
                AssertSameBits(alone, VectorMath.Exp(Vector512.Create(values))[lane], $"Exp lane {lane} beside {neighbour}");
                AssertSameBits(alone, VectorMath.Exp(Vector256.Create(values.AsSpan(lane / 4 * 4, 4)))[lane % 4], $"Exp lane {lane} beside {neighbour}");
                double log = VectorMath.Log(Vector256.Create(Math.Abs(values[lane])))[0];
                AssertSameBits(log, VectorMath.Log(Vector512.Abs(Vector512.Create(values)))[lane], $"Log lane {lane} beside {neighbour}");
            }
        }
    }

    [Fact]
    public void ShortPathsGiveTheGeneralBitsWhereTheyServeAndMarkExactlyTheOtherLanes()
    {
        var random = new Random(20261130);
        double[] x = [.. ExpEdges, .. LogEdges, .. Enumerable.Range(0, 4000).Select(_ => -1500 + 3000 * random.NextDouble()),
                      .. Enumerable.Range(0, 4000).Select(_ => Math.ScaleB(random.NextDouble(), random.Next(-1080, 1030)))];
        Array.Resize(ref x, (x.Length + 7) / 8 * 8);
        for (int i = 0; i < x.Length; i += 8)
        {
            var v = Vector512.Create(x.AsSpan(i, 8));
            Vector512<double> expMarks = Vector512<double>.Zero, logMarks = Vector512<double>.Zero;
            Vector256<double> expMarks256 = Vector256<double>.Zero, logMarks256 = Vector256<double>.Zero;
            var exp = VectorMath.ExpInRange(v, ref expMarks);
            var log = VectorMath.LogInRange(v, ref logMarks);
            var exp256 = VectorMath.ExpInRange(v.GetLower(), ref expMarks256);
            var log256 = VectorMath.LogInRange(v.GetLower(), ref logMarks256);
            for (int k = 0; k < 8; k++)
            {
                double value = x[i + k];
                bool expServes = Math.Abs(value) <= 708, logServes = value >= 2.2250738585072014e-308 && value <= double.MaxValue;
                Assert.True(expServes == (expMarks[k] == 0), $"ExpInRange({value:R}) marked {!expServes}");
                Assert.True(logServes == (logMarks[k] == 0), $"LogInRange({value:R}) marked {!logServes}");
                if (expServes)
                    AssertSameBits(VectorMath.Exp(Vector256.Create(value))[0], exp[k], $"ExpInRange({value:R})");
                if (logServes)
                    AssertSameBits(VectorMath.Log(Vector256.Create(value))[0], log[k], $"LogInRange({value:R})");
                if (k < 4)
                {
                    Assert.True(expServes == (expMarks256[k] == 0), $"ExpInRange({value:R}) at 256 bits marked {!expServes}");
                    Assert.True(logServes == (logMarks256[k] == 0), $"LogInRange({value:R}) at 256 bits marked {!logServes}");
                    if (expServes)
                        AssertSameBits(exp[k], exp256[k], $"ExpInRange({value:R}) at 256 bits");
                    if (logServes)
                        AssertSameBits(log[k], log256[k], $"LogInRange({value:R}) at 256 bits");
                }
            }
        }
    }

    [Fact]
    public void SinAndCosAreMathsLaneForLane()
    {
        double[] x = [0, 1e-300, 0.5, -3, 1e5, 6e5, -1e22, double.NaN, double.PositiveInfinity, 2.5e8, 1, 7];
        for (int i = 0; i + 8 <= x.Length; i += 4)
        {
            var v = Vector512.Create(x.AsSpan(i, 8));
            for (int k = 0; k < 8; k++)
            {
                AssertSameBits(Math.Sin(x[i + k]), VectorMath.Sin(v)[k], $"Sin({x[i + k]:R})");
                AssertSameBits(Math.Cos(x[i + k]), VectorMath.Cos(v)[k], $"Cos({x[i + k]:R})");
                if (k < 4)
                {
                    AssertSameBits(Math.Sin(x[i + k]), VectorMath.Sin(v.GetLower())[k], $"Sin({x[i + k]:R}) at 256 bits");
                    AssertSameBits(Math.Cos(x[i + k]), VectorMath.Cos(v.GetLower())[k], $"Cos({x[i + k]:R}) at 256 bits");
                }
            }
        }
    }

    private static void AssertWithinOneUlp(string name, double[] x, Func<Vector256<double>, Vector256<double>> f256,
                                           Func<Vector512<double>, Vector512<double>> f512, Func<double, double> reference)
    {
        Array.Resize(ref x, (x.Length + 7) / 8 * 8);
        for (int i = 0; i < x.Length; i += 8)
        {
            var wide = f512(Vector512.Create(x.AsSpan(i, 8)));
            var lower = f256(Vector256.Create(x.AsSpan(i, 4)));
            var upper = f256(Vector256.Create(x.AsSpan(i + 4, 4)));
            for (int k = 0; k < 8; k++)
            {
                double expected = reference(x[i + k]), actual = wide[k];
                if (UlpDistance(actual, k < 4 ? lower[k] : upper[k - 4]) != 0)
                    Assert.Fail($"{name}({x[i + k]:R}) differs at 512 and 256 bits");
                long ulps = UlpDistance(expected, actual);
                if (ulps > 1)
                    Assert.Fail($"{name}({x[i + k]:R}) = {actual:R}, Math gives {expected:R} ({ulps} ulps apart)");
            }
        }
    }

    /// <summary>How many doubles lie between the two, counting one of them; 0 for equal values or two NaNs.</summary>
    private static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
            return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        if (a == b)
            return 0;
        static long Ordered(double v)
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            return bits < 0 ? long.MinValue - bits : bits;
        }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    private static void AssertSameBits(double expected, double actual, string what)
        => Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
                       || (double.IsNaN(expected) && double.IsNaN(actual)),
                       $"{what}: expected {expected:R}, got {actual:R}");
}
