using ModelCompiler.Kernels;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// The generated accumulating kernels of every test model against the runtime's reference over
/// <c>EvaluateWithJacobian</c> (<see cref="ModelKernels"/>), which stores the Jacobian and takes dot products: the
/// point-vectorized <c>AccumulateNormalEquations</c> at lengths around the vector widths, on a block of a larger x
/// and with weights; the lane-batched <c>AccumulateNormalEquationsLanes</c> at the vector widths and an odd lane
/// count, with shared and per-lane x, with and without weights.
/// </summary>
public class NormalEquationsKernelTests
{
    /// <summary>
    /// Each sum may differ by rounding in the order of addition and by the ulps of vector Exp against Math.Exp:
    /// |fused − reference| ≤ 1e-12 · the Cauchy–Schwarz bound of the sum (√(GaaGbb) for (JᵀJ)ab, √(Gaa·rᵀr) for
    /// (Jᵀr)a, rᵀr for rᵀr); residuals to 1e-13 of |y| + |f|.
    /// </summary>
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Models() => new(ModelCatalog.Models.Keys.Order());

    [Theory]
    [MemberData(nameof(Models))]
    public void FusedKernelsMatchTheReference(string model) => ModelCatalog.Models[model](new Checker());

    /// <summary>An empty residuals span asks for the sums alone; a span of any other wrong length is refused, naming it.</summary>
    [Fact]
    public void AResidualsSpanIsEmptyOrHoldsOneValuePerPoint()
    {
        double[] x = [1, 2, 3], y = [1, 1, 1], parameters = [200, 1e-3];
        var sums = new double[NormalEquationsLayout.Length(2)];
        global::ModelCompiler.Generators.Tests.Models.Nist.Misra1aModel.AccumulateNormalEquations(x, 3, parameters, y, [], [], sums);
        Assert.True(sums[NormalEquationsLayout.ResidualSquares(2)] > 0);
        var error = Assert.Throws<ArgumentException>(() => global::ModelCompiler.Generators.Tests.Models.Nist.Misra1aModel.AccumulateNormalEquations(x, 3, parameters, y, [], new double[2], sums));
        Assert.Equal("residuals", error.ParamName);
        Assert.Contains("must be empty or hold one value per point (3) but has 2", error.Message);
    }

    private sealed class Checker : ModelCatalog.IModelVisitor
    {
        public void Visit<TModel>(string name, ModelDomain domain) where TModel : IModel
        {
            var random = new Random(TestSeed.Of(name, 777));
            foreach (int n in new[] { 1, 7, 8, 9, 33, 1001 })
                foreach (bool weighted in new[] { false, true })
                    CheckPointKernel<TModel>(name, domain, random, n, weighted);
            foreach (int lanes in new[] { 8, 4, 3 })
                foreach (bool sharedX in new[] { true, false })
                    foreach (bool weighted in new[] { false, true })
                        CheckLaneKernel<TModel>(name, domain, random, lanes, n: 17, sharedX, weighted);
        }

        private static void CheckPointKernel<TModel>(string name, ModelDomain domain, Random random, int n, bool weighted) where TModel : IModel
        {
            int v = TModel.VariableCount, p = TModel.ParameterCount, stride = n + 5;
            double[] parameters = domain.SampleParameters(random);
            var x = new double[stride * v]; // a block of a larger column-major x: the columns are `stride` apart
            var y = new double[n];
            var weights = weighted ? new double[n] : [];
            for (int i = 0; i < n; i++)
            {
                double[] point = Point(domain, random, parameters);
                for (int k = 0; k < v; k++)
                    x[k * stride + i] = point[k];
                y[i] = 2 * random.NextDouble() - 1;
                if (weighted)
                    weights[i] = 0.5 + random.NextDouble();
            }
            int length = NormalEquationsLayout.Length(p);
            var expected = new double[length];
            var actual = new double[length];
            var expectedResiduals = new double[n];
            var residuals = new double[n];
            ModelKernels.AccumulateNormalEquations<TModel>(x, stride, parameters, y, weights, expectedResiduals, expected);
            TModel.AccumulateNormalEquations(x, stride, parameters, y, weights, residuals, actual);
            CompareSums(p, expected, actual, $"{name} n = {n}{(weighted ? " weighted" : "")}");
            // Without a residuals span the kernels store nothing per point and add the same sums, to the bit.
            var sumsOnly = new double[length];
            TModel.AccumulateNormalEquations(x, stride, parameters, y, weights, [], sumsOnly);
            Assert.Equal(actual, sumsOnly);
            var referenceSumsOnly = new double[length];
            ModelKernels.AccumulateNormalEquations<TModel>(x, stride, parameters, y, weights, [], referenceSumsOnly);
            Assert.Equal(expected, referenceSumsOnly);
            if (!weighted)
            {
                // Weights of 1 change no bit: the unweighted loops add where a column is 1 and count its square, as the
                // weighted loops' multiply-adds by 1 do.
                var unitWeighted = new double[length];
                TModel.AccumulateNormalEquations(x, stride, parameters, y, Enumerable.Repeat(1.0, n).ToArray(), [], unitWeighted);
                Assert.Equal(actual, unitWeighted);
            }
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(residuals[i] - expectedResiduals[i]) <= 1e-13 * (Math.Abs(y[i]) + Math.Abs(expectedResiduals[i]) + 1e-300),
                    $"{name} n = {n}: residual {i} is {residuals[i]:R}, reference {expectedResiduals[i]:R}");
        }

