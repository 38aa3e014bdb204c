// SPDX-License-Identifier: MIT
using MathNet.Numerics.LinearAlgebra;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// Problems with many more points than parameters take the streamed Gram route (JᵀJ by blocks,
/// pivoted Cholesky); these check it against independent computations and its fallbacks.
/// </summary>
public class TallProblemTests
{
    private const int N = 20_000;

    private static (double[] X, double[] Y) Data()
    {
        var rng = new Random(7);
        double[] x = Enumerable.Range(0, N).Select(i => 10.0 * i / (N - 1)).ToArray();
        double[] y = x.Select(v => 3 * Math.Exp(-(v - 3) * (v - 3) / 2) + 2 * Math.Exp(-(v - 7) * (v - 7) / (2 * 0.64))
                                   + 0.05 * (rng.NextDouble() - 0.5)).ToArray();
        return (x, y);
    }

    [Fact]
    public void SolutionIsStationaryAndCovarianceMatchesMathNet()
    {
        var (x, y) = Data();
        var fit = CurveFit.Fit<TwoGaussiansModel>(x, y, [2.5, 2.5, 2.8, 7.3, 1.2, 0.9]);
        Assert.True(fit.IsConverged, fit.ToString());

        var values = new double[N];
        var jac = new double[6 * N];
        TwoGaussiansModel.EvaluateWithJacobian(x, fit.Parameters, values, jac);
        var j = Matrix<double>.Build.Dense(N, 6, jac);
        var r = Vector<double>.Build.Dense(values) - Vector<double>.Build.Dense(y);
        var gradient = j.TransposeThisAndMultiply(r);
        var columnNorms = j.ColumnNorms(2);
        for (int c = 0; c < 6; c++)
            Assert.True(Math.Abs(gradient[c]) <= 1e-10 * columnNorms[c] * r.L2Norm(), $"gradient {c}: {gradient[c]}");

        var expected = j.TransposeThisAndMultiply(j).Inverse() * (r.DotProduct(r) / (N - 6));
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++)
                Assert.True(Math.Abs(fit.Covariance[a, b] - expected[a, b]) <= 1e-8 * Math.Sqrt(expected[a, a] * expected[b, b]),
                    $"cov[{a},{b}] {fit.Covariance[a, b]} vs {expected[a, b]}");
    }

    [Fact]
    public void WeightedTallFitMatchesTheWeightedNormalEquations()
    {
        var (x, y) = Data();
        double[] sigma = x.Select(v => 0.02 + 0.01 * v).ToArray();
        var fit = CurveFit.Fit<TwoGaussiansModel>(x, y, [2.5, 2.5, 2.8, 7.3, 1.2, 0.9], sigma, new CurveFitOptions { AbsoluteSigma = true });

        var values = new double[N];
        var jac = new double[6 * N];
        TwoGaussiansModel.EvaluateWithJacobian(x, fit.Parameters, values, jac);
        var w = Matrix<double>.Build.Diagonal(sigma.Select(s => 1 / (s * s)).ToArray());
        var j = Matrix<double>.Build.Dense(N, 6, jac);
        var r = Vector<double>.Build.Dense(values) - Vector<double>.Build.Dense(y);
        var gradient = j.TransposeThisAndMultiply(w * r);
        var expected = (j.TransposeThisAndMultiply(w) * j).Inverse(); // absolute sigma: no rescaling
        for (int a = 0; a < 6; a++)
        {
            Assert.True(Math.Abs(gradient[a]) <= 1e-9 * Math.Sqrt((j.TransposeThisAndMultiply(w) * j)[a, a] * r.DotProduct(w * r)), $"gradient {a}: {gradient[a]}");
            for (int b = 0; b < 6; b++)
                Assert.True(Math.Abs(fit.Covariance[a, b] - expected[a, b]) <= 1e-8 * Math.Sqrt(expected[a, a] * expected[b, b]),
                    $"cov[{a},{b}] {fit.Covariance[a, b]} vs {expected[a, b]}");
        }
        Assert.Equal(r.DotProduct(w * r), fit.ResidualSumOfSquares, 1e-9 * fit.ResidualSumOfSquares);
    }

    /// <summary>
    /// The Gram route keeps fᵀf, not f: where fᵀf leaves double's comfortable range ‖f‖ comes from f itself,
    /// evaluated for the purpose. Residuals near 1e-163 square below the smallest double, so fᵀf alone says 0 or a
    /// few subnormals; the norm must still be the residuals' own, to rounding.
    /// </summary>
    [Fact]
    public void ResidualSquaresBelowDoublesRangeAreNormedFromTheResiduals()
    {
        const double scale = 1e-160;
        double[] x = Enumerable.Range(0, N).Select(i => 10.0 * i / (N - 1)).ToArray();
        double[] point = [3 * scale, 2 * scale, 3, 7, 1, 0.8];
        var values = new double[N];
        TwoGaussiansModel.Evaluate(x, point, values);
        var rng = new Random(11);
        double[] y = values.Select(v => v + 1e-3 * scale * (rng.NextDouble() - 0.5)).ToArray();
        var problem = new LeastSquaresProblem
        {
            WeightedResponseNorm = 1, X = x, Y = y, SqrtWeights = null, Initial = point, FreeIndices = [0, 1, 2, 3, 4, 5],
            Lower = null, Upper = null, IsFixed = new bool[6],
        };
        var evaluator = new ResidualEvaluator<TwoGaussiansModel>(problem);
        var route = new NormalEquationsFactorization<TwoGaussiansModel>(problem,
            new StreamedPasses<TwoGaussiansModel>(problem, evaluator, new CurveFitOptions(), CancellationToken.None));

        Assert.True(route.TryEvaluate(point, out double norm));
        double expected = Math.Sqrt(values.Zip(y, (f, v) => (f - v) / scale).Sum(r => r * r)) * scale;
        Assert.True(Math.Abs(norm - expected) <= 1e-12 * expected, $"‖f‖ = {norm:R}, expected {expected:R}");
    }

    [Fact]
    public void FixedParameterOnTheGramRoute()
    {
        var (x, y) = Data();
        var fit = CurveFit.Fit<TwoGaussiansModel>(x, y, [2.5, 2.5, 3.05, 7.3, 1.2, 0.9],
            new FitSetup { Fixed = [false, false, true, false, false, false] });
        Assert.Equal(3.05, fit["p2"]);
        Assert.Equal(0, fit.Covariance[2, 2]);

        var values = new double[N];
        var jac = new double[6 * N];
        TwoGaussiansModel.EvaluateWithJacobian(x, fit.Parameters, values, jac);
        var j = Matrix<double>.Build.Dense(N, 6, jac).RemoveColumn(2);
        var r = Vector<double>.Build.Dense(values) - Vector<double>.Build.Dense(y);
        var gradient = j.TransposeThisAndMultiply(r);
        var norms = j.ColumnNorms(2);
        for (int c = 0; c < 5; c++)
            Assert.True(Math.Abs(gradient[c]) <= 1e-10 * norms[c] * r.L2Norm(), $"gradient {c}: {gradient[c]}");
        var expected = j.TransposeThisAndMultiply(j).Inverse() * (r.DotProduct(r) / (N - 5));
        Assert.True(Math.Abs(fit.Covariance[3, 3] - expected[2, 2]) <= 1e-8 * expected[2, 2]);
    }

    [Fact]
    public void ActiveBoundHoldsOnTheGramRoute()
    {
        var (x, y) = Data();
        var setup = new FitSetup { UpperBounds = [2.8, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity] };
        var fit = CurveFit.Fit<TwoGaussiansModel>(x, y, [2.5, 2.5, 2.8, 7.3, 1.2, 0.9], setup);
        Assert.Equal(2.8, fit["p0"]);
        Assert.True(fit.Parameter("p0").AtBound);
        Assert.True(fit.IsConverged, fit.ToString());
    }

    [Fact]
    public void RankDeficientTallProblemFallsBackAndReportsIt()
    {
        double[] x = Enumerable.Range(1, N).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => 2 * v + (v % 3 - 1)).ToArray();
        var fit = CurveFit.Fit<ProductModel>(x, y, [1, 1]);
        Assert.True(Math.Abs(fit["a"] * fit["b"] - 2) < 1e-4);
        Assert.False(fit.IsCovarianceDefined);
        Assert.Contains("rank 1 < 2", fit.CovarianceProblem);
    }

    /// <summary>
    /// Whether the normal equations are safe depends on how nearly dependent the columns are, not on their units:
    /// three columns at 60° to each other stay safe scaled by 10⁻⁸…10⁸ (the test of the diagonal against the first
    /// pivot rejected them at 10⁻³), and a column 10⁻⁶ away from the span of the others is unsafe at every scale.
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-3)]
    [InlineData(1e-8)]
    [InlineData(1e8)]
    public void UnsafeNormalEquationsAreTheNearlyDependentOnesWhateverTheColumnScales(double scale)
    {
        var columnScales = Matrix<double>.Build.DiagonalOfDiagonalArray([1, scale, 1 / scale]);
        double[] Gram(double[,] columns)
        {
            var j = Matrix<double>.Build.DenseOfArray(columns) * columnScales;
            return j.TransposeThisAndMultiply(j).ToColumnMajorArray();
        }
        var spread = new double[,] { { 1, 0.5, 0.5 }, { 0, Math.Sqrt(0.75), Math.Sqrt(1.0 / 12) }, { 0, 0, Math.Sqrt(2.0 / 3) } };
        var nearlyDependent = new double[,] { { 1, 0, 1 }, { 0, 1, 1 }, { 0, 0, 1e-6 } };
        Assert.True(TallJacobianFactor.Cholesky(Gram(spread), 3, new double[9], new int[3]));
        Assert.False(TallJacobianFactor.Cholesky(Gram(nearlyDependent), 3, new double[9], new int[3]));
    }
}
