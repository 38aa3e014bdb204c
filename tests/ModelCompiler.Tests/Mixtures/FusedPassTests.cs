// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Tests.Mixtures;

/// <summary>
/// The fused mixture passes against the kernels they replace in the fits (density, log-sum-exp and statistics over
/// the chunk, one after the other) and against direct sums; and the lane exponential they share.
/// </summary>
public sealed class FusedPassTests
{
    [Theory]
    [InlineData(CovarianceType.Full, 1)]
    [InlineData(CovarianceType.Full, 2)]
    [InlineData(CovarianceType.Full, 3)]
    [InlineData(CovarianceType.Full, 5)]
    [InlineData(CovarianceType.Tied, 2)]
    [InlineData(CovarianceType.Tied, 4)]
    [InlineData(CovarianceType.Diagonal, 1)]
    [InlineData(CovarianceType.Diagonal, 3)]
    [InlineData(CovarianceType.Spherical, 2)]
    public void Fused_Gaussian_pass_agrees_with_the_separate_kernels(CovarianceType type, int d)
    {
        const int n = 61, k = 4, start = 3;
        var random = new Random(10 * d + (int)type);
        var columns = Enumerable.Range(0, n * d).Select(_ => 2 + 3 * SyntheticMixtures.Normal(random)).ToArray();
        var data = ColumnData.FromColumns(columns, n, d);
        var components = RandomComponents(type, k, d, random);
        bool full = components.FullMatrix;
        int block = FusedGaussianPass.BlockLength(full, d);
        // 58 points from point 3: vectors of every width and a scalar tail.
        foreach (int length in new[] { n - start, 13, 5, 1 })
        {
            var fused = new double[k * block];
            var scratch = new double[FusedGaussianPass.ScratchLength(k, d, block)];
            (double logLikelihood, double entropy) = FusedGaussianPass.Run(data, components, start, length, fused, scratch, entropy: true);

            var logDensity = new double[k * length];
            for (int c = 0; c < k; c++)
            {
                Span<double> output = logDensity.AsSpan(c * length, length);
                ReadOnlySpan<double> mean = components.Means.AsSpan(c * d, d);
                ReadOnlySpan<double> factor = components.Factors.AsSpan(c * components.FactorStride, full ? d * d : d);
                if (full)
                    GaussianDensityKernels.Full(columns, n, d, start, length, mean, factor, components.Constants[c], output);
                else
                    GaussianDensityKernels.Diagonal(columns, n, d, start, length, mean, factor, components.Constants[c], output);
            }
            var responsibilities = (double[])logDensity.Clone();
            var lse = new double[length];
            double expectedLogLikelihood = LogSumExp.NormalizeInPlace(responsibilities, length, k, lse);
            var expected = new double[k * block];
            double expectedEntropy = 0;
            for (int c = 0; c < k; c++)
            {
                ReadOnlySpan<double> r = responsibilities.AsSpan(c * length, length);
                if (full)
                    GaussianStatisticsKernels.Full(columns, n, d, start, length, r, components.Shift.AsSpan(c * d, d), expected.AsSpan(c * block, block));
                else
                    GaussianStatisticsKernels.Diagonal(columns, n, d, start, length, r, components.Shift.AsSpan(c * d, d), expected.AsSpan(c * block, block));
                for (int i = 0; i < length; i++)
                    expectedEntropy += r[i] * (logDensity[c * length + i] - lse[i]);
            }
            Assert.Equal(expectedLogLikelihood, logLikelihood, 1e-12 * Math.Abs(expectedLogLikelihood));
            Assert.Equal(expectedEntropy, entropy, 1e-12 * Math.Max(1, Math.Abs(expectedEntropy)));
            for (int m = 0; m < expected.Length; m++)
                Assert.True(Math.Abs(expected[m] - fused[m]) <= 1e-12 * Math.Max(1, Math.Abs(expected[m])),
                            $"{type} d = {d}, length {length}: statistic {m} is {fused[m]:R}, the separate kernels give {expected[m]:R}");
        }
    }

