// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.LeastSquares;
using ModelCompiler.Tests.LeastSquares.Nist;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- starts [--seed S] [--count N] [--out DIR] [--problem NAME] [--trace] [--factor F] [--maxfev N] [--geodesic] [--no-projection] [--fit-labels]
/// [--multistart N [--spread F] [--candidates C] [--agree K]]`:
/// fits every NIST StRD problem from N random starts (see <see cref="RandomStarts"/>) with the default options (or
/// with the named ones changed) and prints, per problem, how many starts were solved by LRE ≥ 4 on every parameter,
/// by LRE ≥ 4 once exchangeable terms are put in order, and by reaching the certified RSS. Writes the starts to
/// DIR/starts.csv, which the peers read so that every solver starts from the same doubles, and this solver's
/// per-start outcome to DIR/modelcompiler.csv. `--trace` prints every unsolved start. `--multistart N` fits each random
/// start by <see cref="CurveFit.FitGlobal{TModel}(double[], double[], double[], MultiStartOptions?, CurveFitOptions?, CancellationToken)"/>
/// with N starts (the random start first, seed 0, drawn within a factor F of it, default 10; with K, in rounds of 4 until K agree), counting the evaluations of every start.
/// </summary>
public static class RandomStartsReport
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        ulong seed = ulong.Parse(Option(args, "--seed") ?? RandomStarts.DefaultSeed.ToString(Ci), Ci);
        int count = int.Parse(Option(args, "--count") ?? "50", Ci);
        string outDir = Option(args, "--out") ?? Path.Combine("artifacts", "nist-random-starts");
        string? only = Option(args, "--problem");
        bool trace = args.Contains("--trace");
        var options = CurveFitOptions.Default;
        if (Option(args, "--factor") is { } factor)
            options = options with { InitialStepBound = double.Parse(factor, Ci) };
        if (Option(args, "--maxfev") is { } maxfev)
            options = options with { MaxFunctionEvaluations = int.Parse(maxfev, Ci) };
        if (args.Contains("--geodesic"))
            options = options with { GeodesicAcceleration = true };
        if (args.Contains("--no-projection"))
            options = options with { VariableProjection = false };
        if (args.Contains("--fit-labels"))
            options = options with { KeepStartLabels = false };
        MultiStartOptions? multiStart = Option(args, "--multistart") is { } startCount
            ? new MultiStartOptions { StartCount = int.Parse(startCount, Ci) }
            : null;
        if (multiStart is not null && Option(args, "--spread") is { } spread)
            multiStart = multiStart with { SpreadFactor = double.Parse(spread, Ci) };
        if (multiStart is not null && Option(args, "--candidates") is { } candidates)
            multiStart = multiStart with { CandidatesPerStart = int.Parse(candidates, Ci) };
        if (multiStart is not null && Option(args, "--agree") is { } agree)
            multiStart = multiStart with { StopWhenAgreeing = int.Parse(agree, Ci) };

        Directory.CreateDirectory(outDir);
        using var startsCsv = new StreamWriter(Path.Combine(outDir, "starts.csv"));
        using var resultsCsv = new StreamWriter(Path.Combine(outDir, "modelcompiler.csv"));
        startsCsv.WriteLine("problem,start,parameters");
        resultsCsv.WriteLine("problem,start,status,termination,iterations,evaluations,jacobians,rss,parameters,microseconds");

        Console.WriteLine($"NIST StRD from random starts: seed {seed}, {count} starts per problem, b = c·10^u, u ~ U(−1, 1)");
        Console.WriteLine($"options: {Describe(options)}" + (multiStart is null ? "" : $"; multi-start: {multiStart.StartCount} starts, seed {multiStart.Seed}, factor {multiStart.SpreadFactor}, {multiStart.CandidatesPerStart} candidates per start, stop when {multiStart.StopWhenAgreeing?.ToString(Ci) ?? "never"} agree"));
        Console.WriteLine(string.Format(Ci, "{0,-10} {1,6} {2,9} {3,11} {4,8} {5,8} {6,8}  {7}",
            "Problem", "Starts", "LRE≥4", "relabelled", "RSS", "invalid", "med.fev", "terminations of unsolved starts"));
        int total = 0, solved = 0, relabelled = 0, rssReached = 0, invalid = 0;
        long allEvaluations = 0;
        var watch = Stopwatch.StartNew();
        foreach (var (name, singleFit) in NistSuite.Problems)
        {
            if (only is not null && name != only)
                continue;
            var fit = multiStart is null ? singleFit : NistGlobalFits.For(name, multiStart);
            var problem = NistProblem.Load(name);
            var starts = RandomStarts.Draw(name, problem.Certified, seed, count);
            int pSolved = 0, pRelabelled = 0, pRss = 0, pInvalid = 0;
            var evaluations = new List<int>();
            var unsolved = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var certifiedCanonical = RandomStarts.Canonical(name, problem.Certified);
            for (int s = 0; s < count; s++)
            {
                double[] start = starts[s];
                startsCsv.WriteLine($"{name},{s},{Doubles(start)}");
                CurveFitResult result;
                var fitWatch = Stopwatch.StartNew();
                try
                {
                    result = fit(problem, start, options);
                }
                catch (ArgumentException e)
                {
                    // The model is not finite (or not differentiable) at the start: a failed start.
                    pInvalid++;
                    unsolved["InvalidStart"] = unsolved.GetValueOrDefault("InvalidStart") + 1;
                    resultsCsv.WriteLine($"{name},{s},invalid-start,,0,0,0,,,0");
                    if (trace)
                        Console.WriteLine($"  {name} #{s}: invalid start {Doubles(start, " ")}: {e.Message}");
                    continue;
                }
                catch (ArithmeticException e)
                {
                    // A solver bug, not a property of the start: counted as unsolved and always printed.
                    unsolved["Exception"] = unsolved.GetValueOrDefault("Exception") + 1;
                    resultsCsv.WriteLine($"{name},{s},exception,,0,0,0,,,0");
                    Console.WriteLine($"  {name} #{s}: {e.GetType().Name} from start {Doubles(start, " ")}: {e.Message}");
                    continue;
                }
                double micros = fitWatch.Elapsed.TotalMicroseconds;
                double lre = NistSuite.Lre(result.Parameters, problem.Certified);
                double lreRelabelled = NistSuite.Lre(RandomStarts.Canonical(name, result.Parameters), certifiedCanonical);
                bool byLre = lre >= RandomStarts.SolvedLre, byRelabelling = lreRelabelled >= RandomStarts.SolvedLre;
                bool byRss = RandomStarts.ReachesCertifiedRss(result.ResidualSumOfSquares, problem);
                pSolved += byLre ? 1 : 0;
                pRelabelled += byRelabelling ? 1 : 0;
                pRss += byRss ? 1 : 0;
                long fitEvaluations = result.MultiStart is { } summary
                    ? summary.TotalFunctionEvaluations + summary.TotalJacobianEvaluations
                    : result.FunctionEvaluations + result.JacobianEvaluations;
                evaluations.Add((int)fitEvaluations);
                allEvaluations += fitEvaluations;
                if (!byRelabelling)
                    unsolved[result.Termination.ToString()] = unsolved.GetValueOrDefault(result.Termination.ToString()) + 1;
                resultsCsv.WriteLine(string.Format(Ci, "{0},{1},{2},{3},{4},{5},{6},{7:R},{8},{9:F1}", name, s,
                    byLre ? "solved" : byRelabelling ? "relabelled" : "unsolved", result.Termination, result.Iterations,
                    result.FunctionEvaluations, result.JacobianEvaluations, result.ResidualSumOfSquares,
                    Doubles(result.Parameters), micros));
                if (trace && !byRelabelling)
                {
                    Console.WriteLine(string.Format(Ci,
                        "  {0} #{1}: {2} after {3} iterations, {4}+{5} evaluations; RSS {6:G6} (certified {7:G6}); LRE {8:F1}",
                        name, s, result.Termination, result.Iterations, result.FunctionEvaluations, result.JacobianEvaluations,
                        result.ResidualSumOfSquares, problem.CertifiedRss, lreRelabelled));
                    Console.WriteLine($"      start {Doubles(start, " ", "G4")}");
                    Console.WriteLine($"      end   {Doubles(result.Parameters, " ", "G4")}");
                }
            }
            evaluations.Sort();
            Console.WriteLine(string.Format(Ci, "{0,-10} {1,6} {2,9} {3,11} {4,8} {5,8} {6,8}  {7}",
                name, count, pSolved, pRelabelled, pRss, pInvalid,
                evaluations.Count > 0 ? evaluations[evaluations.Count / 2] : 0,
                string.Join(", ", unsolved.Select(kv => $"{kv.Key} {kv.Value}"))));
            total += count;
            solved += pSolved;
            relabelled += pRelabelled;
            rssReached += pRss;
            invalid += pInvalid;
        }
        Console.WriteLine(string.Format(Ci, "{0,-10} {1,6} {2,9} {3,11} {4,8} {5,8}", "Total", total, solved, relabelled, rssReached, invalid));
        Console.WriteLine(string.Format(Ci,
            "Solved {0:F1} % (LRE ≥ 4), {1:F1} % up to relabelling, {2:F1} % reach the certified RSS; {3} evaluations; {4:F1} s; starts and results in {5}",
            100.0 * solved / total, 100.0 * relabelled / total, 100.0 * rssReached / total, allEvaluations, watch.Elapsed.TotalSeconds,
            Path.GetFullPath(outDir)));
        return 0;
    }

    private static string Describe(CurveFitOptions o)
        => string.Format(Ci, "{0}, factor {1}, maxfev {2}, ftol {3}, xtol {4}, gtol {5}, polish {6}, geodesic {7}, projection {8}, start labels {9}",
                         o.Method, o.InitialStepBound, o.MaxFunctionEvaluations, o.FunctionTolerance, o.ParameterTolerance,
                         o.GradientTolerance, o.PolishSolution, o.GeodesicAcceleration, o.VariableProjection, o.KeepStartLabels);

    private static string Doubles(IEnumerable<double> values, string separator = " ", string format = "R")
        => string.Join(separator, values.Select(v => v.ToString(format, Ci)));

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
