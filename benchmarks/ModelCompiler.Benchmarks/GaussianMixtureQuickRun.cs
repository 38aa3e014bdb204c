// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- gmm [points] [iterations]`: a quick Stopwatch run of the Gaussian-mixture benchmark on one thread and on
/// every core (<see cref="ThreadCountTiming"/>), printing times and the final lower bound so the peer script can
/// check that scikit-learn fitted the same thing.
/// </summary>
public static class GaussianMixtureQuickRun
{
    public static int Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        int n = args.Length > 0 ? int.Parse(args[0], ci) : 1_000_000;
        int iterations = args.Length > 1 ? int.Parse(args[1], ci) : 100;
        double[,] x = GaussianMixtureData.Generate(n);
        // FusedGaussianPass with the 2-D full shape, K = 5: per component 8 operations for the log-density, 1 max, 1
        // subtraction, the exponential, 1 addition, 1 multiplication for r and 10 to accumulate; per point 3 more.
        var work = new PointWork("gmm", Exps: 5, Operations: 5 * 22 + 3, Divisions: 1);
        ThreadCountTiming.Run((threads, count) => GaussianMixtureBenchmarks.Fit(x, threads, count).LowerBound, "lower_bound", n, iterations, work);
        return 0;
    }
}
