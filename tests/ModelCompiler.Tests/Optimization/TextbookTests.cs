// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// The textbook's x² − 4x + 8 from x₀ = 1.3 through every method. Reference values: SciPy 1.10.1 on Debian 12, from
/// /work/shared/reference/optimize/textbook.json (x as Python's repr, calls of f, f′, f″ counted by wrappers,
/// finite-difference evaluations included).
/// </summary>
public class TextbookTests
{
    private static readonly double[] Start = [1.3];
    private static double F(ReadOnlySpan<double> x) => x[0] * x[0] - 4 * x[0] + 8;

    [Fact]
    public void Bfgs_scipy_preset_without_gradient_reproduces_fmin_bfgs()
    {
        // scipy: fmin_bfgs(f, [1.3]) -> 1.999999994688695, nfev 6, njev 3 (its 2-point differences).
        var result = Minimizer.Minimize(F, Start, BfgsOptions.Scipy);
        Assert.Equal(1.999999994688695, result[0]);
        Assert.Equal(6, result.FunctionEvaluations);
        Assert.Equal(3, result.GradientEvaluations);
        Assert.Equal(MinimizationTermination.GradientTolerance, result.Termination);
    }

    [Fact]
    public void Bfgs_scipy_preset_with_gradient_reproduces_fmin_bfgs_fprime()
    {
        // scipy: fmin_bfgs(f, [1.3], fprime=g) -> 2.0 with 3 calls of f and 3 of f'.
        var result = Minimizer.Minimize<Textbook>(Start, BfgsOptions.Scipy);
        Assert.Equal(2.0, result[0]);
        Assert.Equal(3, result.FunctionEvaluations);
        Assert.Equal(3, result.GradientEvaluations);
        Assert.Equal(2, result.Iterations);
    }

    [Fact]
    public void Nelder_Mead_scipy_preset_reproduces_fmin()
    {
        // scipy: fmin(f, [1.3]) -> 2.0000195312500013, 32 evaluations, nit 16 (scipy's counter starts at 1, so its 16
        // are our 15 simplex steps).
        var result = Minimizer.Minimize(F, Start, NelderMeadOptions.Scipy);
        Assert.Equal(2.0000195312500013, result[0]);
        Assert.Equal(4.00000000038147, result.Value, 14);
        Assert.Equal(32, result.FunctionEvaluations);
        Assert.Equal(15, result.Iterations);
        Assert.Equal(MinimizationTermination.SimplexTolerance, result.Termination);
    }

    [Fact]
    public void Powell_scipy_preset_reproduces_fmin_powell()
    {
        // scipy: fmin_powell(f, [1.3]) -> 1.9999999999683615 after 51 evaluations, 2 iterations.
        var result = Minimizer.Minimize(F, Start, PowellOptions.Scipy);
        Assert.Equal(1.9999999999683615, result[0]);
        Assert.Equal(51, result.FunctionEvaluations);
        Assert.Equal(2, result.Iterations);
        Assert.Equal(MinimizationTermination.FunctionTolerance, result.Termination);
    }

    [Fact]
    public void Powell_default_reaches_the_same_point_without_reevaluating_line_starts()
    {
        var scipy = Minimizer.Minimize(F, Start, PowellOptions.Scipy with { ReevaluateLineStart = false });
        Assert.Equal(1.9999999999683615, scipy[0]);
        Assert.True(scipy.FunctionEvaluations < 51);
    }

    [Fact]
    public void Cg_scipy_preset_without_gradient_reproduces_fmin_cg()
    {
        // scipy: fmin_cg(f, [1.3]) -> 1.999999994688695, nfev 6, njev 3.
        var result = Minimizer.Minimize(F, Start, ConjugateGradientOptions.Scipy);
        Assert.Equal(1.999999994688695, result[0]);
        Assert.Equal(6, result.FunctionEvaluations);
        Assert.Equal(3, result.GradientEvaluations);
    }

    [Fact]
    public void Cg_scipy_preset_with_gradient_reproduces_fmin_cg_fprime()
    {
        // scipy: fmin_cg(f, [1.3], fprime=g) -> 2.0 with 3 calls of f and 3 of f', 1 iteration.
        var result = Minimizer.Minimize<Textbook>(Start, ConjugateGradientOptions.Scipy);
        Assert.Equal(2.0, result[0]);
        Assert.Equal(3, result.FunctionEvaluations);
        Assert.Equal(3, result.GradientEvaluations);
        Assert.Equal(1, result.Iterations);
    }
}
