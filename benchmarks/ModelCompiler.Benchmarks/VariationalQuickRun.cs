// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- bgm [points] [iterations]` and `-- cavi [points] [iterations]`: quick Stopwatch runs of the
/// variational benchmarks (best of three after a warm-up) on one thread and on every core, printing
/// times and the final bound so the peer scripts can check that the peer fitted the same thing.
/// </summary>
public static class VariationalQuickRun
{
    public static int Run(string which, string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        bool bgm = which == "bgm";
        int n = args.Length > 0 ? int.Parse(args[0], ci) : bgm ? 200_000 : 1_000_000;
        int iterations = args.Length > 1 ? int.Parse(args[1], ci) : 100;
        double[,] x = bgm ? GaussianMixtureData.Generate(n) : VariationalBenchmarkData.CaviPoints(n);
        double[,]? resp = bgm ? VariationalBenchmarkData.BgmInitialResponsibilities(x) : null;
        double Fit(int? threads, int count) => bgm
            ? BayesianGaussianMixtureBenchmarks.Fit(x, resp!, threads, count).LowerBound
            : BleiCaviBenchmarks.Fit(x, threads, count).Elbo;
        foreach ((string name, int? threads) in new[] { ("1-thread", (int?)1), ($"{Environment.ProcessorCount}-threads", null) })
        {
            Fit(threads, 2);
            double best = double.PositiveInfinity, bestCpu = double.PositiveInfinity, bound = 0;
            for (int r = 0; r < 3; r++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                bound = Fit(threads, iterations);
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }
            Console.WriteLine(string.Format(ci, "modelcompiler {0} {1:F1} ms bound {2:R} points {3} iterations {4} cpu {5:F1} ms", name, best, bound, n, iterations, bestCpu));
        }
        return 0;
    }
}
