using System.Globalization;
using ModelCompiler.Tests.LeastSquares.Nist;

/// <summary>
/// `fits [calls]`: NIST StRD fits whose iterates send exp, sin and cos far out of range (ENSO from both certified
/// starts, MGH10, Gauss1 and Lanczos1 from starts a factor of three to ten away), each run `calls` times in this
/// process. One line per fit: its label, the bits of the first call's parameters, and the first later call whose
/// parameters differ from those (0 when none did), so a test can compare first and late calls within a process
/// (precompiled or tier-0 code against re-jitted tier-1 code) and the first calls across JIT settings.
/// </summary>
internal static class FitProbe
{
    public static void Run(int calls)
    {
        foreach (var (label, fit) in Fits())
        {
            string first = Bits(fit());
            int firstDifferent = 0;
            for (int k = 2; k <= calls; k++)
            {
                if (Bits(fit()) != first && firstDifferent == 0)
                    firstDifferent = k;
            }
            Console.WriteLine($"{label} {first} {firstDifferent}");
        }
    }

    private static IEnumerable<(string Label, Func<double[]> Fit)> Fits()
    {
        var suite = NistSuite.Problems.ToDictionary(p => p.Name, p => p.Fit);
        foreach (var (name, factors) in new (string, double[])[]
                 {
                     ("ENSO", []), ("MGH10", [3, 0.5, 2]), ("Gauss1", [0.3, 10, 1, 3, 0.3, 1, 0.5, 3]),
                     ("Lanczos1", [10, 0.1, 3, 0.3, 10, 0.2]),
                 })
        {
            var problem = NistProblem.Load(name);
            var fit = suite[name];
            if (factors.Length == 0)
            {
                for (int s = 0; s < problem.Starts.Length; s++)
                {
                    double[] start = problem.Starts[s];
                    yield return ($"{name}/start{s + 1}", () => fit(problem, start, null).Parameters);
                }
            }
            else
            {
                double[] start = problem.Certified.Select((c, j) => c * factors[j]).ToArray();
                yield return ($"{name}/far", () => fit(problem, start, null).Parameters);
            }
        }
    }

    private static string Bits(double[] values)
        => string.Join(",", values.Select(v => BitConverter.DoubleToInt64Bits(v).ToString("x", CultureInfo.InvariantCulture)));
}
