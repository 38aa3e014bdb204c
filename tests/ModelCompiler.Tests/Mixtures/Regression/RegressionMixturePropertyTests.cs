// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using static ModelCompiler.Tests.Mixtures.Regression.RegressionModels;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>Properties every fit must have: EM's monotone likelihood, proper responsibilities, random starts that find the MLE, empty components survived.</summary>
public class RegressionMixturePropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GaussianLogLikelihoodNeverDecreases(int seed)
    {
        var r = RegressionReference.Load("mix-lines-hard");
        var options = new RegressionMixtureOptions { Seed = seed, InitializationCount = 1, Tolerance = 0, MaxIterations = 60 };
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, options);
        double[] trace = [.. fit.LogLikelihoodTrace, fit.LogLikelihood];
        Assert.Equal(61, trace.Length);
        for (int t = 1; t < trace.Length; t++)
            Assert.True(trace[t] >= trace[t - 1] - 1e-12 * Math.Abs(trace[t - 1]),
                $"log-likelihood fell from {trace[t - 1]:R} to {trace[t]:R} at iteration {t}");
    }

    [Fact]
    public void QuadraticLogLikelihoodNeverDecreasesFromRandomResponsibilities()
    {
        var r = RegressionReference.Load("mix-quad");
        var options = new RegressionMixtureOptions
        {
            Initialization = RegressionMixtureInitialization.RandomResponsibilities, InitializationCount = 1, Tolerance = 0, MaxIterations = 40, Seed = 5,
        };
        var fit = RegressionMixture.Fit<ParabolaMixture, ParabolaModel>(r.X, r.Y, options);
        double[] trace = [.. fit.LogLikelihoodTrace, fit.LogLikelihood];
        for (int t = 1; t < trace.Length; t++)
            Assert.True(trace[t] >= trace[t - 1] - 1e-12 * Math.Abs(trace[t - 1]), $"decrease at iteration {t}");
    }

    [Fact]
    public void ResponsibilitiesAreProbabilitiesSummingToOne()
    {
        var r = RegressionReference.Load("mix-lines-laplace");
        var fit = RegressionMixture.Fit<LaplaceLineMixture, LaplaceLineModel>(r.X, r.Y, new RegressionMixtureOptions { InitializationCount = 3 });
        double[,] resp = fit.Responsibilities;
        Assert.Equal(r.X.Length, resp.GetLength(0));
        for (int i = 0; i < resp.GetLength(0); i++)
        {
            double sum = 0;
            for (int k = 0; k < resp.GetLength(1); k++)
            {
                Assert.InRange(resp[i, k], 0, 1);
                sum += resp[i, k];
            }
            Assert.True(Math.Abs(sum - 1) <= 1e-14, $"row {i} sums to {sum:R}");
        }
    }

    [Fact]
    public void RandomStartsFindTheMle()
    {
        // mix-lines-seed: the MLE of the reference (mle_by_numpy_em), reached here from random partitions.
        var r = RegressionReference.Load("mix-lines-seed");
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, new RegressionMixtureOptions { Seed = 11, Tolerance = 1e-14 });
        var bySlope = fit.Components.OrderByDescending(c => c[1]).ToArray();
        double[] coef = [.. bySlope[0].Parameters, .. bySlope[1].Parameters];
        Assertions.NormWise(r.Values("mle_by_numpy_em", "coef"), coef, 1e-5, "coef");
        Assertions.Relative(r.Root.GetProperty("mle_by_numpy_em").GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-9, "loglik");
        Assert.True(fit.Converged);
        Assert.Equal(-2 * fit.LogLikelihood + 2 * 7, fit.Aic, 12);
        Assert.Equal(-2 * fit.LogLikelihood + 7 * Math.Log(200), fit.Bic, 12);
    }

    [Fact]
    public void StandardErrorsAreTheWeightedLeastSquaresOnesAtTheFinalResponsibilities()
    {
        var r = RegressionReference.Load("mix-lines-seed");
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, r.StartOptions(1e-14, 1000));
        double[,] resp = fit.Responsibilities;
        for (int k = 0; k < 2; k++)
        {
            // σ²·(XᵀWX)⁻¹ for the design (1, x), inverted in closed form.
            double s0 = 0, s1 = 0, s2 = 0;
            for (int i = 0; i < r.X.Length; i++)
            {
                s0 += resp[i, k];
                s1 += resp[i, k] * r.X[i];
                s2 += resp[i, k] * r.X[i] * r.X[i];
            }
            double det = s0 * s2 - s1 * s1, sigma2 = fit.Components[k].Scale * fit.Components[k].Scale;
            double[] expected = [Math.Sqrt(sigma2 * s2 / det), Math.Sqrt(sigma2 * s0 / det)];
            Assertions.NormWise(expected, fit.Components[k].StandardErrors, 1e-10, $"standard errors of component {k}");
        }
    }

    [Fact]
    public void ComponentThatEmptiesIsReportedNotNaN()
    {
        // A third line a million units away gets no responsibility at all in the first E-step.
        var r = RegressionReference.Load("mix-lines-seed");
        var options = new RegressionMixtureOptions
        {
            InitialWeights = [0.45, 0.45, 0.1],
            InitialParameters = new double[,] { { 0, 1 }, { 0, -1 }, { 1e6, 0 } },
            InitialScales = [10, 10, 1],
            Tolerance = 1e-12,
        };
        var fit = RegressionMixture.Fit<ThreeLinesMixture, ThreeLinesModel>(r.X, r.Y, options);
        Assert.Equal(1, fit.EmptyComponents);
        Assert.True(fit.Components[2].IsEmpty);
        Assert.Equal(0, fit.Components[2].Weight);
        Assert.NotNull(fit.Components[2].CovarianceProblem);
        Assert.True(double.IsFinite(fit.LogLikelihood));
        Assert.True(fit.RepairedSteps > 0);
        foreach (var c in fit.Components.Take(2))
            Assert.All(c.Parameters.Concat(c.StandardErrors).Append(c.Scale).Append(c.Weight), v => Assert.True(double.IsFinite(v)));
        // The two live components still reach the two-component MLE.
        Assertions.Relative(r.Root.GetProperty("mle_by_numpy_em").GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-9, "loglik");
    }

    [Fact]
    public void OneComponentIsOrdinaryLeastSquares()
    {
        var r = RegressionReference.Load("mix-lines-hard");
        var fit = RegressionMixture.Fit<SingleLineMixture, SingleLineModel>(r.X, r.Y);
        var ols = CurveFit.FitLinear<SingleLineModel>(r.X, r.Y);
        Assertions.NormWise(ols.Parameters, fit.Components[0].Parameters, 1e-12, "θ");
        Assert.Equal(1.0, fit.Components[0].Weight, 15);
        // The ML σ² is RSS/n where curve_fit's reduced χ² is RSS/(n − p).
        Assertions.Relative(Math.Sqrt(ols.ResidualSumOfSquares / r.X.Length), fit.Components[0].Scale, 1e-12, "σ");
    }

    [Fact]
    public void TwoVariablesOverSeveralChunksDoNotDependOnTheThreadCount()
    {
        // 5,000 points (three E-step chunks), two planes y = a + b·u + c·v with Gaussian noise σ = 0.5 and 0.3.
        var random = new Random(17);
        int n = 5000;
        var x = new double[2 * n];
        var y = new double[n];
        double[][] truth = [[1, 2, -1], [-2, -1, 3]];
        double[] sigma = [0.5, 0.3];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble() * 10 - 5, v = random.NextDouble() * 10 - 5;
            int k = random.NextDouble() < 0.4 ? 0 : 1;
            double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            x[i] = u;
            x[n + i] = v;
            y[i] = truth[k][0] + truth[k][1] * u + truth[k][2] * v + sigma[k] * z;
        }
        var serial = RegressionMixture.Fit<PlanesMixture, PlanesModel>(x, y, new RegressionMixtureOptions { MaxDegreeOfParallelism = 1, InitializationCount = 3 });
        var parallel = RegressionMixture.Fit<PlanesMixture, PlanesModel>(x, y, new RegressionMixtureOptions { MaxDegreeOfParallelism = 4, InitializationCount = 3 });
        Assert.Equal(serial.LogLikelihood, parallel.LogLikelihood);
        Assert.Equal(RegressionReference.Coefficients(serial), RegressionReference.Coefficients(parallel));
        var byWeight = serial.Components.OrderBy(c => c.Weight).ToArray();
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < 3; j++)
                Assert.True(Math.Abs(byWeight[k][j] - truth[k][j]) < 5 * byWeight[k].StandardErrors[j],
                    $"component {k} parameter {j}: {byWeight[k][j]} vs truth {truth[k][j]} ± {byWeight[k].StandardErrors[j]}");
        Assert.Equal(0.4, byWeight[0].Weight, 1);
    }

    [Fact]
    public void CallerArraysAreNotModified()
    {
        var r = RegressionReference.Load("mix-lines-seed");
        double[] x = (double[])r.X.Clone(), y = (double[])r.Y.Clone();
        RegressionMixture.Fit<LineMixture, LineModel>(x, y, new RegressionMixtureOptions { InitializationCount = 2 });
        Assert.Equal(r.X, x);
        Assert.Equal(r.Y, y);
    }

    [Fact]
    public void ProgressReportsEveryIteration()
    {
        var r = RegressionReference.Load("mix-lines-seed");
        var reports = new List<EmProgress>();
        var fit = RegressionMixture.Fit<LineMixture, LineModel>(r.X, r.Y, r.StartOptions(0, 4), new SynchronousProgress(reports.Add));
        Assert.Equal(fit.LogLikelihoodTrace.Select(v => v / 200), reports.Select(p => p.LowerBound));
    }

    private sealed class SynchronousProgress(Action<EmProgress> report) : IProgress<EmProgress>
    {
        public void Report(EmProgress value) => report(value);
    }
}
