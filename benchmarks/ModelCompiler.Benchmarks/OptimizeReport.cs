// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.Optimization;
using ModelCompiler.Tests.Optimization;
using ModelCompiler.Tests.Optimization.Reference;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- optimize [--no-peer] [--only rosen|reference] [--results PATH]`: the minimizers on generated objectives against
/// scipy 1.10's minimize given analytic derivatives, in one run (benchmarks/Optimize.md). Rosenbrock (the reference
/// problems' indexed declaration, whose tridiagonal Hessian the generator detects) from (−1.2, 1, −1.2, 1, …) at
/// n = 2, 100, 1000 and 10,000 by BFGS (dense, up to n = 100), L-BFGS, Newton–CG and trust-exact; the shared reference
/// set's unconstrained problems by BFGS and L-BFGS; every method's totals on that set. Our default options throughout.
/// Then benchmarks/peers/optimize_scipy.py runs scipy on the same cases (the reference set's "tight" settings; with
/// --results, also every peer's totals from the reference set's results.csv) and both are printed side by side with
/// time ratios. Reached: |f − f*| ≤ 1e-8·max(1, |f*|). Times: median of five calls after half a second of warm-up
/// calls (one call when a call takes over 2 s).
/// </summary>
public static class OptimizeReport
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    private sealed record Row(string Case, string Method, bool Reached, double F, int Values, int Gradients, int Hessians, double Seconds)
    {
        public int Evaluations => Values + Gradients + Hessians;
    }

    private static readonly int[] RosenbrockSizes = [2, 100, 1000, 10000];

    public static int Run(string[] args)
    {
        bool peer = !args.Contains("--no-peer");
        string? only = Value(args, "--only");
        string? results = Value(args, "--results");
        Console.WriteLine($"# ModelCompiler on .NET {Environment.Version}, {Environment.ProcessorCount} cores, "
                          + $"Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}");
        var ours = new List<Row>();
        if (only is null or "rosen")
            foreach (int n in RosenbrockSizes)
                foreach (var options in RosenbrockMethods(n))
                    ours.Add(Measure($"rosenbrock-n{n}", options, 0,
                        o => Minimizer.Minimize<ReferenceProblems.RosenChainedObjective>(RosenbrockStart(n), o)));
        if (only is null or "reference")
            foreach (var problem in ReferenceSet.Unconstrained)
                foreach (var options in new MinimizerOptions[] { BfgsOptions.Default, LbfgsOptions.Default })
                    ours.Add(Measure(problem.Name, options, problem.FStar, problem.Solve));

        var peerLines = new List<string>();
        var scipy = peer ? RunPeer(only, results, peerLines) : [];
        PrintTable(ours, scipy);
        PrintRosenbrockSummary(ours, scipy);
        PrintReferenceSummary(ours, scipy);
        if (only is null or "reference")
            PrintMethodSummary(peerLines);
        return 0;
    }

    private static string? Value(string[] args, string name)
        => Array.IndexOf(args, name) is int k and >= 0 && k + 1 < args.Length ? args[k + 1] : null;

    private static IEnumerable<MinimizerOptions> RosenbrockMethods(int n)
    {
        if (n <= 100)
            yield return BfgsOptions.Default;   // dense n×n inverse Hessian, as scipy's: O(n²) per iteration
        yield return LbfgsOptions.Default;
        yield return NewtonCgOptions.Default;
        yield return TrustExactOptions.Default;
    }

    private static double[] RosenbrockStart(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();

    private static Row Measure(string name, MinimizerOptions options, double fstar, Func<MinimizerOptions, MinimizationResult> solve)
    {
        var watch = Stopwatch.StartNew();
        var result = solve(options);   // the counts
        double first = watch.Elapsed.TotalSeconds;
        var times = new List<double> { first };
        if (first < 2)
        {
            // Warm up for half a second, so the JIT's tiers and OSR are done before the timed calls.
            for (int w = 0; w < 50 && watch.Elapsed.TotalSeconds < 0.5; w++)
                solve(options);
            times.Clear();
            for (int r = 0; r < 5; r++)
            {
                watch.Restart();
                solve(options);
                times.Add(watch.Elapsed.TotalSeconds);
            }
        }
        times.Sort();
        bool reached = Math.Abs(result.Value - fstar) <= 1e-8 * Math.Max(1, Math.Abs(fstar));
        // "Newton-CG (trust region)" is scipy's trust-ncg; the table keeps one word per method.
        string method = options is NewtonCgOptions ? "Newton-CG" : options.Method;
        return new Row(name, method, reached, result.Value, result.FunctionEvaluations, result.GradientEvaluations,
                       result.HessianEvaluations + result.HessianVectorProducts, times[times.Count / 2]);
    }

    private static List<Row> RunPeer(string? only, string? results, List<string> peerLines)
    {
        string script = Path.Combine(RepositoryRoot(), "benchmarks", "peers", "optimize_scipy.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--machine");
        if (only is not null)
        {
            start.ArgumentList.Add("--only");
            start.ArgumentList.Add(only);
        }
        if (results is not null)
        {
            start.ArgumentList.Add("--results");
            start.ArgumentList.Add(results);
        }
        var rows = new List<Row>();
        try
        {
            using var process = Process.Start(start)!;
            while (process.StandardOutput.ReadLine() is { } line)
            {
                var p = line.Split(' ');
                if (p[0] == "run" && p.Length == 9)
                    rows.Add(new Row(p[1], p[2], p[3] == "1", p[4] == "timeout" ? double.NaN : double.Parse(p[4], Ci), int.Parse(p[5], Ci), int.Parse(p[6], Ci),
                                     int.Parse(p[7], Ci), double.Parse(p[8], Ci)));
                else if (p[0] is "peer" or "unreached")
                    peerLines.Add(line);
                else
                    Console.WriteLine(line);
            }
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"# scipy not run: {e.Message}");
        }
        return rows;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelCompiler.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ModelCompiler.sln not found above " + AppContext.BaseDirectory);
    }

    private static void PrintTable(List<Row> ours, List<Row> scipy)
    {
        Console.WriteLine();
        Console.WriteLine(string.Format(Ci, "{0,-32} {1,-15} {2,-12} {3,-4} {4,10} {5,7} {6,7} {7,7} {8,12}",
            "case", "library", "method", "ok", "f", "f", "grad", "hess", "time (ms)"));
        foreach (var name in ours.Select(r => r.Case).Concat(scipy.Select(r => r.Case)).Distinct())
        {
            foreach (var (library, rows) in new[] { ("ModelCompiler", ours), ("scipy", scipy) })
                foreach (var r in rows.Where(r => r.Case == name))
                    Console.WriteLine(string.Format(Ci, "{0,-32} {1,-15} {2,-12} {3,-4} {4,10:G3} {5,7} {6,7} {7,7} {8,12}",
                        r.Case, library, r.Method, r.Reached ? "yes" : "no", r.F, r.Values, r.Gradients, r.Hessians, Milliseconds(r)));
        }
    }

    // Per size: our fastest run against scipy's fastest, each among the runs that reached f* (else among all runs),
    // and the same algorithm side by side.
    private static void PrintRosenbrockSummary(List<Row> ours, List<Row> scipy)
    {
        if (!ours.Any(r => r.Case.StartsWith("rosenbrock", StringComparison.Ordinal)))
            return;
        Console.WriteLine("\n# Rosenbrock: same algorithm, time ratio scipy / ModelCompiler (evaluations f+grad+hess in parentheses)");
        (string Ours, string Scipy)[] pairs =
            [("BFGS", "BFGS"), ("L-BFGS", "L-BFGS-B"), ("Newton-CG", "trust-ncg"), ("Newton-CG", "Newton-CG"), ("trust-exact", "trust-exact")];
        foreach (int n in RosenbrockSizes)
        {
            string name = $"rosenbrock-n{n}";
            foreach (var (o, s) in pairs)
            {
                var a = ours.FirstOrDefault(r => r.Case == name && r.Method == o);
                var b = scipy.FirstOrDefault(r => r.Case == name && r.Method == s);
                if (a is not null && b is not null)
                    Console.WriteLine(string.Format(Ci, "{0,-18} {1,-12} vs {2,-12} {3,10}x   ({4} vs {5}; reached {6} vs {7})",
                        name, o, s, (double.IsNaN(b.F) ? ">" : "") + (b.Seconds / a.Seconds).ToString("F1", Ci), a.Evaluations, b.Evaluations, a.Reached ? "yes" : "no", b.Reached ? "yes" : "no"));
            }
            var bestOurs = Best(ours.Where(r => r.Case == name));
            var bestScipy = Best(scipy.Where(r => r.Case == name));
            if (bestOurs is not null && bestScipy is not null)
                Console.WriteLine(string.Format(Ci, "{0,-18} fastest: ours {1} {2:F3} ms, scipy {3} {4:F3} ms: {5:F1}x",
                    name, bestOurs.Method, bestOurs.Seconds * 1e3, bestScipy.Method, bestScipy.Seconds * 1e3, bestScipy.Seconds / bestOurs.Seconds));
        }
        // scipy's dense trust-exact is timed up to n = 1000; our sparse one at 10,000 against it at 1000.
        var big = ours.FirstOrDefault(r => r.Case == "rosenbrock-n10000" && r.Method == "trust-exact");
        var dense = scipy.Where(r => r.Method == "trust-exact" && r.Case.StartsWith("rosenbrock", StringComparison.Ordinal)).MaxBy(r => r.Case.Length);
        if (big is not null && dense is not null)
            Console.WriteLine(string.Format(Ci, "trust-exact: ours at n = 10000 {0} ms; scipy at {1} {2} ms ({3}{4:F1}x at a tenth of the size)",
                Milliseconds(big), dense.Case, Milliseconds(dense), double.IsNaN(dense.F) ? ">" : "", dense.Seconds / big.Seconds));
    }

    // A peer run stopped by its time limit (f NaN) took at least its time.
    private static string Milliseconds(Row r) => (double.IsNaN(r.F) ? ">" : "") + (r.Seconds * 1e3).ToString("F3", Ci);

    private static Row? Best(IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        var pool = list.Any(r => r.Reached) ? list.Where(r => r.Reached) : list;
        return pool.MinBy(r => r.Seconds);
    }

    private static void PrintReferenceSummary(List<Row> ours, List<Row> scipy)
    {
        var reference = ours.Where(r => !r.Case.StartsWith("rosenbrock", StringComparison.Ordinal)).ToList();
        if (reference.Count == 0)
            return;
        Console.WriteLine("\n# Reference set, unconstrained problems: totals over the problems");
        foreach (var (o, s) in new[] { ("BFGS", "BFGS"), ("L-BFGS", "L-BFGS-B") })
        {
            var a = reference.Where(r => r.Method == o).ToList();
            var b = scipy.Where(r => r.Method == s && reference.Any(q => q.Case == r.Case)).ToList();
            Console.WriteLine(string.Format(Ci, "ModelCompiler {0,-9} reached {1}/{2}, {3} f + {4} grad, {5:F3} ms",
                o, a.Count(r => r.Reached), a.Count, a.Sum(r => r.Values), a.Sum(r => r.Gradients), a.Sum(r => r.Seconds) * 1e3));
            if (b.Count == 0)
                continue;
            Console.WriteLine(string.Format(Ci, "scipy         {0,-9} reached {1}/{2}, {3} f + {4} grad, {5:F3} ms   time ratio {6:F1}x",
                s, b.Count(r => r.Reached), b.Count, b.Sum(r => r.Values), b.Sum(r => r.Gradients), b.Sum(r => r.Seconds) * 1e3,
                b.Sum(r => r.Seconds) / a.Sum(r => r.Seconds)));
            var missed = a.Where(r => !r.Reached).Select(r => r.Case).ToList();
            var missedScipy = b.Where(r => !r.Reached).Select(r => r.Case).ToList();
            Console.WriteLine($"  missed: ours [{string.Join(", ", missed)}], scipy [{string.Join(", ", missedScipy)}]");
        }
    }

    // Every method with our defaults over the reference set's unconstrained problems, beside every peer run of the
    // reference set's results.csv (given with --results): problems reached and evaluations.
    private static void PrintMethodSummary(List<string> peerLines)
    {
        Console.WriteLine("\n# Per method, reference set's unconstrained problems: reached f*, calls of f, gradient, Hessian (+ Hessian-vector products)");
        Console.WriteLine(string.Format(Ci, "{0,-40} {1,8} {2,9} {3,9} {4,9}", "method", "reached", "f", "grad", "hess"));
        var cases = ReferenceSet.Unconstrained.ToList();
        MinimizerOptions[] methods =
        [
            NelderMeadOptions.Default with { MaxFunctionEvaluations = 100_000 }, PowellOptions.Default, ConjugateGradientOptions.Default,
            BfgsOptions.Default, LbfgsOptions.Default, LbfgsbOptions.Default, NewtonCgOptions.Default, TrustExactOptions.Default,
        ];
        var missedByAll = cases.Select(c => c.Name).ToHashSet();
        foreach (var options in methods)
        {
            var run = SuiteRun.Of(cases, options);
            missedByAll.IntersectWith(run.Missed);
            Console.WriteLine(string.Format(Ci, "{0,-40} {1,4}/{2,-3} {3,9} {4,9} {5,9}", "ModelCompiler " + options.Method,
                run.Reached.Count, cases.Count, run.Values, run.Gradients, run.Hessians + run.Products));
        }
        foreach (var line in peerLines.Where(l => l.StartsWith("peer ", StringComparison.Ordinal)))
        {
            var p = line.Split(' ');
            Console.WriteLine(string.Format(Ci, "{0,-40} {1,4}/{2,-3} {3,9} {4,9} {5,9}", p[1], p[2], p[3], p[4], p[5], p[6]));
        }
        Console.WriteLine($"missed by every method of ours: {string.Join(", ", missedByAll)}");
        if (peerLines.FirstOrDefault(l => l.StartsWith("unreached", StringComparison.Ordinal)) is { } unreached)
            Console.WriteLine($"reached by no peer run: {(unreached.Length > 10 ? unreached[10..] : "none")}");
    }
}
