// SPDX-License-Identifier: MIT
using BenchmarkDotNet.Attributes;
using ModelCompiler.Mixtures;
using ModelCompiler.Variational;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// BayesianGaussianMixture (full covariance, Dirichlet process): n = 200,000 points, d = 2, K = 10,
/// 100 iterations (tol = 0) from fixed first responsibilities, on one thread and on every core. The same
/// fit in scikit-learn is benchmarks/peers/bayesian_mixture_sklearn.py. `--filter *BayesianGaussianMixtureBenchmarks*`.
/// </summary>
[MemoryDiagnoser]
public class BayesianGaussianMixtureBenchmarks
{
    private double[,] _x = null!, _resp = null!;

    [Params(200_000)]
    public int Points { get; set; }

    [Params(false, true)]
    public bool AllCores { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = GaussianMixtureData.Generate(Points);
        _resp = VariationalBenchmarkData.BgmInitialResponsibilities(_x);
    }

    [Benchmark]
    public double Full100Iterations() => Fit(_x, _resp, AllCores ? null : 1, 100).LowerBound;

    public static BayesianGaussianMixture Fit(double[,] x, double[,] resp, int? threads, int iterations) =>
        new BayesianGaussianMixture(VariationalBenchmarkData.BgmComponents, new BayesianGaussianMixtureOptions
        {
            CovarianceType = CovarianceType.Full,
            WeightConcentrationPriorType = WeightConcentrationPriorType.DirichletProcess,
            InitialResponsibilities = resp,
            Tolerance = 0,
            MaxIterations = iterations,
            MaxDegreeOfParallelism = threads,
        }).Fit(x);
}

/// <summary>
/// Blei et al. CAVI: n = 1,000,000 points in 1-D, K = 5, 100 iterations (tol = 0), one restart from
/// m⁽⁰⁾ = (0, 4, 8, 12, 16), on one thread and on every core. The numpy reference implementation on the
/// same points is benchmarks/peers/blei_cavi_numpy.py. `--filter *BleiCaviBenchmarks*`.
/// </summary>
[MemoryDiagnoser]
public class BleiCaviBenchmarks
{
    private double[,] _x = null!;

    [Params(1_000_000)]
    public int Points { get; set; }

    [Params(false, true)]
    public bool AllCores { get; set; }

    [GlobalSetup]
    public void Setup() => _x = VariationalBenchmarkData.CaviPoints(Points);

    [Benchmark]
    public double Cavi100Iterations() => Fit(_x, AllCores ? null : 1, 100).Elbo;

    public static BleiCaviResult Fit(double[,] x, int? threads, int iterations) =>
        BleiCavi.Fit(x, 5, new BleiCaviOptions
        {
            PriorVariance = VariationalBenchmarkData.CaviPriorVariance,
            InitialMeans = VariationalBenchmarkData.CaviInitialMeans,
            RestartCount = 1,
            RelativeTolerance = 0,
            MaxIterations = iterations,
            MaxDegreeOfParallelism = threads,
        });
}
