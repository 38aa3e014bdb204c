// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- shared-starts [curves]`: what one shared start costs a batch whose curves differ in scale, and what
/// CurveFit.StartSolvingLinear gives back. The batch benchmarks' curves from their own per-curve starts, from one
/// shared start, and from that start with the affine parameters solved per curve; then decays whose amplitudes span
/// five decades and lifetimes two (photon counts, 64 channels of 0.25) from (100, τ₀, 1) for three τ₀. Per case:
/// evaluations per curve, converged and determined curves, the batch's wall time (best of three), and how many curves end with a lower
/// or higher sum of squares than from the shared start.
/// </summary>
public static class SharedStartsReport
{
    public static int Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        int curves = args.Length > 0 ? int.Parse(args[0], ci) : 20_000;
        Console.WriteLine($"shared starts: {curves} curves per case, load {BatchQuickRun.Load()}, cores {Environment.ProcessorCount}");

        var decays = BatchData.Decays();
        var (decayY, decayStarts) = decays.Generate(0, curves);
        Compare<BenchmarkModels.DecayModel>("benchmark decays", decays.X, decayY, decayStarts, [1, 10, 0]);
        var spots = BatchData.Spots();
        var (spotY, spotStarts) = spots.Generate(0, curves);
        Compare<BenchmarkModels.SpotModel>("benchmark spots", spots.X, spotY, spotStarts, [1, 7, 7, 1.5, 0]);

        var (t, wide) = WideDecays(curves);
        foreach (double tau in (double[])[2, 6, 20])
            Compare<BenchmarkModels.DecayModel>($"wide decays, tau0 {tau}", t, wide, null, [100, tau, 1]);
        return 0;
    }

    private static void Compare<TModel>(string name, double[] x, double[,] y, double[,]? ownStarts, double[] shared) where TModel : IModel
    {
        var ci = CultureInfo.InvariantCulture;
        // Warmed up on a few curves first, so that neither timing pays for compilation.
        var warm = new double[Math.Min(256, y.GetLength(0)), y.GetLength(1)];
        Array.Copy(y, warm, warm.Length);
        CurveFit.FitMany<TModel>(x, warm, CurveFit.StartSolvingLinear<TModel>(x, shared));
        CurveFit.FitMany<TModel>(x, warm, shared);

        var plain = Timed(() => CurveFit.FitMany<TModel>(x, y, shared), out double plainMs);
        var solved = Timed(() => CurveFit.FitMany<TModel>(x, y, CurveFit.StartSolvingLinear<TModel>(x, shared)), out double solvedMs);
        Console.WriteLine($"{name}: shared start ({string.Join(", ", shared.Select(v => v.ToString(ci)))})");
        Print("  shared", plain, plainMs, null);
        Print("  solved per curve", solved, solvedMs, plain);
        if (ownStarts is not null)
        {
            var own = Timed(() => CurveFit.FitMany<TModel>(x, y, ownStarts), out double ownMs);
            Print("  the benchmark's own starts", own, ownMs, plain);
        }
    }

    /// <summary>The fit, and the fastest of three runs' wall times.</summary>
    private static BatchFitResult Timed(Func<BatchFitResult> fit, out double ms)
    {
        BatchFitResult result = null!;
        ms = double.PositiveInfinity;
        for (int run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            result = fit();
            ms = Math.Min(ms, watch.Elapsed.TotalMilliseconds);
        }
        return result;
    }

    private static void Print(string label, BatchFitResult fits, double ms, BatchFitResult? against)
    {
        int m = fits.CurveCount;
        int determined = Enumerable.Range(0, m).Count(fits.IsDetermined);
        string rss = against is null ? "" : string.Format(CultureInfo.InvariantCulture, ", RSS lower than the shared start's on {0}, higher on {1}",
            Enumerable.Range(0, m).Count(c => fits.ResidualSumOfSquares[c] < against.ResidualSumOfSquares[c] * (1 - 1e-9)),
            Enumerable.Range(0, m).Count(c => fits.ResidualSumOfSquares[c] > against.ResidualSumOfSquares[c] * (1 + 1e-9)));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1:F2} evaluations per curve, {2} converged, {3} determined, {4:F0} ms{5}",
                                        label, fits.Evaluations.Average(), fits.ConvergedCount, determined, ms, rss));
    }

    /// <summary>a·exp(−t/τ) + b photon counts, a from 10 to 10⁶ and τ from 0.3 to 40 (log-uniform), b up to 5, from a fixed seed.</summary>
    private static (double[] T, double[,] Y) WideDecays(int curves)
    {
        double[] t = Enumerable.Range(0, 64).Select(i => 0.25 * i).ToArray();
        var random = new Random(11);
        var y = new double[curves, t.Length];
        for (int c = 0; c < curves; c++)
        {
            double a = Math.Pow(10, 1 + 5 * random.NextDouble()), tau = 0.3 * Math.Pow(133, random.NextDouble()), b = 5 * random.NextDouble();
            for (int i = 0; i < t.Length; i++)
            {
                double mean = a * Math.Exp(-t[i] / tau) + b;
                double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                y[c, i] = Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * gaussian));
            }
        }
        return (t, y);
    }
}
