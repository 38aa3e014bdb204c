// SPDX-License-Identifier: MIT
using MathNet.Numerics.LinearAlgebra;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

public class CurveFitBehaviourTests
{
    // A decay with per-point uncertainties; the same data in every scipy reference below.
    private static readonly double[] Xw = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
    private static readonly double[] Yw = [7.9, 6.1, 4.8, 3.7, 3.0, 2.2, 1.8, 1.4];
    private static readonly double[] Sw = [0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.5];

    private static void Close(double expected, double actual, double relative)
        => Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void WeightedFitMatchesScipyInBothSigmaModes()
    {
        // scipy 1.10.1: curve_fit(lambda x, a, b: a*np.exp(-b*x), Xw, Yw, p0=[10, 0.5], sigma=Sw)
        // popt = [10.117801286873368, 0.499994058852685]
        // pcov = [[2.9936047384804157e-03, 2.3531867470029800e-04], [2.3531867470029800e-04, 2.5830747917078745e-05]]
        // scipy computes pcov from the forward-difference Jacobian of its last iteration, good to about
        // seven digits (with ftol=xtol=1e-15 it gives 2.99360511e-03 for pcov[0, 0]), hence 1e-6 below.
        var fit = CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [10, 0.5], Sw);
        Close(10.117801286873368, fit["a"], 1e-9);
        Close(0.499994058852685, fit["b"], 1e-9);
        double[,] c = fit.Covariance;
        Close(2.9936047384804157e-03, c[0, 0], 1e-6);
        Close(2.3531867470029800e-04, c[0, 1], 1e-6);
        Close(2.3531867470029800e-04, c[1, 0], 1e-6);
        Close(2.5830747917078745e-05, c[1, 1], 1e-6);

