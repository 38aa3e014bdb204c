// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// Moré–Garbow–Hillstrom problems written as plain C# lambdas: values only (gradients by central or forward differences),
/// or with a gradient and a dense or banded Hessian. Starts and minima from Moré, Garbow &amp; Hillstrom (1981).
/// </summary>
public class DelegateObjectiveTests
{
    private static double Sq(double v) => v * v;

    public static TheoryData<string, double[]> Problems() => new()
    {
        { "rosenbrock", [-1.2, 1] },
        { "beale", [1, 1] },
        { "helical-valley", [-1, 0, 0] },
        { "box-3d", [0, 10, 20] },
        { "powell-singular", [3, -1, 0, 1] },
        { "wood", [-3, -1, -3, -1] },
    };

    private static ObjectiveFunction Function(string name) => name switch
    {
        "rosenbrock" => x => Sq(10 * (x[1] - x[0] * x[0])) + Sq(1 - x[0]),
        "beale" => x => Sq(1.5 - x[0] * (1 - x[1])) + Sq(2.25 - x[0] * (1 - x[1] * x[1])) + Sq(2.625 - x[0] * (1 - x[1] * x[1] * x[1])),
        "helical-valley" => x =>
        {
            double theta = Math.Atan2(-x[0], x[1]) / (2 * Math.PI) + 0.25;
            return Sq(10 * (x[2] - 10 * theta)) + Sq(10 * (Math.Sqrt(x[0] * x[0] + x[1] * x[1]) - 1)) + Sq(x[2]);
        },
        "box-3d" => x =>
        {
            double f = 0;
            for (int i = 1; i <= 10; i++)
            {
                double t = 0.1 * i;
                f += Sq(Math.Exp(-t * x[0]) - Math.Exp(-t * x[1]) - x[2] * (Math.Exp(-t) - Math.Exp(-10 * t)));
            }
            return f;
        },
        "powell-singular" => x => PowellSingular.Evaluate(x),
        "wood" => x => Wood.Evaluate(x),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Central_differences_let_quasi_newton_methods_reach_the_minimum(string name, double[] start)
    {
        // Each problem's minimum is f* = 0; central differences carry about ten digits, so f reaches ~1e-10 or below.
        foreach (var options in new MinimizerOptions[] { BfgsOptions.Default, LbfgsOptions.Default, LbfgsbOptions.Default })
        {
            var f = Function(name);
            int calls = 0;
            var result = Minimizer.Minimize(x => { calls++; return f(x); }, start, options);
            Assert.True(result.IsConverged, $"{name}: {result}");
            Assert.InRange(result.Value, 0, 1e-9);
            // Every call counts, the stationarity audit's after a function-test stop among them; each trial point is a
            // value with its central-difference gradient.
            Assert.Equal(calls, result.FunctionEvaluations);
            Assert.True(result.GradientEvaluations * (2 * start.Length + 1) <= result.FunctionEvaluations, $"{name}: {result}");
        }
    }

    [Fact]
    public void Forward_differences_cost_half_but_carry_fewer_digits()
    {
        var central = Minimizer.Minimize(Function("wood"), [-3, -1, -3, -1], BfgsOptions.Default);
        var forward = Minimizer.Minimize(Function("wood"), [-3, -1, -3, -1], BfgsOptions.Default with { FiniteDifferences = FiniteDifferences.Forward });
        Assert.Equal(forward.GradientEvaluations * 5, forward.FunctionEvaluations);
        Assert.True(forward.IsConverged, forward.ToString());
        Assert.InRange(forward.Value, 0, 1e-6);
        Assert.True(central.Value < forward.Value);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Derivative_free_methods_reach_the_minimum(string name, double[] start)
    {
        if (name == "box-3d")
            return;   // both stall in Box's flat valley near f = 0.0756, as scipy's Nelder–Mead and Powell do
        var nm = Minimizer.Minimize(Function(name), start, NelderMeadOptions.Default with { MaxFunctionEvaluations = 20000, MaxIterations = 20000 });
        var powell = Minimizer.Minimize(Function(name), start, PowellOptions.Default with { MaxFunctionEvaluations = 20000 });
        Assert.InRange(powell.Value, 0, 1e-8);
        Assert.InRange(nm.Value, 0, 1e-8);
    }

    [Fact]
    public void Nelder_mead_scipy_preset_reproduces_scipy_on_rosenbrock_and_adaptive_in_five_dimensions()
    {
        // scipy 1.10.1: minimize(rosen, [-1.2, 1], method='Nelder-Mead') -> nit 85 (ours 84: scipy counts from 1),
        // nfev 159, x = [1.0000220217835696, 1.0000422197517715]; with adaptive=True from [-1.2, 1, -1.2, 1, -1.2]:
        // nit 377, nfev 622, f = 3.9308394386107812 (a local minimum).
        // The stationarity audit after the stop takes one gradient (generated) and a probe per unknown, beyond scipy's count.
        var plain = Minimizer.Minimize<Rosenbrock>([-1.2, 1], NelderMeadOptions.Scipy, progress: new LastCount(out var plainCount));
        Assert.Equal([1.0000220217835696, 1.0000422197517715], plain.X);
        Assert.Equal((84, 159), (plain.Iterations, plainCount.Value));
        Assert.Equal(159 + 1 + 2, plain.FunctionEvaluations);
        var adaptive = Minimizer.Minimize<ChainedRosenbrock>([-1.2, 1, -1.2, 1, -1.2], NelderMeadOptions.Scipy with { Adaptive = true },
                                                             progress: new LastCount(out var adaptiveCount));
        Assert.Equal((376, 622), (adaptive.Iterations, adaptiveCount.Value));
        Assert.Equal(MinimizationTermination.SimplexTolerance, adaptive.Termination);
        Assert.Equal(3.9308394386107812, adaptive.Value, 14);
    }

    [Fact]
    public void Extended_rosenbrock_with_a_banded_hessian_delegate()
    {
        // MGH problem 21, n = 100: Σ 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)², Hessian in 2×2 blocks inside a tridiagonal pattern.
        const int n = 100;
        var start = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        double Value(ReadOnlySpan<double> x)
        {
            double f = 0;
            for (int i = 0; i < n; i += 2)
                f += 100 * Sq(x[i + 1] - x[i] * x[i]) + Sq(1 - x[i]);
            return f;
        }
        var pattern = SparsityPattern.Banded(n, 1, 1);
        var objective = new DelegateObjective(Value, (x, g) =>
        {
            for (int i = 0; i < n; i += 2)
            {
                double a = x[i + 1] - x[i] * x[i];
                g[i] = -400 * a * x[i] - 2 * (1 - x[i]);
                g[i + 1] = 200 * a;
            }
            return Value(x);
        })
        {
            HessianPattern = pattern,
            Hessian = (x, h) =>
            {
                h.Clear();
                for (int i = 0; i < n; i += 2)
                {
                    h[pattern.IndexOf(i, i)] = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                    h[pattern.IndexOf(i, i + 1)] = -400 * x[i];
                    h[pattern.IndexOf(i + 1, i)] = -400 * x[i];
                    h[pattern.IndexOf(i + 1, i + 1)] = 200;
                }
            },
        };
        Assert.True(GradientCheck.Hessian(objective, start).IsConsistent());
        var exact = Minimizer.Minimize(objective, start, TrustExactOptions.Default);
        Assert.True(exact.IsConverged, exact.ToString());
        Assert.InRange(exact.Value, 0, 1e-16);
        Assert.InRange(exact.HessianEvaluations, 1, 40);
        // Newton–CG multiplies by the stored Hessian when there is no Hessian–vector delegate ...
        var stored = Minimizer.Minimize(objective, start, NewtonCgOptions.Default);
        Assert.InRange(stored.Value, 0, 1e-16);
        Assert.Equal(0, stored.HessianVectorProducts);
        Assert.True(stored.HessianEvaluations > 0);
        // ... and differences the gradient when there is no Hessian at all.
        var differenced = Minimizer.Minimize(new DelegateObjective(objective.Value!, objective.ValueAndGradient!), start, NewtonCgOptions.Default);
        Assert.InRange(differenced.Value, 0, 1e-14);
        Assert.True(differenced.GradientEvaluations > 2 * differenced.Iterations);
    }

    [Fact]
    public void A_dense_hessian_delegate_and_hessian_vector_delegate()
    {
        var objective = new DelegateObjective(Rosenbrock.Evaluate, Rosenbrock.EvaluateWithGradient)
        {
            Hessian = Rosenbrock.Hessian,
            HessianTimes = Rosenbrock.HessianTimes,
        };
        var exact = Minimizer.Minimize(objective, [-1.2, 1], TrustExactOptions.Default);
        var generated = Minimizer.Minimize<Rosenbrock>([-1.2, 1], TrustExactOptions.Default);
        Assert.Equal(generated.X, exact.X);
        Assert.Equal(generated.HessianEvaluations, exact.HessianEvaluations);
        var products = Minimizer.Minimize(objective, [-1.2, 1], NewtonCgOptions.Default);
        Assert.True(products.HessianVectorProducts > 0);
        Assert.Equal(0, products.HessianEvaluations);
        // Without a Hessian, trust-exact differences the gradient (n gradients per Hessian).
        var differenced = Minimizer.Minimize(new DelegateObjective(Rosenbrock.Evaluate, Rosenbrock.EvaluateWithGradient), [-1.2, 1], TrustExactOptions.Default);
        Assert.True(differenced.IsConverged, differenced.ToString());
        Assert.InRange(differenced.Value, 0, 1e-16);
    }

    [Fact]
    public void A_value_and_gradient_delegate_alone_serves_every_method()
    {
        foreach (var options in new MinimizerOptions[] { NelderMeadOptions.Default, PowellOptions.Default, BfgsOptions.Default, NewtonCgOptions.Default })
        {
            var result = Minimizer.Minimize(Rosenbrock.EvaluateWithGradient, [-1.2, 1], options);
            Assert.True(result.IsConverged, result.ToString());
            Assert.InRange(result.Value, 0, 1e-12);
        }
    }

    /// <summary>The evaluation count of the last progress report: the method's own, before the stop's audit.</summary>
    private sealed class LastCount : IProgress<MinimizationProgress>
    {
        private readonly StrongBox<int> _count = new();

        public LastCount(out StrongBox<int> count) => count = _count;

        public void Report(MinimizationProgress value) => _count.Value = value.FunctionEvaluations;
    }
}
