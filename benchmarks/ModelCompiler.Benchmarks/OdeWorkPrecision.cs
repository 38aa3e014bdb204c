// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ModelCompiler.Ode;
using ModelCompiler.Tests.Ode;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- ode [problem…] [--rtol 1e-6,1e-10] [--methods NDF,Rodas5P] [--no-time]`: the work–precision table of every method on every reference problem
/// (tests/ModelCompiler.Tests/Data/ode, the README's metrics and atol multiples): error, steps, f evaluations,
/// Jacobians, LU factorizations and CPU time per run (best of five batches after warm-ups, dense output off).
/// Problems: airy, lorenz, robertson, vanderpol, lotka, brusselator (N = 500, banded Jacobian; its reference is
/// Rodas5P at rtol 1e-13, computed here).
/// </summary>
public static class OdeWorkPrecision
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    private sealed record Case(string Name, bool Stiff, Func<OdeAlgorithm, double, OdeResult> Run, Func<OdeResult, double> Error);

    public static int Run(string[] args)
    {
        double[] rtols = [1e-6, 1e-10];
        var names = new List<string>();
        bool timed = true;
        string[]? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-time")
                timed = false;
            else if (args[i] == "--methods" && i + 1 < args.Length)
                only = args[++i].Split(',');
            else if (args[i] == "--rtol" && i + 1 < args.Length)
                rtols = args[++i].Split(',').Select(s => double.Parse(s, Ci)).ToArray();
            else
                names.Add(args[i]);
        }
        var cases = Cases().Where(c => names.Count == 0 || names.Contains(c.Name)).ToList();
        Console.WriteLine("problem      method          rtol      error      steps    f-evals  Jacobians     LU     time-ms");
        foreach (var c in cases)
        {
            foreach (double rtol in rtols)
            {
                OdeAlgorithm[] methods = c.Stiff
                    ? [new Bdf(), new Bdf { NumericalDifferentiationFormulas = false }, new Rodas5P(), new Rodas4(), new Auto()]
                    : [new Dopri5(), new Dop853(), new Bdf(), new Rodas5P(), new Auto()];
                foreach (var method in methods.Where(m => only is null || only.Contains(m.Name)))
                {
                    var result = c.Run(method, rtol);
                    double ms = timed ? Time(() => c.Run(method, rtol)) : double.NaN;
                    var s = result.Statistics;
                    string error = result.Success ? c.Error(result).ToString("E2", Ci) : result.Termination.ToString();
                    Console.WriteLine(string.Format(Ci, "{0,-12} {1,-14} {2,6:G2} {3,10} {4,8} {5,10} {6,9} {7,8} {8,11:F3}",
                        c.Name, method.Name, rtol, error, s.Steps, s.FunctionEvaluations, s.JacobianEvaluations, s.LuFactorizations, ms));
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// Milliseconds per run: the best of five batches, each timed by the thread's CPU clock where the platform has one
    /// (so that other processes on a busy machine do not inflate it), else by the wall clock.
    /// </summary>
    private static double Time(Func<OdeResult> run)
    {
        for (int w = 0; w < 3; w++)
            run();
        double single = Clock(run, 1);
        int batch = (int)Math.Clamp(20 / Math.Max(single, 1e-3), 1, 1000);
        double best = double.PositiveInfinity;
        for (int b = 0; b < 5; b++)
            best = Math.Min(best, Clock(run, batch) / batch);
        return best;
    }

    private static double Clock(Func<OdeResult> run, int count)
    {
        double start = ThreadCpuMilliseconds();
        long wall = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
            run();
        double cpu = ThreadCpuMilliseconds() - start;
        return double.IsNaN(cpu) ? Stopwatch.GetElapsedTime(wall).TotalMilliseconds : cpu;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
            return double.NaN;
        const int ThreadCpuTimeClock = 3;   // CLOCK_THREAD_CPUTIME_ID
        return ClockGetTime(ThreadCpuTimeClock, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds * 1e-6 : double.NaN;
    }

    private static IEnumerable<Case> Cases()
    {
        // Airy: max over the 400 outputs of the relative error of y, atol = 1e-4·rtol.
        var (airyT, airy) = OdeReference.Load("airy", "y", "yp");
        yield return new Case("airy", false,
            (m, rtol) => OdeSolver.Odeint<OdeSystems.AirySystem>([airy[0][0], airy[1][0]], airyT, default, m, Options(rtol, 1e-4 * rtol)),
            r => MaxRelative(r, 0, airy[0]));

        // Lorenz β = 8/3 from (0, 1, 0): max over t ≤ 10 of the largest absolute error, atol = rtol.
        var (lorenzT, lorenz) = OdeReference.Load("lorenz-beta8over3", "x_a", "y_a", "z_a");
        var lorenzTimes = lorenzT.Where(t => t <= 10).ToArray();
        yield return new Case("lorenz", false,
            (m, rtol) => OdeSolver.Odeint<OdeSystems.LorenzSystem>([0, 1, 0], lorenzTimes, [10, 28, 8.0 / 3.0], m, Options(rtol, rtol)),
            r => Enumerable.Range(0, 3).Max(j => MaxAbsolute(r, j, lorenz[j])));

        // Robertson to 1e11: the largest relative error at the end, atol = rtol·(1e-8, 1e-14, 1e-8).
        var (robT, rob) = OdeReference.Load("robertson", "y1", "y2", "y3");
        yield return new Case("robertson", true,
            (m, rtol) => OdeSolver.Odeint<OdeSystems.RobertsonSystem>([1, 0, 0], [0, 1e11], [0.04, 3e7, 1e4], m,
                Options(rtol, rtol) with { AbsoluteTolerances = [1e-8 * rtol, 1e-14 * rtol, 1e-8 * rtol] }),
            r => Enumerable.Range(0, 3).Max(j => Math.Abs(r[1, j] - rob[j][^1]) / Math.Abs(rob[j][^1])));

        // Van der Pol μ = 1000 to 3000: the largest relative error at the end, atol = 1e-6·rtol.
        var (vdpT, vdp) = OdeReference.Load("vanderpol", "y", "yp");
        yield return new Case("vanderpol", true,
            (m, rtol) => OdeSolver.Odeint<OdeSystems.VanDerPolSystem>([2, 0], [0, 3000], [1000], m, Options(rtol, 1e-6 * rtol)),
            r => Enumerable.Range(0, 2).Max(j => Math.Abs(r[1, j] - vdp[j][^1]) / Math.Abs(vdp[j][^1])));

        // Lotka–Volterra at the true parameters: the largest relative error over t > 0, atol = 1e-6·rtol.
        var lv = OdeReference.Json("lotka-volterra").GetProperty("forward_reference");
        var lvT = OdeReference.Numbers(lv.GetProperty("t"));
        var lvX = OdeReference.Numbers(lv.GetProperty("x"));
        var lvY = OdeReference.Numbers(lv.GetProperty("y"));
        yield return new Case("lotka", false,
            (m, rtol) => OdeSolver.Odeint<OdeSystems.LotkaVolterraSystem>([10, 5], lvT, [1.0, 0.1, 1.5, 0.075], m, Options(rtol, 1e-6 * rtol)),
            r => Math.Max(MaxRelative(r, 0, lvX, skipFirst: true), MaxRelative(r, 1, lvY, skipFirst: true)));

        // Brusselator, N = 500 (1000 states, band 2): the largest absolute error at t = 10 against Rodas5P at 1e-13.
        const int points = 500;
        var y0 = BrusselatorSystem.InitialState(points);
        var reference = OdeSolver.Odeint<BrusselatorSystem>(y0, [0, 10], [0.02], new Rodas5P(), Options(1e-13, 1e-13));
        yield return new Case("brusselator", true,
            (m, rtol) => OdeSolver.Odeint<BrusselatorSystem>(y0, [0, 10], [0.02], m, Options(rtol, rtol)),
            r => Enumerable.Range(0, 2 * points).Max(j => Math.Abs(r[1, j] - reference[1, j])));
    }

    private static OdeOptions Options(double rtol, double atol) =>
        new() { RelativeTolerance = rtol, AbsoluteTolerance = atol, DenseOutput = false, MaxSteps = 1_000_000 };

    private static double MaxRelative(OdeResult r, int component, double[] reference, bool skipFirst = false)
    {
        double worst = 0;
        for (int i = skipFirst ? 1 : 0; i < r.Times.Count; i++)
            worst = Math.Max(worst, Math.Abs(r[i, component] - reference[i]) / Math.Abs(reference[i]));
        return worst;
    }

    private static double MaxAbsolute(OdeResult r, int component, double[] reference)
    {
        double worst = 0;
        for (int i = 0; i < r.Times.Count; i++)
            worst = Math.Max(worst, Math.Abs(r[i, component] - reference[i]));
        return worst;
    }
}
