// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>With a generated objective, every method allocates its workspace once: the bytes allocated do not grow
/// with the number of iterations (no progress handler, which gets a snapshot of x per iteration).</summary>
[Collection(AllocationMeasurements.Name)]
public class AllocationTests
{
    public static TheoryData<MinimizerOptions> EveryMethod() =>
    [
        NelderMeadOptions.Default, PowellOptions.Default, BfgsOptions.Default, ConjugateGradientOptions.Default,
        LbfgsOptions.Default, LbfgsbOptions.Default, NewtonCgOptions.Default, TrustExactOptions.Default,
        TrustExactOptions.Default with { Factorization = HessianFactorization.Sparse },
    ];

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public void No_allocation_per_iteration(MinimizerOptions options)
    {
        double[] start = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var bounds = options.AllowsBounds ? Bounds.Box(Enumerable.Repeat(-2.0, 40).ToArray(), Enumerable.Repeat(2.0, 40).ToArray()) : null;
        long Allocated(int iterations)
        {
            var limited = options with { MaxIterations = iterations, MaxFunctionEvaluations = null };
            Minimizer.Minimize<ChainedRosenbrock>(start, limited, bounds);   // warm up (JIT, tiering)
            long fewest = long.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var result = Minimizer.Minimize<ChainedRosenbrock>(start, limited, bounds);
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
                Assert.Equal(iterations, result.Iterations);
            }
            return fewest;
        }
        // 36 more iterations would allocate at least 36 × 24 bytes if any iteration allocated an object; the runtime's
        // own one-off allocations (tiering, caches) move a single count by a few kilobytes at times, so each count is
        // the fewest of three runs.
        long few = Allocated(4), many = Allocated(40);
        Assert.True(many - few < 512, $"{few} bytes for 4 iterations, {many} for 40");
    }
}
