// SPDX-License-Identifier: MIT
using MathNet.Numerics.LinearAlgebra;
using ModelCompiler.Kernels;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

public static partial class TallModels
{
    // On x in [10⁶, 10⁶ + 1] the columns of c and d (1 and x) are nearly parallel, whatever their scales: the part of
    // x outside the span of 1 is 3e-7 of its norm, so κ(J·D⁻¹) is in the millions.
    [Model("a*exp(-b*(x - 1000000)) + c + d*x")]
    public static partial double DecayOnASlope(double x, double a, double b, double c, double d);
}

/// <summary>
/// The streamed routes of tall problems with generated kernels: the passes run in parallel chunks and add them in
/// chunk order, so the thread count changes no bit; when the normal equations are unsafe, the chunked Householder
/// QR (TSQR) solves the problem at the accuracy of QR.
/// </summary>
public class StreamedRouteTests
{
    private const int N = 40_000; // 20 chunks of 2048 points: the passes run on all cores

    [Fact]
    public void ThreadCountChangesNoBit()
    {
        var rng = new Random(11);
        double[] x = Enumerable.Range(0, N).Select(i => 10.0 * i / (N - 1)).ToArray();
        double[] y = x.Select(v => 3 * Math.Exp(-(v - 3) * (v - 3) / 2) + 2 * Math.Exp(-(v - 7) * (v - 7) / 1.28) + 0.05 * (rng.NextDouble() - 0.5)).ToArray();
        double[] start = [2.5, 2.5, 2.8, 7.3, 1.2, 0.9];
        var one = CurveFit.Fit<GeneratedModels.TwoGaussiansModel>(x, y, start, new CurveFitOptions { MaxDegreeOfParallelism = 1 });
        var two = CurveFit.Fit<GeneratedModels.TwoGaussiansModel>(x, y, start, new CurveFitOptions { MaxDegreeOfParallelism = 2 });
        Assert.True(one.IsConverged, one.ToString());
        Assert.Equal(one.Parameters, two.Parameters);
        Assert.Equal(one.Covariance, two.Covariance);
        Assert.Equal(one.ResidualSumOfSquares, two.ResidualSumOfSquares);
        Assert.Equal(one.JacobianEvaluations, two.JacobianEvaluations);
    }

    [Fact]
    public void UnsafeNormalEquationsTakeTheStreamedQr()
    {
        var rng = new Random(12);
        double[] x = Enumerable.Range(0, N).Select(i => 1e6 + 1.0 * i / (N - 1)).ToArray();
        double[] y = x.Select(v => 2 * Math.Exp(-3 * (v - 1e6)) + 5 + 1e-5 * v + 1e-4 * (rng.NextDouble() - 0.5)).ToArray();
        var fit = CurveFit.Fit<TallModels.DecayOnASlopeModel>(x, y, [1.5, 2.5, 4, 1.1e-5]);
        Assert.True(fit.IsConverged, fit.ToString());

        const int p = 4;
        var values = new double[N];
        var jacobian = new double[p * N];
        TallModels.DecayOnASlopeModel.EvaluateWithJacobian(x, fit.Parameters, values, jacobian);
        var j = Matrix<double>.Build.Dense(N, p, jacobian);
        var r = Vector<double>.Build.Dense(values) - Vector<double>.Build.Dense(y);

        // The normal equations at the solution fail the κ(R·D⁻¹) ≤ 1e5 test, so the solve cannot have ended on them.
        var gram = j.TransposeThisAndMultiply(j).ToColumnMajorArray();
        Assert.False(TallJacobianFactor.Cholesky(gram, p, new double[p * p], new int[p]));

        // Stationary to the accuracy of QR, and the covariance as an SVD of J (by its thin QR) gives it (MathNet).
        var gradient = j.TransposeThisAndMultiply(r);
        var norms = j.ColumnNorms(2);
        for (int c = 0; c < p; c++)
            Assert.True(Math.Abs(gradient[c]) <= 1e-9 * norms[c] * r.L2Norm(), $"gradient {c}: {gradient[c]}");
        var svd = j.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R.Svd(); // J's singular values and V
        var v = svd.VT.Transpose();
        var inverseSquares = Matrix<double>.Build.DiagonalOfDiagonalVector(svd.S.Map(s => 1 / (s * s)));
        var expected = v * inverseSquares * v.Transpose() * (r.DotProduct(r) / (N - p));
        for (int a = 0; a < p; a++)
            Assert.True(Math.Abs(fit.Covariance[a, a] - expected[a, a]) <= 1e-6 * expected[a, a], $"cov[{a},{a}] {fit.Covariance[a, a]} vs {expected[a, a]}");
    }

    [Fact]
    public void FusedKernelOfAHandWrittenModelIsTheReference()
    {
        // Hand-written models route AccumulateNormalEquations to ModelKernels: the tall route works on them unchanged.
        double[] x = Enumerable.Range(0, 5000).Select(i => 0.002 * i).ToArray();
        double[] y = x.Select(v => 2 * Math.Exp(-0.7 * v)).ToArray();
        var fit = CurveFit.Fit<ExponentialDecayModel>(x, y, [1, 1]);
        Assert.Equal(2, fit[0], 1e-10);
        Assert.Equal(0.7, fit[1], 1e-10);
        var sums = new double[NormalEquationsLayout.Length(2)];
        ExponentialDecayModel.AccumulateNormalEquations(x, x.Length, [2, 0.7], y, default, new double[x.Length], sums);
        Assert.True(sums[NormalEquationsLayout.ResidualSquares(2)] < 1e-25);
    }
}