    [Fact]
    public void Fused_Gaussian_pass_gives_a_point_without_density_uniform_responsibilities_and_continues()
    {
        // Point 9's squared distance overflows to +∞ under every component: its log-densities are all −∞.
        const int n = 40, d = 1, k = 3;
        var random = new Random(4);
        var columns = Enumerable.Range(0, n).Select(_ => SyntheticMixtures.Normal(random)).ToArray();
        columns[9] = 1e200;
        var data = ColumnData.FromColumns(columns, n, d);
        var components = new GaussianComponents(k, true, [-1, 0, 1], [-1, 0, 1], [1, 2, 0.5], 1, [-1, -0.5, -2]);
        var statistics = new double[k * 3];
        var scratch = new double[FusedGaussianPass.ScratchLength(k, d, 3)];
        (double logLikelihood, double entropy) = FusedGaussianPass.Run(data, components, 0, n, statistics, scratch, entropy: true);
        Assert.Equal(double.NegativeInfinity, logLikelihood);
        Assert.False(double.IsNaN(entropy));

        // Every other point is normalized as usual: the counts are the separate kernels' with 1/K for point 9.
        var logDensity = new double[k * n];
        for (int c = 0; c < k; c++)
            GaussianDensityKernels.Full(columns, n, d, 0, n, components.Means.AsSpan(c, 1), components.Factors.AsSpan(c, 1),
                                        components.Constants[c], logDensity.AsSpan(c * n, n));
        LogSumExp.NormalizeInPlace(logDensity, n, k, []);
        for (int c = 0; c < k; c++)
        {
            Assert.Equal(1.0 / k, logDensity[c * n + 9]);
            Assert.Equal(logDensity.AsSpan(c * n, n).ToArray().Sum(), statistics[c * 3], 1e-12);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 5)]
    [InlineData(3, 4)]
    public void Blei_CAVI_pass_agrees_with_a_direct_evaluation(int d, int k)
    {
        // Two chunks, the second with a tail that is no multiple of any vector width.
        int n = ChunkedParallel.ChunkLength + 37;
        var random = new Random(d * 7 + k);
        var columns = Enumerable.Range(0, n * d).Select(_ => 4 * SyntheticMixtures.Normal(random)).ToArray();
        var means = Enumerable.Range(0, k * d).Select(_ => 3 * SyntheticMixtures.Normal(random)).ToArray();
        var half = Enumerable.Range(0, k).Select(c => 0.5 * (Enumerable.Range(0, d).Sum(j => means[c * d + j] * means[c * d + j]) + d * 0.3)).ToArray();
        var pass = new BleiCaviPass(ColumnData.FromColumns(columns, n, d), k, workers: 1) { Means = means, HalfExpectedSquare = half };
        for (int chunk = 0; chunk < 2; chunk++)
        {
            pass.RunChunk(chunk, 0);
            (int start, int length) = ChunkedParallel.Range(chunk, n);
            var expected = new double[pass.SlotLength];
            var logits = new double[k];
            for (int i = start; i < start + length; i++)
            {
                for (int c = 0; c < k; c++)
                    logits[c] = Enumerable.Range(0, d).Sum(j => columns[j * n + i] * means[c * d + j]) - half[c];
                double max = logits.Max();
                double lse = max + Math.Log(logits.Sum(a => Math.Exp(a - max)));
                for (int c = 0; c < k; c++)
                {
                    double phi = Math.Exp(logits[c] - lse);
                    expected[c] += phi;
                    for (int j = 0; j < d; j++)
                        expected[k + c * d + j] += phi * columns[j * n + i];
                    expected[^1] += phi * (logits[c] - lse);
                }
            }
            ReadOnlySpan<double> slot = pass.Partials.AsSpan(chunk * pass.SlotLength, pass.SlotLength);
            for (int m = 0; m < expected.Length; m++)
                Assert.True(Math.Abs(expected[m] - slot[m]) <= 1e-11 * Math.Max(1, Math.Abs(expected[m])),
                            $"d = {d}, K = {k}, chunk {chunk}: slot {m} is {slot[m]:R}, directly {expected[m]:R}");
        }
    }

    [Fact]
    public void Lane_exponential_gives_every_width_the_same_bits_and_is_exact_at_zero()
    {
        // The passes rely on exp(0) = 1 exactly (1 ≤ Σₖ exp(aₖ − max) ≤ K) and on a point's exponentials not depending
        // on whether a vector or the scalar tail took it.
        var random = new Random(2);
        var x = new double[4096];
        for (int i = 0; i < x.Length; i++)
            x[i] = i < 8 ? new[] { 0, -0.0, -1e-300, -0.5 * Math.Log(2), -1, -700, -709, -745.5 }[i] : -750 * random.NextDouble();
        double[] one = Apply<Lane1>(x), v256 = Apply<Lanes256>(x), v512 = Apply<Lanes512>(x);
        Assert.Equal(one, v256);
        Assert.Equal(one, v512);
        Assert.Equal(1.0, one[0]);
        Assert.Equal(1.0, one[1]);
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Exp(x[i]);
            Assert.True(Math.Abs(one[i] - exact) <= 2 * (Math.BitIncrement(exact) - exact), $"exp({x[i]:R}) = {one[i]:R}; Math.Exp gives {exact:R}");
        }
    }

    private static double[] Apply<T>(double[] x) where T : unmanaged, ILanes<T>
    {
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i += T.Count)
            T.Exp(T.Load(ref x[0], (nuint)i)).Store(ref result[0], (nuint)i);
        return result;
    }

    /// <summary>K random components of the type: means and shifts near the data, SPD precision factors, constants of either sign.</summary>
    private static GaussianComponents RandomComponents(CovarianceType type, int k, int d, Random random)
    {
        double[] Draw(int count, double scale, double offset) =>
            Enumerable.Range(0, count).Select(_ => offset + scale * SyntheticMixtures.Normal(random)).ToArray();
        bool full = type is CovarianceType.Full or CovarianceType.Tied;
        int factors = type == CovarianceType.Tied ? 1 : k;
        double[] factor;
        if (full)
        {
            factor = new double[factors * d * d];
            for (int c = 0; c < factors; c++)
                for (int a = 0; a < d; a++)
                    for (int b = a; b < d; b++)
                        factor[c * d * d + a * d + b] = a == b ? 0.3 + random.NextDouble() : 0.3 * SyntheticMixtures.Normal(random);
        }
        else
        {
            factor = new double[k * d];
            for (int c = 0; c < k; c++)
            {
                double spherical = 0.3 + random.NextDouble();
                for (int j = 0; j < d; j++)
                    factor[c * d + j] = type == CovarianceType.Spherical ? spherical : 0.3 + random.NextDouble();
            }
        }
        int stride = type switch { CovarianceType.Full => d * d, CovarianceType.Tied => 0, _ => d };
        return new GaussianComponents(k, full, Draw(k * d, 3, 2), Draw(k * d, 3, 2), factor, stride, Draw(k, 2, -1));
    }
}