        // Same call with absolute_sigma=True: pcov = [[0.11996974182156296, 0.00943047700543042], [0.00943047700543042, 0.00103517612690674]]
        var absolute = CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [10, 0.5], Sw, new CurveFitOptions { AbsoluteSigma = true });
        double[,] ca = absolute.Covariance;
        Close(0.11996974182156296, ca[0, 0], 1e-6);
        Close(0.00943047700543042, ca[0, 1], 1e-6);
        Close(0.00103517612690674, ca[1, 1], 1e-6);

        // Weights 1/σ² are the same fit.
        var weighted = CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [10, 0.5], new FitSetup { Weights = Sw.Select(s => 1 / (s * s)).ToArray() });
        Close(fit["a"], weighted["a"], 1e-12);
        Close(c[1, 1], weighted.Covariance[1, 1], 1e-10);
    }

    [Fact]
    public void ActiveBoundHoldsExactlyAndTheRestIsOptimal()
    {
        // scipy 1.10.1: curve_fit(lambda x, a, b: a*np.exp(-b*x), Xw, Yw, p0=[10, 0.3], sigma=Sw,
        //                         bounds=([0, 0], [np.inf, 0.4]))
        // popt = [9.197981114727371, 0.39999999999999997]
        // pcov = [[0.17146443918517865, 0.0134013541873539], [0.0134013541873539, 0.00149770630374212]]
        var setup = new FitSetup { Sigma = Sw, LowerBounds = [0, 0], UpperBounds = [double.PositiveInfinity, 0.4] };
        var fit = CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [10, 0.3], setup);

        Assert.True(fit.IsConverged, fit.ToString());
        Assert.Equal(0.4, fit["b"]);
        Assert.True(fit.Parameter("b").AtBound);
        Assert.False(fit.Parameter("a").AtBound);
        Close(9.197981114727371, fit["a"], 1e-9);
        double[,] c = fit.Covariance;
        Close(0.17146443918517865, c[0, 0], 1e-6);
        Close(0.0134013541873539, c[0, 1], 1e-6);
        Close(0.00149770630374212, c[1, 1], 1e-6);

        // KKT: at the upper bound the gradient of the weighted cost must push b upwards (∂/∂b ≤ 0).
        double gradB = 0;
        for (int i = 0; i < Xw.Length; i++)
        {
            double e = Math.Exp(-0.4 * Xw[i]);
            gradB += (fit["a"] * e - Yw[i]) / (Sw[i] * Sw[i]) * (-fit["a"] * Xw[i] * e);
        }
        Assert.True(gradB < 0, $"∂cost/∂b = {gradB}");
    }

    [Fact]
    public void BoundsAreNeverViolatedDuringTheSolve()
    {
        var lower = new[] { 0.0, 0.45 };
        var upper = new[] { 9.5, 1.0 };
        var seen = new List<IReadOnlyList<double>>();
        var progress = new SynchronousProgress<FitProgress>(p => seen.Add(p.Parameters));
        var fit = CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [1, 0.9], new FitSetup { Sigma = Sw, LowerBounds = lower, UpperBounds = upper }, null, progress);
        Assert.NotEmpty(seen);
        foreach (var p in seen)
            for (int j = 0; j < 2; j++)
                Assert.InRange(p[j], lower[j], upper[j]);
        Assert.Equal(9.5, fit["a"]);
    }

    [Fact]
    public void CovarianceIsInverseOfJtJScaledByReducedChiSquare()
    {
        // An independent computation with MathNet: pcov = (JᵀJ)⁻¹·RSS/(n − P) at the solution.
        double[] x = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        double[] y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];
        var fit = CurveFit.Fit<TwoGaussiansModel>(x, y, [3, 4, 3, 6, 1, 1]);
        var values = new double[10];
        var jac = new double[60];
        TwoGaussiansModel.EvaluateWithJacobian(x, fit.Parameters, values, jac);
        var j = Matrix<double>.Build.Dense(10, 6, jac);
        double rss = values.Zip(y, (f, v) => (f - v) * (f - v)).Sum();
        var expected = (j.TransposeThisAndMultiply(j)).Inverse() * (rss / 4);
        var actual = fit.Covariance;
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++)
                Close(expected[a, b], actual[a, b], 1e-6);

        var corr = fit.Correlation();
        for (int a = 0; a < 6; a++)
            Close(1, corr[a, a], 1e-12);
        Close(actual[0, 2] / Math.Sqrt(actual[0, 0] * actual[2, 2]), corr[0, 2], 1e-12);
    }

    [Fact]
    public void RankDeficientModelReturnsWithUndefinedCovarianceAndReason()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [2.1, 3.9, 6.2, 7.8, 10.1];
        var fit = CurveFit.Fit<ProductModel>(x, y, [1, 1]);

        // The product a·b is determined; a and b separately are not.
        double slope = x.Zip(y, (u, v) => u * v).Sum() / x.Sum(u => u * u);
        Close(slope, fit["a"] * fit["b"], 1e-10);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("rank 1 < 2", fit.CovarianceProblem);
        Assert.Contains("a, b", fit.CovarianceProblem);
        Assert.All(fit.StandardErrors, se => Assert.Equal(double.PositiveInfinity, se));
        Assert.DoesNotContain(fit.Parameters, double.IsNaN);
        Assert.Contains("Covariance undefined", fit.ToString());
    }

    [Fact]
    public void NoDegreesOfFreedomLeavesCovarianceUndefinedUnlessSigmaIsAbsolute()
    {
        double[] x = [1, 2];
        double[] y = [3, 1.5];
        var fit = CurveFit.Fit<ExponentialDecayModel>(x, y, [5, 0.5]);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("no degrees of freedom", fit.CovarianceProblem);

        var absolute = CurveFit.Fit<ExponentialDecayModel>(x, y, [5, 0.5], [0.1, 0.1], new CurveFitOptions { AbsoluteSigma = true });
        Assert.True(absolute.IsCovarianceDefined, absolute.CovarianceProblem);
        // σ known: the intervals take the normal quantile where Student's t has no degrees of freedom (they were ±∞, and
        // the band refused). z = 1.959963984540054 for 95% (scipy.stats.norm.ppf(0.975)).
        var a = absolute.Parameter(0);
        Assert.Equal(a.Value - 1.959963984540054 * a.StandardError, a.Lower, 1e-12 * Math.Abs(a.Value));
        var band = CurveFit.ConfidenceBand<ExponentialDecayModel>(absolute, [1.5]);
        Assert.Null(band.Problem);
        Assert.Equal(1.959963984540054, band.TQuantile, 1e-12);
    }

    [Fact]
    public void FixedParameterKeepsItsValueAndGetsNoVariance()
    {
        double[] x = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        double[] y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];
        var fixedFlags = new[] { false, false, true, false, false, false };
        var fit = CurveFit.Fit<TwoGaussiansModel>(x, y, [3, 4, 4.9, 6, 1, 1], new FitSetup { Fixed = fixedFlags });

        Assert.Equal(4.9, fit["p2"]);
        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
        Assert.True(fit.StandardErrors.Where((_, j) => j != 2).All(se => se > 0 && double.IsFinite(se)));
        Assert.True(fit.Parameter("p2").IsFixed);
        Assert.Equal(0, fit.Parameter("p2").StandardError);
        Assert.Equal(5, fit.FreeParameterCount);
        Assert.Equal(5, fit.DegreesOfFreedom);
        Assert.All(Enumerable.Range(0, 6), j => Assert.Equal(0, fit.Covariance[2, j]));

        // The free parameters are optimal given p2 = 4.9: no small move lowers the sum of squares.
        double Rss(double[] p)
        {
            var v = new double[10];
            TwoGaussiansModel.Evaluate(x, p, v);
            return v.Zip(y, (f, t) => (f - t) * (f - t)).Sum();
        }
        double best = Rss(fit.Parameters);
        Close(fit.ResidualSumOfSquares, best, 1e-12);
        foreach (int j in new[] { 0, 1, 3, 4, 5 })
        {
            foreach (double h in new[] { -1e-5, 1e-5 })
            {
                double[] p = fit.Parameters;
                p[j] += h;
                Assert.True(Rss(p) >= best, $"moving {fit.ParameterNames[j]} by {h} lowers the RSS");
            }
        }
    }

    [Fact]
    public void NonFiniteModelValueDuringTheSolveRejectsTheStep()
    {
        // Data follow 5x, but the model is undefined for a ≥ 3: the first Gauss–Newton step jumps to 5.
        DomainLimitedModel.NonFiniteEvaluations = 0;
        var fit = CurveFit.Fit<DomainLimitedModel>([1, 2, 3, 4], [5, 10, 15, 20], [1]);
        Assert.True(DomainLimitedModel.NonFiniteEvaluations > 0);
        Assert.True(double.IsFinite(fit["a"]) && fit["a"] < 3 && fit["a"] > 2.99, fit.ToString());
        Assert.True(double.IsFinite(fit.ResidualSumOfSquares));
    }

    [Fact]
    public void CancellationStopsTheSolve()
    {
        using var cts = new CancellationTokenSource();
        int reports = 0;
        var progress = new SynchronousProgress<FitProgress>(_ =>
        {
            if (++reports == 2)
                cts.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [1, 2], new FitSetup(), null, progress, cts.Token));
        Assert.Equal(2, reports);

        cts.Dispose();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [1, 2], null, cancelled.Token));
    }

    [Fact]
    public void ProgressReportsEveryAcceptedStepWithDecreasingCost()
    {
        var reports = new List<FitProgress>();
        var fit = CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [1, 2], new FitSetup(), null, new SynchronousProgress<FitProgress>(reports.Add));
        Assert.Equal(fit.Iterations, reports.Count);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.Iteration));
        Assert.Equal(fit.Parameters, reports[^1].Parameters);
        Close(0.5 * fit.ResidualSumOfSquares, reports[^1].Cost, 1e-12);
        for (int i = 1; i < reports.Count; i++)
            Assert.True(reports[i].Cost <= reports[i - 1].Cost * (1 + 1e-12), $"cost rose at report {i}");
    }

    [Fact]
    public void MaxFunctionEvaluationsIsAResultNotAnException()
    {
        var fit = CurveFit.Fit<TwoGaussiansModel>(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(),
            [0, 1, 2, 3, 4, 5, 4, 3, 2, 1], [3, 4, 3, 6, 1, 1], new CurveFitOptions { MaxFunctionEvaluations = 3 });
        Assert.Equal(FitTermination.MaxFunctionEvaluations, fit.Termination);
        Assert.False(fit.IsConverged);
        Assert.DoesNotContain(fit.Parameters, v => !double.IsFinite(v));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheEvaluationBudgetHoldsAcrossTheSecondAttempt(bool nearAmplitude)
    {
        // Far starts whose first attempt runs off are tried again (variable projection, or Levenberg–Marquardt after it);
        // the second attempt had a budget of its own, and a fit limited to 3 evaluations took 15 (probe 11).
        var random = new Random(11);
        double[] t = Enumerable.Range(0, 40).Select(i => 0.2 * i).ToArray();
        for (int c = 0; c < 40; c++)
        {
            double a = 2 + 20 * random.NextDouble(), tau = 0.3 + 4 * random.NextDouble(), b = random.NextDouble() - 0.5;
            double[] y = t.Select(v => a * Math.Exp(-v / tau) + b + 0.05 * a * (random.NextDouble() - 0.5)).ToArray();
            double[] start = nearAmplitude ? [a, 50 * tau, 10] : [0.01 * a, 50 * tau, 10];
            foreach (int budget in new[] { 3, 8, 20 })
            {
                var fit = CurveFit.Fit<BatchModels.DecayModel>(t, y, start, new CurveFitOptions { MaxFunctionEvaluations = budget });
                Assert.True(fit.FunctionEvaluations + fit.JacobianEvaluations <= budget + 2, $"curve {c}, budget {budget}: {fit}");
            }
        }
    }

    [Fact]
    public void MultiVariableModelTakesARectangularX()
    {
        var x = new double[12, 2];
        var y = new double[12];
        for (int i = 0; i < 12; i++)
        {
            x[i, 0] = i;
            x[i, 1] = (i * 7) % 5;
            y[i] = 1.5 - 2 * x[i, 0] + 0.25 * x[i, 1] + (i % 3 - 1) * 0.01;
        }
        var fit = CurveFit.Fit<PlaneModel>(x, y, [0, 0, 0]);
        var linear = CurveFit.FitLinear<PlaneModel>(CurveFit.ToColumnMajor(x), y);
        for (int j = 0; j < 3; j++)
        {
            Close(linear[j], fit[j], 1e-10);
            Close(linear.StandardErrors[j], fit.StandardErrors[j], 1e-7);
        }
        Close(-2, fit["b"], 1e-2);
    }

    [Fact]
    public void ForwardDifferencesReachTheSameFit()
    {
        double[] x = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        double[] y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];
        var analytic = CurveFit.Fit<TwoGaussiansModel>(x, y, [3, 4, 3, 6, 1, 1]);
        var numeric = CurveFit.Fit<ForwardDifference<TwoGaussiansModel>>(x, y, [3, 4, 3, 6, 1, 1]);
        for (int j = 0; j < 6; j++)
            Close(analytic[j], numeric[j], 1e-6);

        var jacA = new double[60];
        var jacN = new double[60];
        var v = new double[10];
        TwoGaussiansModel.EvaluateWithJacobian(x, analytic.Parameters, v, jacA);
        ForwardDifference<TwoGaussiansModel>.EvaluateWithJacobian(x, analytic.Parameters, v, jacN);
        for (int i = 0; i < 60; i++)
            Assert.True(Math.Abs(jacA[i] - jacN[i]) <= 1e-6 * (1 + Math.Abs(jacA[i])), $"entry {i}: {jacA[i]} vs {jacN[i]}");
    }

    [Fact]
    public void StatisticsFollowTheirStatedFormulas()
    {
        var fit = CurveFit.Fit<ExponentialDecayModel>(Xw, Yw, [10, 0.5]);
        int n = Xw.Length;
        double rss = 0, mean = Yw.Average(), tss = Yw.Sum(v => (v - mean) * (v - mean));
        for (int i = 0; i < n; i++)
        {
            double r = Yw[i] - fit["a"] * Math.Exp(-fit["b"] * Xw[i]);
            rss += r * r;
        }
        Close(rss, fit.ResidualSumOfSquares, 1e-12);
        Close(rss / (n - 2), fit.ReducedChiSquare, 1e-12);
        Close(1 - rss / tss, fit.RSquared, 1e-12);
        Close(n * Math.Log(rss / n) + 4, fit.Aic, 1e-12);
        Close(n * Math.Log(rss / n) + 2 * Math.Log(n), fit.Bic, 1e-12);

        // 95% interval: value ± t(0.975, n − 2)·SE; t from MathNet's Student t.
        double t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 2, 0.975);
        var row = fit.Parameter("a");
        Close(row.Value - t * row.StandardError, row.Lower, 1e-10);
        Close(row.Value + t * row.StandardError, row.Upper, 1e-10);
        Assert.Equal(fit["a"], fit[0]);
        Assert.Throws<ArgumentException>(() => fit["nope"]);
    }
}

