// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Tests.Mixtures;

public sealed class EmKernelTests
{
    [Fact]
    public void Log_sum_exp_matches_a_direct_evaluation_without_overflow()
    {
        // 11 points (two vectors and a scalar tail), 3 components, values far below exp's range.
        const int length = 11, k = 3;
        var random = new Random(1);
        var values = new double[k * length];
        for (int m = 0; m < values.Length; m++)
            values[m] = -1000 * random.NextDouble() - 800;
        var original = (double[])values.Clone();
        var logLikelihood = new double[length];
        double total = LogSumExp.NormalizeInPlace(values, length, k, logLikelihood);
        double expectedTotal = 0;
        for (int i = 0; i < length; i++)
        {
            double max = Enumerable.Range(0, k).Max(c => original[c * length + i]);
            double scaled = Enumerable.Range(0, k).Sum(c => Math.Exp(original[c * length + i] - max));
            double lse = max + Math.Log(scaled);
            Assert.Equal(lse, logLikelihood[i], 1e-12 * Math.Abs(lse));
            expectedTotal += lse;
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                Assert.Equal(Math.Exp(original[c * length + i] - max) / scaled, values[c * length + i], 1e-14);
                sum += values[c * length + i];
            }
            Assert.Equal(1, sum, 1e-14);
        }
        Assert.Equal(expectedTotal, total, 1e-12 * Math.Abs(expectedTotal));
    }

    [Fact]
    public void Log_sum_exp_gives_uniform_responsibilities_when_every_density_is_zero()
    {
        double[] values = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity,
                           double.NegativeInfinity, 0, double.NegativeInfinity, double.NegativeInfinity];
        double total = LogSumExp.NormalizeInPlace(values, 4, 2, []);
        Assert.Equal(double.NegativeInfinity, total);
        Assert.Equal([0.5, 0, 0.5, 0.5, 0.5, 1, 0.5, 0.5], values);
    }

    [Fact]
    public void Chunk_partials_are_summed_in_chunk_order()
    {
        double[] partials = [1e16, 1, 1, 2, -1e16, 3];
        var total = new double[2];
        ChunkedParallel.SumInChunkOrder(partials, 2, total);
        Assert.Equal([(1e16 + 1) - 1e16, 6.0], total);
    }

    [Fact]
    public void Full_log_density_kernel_agrees_with_the_textbook_formula_in_every_dimension()
    {
        var random = new Random(3);
        foreach (int d in new[] { 1, 2, 3, 5, 8, 11 })
        {
            const int n = 37;
            var columns = new double[n * d];
            for (int m = 0; m < columns.Length; m++)
                columns[m] = 3 * SyntheticMixtures.Normal(random);
            // A random SPD covariance A·Aᵀ + I and its precision factor.
            var a = new double[d * d];
            for (int m = 0; m < a.Length; m++)
                a[m] = SyntheticMixtures.Normal(random);
            var cov = new double[d * d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    double s = i == j ? 1 : 0;
                    for (int m = 0; m < d; m++)
                        s += a[i * d + m] * a[j * d + m];
                    cov[i * d + j] = s;
                }
            var factor = new double[d * d];
            Assert.True(CholeskyKernels.TryPrecisionCholesky(cov, d, factor, new double[2 * d * d]));
            var mean = Enumerable.Range(0, d).Select(_ => SyntheticMixtures.Normal(random)).ToArray();
            double constant = GaussianDensityKernels.LogNormalizer(d, CholeskyKernels.LogDeterminantOfTriangular(factor, d));
            var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => cov[i * d + j]);
            var inverse = matrix.Inverse();
            double det = matrix.Determinant();
            // Lengths 34 and 30 from point 3 reach the eight-, four- and one-point loops of every kernel.
            foreach (int length in new[] { n - 3, n - 7 })
            {
                var output = new double[length];
                GaussianDensityKernels.Full(columns, n, d, 3, length, mean, factor, constant, output);
                for (int i = 3; i < 3 + length; i++)
                {
                    var z = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d, j => columns[j * n + i] - mean[j]);
                    double expected = -0.5 * (d * Math.Log(2 * Math.PI) + Math.Log(det) + z * inverse * z);
                    Assert.Equal(expected, output[i - 3], 1e-10 * Math.Max(1, Math.Abs(expected)));
                }
            }
        }
    }

    [Fact]
    public void Statistics_kernels_agree_with_direct_sums()
    {
        var random = new Random(8);
        foreach (int d in new[] { 1, 2, 3, 8 })
            foreach (int length in new[] { 34, 30, 3 })
            {
                const int n = 40, start = 2;
                var columns = Enumerable.Range(0, n * d).Select(_ => 5 + SyntheticMixtures.Normal(random)).ToArray();
                var r = Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();
                var shift = Enumerable.Range(0, d).Select(_ => 5 + random.NextDouble()).ToArray();
                int packed = d * (d + 1) / 2;
                var full = new double[1 + d + packed];
                var diagonal = new double[1 + 2 * d];
                GaussianStatisticsKernels.Full(columns, n, d, start, length, r, shift, full);
                GaussianStatisticsKernels.Diagonal(columns, n, d, start, length, r, shift, diagonal);
                double y(int i, int j) => columns[j * n + start + i] - shift[j];
                Assert.Equal(r.Sum(), full[0], 1e-12);
                Assert.Equal(r.Sum(), diagonal[0], 1e-12);
                int p = 1 + d;
                for (int a = 0; a < d; a++)
                {
                    double s = Enumerable.Range(0, length).Sum(i => r[i] * y(i, a));
                    Assert.Equal(s, full[1 + a], 1e-12);
                    Assert.Equal(s, diagonal[1 + a], 1e-12);
                    Assert.Equal(Enumerable.Range(0, length).Sum(i => r[i] * y(i, a) * y(i, a)), diagonal[1 + d + a], 1e-12);
                    for (int b = a; b < d; b++, p++)
                        Assert.Equal(Enumerable.Range(0, length).Sum(i => r[i] * y(i, a) * y(i, b)), full[p], 1e-12);
                }
            }
    }

    [Fact]
    public void KMeans_finds_well_separated_clusters_independently_of_threads()
    {
        var random = new Random(6);
        const int n = 9000;
        var rows = new double[n, 2];
        double[][] centers = [[0, 0], [20, 0], [0, 20]];
        for (int i = 0; i < n; i++)
        {
            rows[i, 0] = centers[i % 3][0] + SyntheticMixtures.Normal(random);
            rows[i, 1] = centers[i % 3][1] + SyntheticMixtures.Normal(random);
        }
        var data = Mixtures.ColumnDataFor(rows);
        KMeansResult one = KMeans.Fit(data, 3, new Random(1), new EmExecution(1, default));
        KMeansResult two = KMeans.Fit(data, 3, new Random(1), new EmExecution(4, default));
        Assert.Equal(one.Labels, two.Labels);
        Assert.Equal(one.Centers, two.Centers);
        for (int i = 3; i < n; i++)
            Assert.Equal(one.Labels[i % 3], one.Labels[i]);
        foreach (double[] c in centers)
            Assert.Contains(Enumerable.Range(0, 3), k => Math.Abs(one.Centers[2 * k] - c[0]) < 0.1 && Math.Abs(one.Centers[2 * k + 1] - c[1]) < 0.1);
    }

    private static class Mixtures
    {
        public static ColumnData ColumnDataFor(double[,] rows) => ColumnData.FromRows(rows, "rows");
    }
}
