// SPDX-License-Identifier: MIT
using System.Reflection;
using ModelCompiler.Formulas.Tests.Infrastructure;
using ModelCompiler.Kernels;

namespace ModelCompiler.Formulas.Tests;

/// <summary>
/// A run-time model is the source-generated model of the same formula: the same emitted text, and so the same bits from
/// every kernel, for every formula-language model of the snapshot tests.
/// </summary>
public class TwinTests
{
    [Fact]
    public void EverySnapshotFormulaHasATwin() =>
        // 16 NIST models, the power family, shapes, the stable-function models, the peaks and the mixture lines.
        Assert.True(Twin.All.Count >= 30, $"Only {Twin.All.Count} twins: {string.Join(", ", Twin.All)}");

    [Theory]
    [MemberData(nameof(Twin.Names), MemberType = typeof(Twin))]
    public void EmittedTextIsTheGenerators(string name)
    {
        var twin = Twin.Named(name);
        var model = twin.Compile();
        var (generated, diagnostics) = GeneratorTwin.Run(twin.Formula, twin.Variables, twin.Parameters);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Equal(generated, model.Source);
    }

    [Theory]
    [MemberData(nameof(Twin.Names), MemberType = typeof(Twin))]
    public void KernelsGiveTheTwinsBits(string name)
    {
        var twin = Twin.Named(name);
        var model = twin.Compile();
        Assert.Equal(twin.Parameters, model.ParameterNames);
        Assert.Equal(twin.Variables, model.VariableNames);
        typeof(TwinTests).GetMethod(nameof(CompareWith), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(twin.ModelType).Invoke(null, [model]);
    }

    private static void CompareWith<TTwin>(CompiledModel model) where TTwin : struct, IModel => model.Accept(new Comparison<TTwin>());

    private sealed class Comparison<TTwin> : IModelVisitor<bool> where TTwin : struct, IModel
    {
        public bool Visit<TModel>() where TModel : struct, IModel
        {
            Assert.Equal(TTwin.Formula, TModel.Formula);
            Assert.Equal(TTwin.IsLinearInParameters, TModel.IsLinearInParameters);
            int p = TTwin.ParameterCount, v = TTwin.VariableCount;
            var random = new Random(p * 31 + v);
            // 37 points: full vectors of every width and a scalar tail. Inputs where most formulas are finite; a NaN must match too.
            const int n = 37;
            double[] x = Enumerable.Range(0, n * v).Select(_ => 0.2 + 2.5 * random.NextDouble()).ToArray();
            double[] theta = Enumerable.Range(0, p).Select(_ => 0.5 + 1.5 * random.NextDouble()).ToArray();
            double[] y = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            double[] sqrtW = Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray();

            AssertSame(Run(n, (s, o) => TTwin.Evaluate(x, theta, o)), Run(n, (s, o) => TModel.Evaluate(x, theta, o)), "Evaluate");
            AssertSame(Run(n * (p + 1), (s, o) => TTwin.EvaluateWithJacobian(x, theta, o[..n], o[n..])),
                       Run(n * (p + 1), (s, o) => TModel.EvaluateWithJacobian(x, theta, o[..n], o[n..])), "EvaluateWithJacobian");
            int sums = NormalEquationsLayout.Length(p);
            AssertSame(Run(n + sums, (s, o) => TTwin.AccumulateNormalEquations(x, n, theta, y, sqrtW, o[..n], o[n..])),
                       Run(n + sums, (s, o) => TModel.AccumulateNormalEquations(x, n, theta, y, sqrtW, o[..n], o[n..])), "AccumulateNormalEquations");

            // Lanes: W curves interleaved, each its own parameters, sharing x.
            const int lanes = 8, m = 11;
            double[] laneX = x[..(m * v)];
            double[] laneTheta = Enumerable.Range(0, p * lanes).Select(_ => 0.5 + 1.5 * random.NextDouble()).ToArray();
            double[] laneY = Enumerable.Range(0, m * lanes).Select(_ => random.NextDouble()).ToArray();
            AssertSame(Run(sums * lanes, (s, o) => TTwin.AccumulateNormalEquationsLanes(laneX, laneTheta, laneY, [], o)),
                       Run(sums * lanes, (s, o) => TModel.AccumulateNormalEquationsLanes(laneX, laneTheta, laneY, [], o)), "AccumulateNormalEquationsLanes");
            return true;
        }

        private delegate void Kernel(int size, Span<double> output);

        private static double[] Run(int size, Kernel kernel)
        {
            var output = new double[size];
            kernel(size, output);
            return output;
        }

        private static void AssertSame(double[] expected, double[] actual, string kernel)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                    $"{TTwin.Formula}: {kernel}[{i}] is {actual[i]:R}, the generated model's {expected[i]:R}");
        }
    }
}
