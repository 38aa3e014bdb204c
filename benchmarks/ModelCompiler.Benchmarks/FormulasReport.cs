// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Runtime.Loader;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// `-- formulas`: the run-time compiler's latency (cold process, a new formula in a warm process, a cached formula) and its
/// kernel against the source-generated twin (EvaluateWithJacobian, ns per point). `-- formulas memory [count]`: count
/// distinct formulas (10,000 by default) compiled and let go, printing the managed memory after full collections and the
/// load contexts still alive every 1,000.
/// </summary>
internal static class FormulasReport
{
    private const string TwoGaussians = "p0*exp(-(x-p2)^2/(2*p4^2)) + p1*exp(-(x-p3)^2/(2*p5^2))";

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory")
            return Memory(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);

        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        var clock = Stopwatch.StartNew();
        var first = Formula.Compile(TwoGaussians, ["x"]);
        Console.WriteLine($"first compile in this process (cold: Roslyn loaded and jitted): {clock.Elapsed.TotalMilliseconds,8:F0} ms");

        var warm = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            clock.Restart();
            Formula.Compile($"a*exp(-k*t) + c + {i + 1}*d*t", ["t"]);
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        Console.WriteLine($"first compile of a new formula, warm process:           median {warm[5],6:F0} ms, min {warm[0]:F0}, max {warm[^1]:F0} (10 formulas)");

        const int cachedCalls = 100_000;
        clock.Restart();
        for (int i = 0; i < cachedCalls; i++)
            Formula.Compile(TwoGaussians, ["x"]);
        Console.WriteLine($"cached compile (same formula again):                    {clock.Elapsed.TotalNanoseconds / cachedCalls,8:F0} ns");

        // Both kernels warmed past tiered compilation, then timed in alternation so that load from other processes falls on both.
        for (int i = 0; i < 10; i++)
        {
            Kernel<BenchmarkModels.TwoGaussiansModel>(runs: 1);
            first.Accept(new KernelTimer(runs: 1));
            Thread.Sleep(300);
        }
        double twin = double.MaxValue, compiled = double.MaxValue;
        for (int run = 0; run < 15; run++)
        {
            twin = Math.Min(twin, Kernel<BenchmarkModels.TwoGaussiansModel>(runs: 1));
            compiled = Math.Min(compiled, first.Accept(new KernelTimer(runs: 1)));
        }
        Console.WriteLine($"EvaluateWithJacobian, two Gaussians, 4096 points: generated twin {twin,6:F2} ns/point, run-time compiled {compiled,6:F2} ns/point (best of 15 alternating runs)");
        // Code in a collectible assembly is jitted fully optimized at once; the twin's code tiers up, and in a process that
        // has run Roslyn it was seen to stay at a lower tier through these runs: DOTNET_TieredCompilation=0 compares both optimized.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") != "0")
            Console.WriteLine("(tiered compilation on: run with DOTNET_TieredCompilation=0 to compare both kernels fully optimized)");
        return 0;
    }

    private sealed class KernelTimer(int runs) : IModelVisitor<double>
    {
        public double Visit<TModel>() where TModel : struct, IModel => Kernel<TModel>(runs);
    }

    private static double Kernel<TModel>(int runs) where TModel : struct, IModel
    {
        const int n = 4096, repeats = 200;
        int p = TModel.ParameterCount;
        double[] x = Enumerable.Range(0, n).Select(i => -3 + 6.0 * i / n).ToArray();
        double[] theta = [1.0, 0.6, -0.8, 1.1, 0.5, 0.7];
        var values = new double[n];
        var jacobian = new double[n * p];
        double best = double.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < repeats; r++)
                TModel.EvaluateWithJacobian(x, theta, values, jacobian);
            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / (repeats * n));
        }
        return best;
    }

    private static int Memory(int count)
    {
        Console.WriteLine($"{count:N0} distinct formulas compiled and let go (the cache keeps {Formula.CacheCapacity}); after full collections:");
        Console.WriteLine("compiles   managed MB   working set MB   contexts alive   ms/compile");
        var contexts = new List<WeakReference>();
        var clock = Stopwatch.StartNew();
        for (int i = 1; i <= count; i++)
        {
            var model = Formula.Compile($"a*exp(-k*t) + c + {i}*d*t", ["t"]);
            model.Evaluate([1.0, 2.0], [1, 2, 3, 4]);
            contexts.Add(new WeakReference(AssemblyLoadContext.GetLoadContext(model.ModelType.Assembly)));
            if (i % 1000 == 0 || i == count)
            {
                double perCompile = clock.Elapsed.TotalMilliseconds / (i % 1000 == 0 ? 1000 : i % 1000);
                for (int k = 0; k < 5; k++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
                long managed = GC.GetTotalMemory(forceFullCollection: true);
                contexts.RemoveAll(c => !c.IsAlive);
                Console.WriteLine($"{i,8:N0}   {managed / 1e6,10:F1}   {Environment.WorkingSet / 1e6,14:F1}   {contexts.Count,14:N0}   {perCompile,10:F1}");
                clock.Restart();
            }
        }
        return 0;
    }
}
