// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Distributed;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Mixtures;

/// <summary>
/// A fit over partitions (each answering from its own points, as machines of a cluster would) equals the fit on one
/// machine with the same partition lengths, to the bit; with one partition it equals the plain fit.
/// </summary>
public class PartitionedFitTests
{
    // Three partitions, the last not a whole number of chunks, and a point count that leaves a short final chunk.
    private static readonly int[] Lengths = [2 * EmEngine.ChunkLength, EmEngine.ChunkLength, 1517];
    private static readonly double[,] Points = SyntheticMixtures.ThreeClusters2D(Lengths.Sum(), seed: 11);

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void GaussianMixtureOverPartitionsEqualsTheFitWithThoseLengths(CovarianceType type)
    {
        GaussianMixtureOptions options = StartFromSample(type) with { Em = new EmOptions { Tolerance = 1e-8, PartitionLengths = Lengths } };
        var local = new GaussianMixture(3, options).Fit(Points);
        var distributed = new GaussianMixture(3, options).Fit(InProcessPartitions.Split(Points, Lengths));

        Assert.True(local.Iterations > 5);
        Assert.Equal(local.FitSummary.LogLikelihoodTrace, distributed.FitSummary.LogLikelihoodTrace);
        Assert.Equal(Bits(local.Weights), Bits(distributed.Weights));
        Assert.Equal(Bits(Flat(local.Means)), Bits(Flat(distributed.Means)));
        Assert.Equal(Bits(local.Covariances), Bits(distributed.Covariances));
        Assert.Equal(Bits(local.PrecisionsCholesky), Bits(distributed.PrecisionsCholesky));
        Assert.Equal(local.LowerBound, distributed.LowerBound);
    }

    [Fact]
    public void OnePartitionEqualsThePlainFit()
    {
        GaussianMixtureOptions options = StartFromSample(CovarianceType.Full) with { Em = new EmOptions { Tolerance = 1e-8 } };
        var plain = new GaussianMixture(3, options).Fit(Points);
        var distributed = new GaussianMixture(3, options).Fit(InProcessPartitions.Split(Points, [Points.GetLength(0)]));
        Assert.Equal(plain.FitSummary.LogLikelihoodTrace, distributed.FitSummary.LogLikelihoodTrace);
        Assert.Equal(Bits(plain.Covariances), Bits(distributed.Covariances));
    }

    [Fact]
    public void PartitionsChangeTheRoundingOnly()
    {
        GaussianMixtureOptions options = StartFromSample(CovarianceType.Full) with { Em = new EmOptions { Tolerance = 1e-8 } };
        var plain = new GaussianMixture(3, options).Fit(Points);
        var partitioned = new GaussianMixture(3, options with { Em = options.Em with { PartitionLengths = Lengths } }).Fit(Points);
        Assert.Equal(plain.LowerBound, partitioned.LowerBound, 1e-12);
        for (int m = 0; m < plain.Covariances.Length; m++)
            Assert.Equal(plain.Covariances[m], partitioned.Covariances[m], 1e-9);
    }

    [Fact]
    public void BleiCaviOverPartitionsEqualsTheFitWithThoseLengths()
    {
        var options = new BleiCaviOptions
        {
            PriorVariance = 25,
            RestartCount = 1,
            InitialMeans = new double[,] { { -1, 1 }, { 1, 1 }, { 0, 3 } },
            PartitionLengths = Lengths,
        };
        BleiCaviResult local = BleiCavi.Fit(Points, 3, options);
        BleiCaviResult distributed = BleiCavi.Fit(InProcessPartitions.Split(Points, Lengths), 3, options);
        Assert.True(local.ElboTrace.Count > 5);
        Assert.Equal(local.ElboTrace, distributed.ElboTrace);
        Assert.Equal(Bits(Flat(local.Means)), Bits(Flat(distributed.Means)));
        Assert.Equal(Bits(local.Variances), Bits(distributed.Variances));
    }

    [Fact]
    public void LengthsThatSplitAChunkAreRefusedByName()
    {
        var options = new GaussianMixtureOptions { Em = new EmOptions { PartitionLengths = [1000, Points.GetLength(0) - 1000] } };
        var error = Assert.Throws<ArgumentException>(() => new GaussianMixture(3, options).Fit(Points));
        Assert.Contains("PartitionLengths[0] = 1000", error.Message);
        var sum = Assert.Throws<ArgumentException>(() =>
            new GaussianMixture(3, new GaussianMixtureOptions { Em = new EmOptions { PartitionLengths = [EmEngine.ChunkLength] } }).Fit(Points));
        Assert.Contains("add up to 2048", sum.Message);
    }

    [Fact]
    public void APartitionedFitNeedsAStart()
    {
        var error = Assert.Throws<ArgumentException>(() => new GaussianMixture(3).Fit(InProcessPartitions.Split(Points, Lengths)));
        Assert.Contains("MeansInit", error.Message);
        var cavi = Assert.Throws<ArgumentException>(() =>
            BleiCavi.Fit(InProcessPartitions.Split(Points, Lengths), 3, new BleiCaviOptions { PriorVariance = 1 }));
        Assert.Contains("InitialMeans", cavi.Message);
    }

    /// <summary>A start as a user would take it: the parameters of a quick fit to the first 500 points.</summary>
    private static GaussianMixtureOptions StartFromSample(CovarianceType type)
    {
        var sample = new double[500, 2];
        for (int i = 0; i < 500; i++)
            for (int j = 0; j < 2; j++)
                sample[i, j] = Points[i, j];
        var quick = new GaussianMixture(3, new GaussianMixtureOptions { CovarianceType = type }).Fit(sample);
        return new GaussianMixtureOptions
        {
            CovarianceType = type,
            WeightsInit = quick.Weights,
            MeansInit = quick.Means,
            PrecisionsInit = quick.Precisions,
        };
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static double[] Flat(double[,] values) => values.Cast<double>().ToArray();
}
