// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// Where peers fail to return or to stop (reference set, SciPy 1.10.1): trust-exact never returns on the rank-deficient
/// linear least-squares problems with gtol = 1e-10, and trust-krylov keeps iterating at rounding level on Rosenbrock
/// (5,001 iterations with gtol = 1e-10). Ours must return, and say why.
/// </summary>
public class PeerTrapTests
{
    private static readonly double[] Ones = Enumerable.Repeat(1.0, 10).ToArray();
    private const double LinearRankOneMinimum = 4.634146341463414;   // (m(m − 1))/(2(2m + 1)) for m = 20 (MGH problem 33)

    [Theory]
    [InlineData(1e-10)]
    [InlineData(1e-300)]
    public void Trust_exact_returns_on_a_rank_one_hessian(double gradientTolerance)
    {
        var result = Minimizer.Minimize<LinearRankOne>(Ones, TrustExactOptions.Default with { GradientTolerance = gradientTolerance });
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(LinearRankOneMinimum, result.Value, 12);
        Assert.InRange(result.Iterations, 1, 20);
    }

    [Fact]
    public void Trust_exact_returns_on_the_rank_one_hessian_with_the_sparse_factorization_too()
    {
        var result = Minimizer.Minimize<LinearRankOne>(Ones, TrustExactOptions.Default with
        {
            GradientTolerance = 1e-300,
            Factorization = HessianFactorization.Sparse,
        });
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(LinearRankOneMinimum, result.Value, 12);
    }

    [Theory]
    [MemberData(nameof(GradientMethods))]
    public void Methods_stop_at_rounding_level_when_the_tolerance_cannot_be_met(MinimizerOptions options)
    {
        var normal = Minimizer.Minimize<Rosenbrock>([-1.2, 1], options);
        var unreachable = Minimizer.Minimize<Rosenbrock>([-1.2, 1], WithTolerance(options, 1e-300));
        Assert.True(unreachable.IsConverged, unreachable.ToString());
        Assert.Contains(unreachable.Termination, new[] { MinimizationTermination.MachinePrecision, MinimizationTermination.GradientTolerance, MinimizationTermination.FunctionTolerance });
        Assert.True(unreachable.Value <= 1e-20, unreachable.ToString());
        // A handful of iterations past the normal stop, not thousands.
        Assert.InRange(unreachable.FunctionEvaluations, normal.FunctionEvaluations, normal.FunctionEvaluations + 40);
    }

    public static TheoryData<MinimizerOptions> GradientMethods() =>
    [
        BfgsOptions.Default, ConjugateGradientOptions.Default, LbfgsOptions.Default, LbfgsbOptions.Default,
        NewtonCgOptions.Default, TrustExactOptions.Default,
    ];

    private static MinimizerOptions WithTolerance(MinimizerOptions options, double tolerance) => options switch
    {
        BfgsOptions o => o with { GradientTolerance = tolerance },
        ConjugateGradientOptions o => o with { GradientTolerance = tolerance },
        LbfgsOptions o => o with { GradientTolerance = tolerance },
        LbfgsbOptions o => o with { GradientTolerance = tolerance, FunctionTolerance = 0 },
        NewtonCgOptions o => o with { GradientTolerance = tolerance },
        TrustExactOptions o => o with { GradientTolerance = tolerance },
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };
}
