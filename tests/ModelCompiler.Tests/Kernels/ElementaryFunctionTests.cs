// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Runtime.Intrinsics;
using ModelCompiler.Kernels;
using Xunit.Abstractions;

namespace ModelCompiler.Tests.Kernels;

/// <summary>
/// expm1, log1p, log2, cbrt, hypot, min, max and sign in every kernel width, against mpmath's values rounded to
/// double (Data/stable/make_reference.py) and against the scalar .NET functions the scalar kernels call. The
/// vector functions are called whatever the hardware: without it they run in software, as in the probes.
/// </summary>
public class ElementaryFunctionTests(ITestOutputHelper output)
{
    private sealed record Row(string Function, double X, double Y, double Value);

    private static readonly Lazy<Row[]> Rows = new(() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "stable", "stable-reference.csv"))
        .Skip(1)
        .Select(line => line.Split(','))
        .Select(f => new Row(f[0], Parse(f[1]), Parse(f[2]), Parse(f[3])))
        .ToArray());

    /// <summary>
    /// Bounds in ulps of the exact value, scalar then vector: those ScalarMath and VectorMath document, and for the
    /// .NET functions the scalar kernels call (Math.Log2, Math.Cbrt, double.Hypot) what they achieve here. Measured
    /// worst cases (scalar, Vector256, Vector512): expm1 1, 1, 1; log1p 2, 2, 2; log2 0, 1, 1; cbrt 2 (the C
    /// library's), 1, 1; hypot 1, 2, 2.
    /// </summary>
    [Theory]
    [InlineData("expm1", 2, 3)]
    [InlineData("log1p", 2, 3)]
    [InlineData("log2", 1, 1)]
    [InlineData("cbrt", 2, 2)]
    [InlineData("hypot", 1, 2)]
    public void EveryWidthIsWithinItsBoundOfTheExactValue(string function, double scalarUlps, double vectorUlps)
    {
        var rows = Rows.Value.Where(r => r.Function == function).ToArray();
        Assert.True(rows.Length > 100);
        double worstScalar = 0, worst256 = 0, worst512 = 0;
        foreach (var row in rows)
        {
            double scalar = Scalar(function, row.X, row.Y);
            var (v256, v512) = Vectors(function, row.X, row.Y);
            worstScalar = Math.Max(worstScalar, Ulps(scalar, row.Value));
            worst256 = Math.Max(worst256, Ulps(v256, row.Value));
            worst512 = Math.Max(worst512, Ulps(v512, row.Value));
            Assert.True(Ulps(scalar, row.Value) <= scalarUlps, $"scalar {function}({row.X:R}, {row.Y:R}) = {scalar:R}, exact {row.Value:R}");
            Assert.True(Ulps(v256, row.Value) <= vectorUlps, $"Vector256 {function}({row.X:R}, {row.Y:R}) = {v256:R}, exact {row.Value:R}");
            Assert.True(Ulps(v512, row.Value) <= vectorUlps, $"Vector512 {function}({row.X:R}, {row.Y:R}) = {v512:R}, exact {row.Value:R}");
        }
        output.WriteLine($"{function}: worst scalar {worstScalar:F2} ulps, Vector256 {worst256:F2}, Vector512 {worst512:F2} over {rows.Length} arguments");
    }

    /// <summary>
    /// The vector kernels against the scalar .NET functions the scalar kernels call, on random arguments from
    /// subnormal to huge: each side's error against the exact value adds up (measured worst over 200,000: log2 1, cbrt 3, hypot 2).
    /// </summary>
    [Theory]
    [InlineData("log2", 1)]
    [InlineData("cbrt", 3)]
    [InlineData("hypot", 2)]
    [InlineData("min", 0)]
    [InlineData("max", 0)]
    [InlineData("sign", 0)]
    public void VectorKernelsAgreeWithTheScalarDotNetFunctions(string function, double ulps)
    {
        var random = new Random(20261123);
        for (int k = 0; k < 20_000; k++)
        {
            double x = RandomDouble(random), y = RandomDouble(random);
            double expected = function switch
            {
                "log2" => Math.Log2(Math.Abs(x)),
                "cbrt" => Math.Cbrt(x),
                "hypot" => double.Hypot(x, y),
                "min" => Math.Min(x, y),
                "max" => Math.Max(x, y),
                _ => ScalarMath.Sign(x),
            };
            var (v256, v512) = Vectors(function, function == "log2" ? Math.Abs(x) : x, y);
            Assert.True(Ulps(v256, expected) <= ulps, $"Vector256 {function}({x:R}, {y:R}) = {v256:R}, .NET {expected:R}");
            Assert.True(Ulps(v512, expected) <= ulps, $"Vector512 {function}({x:R}, {y:R}) = {v512:R}, .NET {expected:R}");
        }
    }

    [Theory]
    [InlineData("expm1")]
    [InlineData("log1p")]
    [InlineData("log2")]
    [InlineData("cbrt")]
    [InlineData("hypot")]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("sign")]
    public void SpecialValuesAgreeInEveryWidth(string function)
    {
        double[] specials = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -1, 1, double.Epsilon, -double.Epsilon,
                             double.MaxValue, -double.MaxValue, 1e-310, 710, -745];
        foreach (double x in specials)
        {
            foreach (double y in specials)
            {
                double scalar = Scalar(function, x, y);
                var (v256, v512) = Vectors(function, x, y);
                Assert.True(Agree(scalar, v256) && Agree(scalar, v512),
                    $"{function}({x:R}, {y:R}): scalar {scalar:R}, Vector256 {v256:R}, Vector512 {v512:R}");
            }
        }
    }

    [Fact]
    public void DotNetsExpM1AndLogP1CancelNearZeroAndTheseDoNot()
    {
        // mpmath 1.2.1 at 50 digits, rounded to double: expm1(1e-10) = 1.00000000005e-10, log1p(1e-10) = 9.999999999500001e-11.
        Assert.Equal(1.00000000005e-10, ScalarMath.Expm1(1e-10));
        Assert.Equal(9.999999999500001e-11, ScalarMath.Log1p(1e-10));
        Assert.True(Ulps(double.ExpM1(1e-10), 1.00000000005e-10) > 1e5);
        Assert.True(Ulps(double.LogP1(1e-10), 9.999999999500001e-11) > 1e5);
    }

    private static double Scalar(string function, double x, double y) => function switch
    {
        "expm1" => ScalarMath.Expm1(x),
        "log1p" => ScalarMath.Log1p(x),
        "log2" => Math.Log2(x),
        "cbrt" => Math.Cbrt(x),
        "hypot" => double.Hypot(x, y),
        "min" => Math.Min(x, y),
        "max" => Math.Max(x, y),
        "sign" => ScalarMath.Sign(x),
        _ => throw new ArgumentException(function),
    };

    /// <summary>The function in lane 2 of a Vector256 and lane 5 of a Vector512, the other lanes holding other arguments.</summary>
    private static (double V256, double V512) Vectors(string function, double x, double y)
    {
        var x256 = Vector256.Create(0.5, -3, x, 7);
        var y256 = Vector256.Create(2.0, 1, y, -1);
        var x512 = Vector512.Create(0.5, -3, 2, 1e5, 4, x, -0.25, 9);
        var y512 = Vector512.Create(2.0, 1, 3, 1, -1, y, 5, 1);
        var (r256, r512) = function switch
        {
            "expm1" => (VectorMath.Expm1(x256), VectorMath.Expm1(x512)),
            "log1p" => (VectorMath.Log1p(x256), VectorMath.Log1p(x512)),
            "log2" => (VectorMath.Log2(x256), VectorMath.Log2(x512)),
            "cbrt" => (VectorMath.Cbrt(x256), VectorMath.Cbrt(x512)),
            "hypot" => (VectorMath.Hypot(x256, y256), VectorMath.Hypot(x512, y512)),
            "min" => (Vector256.Min(x256, y256), Vector512.Min(x512, y512)),
            "max" => (Vector256.Max(x256, y256), Vector512.Max(x512, y512)),
            "sign" => (VectorMath.Sign(x256), VectorMath.Sign(x512)),
            _ => throw new ArgumentException(function),
        };
        return (r256[2], r512[5]);
    }

    /// <summary>A double with a random sign and a magnitude anywhere from subnormal to huge.</summary>
    private static double RandomDouble(Random random) =>
        (random.Next(2) == 0 ? -1 : 1) * Math.ScaleB(1 + random.NextDouble(), random.Next(-1074, 1024));

    /// <summary>|actual − exact| in units of the last place of exact; 0 for equal values (both NaN, equal infinities).</summary>
    private static double Ulps(double actual, double exact)
    {
        if (actual.Equals(exact))
            return 0;
        if (!double.IsFinite(actual) || !double.IsFinite(exact))
            return double.PositiveInfinity;
        double ulp = Math.BitIncrement(Math.Abs(exact)) - Math.Abs(exact);
        return Math.Abs(actual - exact) / ulp;
    }

    /// <summary>The same NaN, infinity or zero (of either sign), else within 3 ulps.</summary>
    private static bool Agree(double scalar, double vector) =>
        scalar.Equals(vector) || (scalar == 0 && vector == 0) || (double.IsFinite(scalar) && scalar != 0 && Ulps(vector, scalar) <= 3);

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
