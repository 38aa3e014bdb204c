// SPDX-License-Identifier: MIT
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using ModelCompiler.Kernels;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// exp and log over 4096 doubles at both vector widths: the kernels' own (VectorMath, the same bits however compiled)
/// against the framework's Vector256/Vector512 functions and the scalar Math loop. Arguments span the range the
/// fits meet (exp: −20…20, log: 1e-10…1e10).
/// Run: dotnet run -c Release --project benchmarks/ModelCompiler.Benchmarks -- --filter *VectorMathBenchmarks*
/// </summary>
public class VectorMathBenchmarks
{
    private const int N = 4096;
    private readonly double[] _exp = new double[N], _log = new double[N], _out = new double[N];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (int i = 0; i < N; i++)
        {
            _exp[i] = (random.NextDouble() - 0.5) * 40;
            _log[i] = Math.Pow(10, (random.NextDouble() - 0.5) * 20);
        }
    }

    [Benchmark(Baseline = true)]
    public void ExpFramework512()
    {
        for (int i = 0; i < N; i += 8)
            Vector512.Exp(Vector512.LoadUnsafe(ref _exp[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void ExpOwn512()
    {
        for (int i = 0; i < N; i += 8)
            VectorMath.Exp(Vector512.LoadUnsafe(ref _exp[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void ExpFramework256()
    {
        for (int i = 0; i < N; i += 4)
            Vector256.Exp(Vector256.LoadUnsafe(ref _exp[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void ExpOwn256()
    {
        for (int i = 0; i < N; i += 4)
            VectorMath.Exp(Vector256.LoadUnsafe(ref _exp[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void ExpScalar()
    {
        for (int i = 0; i < N; i++)
            _out[i] = Math.Exp(_exp[i]);
    }

    [Benchmark]
    public void LogFramework512()
    {
        for (int i = 0; i < N; i += 8)
            Vector512.Log(Vector512.LoadUnsafe(ref _log[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void LogOwn512()
    {
        for (int i = 0; i < N; i += 8)
            VectorMath.Log(Vector512.LoadUnsafe(ref _log[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void LogFramework256()
    {
        for (int i = 0; i < N; i += 4)
            Vector256.Log(Vector256.LoadUnsafe(ref _log[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void LogOwn256()
    {
        for (int i = 0; i < N; i += 4)
            VectorMath.Log(Vector256.LoadUnsafe(ref _log[i])).StoreUnsafe(ref _out[i]);
    }

    [Benchmark]
    public void LogScalar()
    {
        for (int i = 0; i < N; i++)
            _out[i] = Math.Log(_log[i]);
    }
}
