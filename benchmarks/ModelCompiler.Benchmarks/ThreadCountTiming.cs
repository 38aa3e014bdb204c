// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// The quick runs' timing: a fit on one thread and on every core, best of three each after a warm-up, the two
/// configurations alternating so that a drift in the machine's speed (other processes, a shared host) reaches both
/// alike. Prints "modelcompiler &lt;label&gt; &lt;ms&gt; ms &lt;bound name&gt; &lt;bound&gt; points &lt;n&gt; iterations &lt;t&gt; cpu &lt;ms&gt; ms",
/// the process's CPU time beside the wall time; then the CPU-limit statement against the one-thread CPU time.
/// </summary>
public static class ThreadCountTiming
{
    public static void Run(Func<int?, int, double> fit, string boundName, int points, int iterations, PointWork work)
    {
        var configurations = new[] { ("1-thread", (int?)1), ($"{Environment.ProcessorCount}-threads", (int?)null) };
        foreach ((_, int? threads) in configurations)
            fit(threads, 2);
        var best = new[] { double.PositiveInfinity, double.PositiveInfinity };
        var bestCpu = new[] { double.PositiveInfinity, double.PositiveInfinity };
        var bound = new double[2];
        for (int round = 0; round < 3; round++)
            for (int c = 0; c < configurations.Length; c++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                bound[c] = fit(configurations[c].Item2, iterations);
                best[c] = Math.Min(best[c], watch.Elapsed.TotalMilliseconds);
                bestCpu[c] = Math.Min(bestCpu[c], (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }
        for (int c = 0; c < configurations.Length; c++)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "modelcompiler {0} {1:F1} ms {2} {3:R} points {4} iterations {5} cpu {6:F1} ms",
                                            configurations[c].Item1, best[c], boundName, bound[c], points, iterations, bestCpu[c]));
        work.Print("iteration", bestCpu[0] * 1e6 / ((double)points * iterations));
        PrintParallelSlowdown();
    }

    /// <summary>
    /// The machine's own limit on the all-core speed-up at this moment (<see cref="MachineThroughput.ParallelSlowdown"/>),
    /// beside which a measured all-core ÷ one-thread ratio can be judged.
    /// </summary>
    public static void PrintParallelSlowdown()
    {
        int cores = Environment.ProcessorCount;
        double slowdown = MachineThroughput.ParallelSlowdown();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "machine: an in-register exp loop on {0} threads at once took {1:F2}x its one-thread time (1.00 where the cores do not " +
            "slow each other), so a compute-bound pass's {0}-thread time is at best {2:F2} of its one-thread time",
            cores, slowdown, slowdown / cores));
    }
}
