// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- batch spots|decays [curves] [sample]`: CurveFit.FitMany over all curves (generated in blocks, untimed), against
/// a loop of CurveFit.Fit over the first `sample` curves, scaled; then the CPU-limit statement. Lines starting with
/// "modelcompiler" are read by benchmarks/peers/batch_curve_fit.py.
/// </summary>
public static class BatchQuickRun
{
    private const int Block = 100_000;

    public static int Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        var data = args.Length > 0 && args[0] == "decays" ? BatchData.Decays() : BatchData.Spots();
        long curves = args.Length > 1 ? long.Parse(args[1], ci) : 1_000_000;
        int sample = args.Length > 2 ? int.Parse(args[2], ci) : 10_000;
        int threads = Environment.ProcessorCount;
        Console.WriteLine(string.Format(ci, "batch {0} curves {1} points {2} lanes {3} threads {4} load {5}", data.Name, curves,
                                        data.PointCount, LaneBatchSolver(), threads, Load()));

        // Warm up the JIT on a small batch and as many single fits: tiered compilation needs hundreds of milliseconds of
        // calls before Fit's path runs optimized, and a loop of 10,000 fits timed cold ran at a third of its speed.
        var (warmY, warmStarts) = data.Generate(0, 2000);
        FitMany(data, warmY, warmStarts, null);
        for (int round = 0; round < 3; round++)
            for (int c = 0; c < 2000; c++)
                FitOne(data, warmY, warmStarts, c);

