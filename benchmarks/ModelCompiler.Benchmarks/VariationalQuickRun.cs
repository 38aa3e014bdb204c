// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- bgm [points] [iterations]` and `-- cavi [points] [iterations]`: quick Stopwatch runs of the
/// variational benchmarks on one thread and on every core (<see cref="ThreadCountTiming"/>), printing
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
        // BGM: FusedGaussianPass as the GMM's with the entropy term (3 more operations per component), K = 10.
        // CAVI (BleiCaviPass, d = 1, K = 5): per component 1 multiply-add for the logit, 1 max, 1 subtraction, the
        // exponential, 1 addition and 1 multiply-add for the entropy, 3 to accumulate; per point 2 more.
        var work = bgm
            ? new PointWork("bgm", Exps: VariationalBenchmarkData.BgmComponents, Operations: VariationalBenchmarkData.BgmComponents * 25 + 4, Divisions: 1)
            : new PointWork("cavi", Exps: 5, Operations: 5 * 8 + 2, Divisions: 1);
        ThreadCountTiming.Run(Fit, "bound", n, iterations, work);
        return 0;
    }
}
