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
        ThreadCountTiming.Run((threads, count) => GaussianMixtureBenchmarks.Fit(x, threads, count).LowerBound, "lower_bound", n, iterations);
        return 0;
    }
}
