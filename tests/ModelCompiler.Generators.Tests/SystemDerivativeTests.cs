using ModelCompiler.Generators.Tests.Infrastructure;
using ModelCompiler.Generators.Tests.Models;
using ModelCompiler.Ode;
using ModelCompiler.Optimization;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Every generated derivative of every test system against Ridders' extrapolated central differences of the generated
/// values at random points: ODE Jacobians (dense, with the entries outside the pattern as zeros), ∂f/∂t, ∂f/∂p and J·v;
/// gradients, Hessians and H·v of objectives; Jacobians of equations; f′ and f″ of scalar functions.
/// </summary>
public class SystemDerivativeTests
{
    /// <summary>|a − numeric| ≤ 1e-7·max(|a|, |numeric|) + 10·(Ridders' own error estimate) + 1e-10·|f| / scale, the last
    /// term bounding the rounding of f in a difference at Ridders' smallest step (about h/20, h = 1e-3·scale).</summary>
    private const double RelativeTolerance = 1e-7;

    private const int Draws = 12;

    public static TheoryData<string> Systems() => new(SystemCatalog.Systems.Keys.Order());

    [Theory]
    [MemberData(nameof(Systems))]
    public void DerivativesMatchExtrapolatedDifferences(string system) => SystemCatalog.Systems[system](new Checker());

    [Fact]
    public void PartialMethodsReturnWhatTheGeneratedTypesCompute()
    {
        var random = new Random(5);
        for (int draw = 0; draw < 20; draw++)
        {
            double t = random.NextDouble(), x = random.NextDouble() * 10 - 5, y = random.NextDouble() * 10 - 5, z = random.NextDouble() * 10 - 5;
            var dydt = new double[3];
            Odes.LorenzSystem.Evaluate(t, [x, y, z], [10, 28, 8.0 / 3], dydt);
            Assert.Equal((dydt[0], dydt[1], dydt[2]), Odes.Lorenz(t, x, y, z, 10, 28, 8.0 / 3));
            Assert.Equal(Odes.LorenzCSharp(t, x, y, z, 10, 28, 8.0 / 3), Odes.Lorenz(t, x, y, z, 10, 28, 8.0 / 3));

            double[] u = [x, y, z, t];
            var heat = new double[4];
            Odes.HeatSystem.Evaluate(t, u, [0.7, 0.1], heat);
            Assert.Equal(heat, Odes.Heat(t, u, 0.7, 0.1));
            Assert.Equal(Objectives.RosenbrockNObjective.Evaluate(u), Objectives.RosenbrockN(u));
            Assert.Equal(Objectives.Rosenbrock(x, y), Objectives.RosenbrockObjective.Evaluate([x, y]));
            Assert.Equal(Objectives.Textbook(x), Objectives.TextbookObjective.Evaluate(x));
            var residuals = new double[4];
            EquationSystems.BroydenTridiagonalEquations.Evaluate(u, residuals);
            Assert.Equal(residuals, EquationSystems.BroydenTridiagonal(u));
        }
    }

    [Fact]
    public void ReferenceValuesOfTheTextbookExamples()
    {
        // x² − 4x + 8 at 1.3: 1.69 − 5.2 + 8; f′ = 2x − 4; f″ = 2 (scipy's textbook example, reference/optimize/textbook.json).
        Assert.Equal(1.3 * 1.3 - 4 * 1.3 + 8, Objectives.TextbookObjective.EvaluateWithDerivatives(1.3, out double d1, out double d2));
        Assert.Equal(2 * 1.3 - 4, d1);
        Assert.Equal(2.0, d2);
        // Rosenbrock at its minimum (1, …, 1): value and gradient zero.
        var gradient = new double[10];
        Assert.Equal(0.0, Objectives.RosenbrockNObjective.EvaluateWithGradient(Enumerable.Repeat(1.0, 10).ToArray(), gradient));
        Assert.All(gradient, g => Assert.Equal(0.0, g));
        Assert.Equal("10×10 banded (lower 1, upper 1), 28 nonzeros", Objectives.RosenbrockNObjective.HessianPattern(10).ToString());
        Assert.Equal("100×100 banded (lower 1, upper 1), 298 nonzeros", Odes.HeatSystem.JacobianPattern(100).ToString());
        Assert.Equal("100×100 banded (lower 1, upper 1), 298 nonzeros", EquationSystems.BroydenTridiagonalEquations.JacobianPattern(100).ToString());
    }

    internal static void AssertClose(double analytic, (double Derivative, double Error) numeric, double f, double scale, string what)
    {
        double allowed = RelativeTolerance * Math.Max(Math.Abs(analytic), Math.Abs(numeric.Derivative)) + 10 * numeric.Error
                         + 1e-10 * Math.Abs(f) / scale;
        Assert.True(Math.Abs(analytic - numeric.Derivative) <= allowed,
            $"{what}: generated {analytic:R}, extrapolated difference {numeric.Derivative:R} ± {numeric.Error:E2}");
    }

