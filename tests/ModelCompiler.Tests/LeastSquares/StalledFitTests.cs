// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// A fit reported converged is at a least-squares solution: f orthogonal to every Jacobian column not held on a bound,
/// to a cosine of 0.01, unless f is at the data's rounding. A stop by the function or parameter test elsewhere is
/// <see cref="FitTermination.Stalled"/>; the batch fits such curves again as single fits.
/// </summary>
public class StalledFitTests
{
    /// <summary>The largest |cos| between f and a Jacobian column at <paramref name="parameters"/>, over the columns not in <paramref name="skip"/>.</summary>
    private static double LargestCosine<TModel>(double[] x, double[] y, ReadOnlySpan<double> parameters, params int[] skip) where TModel : IModel
    {
        int n = y.Length, p = TModel.ParameterCount;
        var values = new double[n];
        var jacobian = new double[n * p];
        TModel.EvaluateWithJacobian(x, parameters, values, jacobian);
        double fNorm = Math.Sqrt(values.Select((v, i) => (v - y[i]) * (v - y[i])).Sum());
        double largest = 0;
        for (int j = 0; j < p; j++)
        {
            if (skip.Contains(j))
                continue;
            double dot = 0, norm = 0;
            for (int i = 0; i < n; i++)
            {
                dot += jacobian[j * n + i] * (values[i] - y[i]);
                norm += jacobian[j * n + i] * jacobian[j * n + i];
            }
            if (norm > 0)
                largest = Math.Max(largest, Math.Abs(dot) / Math.Sqrt(norm) / fNorm);
        }
        return largest;
    }

    private static bool AtRounding(double rss, double[] y) => Math.Sqrt(rss) <= 1e-12 * Math.Sqrt(y.Sum(v => v * v));

    [Theory]
    [InlineData(4)]      // Householder QR of the whole Jacobian
    [InlineData(5000)]   // streamed normal equations
    public void AFitStoppedAtTheEdgeOfTheModelsDomainIsStalledNamingTheColumn(int n)
    {
        // Data follow 5x; the model a·x is undefined for a ≥ 3, so the iteration ends against a = 3 with f along x.
        double[] x = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        double[] y = x.Select(v => 5 * v).ToArray();
        var fit = CurveFit.Fit<DomainLimitedModel>(x, y, [1]);
        Assert.True(fit["a"] is > 2.99 and < 3, fit.ToString());
        Assert.Equal(FitTermination.Stalled, fit.Termination);
        Assert.False(fit.IsConverged);
        Assert.Contains("∂f/∂a (cosine 1 > 0.01)", fit.Message);
    }

    [Fact]
    public void AParameterHeldOnItsBoundIsNotAStall()
    {
        // The data want a = 10; a ≤ 5 holds it on the bound, where f lies along a's column (by design) and is
        // orthogonal to the others.
        double[] t = Enumerable.Range(0, 40).Select(i => 0.2 * i).ToArray();
        double[] y = t.Select(v => 10 * Math.Exp(-v / 2) + 1 + 0.01 * Math.Sin(7 * v)).ToArray();
        var setup = new FitSetup { LowerBounds = [0, 0.01, -10], UpperBounds = [5, 100, 10] };
        var fit = CurveFit.Fit<BatchModels.DecayModel>(t, y, [1, 1, 0], setup);
        Assert.Equal(5, fit["a"]);
        Assert.True(fit.IsConverged, fit.ToString());
        Assert.True(LargestCosine<BatchModels.DecayModel>(t, y, fit.Parameters) > 0.1, "a's column is not along f: the bound does not bind");
        Assert.True(LargestCosine<BatchModels.DecayModel>(t, y, fit.Parameters, skip: 0) < 1e-6);

        var many = CurveFit.FitMany<BatchModels.DecayModel>(t, To2D(y), [1, 1, 0], new BatchFitSetup
        {
            LowerBounds = new double[,] { { 0, 0.01, -10 } }, UpperBounds = new double[,] { { 5, 100, 10 } },
        });
        Assert.Equal(fit.Termination, many.Terminations[0]);
        Assert.Equal(fit.Parameters, many.ParametersOf(0).ToArray());
    }