        private static void CheckLaneKernel<TModel>(string name, ModelDomain domain, Random random, int lanes, int n, bool sharedX, bool weighted)
            where TModel : IModel
        {
            int v = TModel.VariableCount, p = TModel.ParameterCount, length = NormalEquationsLayout.Length(p);
            var parameters = new double[p * lanes];
            var laneParameters = new double[lanes][];
            for (int l = 0; l < lanes; l++)
            {
                laneParameters[l] = domain.SampleParameters(random);
                for (int j = 0; j < p; j++)
                    parameters[j * lanes + l] = laneParameters[l][j];
            }
            // Shared points must suit every lane's parameters (models with excluded regions draw until they do).
            var laneX = new double[lanes][];
            var shared = new double[n * v];
            for (int i = 0; i < n; i++)
            {
                double[] point = SharedPoint(domain, random, laneParameters);
                for (int k = 0; k < v; k++)
                    shared[k * n + i] = point[k];
            }
            for (int l = 0; l < lanes; l++)
            {
                laneX[l] = new double[n * v];
                for (int i = 0; i < n; i++)
                {
                    double[] point = sharedX ? [.. Enumerable.Range(0, v).Select(k => shared[k * n + i])] : Point(domain, random, laneParameters[l]);
                    for (int k = 0; k < v; k++)
                        laneX[l][k * n + i] = point[k];
                }
            }
            var x = sharedX ? shared : new double[n * v * lanes];
            var y = new double[n * lanes];
            var weights = weighted ? new double[n * lanes] : [];
            for (int l = 0; l < lanes; l++)
            {
                if (!sharedX)
                    for (int k = 0; k < n * v; k++)
                        x[k * lanes + l] = laneX[l][k];
                for (int i = 0; i < n; i++)
                {
                    y[i * lanes + l] = 2 * random.NextDouble() - 1;
                    if (weighted)
                        weights[i * lanes + l] = 0.5 + random.NextDouble();
                }
            }
            var sums = new double[length * lanes];
            TModel.AccumulateNormalEquationsLanes(x, parameters, y, weights, sums);
            if (!weighted)
            {
                // Weights of 1 change no bit: the unweighted loop adds where a column is 1 and counts its square, as
                // the weighted loop's multiply-adds by 1 do.
                var unitWeighted = new double[length * lanes];
                TModel.AccumulateNormalEquationsLanes(x, parameters, y, Enumerable.Repeat(1.0, n * lanes).ToArray(), unitWeighted);
                Assert.Equal(sums, unitWeighted);
            }
            for (int l = 0; l < lanes; l++)
            {
                var expected = new double[length];
                double[] laneY = [.. Enumerable.Range(0, n).Select(i => y[i * lanes + l])];
                double[] laneWeights = weighted ? [.. Enumerable.Range(0, n).Select(i => weights[i * lanes + l])] : [];
                ModelKernels.AccumulateNormalEquations<TModel>(laneX[l], n, laneParameters[l], laneY, laneWeights, new double[n], expected);
                double[] actual = [.. Enumerable.Range(0, length).Select(s => sums[s * lanes + l])];
                CompareSums(p, expected, actual, $"{name} lane {l} of {lanes}{(sharedX ? " shared x" : "")}{(weighted ? " weighted" : "")}");
            }
        }

        private static double[] Point(ModelDomain domain, Random random, double[] parameters)
        {
            while (true)
            {
                double[] point = domain.SamplePoint(random);
                if (domain.Exclude?.Invoke(point, parameters) != true)
                    return point;
            }
        }

        private static double[] SharedPoint(ModelDomain domain, Random random, double[][] parameters)
        {
            while (true)
            {
                double[] point = domain.SamplePoint(random);
                if (parameters.All(p => domain.Exclude?.Invoke(point, p) != true))
                    return point;
            }
        }

        private static void CompareSums(int p, double[] expected, double[] actual, string what)
        {
            double rr = expected[NormalEquationsLayout.ResidualSquares(p)];
            for (int b = 0; b < p; b++)
            {
                for (int a = 0; a <= b; a++)
                {
                    int s = NormalEquationsLayout.Gram(a, b);
                    // √Gaa·√Gbb rather than √(Gaa·Gbb), whose product underflows for columns of order 1e-164.
                    double bound = Math.Sqrt(expected[NormalEquationsLayout.Gram(a, a)]) * Math.Sqrt(expected[NormalEquationsLayout.Gram(b, b)]);
                    Assert.True(Math.Abs(actual[s] - expected[s]) <= Tolerance * bound + 1e-300,
                        $"{what}: (JᵀJ)[{a},{b}] is {actual[s]:R}, reference {expected[s]:R}");
                }
                int g = NormalEquationsLayout.Gradient(p, b);
                double gradientBound = Math.Sqrt(expected[NormalEquationsLayout.Gram(b, b)]) * Math.Sqrt(rr);
                Assert.True(Math.Abs(actual[g] - expected[g]) <= Tolerance * gradientBound + 1e-300,
                    $"{what}: (Jᵀr)[{b}] is {actual[g]:R}, reference {expected[g]:R}");
            }
            int last = NormalEquationsLayout.ResidualSquares(p);
            Assert.True(Math.Abs(actual[last] - rr) <= Tolerance * rr + 1e-300, $"{what}: rᵀr is {actual[last]:R}, reference {rr:R}");
        }
    }
}