    internal static double[] Dense(SparsityPattern pattern, double[] values)
    {
        var dense = new double[pattern.RowCount * pattern.ColumnCount];
        for (int i = 0; i < pattern.RowCount; i++)
            for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                dense[i * pattern.ColumnCount + pattern.ColumnIndices[k]] = values[k];
        return dense;
    }

    private static double Step(double x) => 1e-3 * Math.Max(Math.Abs(x), 1);

    /// <summary>A product's rounding: a few ulps of the sum of the magnitudes of its terms.</summary>
    private static void AssertProduct(double[] dense, int columns, double[] v, double[] product, string what)
    {
        for (int i = 0; i < product.Length; i++)
        {
            double exact = 0, magnitude = 0;
            for (int j = 0; j < columns; j++)
            {
                exact += dense[i * columns + j] * v[j];
                magnitude += Math.Abs(dense[i * columns + j] * v[j]);
            }
            Assert.True(Math.Abs(product[i] - exact) <= 1e-13 * magnitude + 1e-300, $"{what} row {i}: {product[i]:R} against {exact:R}");
        }
    }

    private sealed class Checker : SystemCatalog.IVisitor
    {
        public void VisitOde<TSystem>(string name, SystemDomain domain) where TSystem : IOdeSystem
        {
            var random = new Random(name.Length * 7919 + 3);
            int p = TSystem.ParameterCount;
            foreach (int n in SystemCatalog.Sizes(TSystem.StateCount, TSystem.MinimumStateCount, domain))
            {
                var pattern = TSystem.JacobianPattern(n);
                for (int draw = 0; draw < Draws; draw++)
                {
                    double t = domain.SampleTime(random);
                    var y = domain.SampleState(random, n);
                    var parameters = domain.SampleParameters(random);
                    var f = new double[n];
                    TSystem.Evaluate(t, y, parameters, f);
                    var values = new double[pattern.NonzeroCount];
                    TSystem.Jacobian(t, y, parameters, values);
                    var jacobian = Dense(pattern, values);
                    var dfdt = new double[n];
                    TSystem.TimeDerivative(t, y, parameters, dfdt);
                    var dfdp = new double[n * p];
                    TSystem.ParameterJacobian(t, y, parameters, dfdp);
                    for (int i = 0; i < n; i++)
                    {
                        int row = i;
                        for (int j = 0; j < n; j++)
                        {
                            int column = j;
                            var numeric = Ridders.Derivative(s => F(t, With(y, column, s), parameters)[row], y[j], Step(y[j]));
                            AssertClose(jacobian[i * n + j], numeric, f[i], Math.Max(Math.Abs(y[j]), 1), $"{name} n={n}: ∂f{i}/∂y{j}");
                        }
                        var byTime = Ridders.Derivative(s => F(s, y, parameters)[row], t, Step(t));
                        AssertClose(dfdt[i], byTime, f[i], Math.Max(Math.Abs(t), 1), $"{name} n={n}: ∂f{i}/∂t");
                        if (TSystem.IsAutonomous)
                            Assert.Equal(0.0, dfdt[i]);
                        for (int k = 0; k < p; k++)
                        {
                            int parameter = k;
                            var numeric = Ridders.Derivative(s => F(t, y, With(parameters, parameter, s))[row], parameters[k], Step(parameters[k]));
                            AssertClose(dfdp[k * n + i], numeric, f[i], Math.Max(Math.Abs(parameters[k]), 1), $"{name} n={n}: ∂f{i}/∂{TSystem.ParameterNames[k]}");
                        }
                    }
                    var v = domain.SampleState(random, n);
                    var product = new double[n];
                    TSystem.JacobianTimes(t, y, parameters, v, product);
                    AssertProduct(jacobian, n, v, product, $"{name} n={n}: J·v");
                }
            }

            static double[] F(double t, double[] y, double[] parameters)
            {
                var f = new double[y.Length];
                TSystem.Evaluate(t, y, parameters, f);
                return f;
            }
        }

