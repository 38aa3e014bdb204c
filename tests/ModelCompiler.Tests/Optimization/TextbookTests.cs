// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// The textbook's x² − 4x + 8 from x₀ = 1.3 through every method. Reference values: SciPy 1.10.1 on Debian 12, from the
/// shared reference set's textbook.json (x as Python's repr; calls of f, f′, f″ counted by wrappers, finite-difference
/// evaluations included).
/// </summary>
public class TextbookTests
{
    private static readonly double[] Start = [1.3];

    private static double F(ReadOnlySpan<double> x) => x[0] * x[0] - 4 * x[0] + 8;

    private static double FPrime(ReadOnlySpan<double> x, Span<double> g)
    {
        g[0] = 2 * x[0] - 4;
        return F(x);
    }

    [Fact]
    public void Fmin_reproduces_scipy_to_the_bit()
    {
        // scipy: fmin(f, [1.3]) -> 2.0000195312500013, f = 4.00000000038147, 32 evaluations, nit 16 (scipy's counter
        // starts at 1, so its 16 are our 15 simplex steps). Then the stationarity audit: a forward difference and one
        // probe, which finds f rising.
        var result = ScipyOptimize.Fmin(F, Start);
        Assert.Equal(2.0000195312500013, result[0]);
        Assert.Equal(4.00000000038147, result.Value, 14);
        Assert.Equal(32 + 2, result.FunctionEvaluations);
        Assert.Equal(15, result.Iterations);
        Assert.Equal(MinimizationTermination.SimplexTolerance, result.Termination);
        Assert.True(double.IsNaN(result.GradientNorm));
        Assert.Null(result.Gradient);
    }

    [Fact]
    public void Fmin_powell_reproduces_scipy_with_its_51_evaluations()
    {
        // scipy: fmin_powell(f, [1.3]) -> 1.9999999999683615 after 51 evaluations and 2 iterations; then the audit's 2.
        var result = ScipyOptimize.FminPowell(F, Start);
        Assert.Equal(1.9999999999683615, result[0]);
        Assert.Equal(51 + 2, result.FunctionEvaluations);
        Assert.Equal(2, result.Iterations);
        Assert.Equal(MinimizationTermination.FunctionTolerance, result.Termination);
    }

    [Fact]
    public void Powell_without_reevaluating_line_starts_takes_the_same_iterates_for_fewer_evaluations()
    {
        var ours = Minimizer.Minimize(F, Start, PowellOptions.Scipy with { ReevaluateLineStart = false });
        Assert.Equal(1.9999999999683615, ours[0]);
        Assert.Equal(51 - 2 + 2, ours.FunctionEvaluations);   // each iteration's line search saves f at its start; the audit takes 2
    }

    [Fact]
    public void Fmin_bfgs_without_gradient_reproduces_scipy_finite_differences()
    {
        // scipy: fmin_bfgs(f, [1.3]) -> 1.999999994688695, nfev 6, njev 3 (forward differences, absolute step √ε).
        var result = ScipyOptimize.FminBfgs(F, Start);
        Assert.Equal(1.999999994688695, result[0]);
        Assert.Equal(6, result.FunctionEvaluations);
        Assert.Equal(3, result.GradientEvaluations);
        Assert.Equal(MinimizationTermination.GradientTolerance, result.Termination);
    }

    [Fact]
    public void Fmin_bfgs_with_gradient_reproduces_scipy()
    {
        // scipy: fmin_bfgs(f, [1.3], fprime=g) -> 2.0 after 3 calls of f and 3 of f', 2 iterations.
        var result = ScipyOptimize.FminBfgs(F, Start, FPrime);
        Assert.Equal(2.0, result[0]);
        // scipy's 3 values of f, and the 2 of the central difference that checks the user's gradient at the stop.
        Assert.Equal((5, 3, 2), (result.FunctionEvaluations, result.GradientEvaluations, result.Iterations));
        Assert.Equal(1, result.InverseHessian!.GetLength(0));
        Assert.Equal(0.5, result.InverseHessian[0, 0], 12);   // the exact inverse of f'' = 2 after one secant update
    }

