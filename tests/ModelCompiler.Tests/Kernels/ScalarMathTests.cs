// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler.Kernels;

namespace ModelCompiler.Tests.Kernels;

/// <summary>erf and erfc, which Math lacks, against the C library's values over the range where they are not subnormal.</summary>
public class ScalarMathTests
{
    // x, erf(x), erfc(x) from CPython's math module (glibc), made by Data/erf/make_reference.py.
    public static TheoryData<double, double, double> Reference()
    {
        var data = new TheoryData<double, double, double>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "erf", "erf-reference.csv")).Skip(1))
        {
            var v = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            data.Add(v[0], v[1], v[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Reference))]
    public void ErfAndErfcMatchTheCLibrary(double x, double erf, double erfc)
    {
        Assert.True(RelativeError(ScalarMath.Erf(x), erf) <= 1e-15, $"erf({x}) = {ScalarMath.Erf(x):R}, expected {erf:R}");
        if (erfc >= double.Epsilon * (1L << 52)) // normal numbers only: subnormals have fewer significant bits
            Assert.True(RelativeError(ScalarMath.Erfc(x), erfc) <= 4e-15, $"erfc({x}) = {ScalarMath.Erfc(x):R}, expected {erfc:R}");
    }

    [Fact]
    public void EdgesAreExact()
    {
        Assert.Equal(0.0, ScalarMath.Erf(0));
        Assert.Equal(1.0, ScalarMath.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, ScalarMath.Erf(double.NegativeInfinity));
        Assert.Equal(0.0, ScalarMath.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, ScalarMath.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(ScalarMath.Erf(double.NaN)));
        Assert.True(double.IsNaN(ScalarMath.Erfc(double.NaN)));
        Assert.Equal(-1.0, ScalarMath.Sign(-3));
        Assert.True(double.IsNaN(ScalarMath.Sign(double.NaN)));
    }

    private static double RelativeError(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
}
