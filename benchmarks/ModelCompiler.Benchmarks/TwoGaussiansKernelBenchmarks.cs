// SPDX-License-Identifier: MIT
using BenchmarkDotNet.Attributes;
using Model = ModelCompiler.Benchmarks.BenchmarkModels.TwoGaussiansModel;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// Value and Jacobian of the two-Gaussian model over n points, three ways: the generated fused SIMD kernel;
/// the loop a careful person writes by hand in scalar C# (one Exp per peak, shared factors reused); and forward
/// differences over the generated vectorized Evaluate, as a solver without derivatives does it.
/// Run: dotnet run -c Release --project benchmarks/ModelCompiler.Benchmarks -- --filter *TwoGaussiansKernel*
/// </summary>
[MemoryDiagnoser]
public class TwoGaussiansKernelBenchmarks
{
    private double[] _x = [];
    private double[] _values = [];
    private double[] _shifted = [];
    private double[] _jacobian = [];
    private readonly double[] _p = (double[])TwoGaussiansData.TrueParameters.Clone();

    [Params(1_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = TwoGaussiansData.Generate(N).X;
        _values = new double[N];
        _shifted = new double[N];
        _jacobian = new double[6 * N];
    }

    [Benchmark(Baseline = true)]
    public void Generated() => Model.EvaluateWithJacobian(_x, _p, _values, _jacobian);

    [Benchmark]
    public void HandWrittenScalar()
    {
        double[] p = _p, x = _x, f = _values, jac = _jacobian;
        int n = x.Length;
        double v4 = p[4] * p[4], v5 = p[5] * p[5];
        for (int i = 0; i < n; i++)
        {
            double d1 = x[i] - p[2], d2 = x[i] - p[3];
            double e1 = Math.Exp(-d1 * d1 / (2 * v4));
            double e2 = Math.Exp(-d2 * d2 / (2 * v5));
            double g1 = p[0] * e1, g2 = p[1] * e2;
            f[i] = g1 + g2;
            jac[i] = e1;
            jac[n + i] = e2;
            jac[2 * n + i] = g1 * d1 / v4;
            jac[3 * n + i] = g2 * d2 / v5;
            jac[4 * n + i] = g1 * d1 * d1 / (v4 * p[4]);
            jac[5 * n + i] = g2 * d2 * d2 / (v5 * p[5]);
        }
    }

    [Benchmark]
    public void ForwardDifferences()
    {
        int n = _x.Length;
        Model.Evaluate(_x, _p, _values);
        for (int j = 0; j < _p.Length; j++)
        {
            double saved = _p[j];
            double h = Math.Sqrt(2.220446049250313e-16) * Math.Max(Math.Abs(saved), 1);
            _p[j] = saved + h;
            h = _p[j] - saved; // the step actually taken
            Model.Evaluate(_x, _p, _shifted);
            _p[j] = saved;
            var column = _jacobian.AsSpan(j * n, n);
            for (int i = 0; i < n; i++)
                column[i] = (_shifted[i] - _values[i]) / h;
        }
    }
}
