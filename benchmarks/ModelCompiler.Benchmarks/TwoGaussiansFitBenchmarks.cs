// SPDX-License-Identifier: MIT
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Benchmarks;

/// <summary>
/// The two-Gaussian fit on 1,000,000 noisy points, end to end from the same start: the solver on
/// the generated Jacobian kernel, the same solver on forward differences of the generated values,
/// and MathNet.Numerics' LevenbergMarquardtMinimizer with an analytic Jacobian delegate.
/// </summary>
[MemoryDiagnoser]
public class TwoGaussiansFitBenchmarks
{
    private double[] _x = [], _y = [];

    [Params(1_000_000)]
    public int Points { get; set; }

    [GlobalSetup]
    public void Setup() => (_x, _y) = TwoGaussiansData.Generate(Points);

    [Benchmark(Baseline = true, Description = "LM, generated Jacobian")]
    public double Generated()
        => CurveFit.Fit<BenchmarkModels.TwoGaussiansModel>(_x, _y, TwoGaussiansData.Start).ResidualSumOfSquares;

    [Benchmark(Description = "LM, forward differences")]
    public double FiniteDifferences()
        => CurveFit.Fit<ForwardDifference<BenchmarkModels.TwoGaussiansModel>>(_x, _y, TwoGaussiansData.Start).ResidualSumOfSquares;

    [Benchmark(Description = "MathNet LevenbergMarquardtMinimizer")]
    public double MathNet() => MathNetFit.Run(_x, _y).MinimizedValues.Count;
}

/// <summary>The same problem through MathNet.Numerics: per-call delegates over its Vector/Matrix types.</summary>
public static class MathNetFit
{
    public static NonlinearMinimizationResult Run(double[] x, double[] y)
    {
        var objective = ObjectiveFunction.NonlinearModel(Model, Jacobian, Vector<double>.Build.Dense(x), Vector<double>.Build.Dense(y));
        var solver = new LevenbergMarquardtMinimizer();
        return solver.FindMinimum(objective, Vector<double>.Build.Dense(TwoGaussiansData.Start));
    }

    private static Vector<double> Model(Vector<double> p, Vector<double> x)
    {
        var values = Vector<double>.Build.Dense(x.Count);
        for (int i = 0; i < x.Count; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            values[i] = p[0] * Math.Exp(-u * u / (2 * p[4] * p[4])) + p[1] * Math.Exp(-v * v / (2 * p[5] * p[5]));
        }
        return values;
    }

    private static Matrix<double> Jacobian(Vector<double> p, Vector<double> x)
    {
        var j = Matrix<double>.Build.Dense(x.Count, 6);
        double s1 = p[4] * p[4], s2 = p[5] * p[5];
        for (int i = 0; i < x.Count; i++)
        {
            double u = x[i] - p[2], v = x[i] - p[3];
            double g1 = Math.Exp(-u * u / (2 * s1)), g2 = Math.Exp(-v * v / (2 * s2));
            j[i, 0] = g1;
            j[i, 1] = g2;
            j[i, 2] = p[0] * g1 * u / s1;
            j[i, 3] = p[1] * g2 * v / s2;
            j[i, 4] = p[0] * g1 * u * u / (s1 * p[4]);
            j[i, 5] = p[1] * g2 * v * v / (s2 * p[5]);
        }
        return j;
    }
}
