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

    /// <summary>
    /// Long arrays are summed by fixed chunks added in chunk order: the same bits on one thread, two, or every core,
    /// within rounding of the exact sum; one chunk's worth sums as the span version does.
    /// </summary>
    [Fact]
    public void ChunkedSumsAreTheSameOnAnyNumberOfThreads()
    {
        var random = new Random(5);
        int n = 3 * DataSums.ChunkLength + 17;
        double[] v = Enumerable.Range(0, n).Select(_ => 1e3 * (random.NextDouble() - 0.3)).ToArray();
        double[] w = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray();
        decimal exactSquares = 0, exactWeighted = 0;
        for (int i = 0; i < n; i++)
        {
            exactSquares += ((decimal)v[i] - 2) * ((decimal)v[i] - 2) * (decimal)w[i] * (decimal)w[i];
            exactWeighted += (decimal)v[i] * (decimal)w[i] * (decimal)w[i];
        }
        double squares = DataSums.SquaresAbout(v, 2, w, 1), weighted = DataSums.WeightedSum(v, w, 1);
        Assert.Equal((double)exactSquares, squares, (double)exactSquares * 1e-14);
        Assert.Equal((double)exactWeighted, weighted, Math.Abs((double)exactWeighted) * 1e-12);
        foreach (int? workers in new int?[] { 2, 3, null })
        {
            Assert.Equal(squares, DataSums.SquaresAbout(v, 2, w, workers));
            Assert.Equal(weighted, DataSums.WeightedSum(v, w, workers));
        }
        double[] one = v[..DataSums.ChunkLength];
        Assert.Equal(DataSums.SquaresAbout(one.AsSpan(), 0, default), DataSums.SquaresAbout(one, 0, null, null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(200_000)]
    [InlineData(262_160)]
    public void TheFirstValueThatIsNotFiniteIsFoundAcrossChunks(int at)
    {
        var v = new double[4 * DataSums.ChunkLength + 17];
        Array.Fill(v, 1.5);
        Assert.Equal(-1, DataSums.FirstNonFinite(v, null));
        v[at] = double.NaN;
        v[^1] = double.PositiveInfinity;
        foreach (int? workers in new int?[] { 1, 2, null })
            Assert.Equal(at, DataSums.FirstNonFinite(v, workers));
    }
}