        double batchMs = 0, batchCpuMs = 0;
        long converged = 0, evaluations = 0;
        for (long first = 0; first < curves; first += Block)
        {
            int count = (int)Math.Min(Block, curves - first);
            var (y, starts) = data.Generate(first, count);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = FitMany(data, y, starts, null);
            batchMs += watch.Elapsed.TotalMilliseconds;
            batchCpuMs += (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            converged += result.ConvergedCount;
            evaluations += result.Evaluations.Sum(e => (long)e);
        }
        Console.WriteLine(string.Format(ci,
            "modelcompiler batch {0:F0} ms {1:F0} fits/s cpu {2:F0} ms converged {3} of {4} ({5:F4}) evaluations/curve {6:F2}",
            batchMs, curves / (batchMs / 1000), batchCpuMs, converged, curves, (double)converged / curves, (double)evaluations / curves));

        var (sy, sstarts) = data.Generate(0, sample);
        // The loop once untimed, and a pause: after the warm-up and the batch, tiered compilation still recompiled Fit's path
        // during the timed loop in most runs (a second thread's CPU beside it), and the loop's rate varied from 31,000 to
        // 101,000 fits/s from run to run; with tiering off it was 100,000 in every run. Then the batch's arrays are collected.
        for (int c = 0; c < sample; c++)
            FitOne(data, sy, sstarts, c);
        Thread.Sleep(500);   // the background compiler's queue drains
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int singleConverged = 0;
        var singleCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var singleWatch = Stopwatch.StartNew();
        for (int c = 0; c < sample; c++)
            if (FitOne(data, sy, sstarts, c).IsConverged)
                singleConverged++;
        double singleMs = singleWatch.Elapsed.TotalMilliseconds;
        double singleCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - singleCpu).TotalMilliseconds;
        Console.WriteLine(string.Format(ci,
            "modelcompiler single-fit-loop sample {0} {1:F0} ms {2:F0} fits/s cpu {3:F0} ms converged {4} ({5:F4})",
            sample, singleMs, sample / (singleMs / 1000), singleCpuMs, singleConverged, (double)singleConverged / sample));
        double batchRate = curves / (batchMs / 1000), loopRate = sample / (singleMs / 1000);
        Console.WriteLine(string.Format(ci, "ratio batch / single-fit loop: {0:F1}x (CPU time per fit: {1:F1}x)",
                                        batchRate / loopRate, (singleCpuMs / sample) / (batchCpuMs / curves)));
        CpuLimit(data, evaluations / (double)curves, batchCpuMs / curves);
        return 0;
    }

    /// <summary>
    /// CPU time of one lane-kernel call per curve (the normal equations of W curves at their starts, over and over),
    /// single thread: the kernel's share of a fit is this times the evaluations per curve.
    /// </summary>
    private static double LaneKernelNsPerCurve(BatchData data)
    {
        int lanes = LaneBatchSolver(), n = data.PointCount;
        int p = data.VariableCount == 2 ? BenchmarkModels.SpotModel.ParameterCount : BenchmarkModels.DecayModel.ParameterCount;
        var (y, starts) = data.Generate(0, lanes);
        var ys = new double[n * lanes];
        var parameters = new double[p * lanes];
        for (int l = 0; l < lanes; l++)
        {
            for (int i = 0; i < n; i++)
                ys[i * lanes + l] = y[l, i];
            for (int j = 0; j < p; j++)
                parameters[j * lanes + l] = starts[l, j];
        }
        var sums = new double[ModelCompiler.Kernels.NormalEquationsLayout.Length(p) * lanes];
        void Calls(int count)
        {
            for (int c = 0; c < count; c++)
            {
                Array.Clear(sums);
                if (data.VariableCount == 2)
                    BenchmarkModels.SpotModel.AccumulateNormalEquationsLanes(data.X, parameters, ys, [], sums);
                else
                    BenchmarkModels.DecayModel.AccumulateNormalEquationsLanes(data.X, parameters, ys, [], sums);
            }
        }
        Calls(20_000);
        const int calls = 400_000;
        double best = double.PositiveInfinity;
        for (int run = 0; run < 3; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Calls(calls);
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1e6 / calls / lanes);
        }
        return best;
    }

    private static BatchFitResult FitMany(BatchData data, double[,] y, double[,] starts, CurveFitOptions? options) =>
        data.VariableCount == 2
            ? CurveFit.FitMany<BenchmarkModels.SpotModel>(data.X, y, starts, options: options)
            : CurveFit.FitMany<BenchmarkModels.DecayModel>(data.X, y, starts, options: options);

    private static CurveFitResult FitOne(BatchData data, double[,] y, double[,] starts, int c)
    {
        var row = new double[data.PointCount];
        for (int i = 0; i < row.Length; i++)
            row[i] = y[c, i];
        var start = new double[starts.GetLength(1)];
        for (int j = 0; j < start.Length; j++)
            start[j] = starts[c, j];
        return data.VariableCount == 2
            ? CurveFit.Fit<BenchmarkModels.SpotModel>(data.X, row, start)
            : CurveFit.Fit<BenchmarkModels.DecayModel>(data.X, row, start);
    }

    private static int LaneBatchSolver() => Vector512.IsHardwareAccelerated ? 8 : 4;

    /// <summary>
    /// How close the batch comes to the machine: the lane kernel's work per curve (evaluations × points × its exps
    /// and flops) at the measured throughput of this core, against the measured CPU time per curve.
    /// </summary>
    private static void CpuLimit(BatchData data, double evaluationsPerCurve, double cpuMsPerCurve)
    {
        var ci = CultureInfo.InvariantCulture;
        var (expNs, fmaNs) = MachineThroughput.Measure();
        // Per point and lane: the spot's exp and 13 flops of value and derivatives, 15 multiply-adds and 5 additions into
        // JᵀJ, Jᵀr, rᵀr; the decay's exp and 6 flops, 6 multiply-adds and 3 additions (counted from the generated
        // kernels, whose Jacobian columns leave their point-invariant factors to the end of the call, and whose offset's
        // column of ones is added, not multiplied).
        (int exps, int flops, int fmas) = data.VariableCount == 2 ? (1, 18, 15) : (1, 9, 6);
        double perPointNs = exps * expNs + (flops + fmas) * fmaNs;
        double kernelNs = evaluationsPerCurve * data.PointCount * perPointNs;
        double measuredKernelNs = LaneKernelNsPerCurve(data);
        Console.WriteLine(string.Format(ci,
            "cpu-limit {0}: the lane kernel alone takes {1:F1} ns per curve and evaluation ({2:F2} us per curve over {3:F1} evaluations, " +
            "{4:P0} of the measured CPU per curve; its bound is {5:F1} ns)",
            data.Name, measuredKernelNs, measuredKernelNs * evaluationsPerCurve / 1000, evaluationsPerCurve,
            measuredKernelNs * evaluationsPerCurve / 1000 / (cpuMsPerCurve * 1000), data.PointCount * perPointNs));
        Console.WriteLine(string.Format(ci,
            "cpu-limit {0}: per point and evaluation {1} exp + {2} flops + {3} multiply-adds; measured {4:F2} ns per exp and {5:F3} ns per " +
            "vector op per lane; {6:F1} evaluations per curve → kernel bound {7:F2} us per curve against {8:F2} us measured CPU ({9:P0})",
            data.Name, exps, flops, fmas, expNs, fmaNs, evaluationsPerCurve, kernelNs / 1000, cpuMsPerCurve * 1000, kernelNs / 1000 / (cpuMsPerCurve * 1000)));
    }

    internal static string Load()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
