// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Tests.Mixtures;

/// <summary>
/// The engine with a family other than the Gaussian one: a mixture of exponential distributions whose
/// M-step reads the full responsibility matrix (the path mixtures of regressions use), checked against
/// a plain scalar EM written out here.
/// </summary>
public sealed class EmEngineFamilyTests
{
    private sealed record ExponentialParameters(double[] Weights, double[] Rates);

    private sealed class ExponentialFamily(double[] x, int k) : IMixtureFamily<ExponentialParameters>
    {
        public double[] Weights { get; } = new double[k];
        public double[] Rates { get; } = new double[k];
        public int Initializations { get; private set; }
        public int PointCount => x.Length;
        public int ComponentCount => k;
        public int StatisticsLength => 0;
        public bool NeedsResponsibilities => true;
        public bool HasParameters { get; private set; }
        public int WorkspaceLength(int chunkLength) => 0;

        public void Initialize(Random random, EmExecution execution)
        {
            Initializations++;
            for (int c = 0; c < k; c++)
            {
                Weights[c] = 1.0 / k;
                Rates[c] = 0.2 + random.NextDouble();
            }
            HasParameters = true;
        }

        public void EstimateWeightedLogDensity(int start, int length, Span<double> logDensity, Span<double> workspace)
        {
            for (int c = 0; c < k; c++)
                for (int i = 0; i < length; i++)
                    logDensity[c * length + i] = Math.Log(Weights[c]) + Math.Log(Rates[c]) - Rates[c] * x[start + i];
        }

        public void AccumulateStatistics(int start, int length, ReadOnlySpan<double> responsibilities, Span<double> statistics, Span<double> workspace) =>
            throw new InvalidOperationException("A family without statistics is never asked for them.");

        public MaximizationOutcome Maximize(ReadOnlySpan<double> statistics, ReadOnlySpan<double> responsibilities, EmExecution execution)
        {
            int n = x.Length;
            for (int c = 0; c < k; c++)
            {
                double nk = 0, sx = 0;
                for (int i = 0; i < n; i++)
                {
                    nk += responsibilities[c * n + i];
                    sx += responsibilities[c * n + i] * x[i];
                }
                Weights[c] = nk / n;
                Rates[c] = nk / sx;
            }
            return default;
        }

        public ExponentialParameters CaptureParameters() => new((double[])Weights.Clone(), (double[])Rates.Clone());

        public void RestoreParameters(ExponentialParameters parameters)
        {
            parameters.Weights.CopyTo(Weights, 0);
            parameters.Rates.CopyTo(Rates, 0);
        }
    }

    private static double[] Data(int n)
    {
        var random = new Random(12);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.4
            ? -Math.Log(1 - random.NextDouble()) / 3.0
            : -Math.Log(1 - random.NextDouble()) / 0.5).ToArray();
    }

    [Fact]
    public void A_family_reading_the_responsibility_matrix_matches_scalar_EM()
    {
        double[] x = Data(5000);   // three chunks
        var family = new ExponentialFamily(x, 2);
        EmResult result = EmEngine.Fit<ExponentialFamily, ExponentialParameters>(family,
            new EmOptions { Tolerance = 0, MaxIterations = 25, Seed = 5, MaxDegreeOfParallelism = 2 });

        // The same start (the engine's Random(seed) drawn the same way), then textbook EM.
        var random = new Random(5);
        double[] w = [0.5, 0.5];
        double[] rate = [0.2 + random.NextDouble(), 0.2 + random.NextDouble()];
        var bounds = new List<double>();
        for (int t = 0; t < 25; t++)
        {
            double ll = 0, n0 = 0, n1 = 0, s0 = 0, s1 = 0;
            foreach (double v in x)
            {
                double a = w[0] * rate[0] * Math.Exp(-rate[0] * v), b = w[1] * rate[1] * Math.Exp(-rate[1] * v);
                ll += Math.Log(a + b);
                n0 += a / (a + b);
                n1 += b / (a + b);
                s0 += a / (a + b) * v;
                s1 += b / (a + b) * v;
            }
            bounds.Add(ll / x.Length);
            w = [n0 / x.Length, n1 / x.Length];
            rate = [n0 / s0, n1 / s1];
        }
        Assert.Equal(25, result.Iterations);
        for (int t = 0; t < 25; t++)
            Assert.Equal(bounds[t], result.LowerBoundTrace[t], 1e-12 * Math.Abs(bounds[t]));
        Assert.Equal(w[0], family.Weights[0], 1e-10);
        Assert.Equal(rate[0], family.Rates[0], 1e-10);
        Assert.Equal(rate[1], family.Rates[1], 1e-10);
    }

    [Fact]
    public void Several_starts_restore_the_best_parameters_and_warm_start_skips_initialization()
    {
        double[] x = Data(3000);
        var family = new ExponentialFamily(x, 2);
        var options = new EmOptions { Tolerance = 1e-9, MaxIterations = 500, InitializationCount = 3, Seed = 1 };
        EmResult result = EmEngine.Fit<ExponentialFamily, ExponentialParameters>(family, options);
        Assert.Equal(3, family.Initializations);
        // The restored parameters are those of the kept run: one more E-step reproduces its bound.
        double score = EmEngine.EStep<ExponentialFamily, ExponentialParameters>(family, [], [], new EmExecution(1, default));
        Assert.Equal(result.LowerBound, score, 1e-8);

        EmResult warm = EmEngine.Fit<ExponentialFamily, ExponentialParameters>(family, options with { WarmStart = true });
        Assert.Equal(3, family.Initializations);
        Assert.True(warm.Iterations <= 3, $"a converged warm start should stop at once, took {warm.Iterations}");
        Assert.True(warm.Converged);
    }
}
