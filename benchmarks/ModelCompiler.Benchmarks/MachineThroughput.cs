// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// This core's throughput for what the kernels spend their time on, per lane of the widest accelerated vector:
/// the kernels' VectorMath.Exp on independent arguments, and fused multiply-adds into independent accumulators. Measured in CPU
/// time of the calling thread's process, best of several runs, so a loaded machine inflates it less than wall time.
/// </summary>
public static class MachineThroughput
{
    public static (double ExpNsPerLane, double FmaNsPerLane) Measure()
    {
        double exp = double.PositiveInfinity, fma = double.PositiveInfinity;
        for (int run = 0; run < 5; run++)
        {
            exp = Math.Min(exp, Vector512.IsHardwareAccelerated ? Exp512() : Exp256());
            fma = Math.Min(fma, Vector512.IsHardwareAccelerated ? Fma512() : Fma256());
        }
        return (exp, fma);
    }

    private const int Rounds = 4_000_000;

    /// <summary>
    /// How much the cores slow each other when all of them work: the wall time of the in-register exp loop run on
    /// every core at once (each thread doing one thread's work) over its time on one thread, best of several
    /// alternating runs. 1 where each core is its own; more on a shared host, whose virtual cores may share physical
    /// cores or the memory system with other tenants. A compute-bound pass's all-core time can then be no less than
    /// this over the core count, times its one-thread time.
    /// </summary>
    public static double ParallelSlowdown()
    {
        int cores = Environment.ProcessorCount;
        double one = double.PositiveInfinity, all = double.PositiveInfinity;
        for (int run = 0; run < 7; run++)
        {
            one = Math.Min(one, Wall(1));
            all = Math.Min(all, Wall(cores));
        }
        return all / one;

        static double Wall(int threads)
        {
            var watch = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() => ExpLoop(Rounds / 2))).ToArray();
            foreach (var worker in workers)
                worker.Start();
            foreach (var worker in workers)
                worker.Join();
            return watch.Elapsed.TotalMilliseconds;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double ExpLoop(int rounds)
    {
        Vector256<double> a = Vector256.Create(-0.1), b = Vector256.Create(-0.2), step = Vector256.Create(1e-12), sum = Vector256<double>.Zero;
        for (int k = 0; k < rounds; k++)
        {
            sum += Kernels.VectorMath.Exp(a) + Kernels.VectorMath.Exp(b);
            a -= step;
            b -= step;
        }
        return Vector256.Sum(sum);
    }

    private static double Cpu(Action body, double operations)
    {
        var start = Process.GetCurrentProcess().TotalProcessorTime;
        body();
        return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds * 1e6 / operations;
    }

    private static Vector512<double> _sink512;
    private static Vector256<double> _sink256;

    private static double Exp512()
    {
        return Cpu(() =>
        {
            Vector512<double> a = Vector512.Create(-0.1), b = Vector512.Create(-0.2), c = Vector512.Create(-0.3), d = Vector512.Create(-0.4);
            Vector512<double> step = Vector512.Create(1e-12), sum = Vector512<double>.Zero;
            for (int k = 0; k < Rounds; k++)
            {
                sum += Kernels.VectorMath.Exp(a) + Kernels.VectorMath.Exp(b) + Kernels.VectorMath.Exp(c) + Kernels.VectorMath.Exp(d);
                a -= step; b -= step; c -= step; d -= step;
            }
            _sink512 = sum;
        }, 4.0 * Rounds * Vector512<double>.Count);
    }

    private static double Exp256()
    {
        return Cpu(() =>
        {
            Vector256<double> a = Vector256.Create(-0.1), b = Vector256.Create(-0.2), c = Vector256.Create(-0.3), d = Vector256.Create(-0.4);
            Vector256<double> step = Vector256.Create(1e-12), sum = Vector256<double>.Zero;
            for (int k = 0; k < Rounds; k++)
            {
                sum += Kernels.VectorMath.Exp(a) + Kernels.VectorMath.Exp(b) + Kernels.VectorMath.Exp(c) + Kernels.VectorMath.Exp(d);
                a -= step; b -= step; c -= step; d -= step;
            }
            _sink256 = sum;
        }, 4.0 * Rounds * Vector256<double>.Count);
    }

    private static double Fma512()
    {
        return Cpu(() =>
        {
            Vector512<double> x = Vector512.Create(1.0000001), y = Vector512.Create(0.9999999);
            Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            for (int k = 0; k < 4 * Rounds; k++)
            {
                s0 = Vector512.FusedMultiplyAdd(x, y, s0); s1 = Vector512.FusedMultiplyAdd(x, y, s1);
                s2 = Vector512.FusedMultiplyAdd(x, y, s2); s3 = Vector512.FusedMultiplyAdd(x, y, s3);
                s4 = Vector512.FusedMultiplyAdd(x, y, s4); s5 = Vector512.FusedMultiplyAdd(x, y, s5);
                s6 = Vector512.FusedMultiplyAdd(x, y, s6); s7 = Vector512.FusedMultiplyAdd(x, y, s7);
            }
            _sink512 = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        }, 8.0 * 4 * Rounds * Vector512<double>.Count);
    }

    private static double Fma256()
    {
        return Cpu(() =>
        {
            Vector256<double> x = Vector256.Create(1.0000001), y = Vector256.Create(0.9999999);
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            for (int k = 0; k < 4 * Rounds; k++)
            {
                s0 = Vector256.FusedMultiplyAdd(x, y, s0); s1 = Vector256.FusedMultiplyAdd(x, y, s1);
                s2 = Vector256.FusedMultiplyAdd(x, y, s2); s3 = Vector256.FusedMultiplyAdd(x, y, s3);
                s4 = Vector256.FusedMultiplyAdd(x, y, s4); s5 = Vector256.FusedMultiplyAdd(x, y, s5);
                s6 = Vector256.FusedMultiplyAdd(x, y, s6); s7 = Vector256.FusedMultiplyAdd(x, y, s7);
            }
            _sink256 = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        }, 8.0 * 4 * Rounds * Vector256<double>.Count);
    }
}
