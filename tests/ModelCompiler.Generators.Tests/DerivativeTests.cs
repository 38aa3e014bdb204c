using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests;

/// <summary>
/// Every generated Jacobian entry, checked against Ridders' extrapolated central differences of the
/// generated value, at 1,000 random (point, parameter vector) pairs per model.
/// </summary>
public class DerivativeTests
{
    /// <summary>
    /// Agreement required of each entry: |J − J_numeric| ≤ RelativeTolerance · max(|J|, |J_numeric|) + 10 · e + r,
    /// where e is Ridders' own estimate of its error and r = 1e-8 · |f| / |p_j| bounds the rounding of f in a
    /// difference at the smallest step (h/20 with h = 1e-3 · |p_j|: about 500 ulps of f over that step). r only
    /// matters for entries far below |f|/|p_j|; a wrong derivative is off by a multiple of itself.
    /// </summary>
    private const double RelativeTolerance = 1e-7;

    private const int ParameterVectors = 125, PointsPerVector = 8;

    public static TheoryData<string> Models() => new(ModelCatalog.Models.Keys.Order());

    [Theory]
    [MemberData(nameof(Models))]
    public void JacobianMatchesExtrapolatedDifferences(string model) => ModelCatalog.Models[model](new Checker());

    private sealed class Checker : ModelCatalog.IModelVisitor
    {
        public void Visit<TModel>(string name, ModelDomain domain) where TModel : IModel
        {
            var random = new Random(TestSeed.Of(name, 12345));
            int p = TModel.ParameterCount, v = TModel.VariableCount, n = PointsPerVector;
            for (int draw = 0; draw < ParameterVectors; draw++)
            {
                double[] parameters = domain.SampleParameters(random);
                var points = new List<double[]>(domain.Pinned ?? []);
                while (points.Count < n)
                {
                    var point = domain.SamplePoint(random);
                    if (domain.Exclude?.Invoke(point, parameters) != true)
                        points.Add(point);
                }
                var x = new double[n * v];
                for (int i = 0; i < n; i++)
                    for (int k = 0; k < v; k++)
                        x[k * n + i] = points[i][k];

                var values = new double[n];
                var jacobian = new double[n * p];
                TModel.EvaluateWithJacobian(x, parameters, values, jacobian);
                var valuesOnly = new double[n];
                TModel.Evaluate(x, parameters, valuesOnly);
                Assert.Equal(valuesOnly, values);

                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < p; j++)
                    {
                        double h = 1e-3 * Math.Max(Math.Abs(parameters[j]), 1e-8);
                        var (numeric, estimate) = Ridders.Derivative(t => ValueAt<TModel>(points[i], parameters, j, t), parameters[j], h);
                        double analytic = jacobian[j * n + i];
                        double rounding = 1e-8 * Math.Abs(values[i]) / Math.Max(Math.Abs(parameters[j]), 1e-300);
                        double allowed = RelativeTolerance * Math.Max(Math.Abs(analytic), Math.Abs(numeric)) + 10 * estimate + rounding;
                        Assert.True(Math.Abs(analytic - numeric) <= allowed,
                            $"{name}: ∂f/∂{TModel.ParameterNames[j]} at x = [{string.Join(", ", points[i])}], p = [{string.Join(", ", parameters)}]: " +
                            $"generated {analytic:R}, extrapolated difference {numeric:R} ± {estimate:E2}");
                    }
                }
            }
        }

        private static double ValueAt<TModel>(double[] point, double[] parameters, int j, double value) where TModel : IModel
        {
            var shifted = (double[])parameters.Clone();
            shifted[j] = value;
            Span<double> result = stackalloc double[1];
            TModel.Evaluate(point, shifted, result);
            return result[0];
        }
    }
}
