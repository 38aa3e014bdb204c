// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Tests.LeastSquares.Nist;
using NistModels = ModelCompiler.Generators.Tests.Models.Nist;
using Xunit;

namespace ModelCompiler.Tests.LeastSquares;

public static partial class ProjectionModels
{
#pragma warning disable MC0036 // a and b act only as a·b, on purpose
    [Model("a*b*x + c")]
    public static partial double Product(double x, double a, double b, double c);
#pragma warning restore MC0036
}

/// <summary>
/// Variable projection's second attempt: where Levenberg–Marquardt ends with merged terms, it eliminates the amplitudes
/// and solves again from the caller's rates.
/// </summary>
public class VariableProjectionTests
{
    // Start 0 of Lanczos1 in benchmarks/NIST-random-starts.md (seed 20250917): Levenberg–Marquardt merges two of the
    // three exponentials (both rates 1.8724656, RSS 4.29e-6 against the certified 1.4e-25).
    private static readonly double[] Lanczos1Start =
        [0.5425428791559954, 0.3879079257351724, 5.886009579856903, 0.5590914804244694, 6.512062680612549, 27.90809726115509];

    [Fact]
    public void MergedExponentialsAreSeparatedByTheProjectedIteration()
    {
        var problem = NistProblem.Load("Lanczos1");
        var plain = CurveFit.Fit<NistModels.LanczosModel>(problem.X, problem.Y, Lanczos1Start, new CurveFitOptions { VariableProjection = false });
        var fit = CurveFit.Fit<NistModels.LanczosModel>(problem.X, problem.Y, Lanczos1Start);

        Assert.True(plain.ResidualSumOfSquares > 1e-8, plain.ToString());
        Assert.False(plain.IsCovarianceDefined, plain.ToString());
        // Certified values (NIST StRD Lanczos1), up to the order of the three exchangeable terms.
        var terms = Enumerable.Range(0, 3).Select(t => (Amplitude: fit[2 * t], Rate: fit[2 * t + 1])).OrderBy(t => t.Rate).ToArray();
        double[] certified = [0.0951, 1, 0.8607, 3, 1.5576, 5];
        for (int t = 0; t < 3; t++)
        {
            Assert.Equal(certified[2 * t], terms[t].Amplitude, 1e-6);
            Assert.Equal(certified[2 * t + 1], terms[t].Rate, 1e-6);
        }
        Assert.True(fit.IsCovarianceDefined, fit.CovarianceProblem);
    }

    [Fact]
    public void AHealthyFitIsLevenbergMarquardtsBitForBit()
    {
        // The seed case converges with a full-rank Jacobian: the projection never runs, and the result is unchanged.
        double[] x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        double[] y = [0, 1, 2, 3, 4, 5, 4, 3, 2, 1];
        double[] start = [3, 4, 3, 6, 1, 1];
        var plain = CurveFit.Fit<GeneratedModels.TwoGaussiansModel>(x, y, start, new CurveFitOptions { VariableProjection = false });
        var fit = CurveFit.Fit<GeneratedModels.TwoGaussiansModel>(x, y, start);

        Assert.Equal(plain.Parameters, fit.Parameters);
        Assert.Equal(plain.JacobianEvaluations, fit.JacobianEvaluations);
    }

    [Theory]
    [InlineData("Lanczos1", new[] { 0, 2, 4 })]
    [InlineData("MGH17", new[] { 0, 1, 2 })]
    [InlineData("Misra1a", new[] { 0 })]
    [InlineData("Thurber", new[] { 0, 1, 2, 3 })]
    [InlineData("Chwirut2", new int[0])]
    public void FindsTheParametersTheModelIsAffineIn(string name, int[] expected)
    {
        var problem = NistProblem.Load(name);
        var leastSquares = InputValidation.Build(problem.X, 1, problem.Y, problem.Starts[0], problem.Starts[0].Length,
                                                 Enumerable.Range(0, problem.Starts[0].Length).Select(j => $"b{j + 1}").ToArray(), new FitSetup());
        int evaluations = 0;
        int[] linear = name switch
        {
            "Lanczos1" => VariableProjection.LinearParameters<NistModels.LanczosModel>(leastSquares, ref evaluations),
            "MGH17" => VariableProjection.LinearParameters<NistModels.MGH17Model>(leastSquares, ref evaluations),
            "Misra1a" => VariableProjection.LinearParameters<NistModels.Misra1aModel>(leastSquares, ref evaluations),
            "Thurber" => VariableProjection.LinearParameters<NistModels.ThurberModel>(leastSquares, ref evaluations),
            _ => VariableProjection.LinearParameters<NistModels.Chwirut2Model>(leastSquares, ref evaluations),
        };
        Assert.Equal(expected, linear);
    }

    [Fact]
    public void ParametersAffineOneByOneButNotTogetherKeepOnlyOne()
    {
        // a·b·x + c is affine in a and in b separately, not jointly: the set keeps a and c.
        double[] x = [0, 1, 2, 3, 4];
        var leastSquares = InputValidation.Build(x, 1, [1, 2, 3, 4, 5], [1, 2, 3], 3, ["a", "b", "c"], new FitSetup());
        int evaluations = 0;
        Assert.Equal([0, 2], VariableProjection.LinearParameters<ProjectionModels.ProductModel>(leastSquares, ref evaluations));
    }
}