/// <summary>IProgress that reports on the calling thread, so tests see every report before the fit returns.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

[Collection(AllocationMeasurements.Name)]
public class AllocationTests
{
    [Theory]
    [InlineData(50)]
    [InlineData(20_000)]
    public void AllocationDoesNotGrowWithIterations(int points)
    {
        // The workspace is allocated once per solve: a fit that runs many more iterations allocates
        // no more than one stopped after a few (Householder route for 50 points, Gram route for 20,000). One thread:
        // a parallel pass allocates the scheduler's bookkeeping on whichever threads run it, which varies from run to run.
        double[] x = Enumerable.Range(0, points).Select(i => 10.0 * i / (points - 1)).ToArray();
        double[] y = x.Select(v => 3 * Math.Exp(-(v - 3) * (v - 3) / 2) + 2 * Math.Exp(-(v - 7) * (v - 7) / 1.28) + 0.01 * Math.Sin(37 * v)).ToArray();
        double[] start = [1, 1, 4, 6, 2, 2];
        long Allocated(int maxEvaluations)
        {
            var options = new CurveFitOptions { MaxFunctionEvaluations = maxEvaluations, MaxDegreeOfParallelism = 1 };
            CurveFit.Fit<TwoGaussiansModel>(x, y, start, options); // JIT and statics
            long fewest = long.MaxValue;   // of three: the runtime's one-off allocations (tiering) land in a single run at times
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var fit = CurveFit.Fit<TwoGaussiansModel>(x, y, start, options);
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
                Assert.True(maxEvaluations < 10 || fit.Iterations >= 8, $"{fit.Iterations} iterations");
            }
            return fewest;
        }
        long few = Allocated(4), many = Allocated(5000);
        Assert.True(many <= few + 512, $"{few} bytes for 4 evaluations, {many} bytes for a full solve");
    }
}
