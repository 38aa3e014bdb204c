// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using ModelCompiler.Optimization;
using ModelCompiler.Tests.Optimization;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// Every equation method on the thirteen MINPACK test systems, with the generated (here hand-written) Jacobian and
/// with dense forward differences: solved (‖F‖₂ ≤ 1e-8), ‖F‖, calls of F and of the Jacobian, termination, and the
/// solve time (fastest of five after warm-up). benchmarks/peers/optimize_systems_scipy.py prints scipy's runs.
/// </summary>
public static class SystemsReport
{
    public static int Run()
    {
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(ci, "{0,-30} {1,-20} {2,-6} {3,10} {4,6} {5,5} {6,10}  {7}",
            "system", "method", "solved", "||F||", "F", "J", "time(µs)", "termination"));
        foreach (var method in Enum.GetValues<EquationMethod>().Where(m => m != EquationMethod.Automatic))   // small systems: Hybrid
        {
            var options = new EquationSolverOptions { Method = method };
            int solved = 0, solvedDifferences = 0;
            foreach (var system in SystemSuite.All)
            {
                foreach (bool differences in new[] { false, true })
                {
                    EquationSolverResult Solve() => differences
                        ? EquationSolver.Solve(system.Residuals, system.Start, options)
                        : system.Run(options);
                    var result = Solve();
                    Solve();
                    double micros = double.PositiveInfinity;
                    for (int r = 0; r < 5; r++)
                    {
                        var watch = Stopwatch.StartNew();
                        Solve();
                        micros = Math.Min(micros, watch.Elapsed.TotalMicroseconds);
                    }
                    bool ok = SystemSuite.Solved(result);
                    if (differences)
                        solvedDifferences += ok ? 1 : 0;
                    else
                        solved += ok ? 1 : 0;
                    Console.WriteLine(string.Format(ci, "{0,-30} {1,-20} {2,-6} {3,10:G2} {4,6} {5,5} {6,10:F0}  {7}",
                        system.Name, method + (differences ? "-fd" : ""), ok ? "yes" : "no", result.ResidualNorm,
                        result.FunctionEvaluations, result.JacobianEvaluations, micros, result.Termination));
                }
            }
            Console.WriteLine(string.Format(ci, "# {0}: {1}/{2} solved with the Jacobian, {3}/{2} with differences",
                method, solved, SystemSuite.All.Count, solvedDifferences));
        }
        return 0;
    }
}
