// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>The eight-way sums over a fit's points and the finiteness check, at every length around the vector width.</summary>
public class DataSumsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(37)]
    [InlineData(1000)]
    public void SumsEqualTheExactSumsOfIntegers(int n)
    {
        // Small integers: every partial sum is exact, so any order of addition must give the exact total.
        double[] v = Enumerable.Range(0, n).Select(i => (double)(i % 13 - 6)).ToArray();
        double[] s = Enumerable.Range(0, n).Select(i => (double)(i % 3 + 1)).ToArray();
        double squares = 0, weightedSquares = 0, aboutTwo = 0, weightedSum = 0;
        for (int i = 0; i < n; i++)
        {
            squares += v[i] * v[i];
            weightedSquares += s[i] * v[i] * s[i] * v[i];
            aboutTwo += (v[i] - 2) * (v[i] - 2);
            weightedSum += s[i] * s[i] * v[i];
        }
        Assert.Equal(squares, DataSums.SquaresAbout(v, 0, default));
        Assert.Equal(weightedSquares, DataSums.SquaresAbout(v, 0, s));
        Assert.Equal(aboutTwo, DataSums.SquaresAbout(v, 2, default));
        Assert.Equal(weightedSum, DataSums.WeightedSum(v, s));
        Assert.Equal(v.Sum(), DataSums.WeightedSum(v, default));
    }

    [Fact]
    public void SumsOfRandomDataAreWithinRoundingOfACompensatedSum()
    {
        var random = new Random(3);
        double[] v = Enumerable.Range(0, 100_003).Select(_ => 1e3 * (random.NextDouble() - 0.3)).ToArray();
        decimal exact = 0;
        foreach (double x in v)
            exact += (decimal)x * (decimal)x;
        Assert.Equal((double)exact, DataSums.SquaresAbout(v, 0, default), (double)exact * 1e-14);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(1001)]
    [InlineData(1002)]
    public void TheFirstValueThatIsNotFiniteIsFound(int at)
    {
        var v = new double[1003];
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Array.Fill(v, 1.5);
            v[at] = bad;
            v[1002] = double.NaN;
            Assert.Equal(at, DataSums.FirstNonFinite(v));
        }
        Array.Fill(v, -2.0);
        Assert.Equal(-1, DataSums.FirstNonFinite(v));
        Assert.Equal(-1, DataSums.FirstNonFinite([]));
    }
}
