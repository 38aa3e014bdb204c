// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- twogauss [points]`: a quick Stopwatch run of the two-Gaussian fit (best of several runs after
/// warm-ups), printing times and the fitted parameters in a form the peer script can read beside scipy's.
/// </summary>
public static class TwoGaussiansQuickRun
{
    public static int Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        int n = args.Length > 0 ? int.Parse(args[0], ci) : 1_000_000;
        bool includeMathNet = !args.Contains("--no-mathnet");
        var (x, y) = TwoGaussiansData.Generate(n);

        Console.WriteLine($"load {BatchQuickRun.Load()} cores {Environment.ProcessorCount}");
        // The fit on all cores, on one thread, and one fused pass (the inequality's unit), warmed up alike and then timed
        // in turns: each meets the same drift in this machine's speed, and none another's JIT compilation alone.
        var results = new CurveFitResult[2];
        Action fusedPass = FusedPass(x, y);
        Action[] runs =
        [
            () => results[0] = CurveFit.Fit<BenchmarkModels.TwoGaussiansModel>(x, y, TwoGaussiansData.Start),
            () => results[1] = CurveFit.Fit<BenchmarkModels.TwoGaussiansModel>(x, y, TwoGaussiansData.Start,
                                                                                new CurveFitOptions { MaxDegreeOfParallelism = 1 }),
            fusedPass,
        ];
        var fastest = new[] { double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity };
        for (int warmup = 0; warmup < 5; warmup++)
            foreach (var run in runs)
                run();
        for (int round = 0; round < 9; round++)
            for (int r = 0; r < runs.Length; r++)
            {
                var watch = Stopwatch.StartNew();
                runs[r]();
                fastest[r] = Math.Min(fastest[r], watch.Elapsed.TotalMilliseconds);
            }
        Print("generated", fastest[0], results[0]);
        Print("generated-1-thread", fastest[1], results[1]);
        double fitMs = fastest[0], passMs = fastest[2];
        PrintSeparatePass(x, passMs);
        // The generated fused kernel, per point: 2 exponentials, 16 operations for the value, residual and the six
        // derivatives (their point-invariant factors multiply the sums at the end), 28 multiply-adds into JᵀJ, Jᵀr and rᵀr.
        new PointWork("twogauss", Exps: 2, Operations: 44, Divisions: 0).Print("fused pass", passMs * 1e6 / n);
        // Every evaluation of the tall route is one fused pass: the fit can be no faster than its passes spread over the cores.
        // The fit's counts also hold the start-label search's, on 2,048 probe points (P + 1 Jacobians for the two alike
        // peaks): the passes are those of the same fit without it.
        var unlabelled = CurveFit.Fit<BenchmarkModels.TwoGaussiansModel>(x, y, TwoGaussiansData.Start, new CurveFitOptions { KeepStartLabels = false });
        int passes = unlabelled.FunctionEvaluations + unlabelled.JacobianEvaluations;
        double bound = passes * passMs / Environment.ProcessorCount;
        Console.WriteLine(string.Format(ci, "inequality: fit {0:F1} ms <= 1.5 x ({1} passes x {2:F2} ms / {3} cores = {4:F1} ms) = {5:F1} ms: {6}",
                                        fitMs, passes, passMs, Environment.ProcessorCount, bound, 1.5 * bound, fitMs <= 1.5 * bound ? "holds" : "fails"));
        ThreadCountTiming.PrintParallelSlowdown();
        Report("forward-difference", () => CurveFit.Fit<ForwardDifference<BenchmarkModels.TwoGaussiansModel>>(x, y, TwoGaussiansData.Start));
        if (includeMathNet)
        {
            double best = Time(() => MathNetFit.Run(x, y), out var result, repeats: 1, warmups: 1);
            Console.WriteLine(string.Format(ci, "mathnet {0:F1} ms params {1} iterations {2}", best,
                string.Join(" ", result.MinimizingPoint.Select(v => v.ToString("R", ci))), result.Iterations));
        }
        return 0;

        void Report(string name, Func<CurveFitResult> fit)
        {
            double ms = Time(fit, out var result, repeats: 7, warmups: 5);
            Print(name, ms, result);
        }

        void Print(string name, double ms, CurveFitResult result) =>
            Console.WriteLine(string.Format(ci, "{0} {1:F1} ms params {2} rss {3:R} iterations {4} fev {5} jev {6}",
                name, ms, string.Join(" ", result.Parameters.Select(v => v.ToString("R", ci))), result.ResidualSumOfSquares,
                result.Iterations, result.FunctionEvaluations, result.JacobianEvaluations));
    }

    /// <summary>
    /// One pass over all points on one thread, at the start parameters, of the fused normal-equation kernel a tall fit
    /// runs per evaluation (in chunks and storing no residuals, as the solver does).
    /// </summary>
    private static Action FusedPass(double[] x, double[] y)
    {
        int n = x.Length, chunk = Mixtures.ChunkedParallel.ChunkLength;
        var sums = new double[Kernels.NormalEquationsLayout.Length(6)];
        return () =>
        {
            sums.AsSpan().Clear();
            for (int start = 0; start < n; start += chunk)
            {
                int count = Math.Min(chunk, n - start);
                BenchmarkModels.TwoGaussiansModel.AccumulateNormalEquations(x.AsSpan(start), n, TwoGaussiansData.Start,
                    y.AsSpan(start, count), default, default, sums);
            }
        };
    }

    /// <summary>Prints the fused pass beside one of EvaluateWithJacobian into a full Jacobian, on one thread.</summary>
    private static void PrintSeparatePass(double[] x, double fusedMs)
    {
        int n = x.Length;
        var values = new double[n];
        var jacobian = new double[6 * n];
        double separate = Time(() =>
        {
            BenchmarkModels.TwoGaussiansModel.EvaluateWithJacobian(x, TwoGaussiansData.Start, values, jacobian);
            return values[0];
        }, out _, repeats: 9, warmups: 5);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "kernel-pass: fused-normal-equations {0:F2} ms, evaluate-with-jacobian {1:F2} ms (one thread)", fusedMs, separate));
    }

    private static double Time<T>(Func<T> run, out T result, int repeats, int warmups)
    {
        // Warm-ups let tiered compilation reach the optimized kernels, as BenchmarkDotNet's do.
        result = run();
        for (int w = 1; w < warmups; w++)
            result = run();
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            result = run();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
