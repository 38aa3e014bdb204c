// SPDX-License-Identifier: MIT
using BenchmarkDotNet.Attributes;
using ModelCompiler.Mixtures;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// EM for a full-covariance Gaussian mixture: n = 1,000,000 points, d = 2, K = 5, 100 iterations
/// (tol = 0) from a fixed explicit start, on one thread and on every core. The same fit in
/// scikit-learn is benchmarks/peers/gaussian_mixture_sklearn.py. `--filter *GaussianMixtureBenchmarks*`.
/// </summary>
[MemoryDiagnoser]
public class GaussianMixtureBenchmarks
{
    private double[,] _x = null!;

    [Params(1_000_000)]
    public int Points { get; set; }

    [Params(false, true)]
    public bool AllCores { get; set; }

    [GlobalSetup]
    public void Setup() => _x = GaussianMixtureData.Generate(Points);

    [Benchmark]
    public double FullCovariance100Iterations() => Fit(_x, AllCores ? null : 1, 100).LowerBound;

    public static GaussianMixture Fit(double[,] x, int? threads, int iterations) =>
        new GaussianMixture(GaussianMixtureData.Components, new GaussianMixtureOptions
        {
            CovarianceType = CovarianceType.Full,
            WeightsInit = GaussianMixtureData.WeightsInit,
            MeansInit = GaussianMixtureData.MeansInit,
            PrecisionsInit = GaussianMixtureData.PrecisionsInit,
            Em = new EmOptions { Tolerance = 0, MaxIterations = iterations, MaxDegreeOfParallelism = threads },
        }).Fit(x);
}
