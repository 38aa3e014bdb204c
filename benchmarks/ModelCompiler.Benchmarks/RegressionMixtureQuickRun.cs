// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- mixreg [points] [iterations]`: a quick Stopwatch run of the regression-mixture benchmark (best of three
/// after a warm-up), printing times and the final log-likelihood so the peer script can check it fitted the same.
/// </summary>
public static class RegressionMixtureQuickRun
{
    public static int Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        int n = args.Length > 0 ? int.Parse(args[0], ci) : 100_000;
        int iterations = args.Length > 1 ? int.Parse(args[1], ci) : 50;
        var (x, y) = RegressionMixtureData.Generate(n);
        foreach (string noise in new[] { "gaussian", "laplace" })
        {
            Func<int, double> fit = noise == "gaussian"
                ? it => RegressionMixtureBenchmarks.FitGaussian(x, y, it).LogLikelihood
                : it => RegressionMixtureBenchmarks.FitLaplace(x, y, it).LogLikelihood;
            fit(2);
            double best = double.PositiveInfinity, logLikelihood = 0;
            for (int r = 0; r < 3; r++)
            {
                var watch = Stopwatch.StartNew();
                logLikelihood = fit(iterations);
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine(string.Format(ci, "modelcompiler {0} {1:F1} ms loglik {2:R} points {3} iterations {4}", noise, best, logLikelihood, n, iterations));
        }
        return 0;
    }
}
