// SPDX-License-Identifier: MIT
using BenchmarkDotNet.Attributes;

namespace ModelCompiler.Benchmarks;

public static partial class BenchmarkModels
{
    /// <summary>The heat equation by the method of lines: the generator emits <c>HeatSystem</c> with vectorized interior rows.</summary>
    [Ode("u[i]' = alpha*(u[i-1] - 2*u[i] + u[i+1])/h^2", "u[-1] = 0", "u[n] = 0")]
    public static partial double[] Heat(double t, [State] double[] u, double alpha, double h);

    /// <summary>scipy.optimize.rosen in n unknowns: the generator emits <c>RosenbrockNObjective</c>.</summary>
    [Objective("sum(i, 0, n-2, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)")]
    public static partial double RosenbrockN(double[] x);
}

/// <summary>
/// The generated kernels of an indexed ODE system and an indexed objective against the loops a careful person writes by
/// hand in scalar C# (scipy's rosen_der and rosen_hess_prod, the usual second-difference loop).
/// Run: dotnet run -c Release --project benchmarks/ModelCompiler.Benchmarks -- --filter *GeneratedSystem*
/// </summary>
[MemoryDiagnoser]
public class GeneratedSystemBenchmarks
{
    private const double Alpha = 0.5;
    private double[] _u = [], _dudt = [], _x = [], _v = [], _out = [], _parameters = [];
    private double _h;

    [Params(10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _h = 1.0 / (N + 1);
        _parameters = [Alpha, _h];
        _u = Enumerable.Range(0, N).Select(_ => random.NextDouble()).ToArray();
        _x = Enumerable.Range(0, N).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        _v = Enumerable.Range(0, N).Select(_ => random.NextDouble()).ToArray();
        _dudt = new double[N];
        _out = new double[N];
    }

    [Benchmark]
    public void HeatGenerated() => BenchmarkModels.HeatSystem.Evaluate(0, _u, _parameters, _dudt);

    [Benchmark]
    public void HeatHandWritten()
    {
        double[] u = _u, f = _dudt;
        int n = u.Length;
        double c = Alpha / (_h * _h);
        f[0] = c * (-2 * u[0] + u[1]);
        for (int i = 1; i < n - 1; i++)
            f[i] = c * (u[i - 1] - 2 * u[i] + u[i + 1]);
        f[n - 1] = c * (u[n - 2] - 2 * u[n - 1]);
    }

    [Benchmark]
    public double RosenbrockGradientGenerated() => BenchmarkModels.RosenbrockNObjective.EvaluateWithGradient(_x, _out);

    [Benchmark]
    public double RosenbrockGradientHandWritten()
    {
        double[] x = _x, g = _out;
        int n = x.Length;
        double f = 0;
        Array.Clear(g);
        for (int i = 0; i < n - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i], e = 1 - x[i];
            f += 100 * d * d + e * e;
            g[i] += -400 * d * x[i] - 2 * e;
            g[i + 1] += 200 * d;
        }
        return f;
    }

    [Benchmark]
    public void RosenbrockHessianTimesGenerated() => BenchmarkModels.RosenbrockNObjective.HessianTimes(_x, _v, _out);

    [Benchmark]
    public void RosenbrockHessianTimesHandWritten()
    {
        double[] x = _x, v = _v, p = _out;
        int n = x.Length;
        Array.Clear(p);
        for (int i = 0; i < n - 1; i++)
        {
            double diagonal = 2 - 400 * (x[i + 1] - 3 * x[i] * x[i]), off = -400 * x[i];
            p[i] += diagonal * v[i] + off * v[i + 1];
            p[i + 1] += off * v[i] + 200 * v[i + 1];
        }
    }
}
