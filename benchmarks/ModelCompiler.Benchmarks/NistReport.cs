// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.LeastSquares;
using ModelCompiler.Tests.LeastSquares.Nist;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// Runs every start of every NIST StRD problem with default options and prints, per start, the
/// LRE of the parameters and of the standard deviations (capped at 11, failures scored 0), the
/// iterations, evaluations and solver time (fastest of five runs); then the average and the suite
/// time after warm-up.
/// </summary>
public static class NistReport
{
    public static int Run(string[] args)
    {
        var ci = CultureInfo.InvariantCulture;
        // `--geodesic` turns on geodesic acceleration; otherwise default options, as the suite is scored.
        CurveFitOptions? options = args.Contains("--geodesic") ? new CurveFitOptions { GeodesicAcceleration = true } : null;
        var problems = NistSuite.Problems.Select(p => (p.Name, p.Fit, Problem: NistProblem.Load(p.Name))).ToList();

        // Warm-up: JIT every model's specialization.
        for (int w = 0; w < 3; w++)
            foreach (var (_, fit, problem) in problems)
                foreach (var start in problem.Starts)
                    fit(problem, start, options);

        Console.WriteLine(string.Format(ci, "{0,-10} {1,-8} {2,5} {3,6} {4,6} {5,6} {6,6} {7,6} {8,10} {9}",
            "Problem", "Level", "Start", "LRE", "LRE(sd)", "Iter", "Fev", "Jev", "Time(µs)", "Termination"));
        double sum = 0;
        int count = 0, solved = 0;
        foreach (var (name, fit, problem) in problems)
        {
            for (int s = 0; s < problem.Starts.Length; s++)
            {
                // Per start: the fastest of five runs.
                var result = fit(problem, problem.Starts[s], options);
                double micros = double.PositiveInfinity;
                for (int r = 0; r < 5; r++)
                {
                    var watch = Stopwatch.StartNew();
                    fit(problem, problem.Starts[s], options);
                    micros = Math.Min(micros, watch.Elapsed.TotalMicroseconds);
                }
                double lre = NistSuite.Lre(result.Parameters, problem.Certified);
                double lreSd = NistSuite.Lre(result.StandardErrors, problem.CertifiedStdDev);
                if (lre < 4)
                    lre = 0;
                else
                    solved++;
                sum += lre;
                count++;
                Console.WriteLine(string.Format(ci, "{0,-10} {1,-8} {2,5} {3,6:F2} {4,6:F2} {5,6} {6,6} {7,6} {8,10:F1} {9}",
                    name, problem.Difficulty, s + 1, lre, lreSd, result.Iterations, result.FunctionEvaluations,
                    result.JacobianEvaluations, micros, result.Termination));
            }
        }
        // Suite time: the fastest of several whole passes, so that a busy machine inflates it least.
        double best = double.PositiveInfinity;
        for (int pass = 0; pass < 7; pass++)
        {
            var total = Stopwatch.StartNew();
            foreach (var (_, fit, problem) in problems)
                foreach (var start in problem.Starts)
                    fit(problem, start, options);
            best = Math.Min(best, total.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Format(ci, "Average LRE {0:F2} over {1} starts; solved {2}/{1}; whole suite {3:F2} ms (fastest of 7 passes)",
            sum / count, count, solved, best));
        return solved == count ? 0 : 1;
    }
}
