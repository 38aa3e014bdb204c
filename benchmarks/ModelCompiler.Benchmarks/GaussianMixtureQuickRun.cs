// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- gmm [points] [iterations]`: a quick Stopwatch run of the Gaussian-mixture benchmark (best of
/// three after a warm-up) on one thread and on every core, printing times and the final lower bound
/// so the peer script can check that scikit-learn fitted the same thing.
/// </summary>
public static class GaussianMixtureQuickRun
{
    public static int Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        int n = args.Length > 0 ? int.Parse(args[0], ci) : 1_000_000;
        int iterations = args.Length > 1 ? int.Parse(args[1], ci) : 100;
        double[,] x = GaussianMixtureData.Generate(n);
        foreach ((string name, int? threads) in new[] { ("1-thread", (int?)1), ($"{Environment.ProcessorCount}-threads", null) })
        {
            GaussianMixtureBenchmarks.Fit(x, threads, 2);
            double best = double.PositiveInfinity, bestCpu = double.PositiveInfinity, bound = 0;
            for (int r = 0; r < 3; r++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                bound = GaussianMixtureBenchmarks.Fit(x, threads, iterations).LowerBound;
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }
            Console.WriteLine(string.Format(ci, "modelcompiler {0} {1:F1} ms lower_bound {2:R} points {3} iterations {4} cpu {5:F1} ms", name, best, bound, n, iterations, bestCpu));
        }
        return 0;
    }
}