    [Fact]
    public void Generated_objective_with_the_scipy_preset_gives_the_same_as_delegates()
    {
        var generated = Minimizer.Minimize<Textbook>(Start, BfgsOptions.Scipy);
        Assert.Equal(2.0, generated[0]);
        Assert.Equal((3, 3), (generated.FunctionEvaluations, generated.GradientEvaluations));
    }

    [Fact]
    public void Fmin_cg_reproduces_scipy_with_and_without_gradient()
    {
        // scipy: fmin_cg(f, [1.3]) -> 1.999999994688695 (nfev 6, njev 3); with fprime -> 2.0 (3 f, 3 f', 1 iteration).
        var differenced = ScipyOptimize.FminCg(F, Start);
        Assert.Equal(1.999999994688695, differenced[0]);
        Assert.Equal((6, 3), (differenced.FunctionEvaluations, differenced.GradientEvaluations));
        var exact = ScipyOptimize.FminCg(F, Start, FPrime);
        Assert.Equal(2.0, exact[0]);
        Assert.Equal((5, 3, 1), (exact.FunctionEvaluations, exact.GradientEvaluations, exact.Iterations));   // + 2: the gradient check
    }

    [Fact]
    public void Fmin_l_bfgs_b_reproduces_scipy()
    {
        // scipy: fmin_l_bfgs_b(f, [1.3], fprime=g) -> 2.0 with 3 calls of f and f', 2 iterations; without the gradient
        // (its 2-point differences) 6 calls of f.
        var exact = ScipyOptimize.FminLBfgsB(F, Start, FPrime);
        Assert.Equal(2.0, exact[0]);
        Assert.Equal((5, 3, 2), (exact.FunctionEvaluations, exact.GradientEvaluations, exact.Iterations));   // + 2: the gradient check
        var differenced = ScipyOptimize.FminLBfgsB(F, Start);
        Assert.Equal(6, differenced.FunctionEvaluations);
        Assert.Equal(2.0, differenced[0], 7);
    }

    [Fact]
    public void Second_order_methods_take_one_newton_step()
    {
        // scipy: trust-ncg, trust-exact and Newton-CG with f' and f'' -> 2.0 after 2 calls of f, f' and f'' (scipy also
        // evaluates the Hessian at the solution, which the gradient test makes unnecessary: we take 1, or 1 product).
        var ncg = ScipyOptimize.FminNcg(F, Start, FPrime, (x, h) => h[0] = 2);
        Assert.Equal(2.0, ncg[0]);
        // + 2 values of f for the user's gradient, checked at the stop; the generated objectives below need no check.
        Assert.Equal((4, 2, 1), (ncg.FunctionEvaluations, ncg.GradientEvaluations, ncg.Iterations));
        var exact = Minimizer.Minimize<Textbook>(Start, TrustExactOptions.Scipy);
        Assert.Equal(2.0, exact[0]);
        Assert.Equal((2, 2, 1), (exact.FunctionEvaluations, exact.GradientEvaluations, exact.HessianEvaluations));
        var products = Minimizer.Minimize<Textbook>(Start, NewtonCgOptions.Scipy);
        Assert.Equal(2.0, products[0]);
        Assert.Equal((2, 2, 0, 1), (products.FunctionEvaluations, products.GradientEvaluations, products.HessianEvaluations, products.HessianVectorProducts));
    }

    [Fact]
    public void Check_grad_reproduces_scipy()
    {
        // scipy: check_grad(f, g, [1.3]) -> 2.3841857821338408e-08.
        Assert.Equal(2.3841857821338408e-08, ScipyOptimize.CheckGrad(F, FPrime, Start));
    }

    [Theory]
    [MemberData(nameof(DefaultMethods))]
    public void Every_method_with_our_defaults_finds_the_minimum(MinimizerOptions options)
    {
        var result = Minimizer.Minimize<Textbook>(Start, options);
        Assert.True(result.IsConverged, result.ToString());
        Assert.Equal(2.0, result[0], 7);
        Assert.Equal(4.0, result.Value, 14);
    }

    public static TheoryData<MinimizerOptions> DefaultMethods() =>
    [
        NelderMeadOptions.Default, PowellOptions.Default, BfgsOptions.Default, ConjugateGradientOptions.Default,
        LbfgsOptions.Default, LbfgsbOptions.Default, NewtonCgOptions.Default, TrustExactOptions.Default,
    ];
}
