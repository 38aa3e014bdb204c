// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>The three routes' measures of f's alignment with J's columns (whole J, normal equations, triangle) agree.</summary>
public class StationarityTests
{
    private const int M = 30, K = 4;

    private static (double[] J, double[] F) Random(int seed)
    {
        var random = new Random(seed);
        double[] j = Enumerable.Range(0, M * K).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] f = Enumerable.Range(0, M).Select(_ => random.NextDouble() - 0.5).ToArray();
        for (int i = 0; i < M; i++)
            j[2 * M + i] *= 1e6; // columns of very different scales
        return (j, f);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheJacobianTheNormalEquationsAndTheTriangleGiveTheSameCosine(int seed)
    {
        var (j, f) = Random(seed);
        double fNorm = Math.Sqrt(Dot(f, f));
        double[] point = new double[K];

        var gram = new double[K * K];
        var gradient = new double[K];
        for (int a = 0; a < K; a++)
        {
            gradient[a] = Dot(j.AsSpan(a * M, M), f);
            for (int b = 0; b < K; b++)
                gram[a * K + b] = Dot(j.AsSpan(a * M, M), j.AsSpan(b * M, M));
        }

        // J = Q₀R₀ by modified Gram–Schmidt, and Q₀ᵀf.
        var q = (double[])j.Clone();
        var triangle = new double[K * K];
        var projected = new double[K];
        for (int a = 0; a < K; a++)
        {
            Span<double> column = q.AsSpan(a * M, M);
            for (int b = 0; b < a; b++)
            {
                double r = Dot(q.AsSpan(b * M, M), column);
                triangle[a * K + b] = r;
                for (int i = 0; i < M; i++)
                    column[i] -= r * q[b * M + i];
            }
            double norm = Math.Sqrt(Dot(column, column));
            triangle[a * K + a] = norm;
            for (int i = 0; i < M; i++)
                column[i] /= norm;
            projected[a] = Dot(column, f);
        }

        var whole = Stationarity.FromJacobian(j, f, M, K, point, default, default);
        var normal = Stationarity.FromNormalEquations(gram, gradient, fNorm, point, default, default);
        var triangular = Stationarity.FromTriangle(triangle, projected, fNorm, point, default, default);
        int expected = Enumerable.Range(0, K).MaxBy(a => Math.Abs(gradient[a]) / Math.Sqrt(gram[a * K + a]));
        Assert.Equal(expected, whole.Column);
        Assert.Equal(expected, normal.Column);
        Assert.Equal(expected, triangular.Column);
        Assert.Equal(whole.Cosine, normal.Cosine, 1e-12);
        Assert.Equal(whole.Cosine, triangular.Cosine, 1e-12);
        Assert.InRange(whole.Cosine, 1e-3, 1);
    }

    [Fact]
    public void AColumnHeldOnItsBoundIsLeftOutAndOneLeavingItIsNot()
    {
        var (j, f) = Random(4);
        var all = Stationarity.FromJacobian(j, f, M, K, new double[K], default, default);
        int column = all.Column;
        double gradient = Dot(j.AsSpan(column * M, M), f);
        // On its lower bound: held when the gradient is positive (the descent direction −g points out of the box).
        double[] lower = [-1, -1, -1, -1], upper = [1, 1, 1, 1];
        double[] point = new double[K];
        point[column] = gradient > 0 ? -1 : 1;
        var held = Stationarity.FromJacobian(j, f, M, K, point, lower, upper);
        Assert.NotEqual(column, held.Column);
        Assert.True(held.Cosine < all.Cosine);
        point[column] = gradient > 0 ? 1 : -1; // the other bound: the descent direction leads into the box
        Assert.Equal(all, Stationarity.FromJacobian(j, f, M, K, point, lower, upper));
    }

    [Theory]
    [InlineData(FitTermination.FunctionTolerance, 0.02, 1.0, 0, FitTermination.Stalled)]
    [InlineData(FitTermination.ParameterTolerance, 0.02, 1.0, 0, FitTermination.Stalled)]
    [InlineData(FitTermination.MachinePrecision, 0.02, 1.0, 0, FitTermination.Stalled)]
    [InlineData(FitTermination.FunctionTolerance, 0.009, 1.0, 0, FitTermination.FunctionTolerance)]
    [InlineData(FitTermination.FunctionTolerance, 0.5, 1e-14, 0, FitTermination.FunctionTolerance)]     // rounding
    [InlineData(FitTermination.FunctionTolerance, 0.5, 1e-12, 0, FitTermination.Stalled)]
    [InlineData(FitTermination.ParameterTolerance, 0.5, 2e-11, 1e-10, FitTermination.ParameterTolerance)] // integration noise
    [InlineData(FitTermination.MaxFunctionEvaluations, 0.5, 1.0, 0, FitTermination.MaxFunctionEvaluations)]
    [InlineData(FitTermination.GradientTolerance, 0.5, 1.0, 0, FitTermination.GradientTolerance)]
    public void OnlyAConvergenceStopAboveTheNoiseBecomesAStall(FitTermination stop, double cosine, double relativeResidual,
                                                                 double modelNoise, FitTermination expected)
    {
        var alignment = new ResidualAlignment(cosine, 0, relativeResidual * 7);
        Assert.Equal(expected, Stationarity.Judge(stop, alignment, 7, modelNoise));
    }
}