        public void VisitObjective<TObjective>(string name, SystemDomain domain) where TObjective : IObjective
        {
            var random = new Random(name.Length * 7919 + 5);
            foreach (int n in SystemCatalog.Sizes(TObjective.ParameterCount, TObjective.MinimumParameterCount, domain))
            {
                var pattern = TObjective.HessianPattern(n);
                for (int draw = 0; draw < Draws; draw++)
                {
                    var x = domain.SampleState(random, n);
                    var gradient = new double[n];
                    double f = TObjective.EvaluateWithGradient(x, gradient);
                    Assert.Equal(TObjective.Evaluate(x), f);
                    var values = new double[pattern.NonzeroCount];
                    TObjective.Hessian(x, values);
                    var hessian = Dense(pattern, values);
                    for (int j = 0; j < n; j++)
                    {
                        int column = j;
                        var numeric = Ridders.Derivative(s => TObjective.Evaluate(With(x, column, s)), x[j], Step(x[j]));
                        AssertClose(gradient[j], numeric, f, Math.Max(Math.Abs(x[j]), 1), $"{name} n={n}: ∂f/∂x{j}");
                        for (int k = 0; k < n; k++)
                        {
                            int row = k;
                            var second = Ridders.Derivative(s => Gradient(With(x, column, s))[row], x[j], Step(x[j]));
                            AssertClose(hessian[k * n + j], second, gradient.Max(Math.Abs), Math.Max(Math.Abs(x[j]), 1), $"{name} n={n}: ∂²f/∂x{k}∂x{j}");
                        }
                    }
                    var v = domain.SampleState(random, n);
                    var product = new double[n];
                    TObjective.HessianTimes(x, v, product);
                    AssertProduct(hessian, n, v, product, $"{name} n={n}: H·v");
                    if (default(TObjective) is IScalarFunction)
                        CheckScalar(name, x[0]);
                }
            }

            static double[] Gradient(double[] x)
            {
                var g = new double[x.Length];
                TObjective.EvaluateWithGradient(x, g);
                return g;
            }
        }

        public void VisitEquations<TEquations>(string name, SystemDomain domain) where TEquations : IEquationSystem
        {
            var random = new Random(name.Length * 7919 + 7);
            foreach (int n in SystemCatalog.Sizes(TEquations.ParameterCount, TEquations.MinimumParameterCount, domain))
            {
                int m = TEquations.EquationCount(n);
                var pattern = TEquations.JacobianPattern(n);
                Assert.Equal((m, n), (pattern.RowCount, pattern.ColumnCount));
                for (int draw = 0; draw < Draws; draw++)
                {
                    var x = domain.SampleState(random, n);
                    var residuals = F(x, m);
                    var values = new double[pattern.NonzeroCount];
                    TEquations.Jacobian(x, values);
                    var jacobian = Dense(pattern, values);
                    for (int i = 0; i < m; i++)
                    {
                        int row = i;
                        for (int j = 0; j < n; j++)
                        {
                            int column = j;
                            var numeric = Ridders.Derivative(s => F(With(x, column, s), m)[row], x[j], Step(x[j]));
                            AssertClose(jacobian[i * n + j], numeric, residuals[i], Math.Max(Math.Abs(x[j]), 1), $"{name} n={n}: ∂F{i}/∂x{j}");
                        }
                    }
                    if (default(TEquations) is IScalarFunction)
                        CheckScalar(name, x[0]);
                }
            }

            static double[] F(double[] x, int m)
            {
                var r = new double[m];
                TEquations.Evaluate(x, r);
                return r;
            }
        }

        /// <summary>f′ and f″ of the IScalarFunction beside an objective or equation, through the interface's static members.</summary>
        private static void CheckScalar(string name, double x)
        {
            var scalar = ScalarFunctions[name];
            double f = scalar.Evaluate(x);
            Assert.Equal(f, scalar.WithDerivative(x).Value);
            var (value, d1, d2) = scalar.WithDerivatives(x);
            Assert.Equal(f, value);
            Assert.Equal(d1, scalar.WithDerivative(x).Derivative);
            AssertClose(d1, Ridders.Derivative(scalar.Evaluate, x, Step(x)), f, Math.Max(Math.Abs(x), 1), $"{name}: f′");
            AssertClose(d2, Ridders.Derivative(s => scalar.WithDerivative(s).Derivative, x, Step(x)), d1, Math.Max(Math.Abs(x), 1), $"{name}: f″");
        }
    }

    private static double[] With(double[] values, int k, double value)
    {
        var copy = (double[])values.Clone();
        copy[k] = value;
        return copy;
    }

    private sealed record Scalar(Func<double, double> Evaluate, Func<double, (double Value, double Derivative)> WithDerivative,
                                 Func<double, (double Value, double Derivative, double Second)> WithDerivatives);

    private static Scalar ScalarOf<T>() where T : IScalarFunction => new(T.Evaluate,
        x => (T.EvaluateWithDerivative(x, out double d), d),
        x => (T.EvaluateWithDerivatives(x, out double d, out double d2), d, d2));

    private static readonly Dictionary<string, Scalar> ScalarFunctions = new()
    {
        ["Objectives.Textbook"] = ScalarOf<Objectives.TextbookObjective>(),
        ["EquationSystems.Kepler"] = ScalarOf<EquationSystems.KeplerEquations>(),
    };
}