    /// <summary>
    /// Decays from far starts (amplitude 1 %, lifetime 50× the truth, offset 10) by Levenberg–Marquardt alone: some stop
    /// where f still lies along a column. Every fit reported converged is stationary, and the others are stated.
    /// </summary>
    [Fact]
    public void FarStartDecaysReportedConvergedAreStationary()
    {
        var random = new Random(11);
        double[] t = Enumerable.Range(0, 40).Select(i => 0.2 * i).ToArray();
        var options = new CurveFitOptions { VariableProjection = false };
        int stalled = 0;
        for (int c = 0; c < 300; c++)
        {
            double a = 2 + 20 * random.NextDouble(), tau = 0.3 + 4 * random.NextDouble(), b = random.NextDouble() - 0.5;
            double[] y = t.Select(v => a * Math.Exp(-v / tau) + b + 0.05 * a * (random.NextDouble() - 0.5)).ToArray();
            var fit = CurveFit.Fit<BatchModels.DecayModel>(t, y, [0.01 * a, 50 * tau, 10], options);
            if (fit.Termination == FitTermination.Stalled)
            {
                stalled++;
                Assert.Contains("not a least-squares solution", fit.Message);
            }
            if (fit.IsConverged && fit.Termination != FitTermination.GradientTolerance && !AtRounding(fit.ResidualSumOfSquares, y))
                Assert.True(LargestCosine<BatchModels.DecayModel>(t, y, fit.Parameters) <= 0.01, $"curve {c}: {fit}");
        }
        Assert.InRange(stalled, 1, 30);
    }

    /// <summary>
    /// Spots on 7×7 pixels, every fourth from a start far off (the centre outside the image): some lanes run the centre
    /// off the image and stop with f along the amplitude's column. The batch fits those again as single fits, and
    /// every curve it reports converged is stationary.
    /// </summary>
    [Fact]
    public void SpotsTheLanesStallOnAreFittedAgainAndNoneIsReportedConvergedWhereItIsNot()
    {
        const int m = 400, side = 7, n = side * side;
        var random = new Random(5);
        var x = new double[2 * n];
        for (int i = 0; i < n; i++)
            (x[i], x[n + i]) = (i % side, i / side);
        var y = new double[m, n];
        var starts = new double[m, 5];
        for (int c = 0; c < m; c++)
        {
            double a = 20 + 200 * random.NextDouble(), x0 = 2 + 2 * random.NextDouble(), y0 = 2 + 2 * random.NextDouble();
            double s = 0.7 + random.NextDouble(), b = 10 * random.NextDouble();
            for (int i = 0; i < n; i++)
            {
                double du = x[i] - x0, dv = x[n + i] - y0;
                y[c, i] = a * Math.Exp(-(du * du + dv * dv) / (2 * s * s)) + b + Math.Sqrt(a) * (random.NextDouble() - 0.5);
            }
            (starts[c, 0], starts[c, 1], starts[c, 2], starts[c, 3], starts[c, 4]) =
                c % 4 == 0 ? (1, 0, 6, 5, 0) : (0.7 * a, 3, 3, 1, b + 2);
        }
        var fits = CurveFit.FitMany<BatchModels.SpotModel>(x, y, starts);
        for (int c = 0; c < m; c++)
        {
            double[] row = Enumerable.Range(0, n).Select(i => y[c, i]).ToArray();
            if (fits.IsConverged(c) && fits.Terminations[c] != FitTermination.GradientTolerance)
                Assert.True(LargestCosine<BatchModels.SpotModel>(x, row, fits.ParametersOf(c)) <= 0.01,
                            $"curve {c}: {fits.Terminations[c]} at [{string.Join(", ", fits.ParametersOf(c).ToArray())}]");
        }
        // The curves fitted again are Fit's results, to the bit (curve 16's lanes ran its centre to x0 ≈ 255).
        double[] sixteen = Enumerable.Range(0, n).Select(i => y[16, i]).ToArray();
        var single = CurveFit.Fit<BatchModels.SpotModel>(x, sixteen, [1, 0, 6, 5, 0]);
        Assert.Equal(single.Parameters, fits.ParametersOf(16).ToArray());
        Assert.Equal(single.Termination, fits.Terminations[16]);
    }

    private static double[,] To2D(double[] row)
    {
        var matrix = new double[1, row.Length];
        for (int i = 0; i < row.Length; i++)
            matrix[0, i] = row[i];
        return matrix;
    }
}
