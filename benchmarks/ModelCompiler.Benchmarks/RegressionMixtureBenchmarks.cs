// SPDX-License-Identifier: MIT
using BenchmarkDotNet.Attributes;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// EM for a mixture of two lines, 100,000 points, 50 iterations from a fixed start (tol = 0), Gaussian noise
/// (one QR per component per iteration) and Laplace noise (IRLS per component per iteration). The numpy
/// regmixEM replica is benchmarks/peers/regression_mixture_numpy.py. `--filter *RegressionMixtureBenchmarks*`.
/// </summary>
[MemoryDiagnoser]
public class RegressionMixtureBenchmarks
{
    private double[] _x = null!, _y = null!;

    [Params(100_000)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup() => (_x, _y) = RegressionMixtureData.Generate(Points);

    [Benchmark]
    public double Gaussian50Iterations() => FitGaussian(_x, _y, 50).LogLikelihood;

    [Benchmark]
    public double Laplace50Iterations() => FitLaplace(_x, _y, 50).LogLikelihood;

    public static RegressionMixtureResult FitGaussian(double[] x, double[] y, int iterations) =>
        RegressionMixture.Fit<RegressionMixtureData.LineMixture, RegressionMixtureData.LineModel>(x, y, RegressionMixtureData.Start(iterations));

    public static RegressionMixtureResult FitLaplace(double[] x, double[] y, int iterations) =>
        RegressionMixture.Fit<RegressionMixtureData.RobustLineMixture, RegressionMixtureData.RobustLineModel>(x, y, RegressionMixtureData.Start(iterations));
}
