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
        var (fitMs, fit) = Report("generated", () => CurveFit.Fit<BenchmarkModels.TwoGaussiansModel>(x, y, TwoGaussiansData.Start));
        Report("generated-1-thread", () => CurveFit.Fit<BenchmarkModels.TwoGaussiansModel>(x, y, TwoGaussiansData.Start,
                                                                                             new CurveFitOptions { MaxDegreeOfParallelism = 1 }));
        double passMs = KernelPasses(x, y);
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

        (double Ms, CurveFitResult Result) Report(string name, Func<CurveFitResult> fit)
        {
            double best = Time(fit, out var result, repeats: 7, warmups: 5);
            Console.WriteLine(string.Format(ci, "{0} {1:F1} ms params {2} rss {3:R} iterations {4} fev {5} jev {6}",
                name, best, string.Join(" ", result.Parameters.Select(v => v.ToString("R", ci))), result.ResidualSumOfSquares,
                result.Iterations, result.FunctionEvaluations, result.JacobianEvaluations));
            return (best, result);
        }
    }

    /// <summary>
    /// One pass of each kernel over all points on one thread, at the start parameters: the fused normal-equation
    /// kernel a tall fit runs per evaluation (in chunks and storing no residuals, as the solver does), and
    /// EvaluateWithJacobian into a full Jacobian.
    /// </summary>
    private static double KernelPasses(double[] x, double[] y)
    {
        var ci = CultureInfo.InvariantCulture;
        int n = x.Length, chunk = Mixtures.ChunkedParallel.ChunkLength;
        var sums = new double[Kernels.NormalEquationsLayout.Length(6)];
        double fused = Time(() =>
        {
            sums.AsSpan().Clear();
            for (int start = 0; start < n; start += chunk)
            {
                int count = Math.Min(chunk, n - start);
                BenchmarkModels.TwoGaussiansModel.AccumulateNormalEquations(x.AsSpan(start), n, TwoGaussiansData.Start,
                    y.AsSpan(start, count), default, default, sums);
            }
            return sums[^1];
        }, out _, repeats: 9, warmups: 5);
        var values = new double[n];
        var jacobian = new double[6 * n];
        double separate = Time(() =>
        {
            BenchmarkModels.TwoGaussiansModel.EvaluateWithJacobian(x, TwoGaussiansData.Start, values, jacobian);
            return values[0];
        }, out _, repeats: 9, warmups: 5);
        Console.WriteLine(string.Format(ci, "kernel-pass: fused-normal-equations {0:F2} ms, evaluate-with-jacobian {1:F2} ms (one thread)",
                                        fused, separate));
        return fused;
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
