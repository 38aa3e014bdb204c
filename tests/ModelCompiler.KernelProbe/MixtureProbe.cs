using System.Globalization;
using ModelCompiler;
using ModelCompiler.Generators.Tests.Models;
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Regression;
using ModelCompiler.Variational;

/// <summary>
/// `mixtures`: one line per mixture kernel and case, "name values" with the bits of every value, for the vector
/// paths of the mixture kernels: the generated component densities, the log-sum-exp, and short fits of every
/// mixture (their fused passes). Inputs come from fixed seeds, so every process sees the same.
/// </summary>
internal static class MixtureProbe
{
    private static readonly int[] Lengths = [0, 1, 7, 8, 9, 1001];

    public static void Print()
    {
        foreach (int n in Lengths)
        {
            ComponentDensities<Mixtures.LinesMixture, Mixtures.LinesModel>("Mixtures.Lines", n, [1, 2, -3, 0.5], [0.7, 2.5], -10, 10);
            ComponentDensities<Mixtures.DecaysMixture, Mixtures.DecaysModel>("Mixtures.Decays", n, [3, 0.7, 1, 0.2, 5, 2], [0.3, 1.1, 0.05], 0, 5);
        }
        foreach (int n in Lengths.Where(n => n > 0))
            Normalize(n);
        GaussianFits();
        BayesianFit();
        CaviFits();
        RegressionFit();
    }

    /// <summary>Residuals and log-densities; y is the first component's curve plus noise.</summary>
    private static void ComponentDensities<TMixture, TModel>(string name, int n, double[] parameters, double[] scales, double low, double high)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        var random = new Random(n * 31 + name.Length);
        var x = Enumerable.Range(0, n).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
        var y = new double[n];
        TModel.Evaluate(x, parameters.AsSpan(0, TModel.ParameterCount), y);
        for (int i = 0; i < n; i++)
            y[i] += random.NextDouble() - 0.5;
        int k = TMixture.Components;
        var residuals = new double[k * n];
        var logDensity = new double[k * n];
        TMixture.ComponentLogDensities(x, y, parameters, scales, residuals, logDensity);
        Line($"{name}.residuals n={n}", residuals);
        Line($"{name}.logDensity n={n}", logDensity);
    }

    /// <summary>Three components' log-densities, the last one −∞ at every third point (a zero weight there).</summary>
    private static void Normalize(int n)
    {
        var random = new Random(n);
        const int k = 3;
        var values = Enumerable.Range(0, k * n).Select(m => m >= 2 * n && m % 3 == 0 ? double.NegativeInfinity : -800 * random.NextDouble()).ToArray();
        var logLikelihood = new double[n];
        double total = LogSumExp.NormalizeInPlace(values, n, k, logLikelihood);
        Line($"LogSumExp.responsibilities n={n}", values);
        Line($"LogSumExp.logLikelihood n={n}", logLikelihood);
        Line($"LogSumExp.total n={n}", [total]);
    }

    private static double[,] Points(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                x[i, j] = 4 * (i % 3) - 2 * j + Normal(random);
        return x;
    }

    private static void GaussianFits()
    {
        foreach (var (type, d) in new[] { (CovarianceType.Full, 2), (CovarianceType.Full, 3), (CovarianceType.Tied, 2), (CovarianceType.Diagonal, 3), (CovarianceType.Spherical, 2) })
        {
            double[,] x = Points(3001, d, d);
            var fit = new GaussianMixture(3, new GaussianMixtureOptions
            {
                CovarianceType = type,
                Em = new EmOptions { Tolerance = 0, MaxIterations = 6, Seed = 1 },
            }).Fit(x);
            Line($"GaussianMixture.{type} d={d}", [fit.LowerBound, .. Flat(fit.Means), .. fit.Covariances, .. fit.Weights]);
        }
    }

    private static void BayesianFit()
    {
        double[,] x = Points(3001, 2, 7);
        var fit = new BayesianGaussianMixture(4, new BayesianGaussianMixtureOptions { Tolerance = 0, MaxIterations = 6, Seed = 2 }).Fit(x);
        Line("BayesianGaussianMixture.Full d=2", [fit.LowerBound, .. Flat(fit.Means), .. fit.Covariances, .. fit.Weights]);
    }

    private static void CaviFits()
    {
        foreach (int d in new[] { 1, 2 })
        {
            double[,] x = Points(5001, d, 11 + d);
            var fit = BleiCavi.Fit(x, 3, new BleiCaviOptions { PriorVariance = 25, RelativeTolerance = 0, MaxIterations = 6, RestartCount = 1, Seed = 3 });
            Line($"BleiCavi d={d}", [fit.Elbo, .. Flat(fit.Means), .. fit.Variances]);
        }
    }

    private static void RegressionFit()
    {
        var random = new Random(5);
        const int n = 1001;
        var x = Enumerable.Range(0, n).Select(_ => 10 * random.NextDouble()).ToArray();
        var y = x.Select((v, i) => (i % 2 == 0 ? 1 + 2 * v : 8 - v) + 0.3 * Normal(random)).ToArray();
        var fit = RegressionMixture.Fit<Mixtures.LinesMixture, Mixtures.LinesModel>(x, y,
            new RegressionMixtureOptions { Tolerance = 0, MaxIterations = 6, InitializationCount = 1, Seed = 4 });
        Line("RegressionMixture.Lines", [fit.LogLikelihood, .. fit.Components.SelectMany(c => c.Parameters.Append(c.Scale).Append(c.Weight))]);
    }

    private static IEnumerable<double> Flat(double[,] m) => m.Cast<double>();

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Line(string key, IEnumerable<double> values)
    {
        var array = values.ToArray();
        Console.WriteLine(key.Replace(' ', '_') + " " + (array.Length == 0
            ? "-"
            : string.Join(",", array.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x", CultureInfo.InvariantCulture)))));
    }
}
