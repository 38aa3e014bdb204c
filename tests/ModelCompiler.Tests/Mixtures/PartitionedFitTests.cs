// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Distributed;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.Tests.Mixtures.Regression;
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
    public void PartitionsThatNoFitOnOneMachineSumsLikeAreRefused()
    {
        // Partitions of 3000, 3000 and the rest were fitted without a word, to bits no fit on one machine gives (it refuses
        // those lengths), and options' PartitionLengths that contradicted the data were ignored (probe 11).
        GaussianMixtureOptions options = StartFromSample(CovarianceType.Full);
        int n = Points.GetLength(0);
        var odd = Assert.Throws<ArgumentException>(() => new GaussianMixture(3, options).Fit(InProcessPartitions.Split(Points, [3000, n - 3000])));
        Assert.Contains("Partition 0 holds 3000 points: every partition but the last must hold a multiple of 2048", odd.Message);
        var contradicting = Assert.Throws<ArgumentException>(() =>
            new GaussianMixture(3, options with { Em = options.Em with { PartitionLengths = [n] } }).Fit(InProcessPartitions.Split(Points, Lengths)));
        Assert.Contains("are not the data's partitions", contradicting.Message);
        var cavi = Assert.Throws<ArgumentException>(() => BleiCavi.Fit(InProcessPartitions.Split(Points, [3000, n - 3000]), 3,
                                                                       new BleiCaviOptions { PriorVariance = 10, Seed = 1 }));
        Assert.Contains("Partition 0 holds 3000 points", cavi.Message);
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

    /// <param name="offset">Added to u: near 1.7e9 the fit runs in its changed basis (DesignConditioning), whose sums
    /// the partitions form too.</param>
    [Theory]
    [InlineData(0)]
    [InlineData(1.7e9)]
    public void RegressionMixtureOverPartitionsEqualsTheFitWithThoseLengths(double offset)
    {
        (double[] x, double[] y) = TwoPlanes(Lengths.Sum(), seed: 3);
        for (int i = 0; i < y.Length; i++)
            x[i] += offset;
        var options = new RegressionMixtureOptions
        {
            InitialWeights = [0.5, 0.5],
            InitialParameters = new double[,] { { -offset, 1, 0 }, { 1, 0, 1 } },
            InitialScales = [1, 1],
            Tolerance = 1e-12,
            PartitionLengths = Lengths,
        };
        var local = RegressionMixture.Fit<RegressionModels.PlanesMixture, RegressionModels.PlanesModel>(x, y, options);
        var distributed = RegressionMixture.Fit<RegressionModels.PlanesMixture, RegressionModels.PlanesModel>(
            InProcessPartitions.Split(Columns(x, y), Lengths), options);

        Assert.True(local.Iterations > 5);
        Assert.Equal(EmTermination.Converged, local.Termination);
        Assert.Equal(local.LogLikelihoodTrace, distributed.LogLikelihoodTrace);
        Assert.Equal(local.LogLikelihood, distributed.LogLikelihood);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(Bits(local.Components[c].Parameters), Bits(distributed.Components[c].Parameters));
            Assert.Equal(Bits(local.Components[c].StandardErrors), Bits(distributed.Components[c].StandardErrors));
            Assert.Equal(local.Components[c].Scale, distributed.Components[c].Scale);
            Assert.Equal(local.Components[c].Weight, distributed.Components[c].Weight);
        }
        Assert.Equal(0, distributed.Responsibilities.GetLength(0));
        // The planes are recovered: a + b·u + c·v with (1, 2, −1) and (−2, 0.5, 3), σ = 0.3 (the generator's);
        // with u shifted, a + b·offset is the intercept at u = 0.
        double[] first = local.Components.MinBy(c => c.Parameters[1])!.Parameters;
        Assert.Equal([-2, 0.5, 3], new[] { first[0] + first[1] * offset, first[1], first[2] }.Select(v => Math.Round(v, 1)).ToArray());
    }

    [Fact]
    public void ARegressionOverPartitionsIsRefusedWhereItsMStepNeedsEveryPoint()
    {
        (double[] x, double[] y) = TwoPlanes(100, seed: 1);
        var start = new RegressionMixtureOptions
        {
            InitialWeights = [0.5, 0.5], InitialParameters = new double[,] { { 0, 1 }, { 1, 0 } }, InitialScales = [1, 1],
        };
        var laplace = Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<RegressionModels.LaplaceLineMixture, RegressionModels.LaplaceLineModel>(
                InProcessPartitions.Split(Columns(x.Take(100).ToArray(), y), [100]), start));
        Assert.Contains("Laplace noise", laplace.Message);
        var columns = Assert.Throws<ArgumentException>(() =>
            RegressionMixture.Fit<RegressionModels.PlanesMixture, RegressionModels.PlanesModel>(
                InProcessPartitions.Split(Columns(x.Take(100).ToArray(), y), [100]), start));
        Assert.Contains("needs 2 variable(s) and then y", columns.Message);
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

    /// <summary>Points on two planes y = a + b·u + c·v with Gaussian noise σ = 0.3, u and v uniform on [0, 10].</summary>
    private static (double[] X, double[] Y) TwoPlanes(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[2 * n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = 10 * random.NextDouble(), v = 10 * random.NextDouble();
            x[i] = u;
            x[n + i] = v;
            y[i] = (random.NextDouble() < 0.4 ? 1 + 2 * u - v : -2 + 0.5 * u + 3 * v) + 0.3 * SyntheticMixtures.Normal(random);
        }
        return (x, y);
    }

    /// <summary>The rows a partition of a regression holds: the variables (column-major x), then y.</summary>
    private static double[,] Columns(double[] x, double[] y)
    {
        int n = y.Length, v = x.Length / n;
        var rows = new double[n, v + 1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < v; j++)
                rows[i, j] = x[j * n + i];
            rows[i, v] = y[i];
        }
        return rows;
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static double[] Flat(double[,] values) => values.Cast<double>().ToArray();
}
