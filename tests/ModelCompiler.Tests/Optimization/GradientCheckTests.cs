// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>The derivative checker, and the hand-written objectives' derivatives checked by it.</summary>
public class GradientCheckTests
{
    private static readonly double[] RosenbrockPoint = [-1.2, 1];

    [Fact]
    public void Hand_written_objectives_have_consistent_derivatives()
    {
        Assert.True(GradientCheck.Gradient<Textbook>([1.3]).IsConsistent(1e-9));
        Assert.True(GradientCheck.Gradient<Rosenbrock>(RosenbrockPoint).IsConsistent(1e-9));
        Assert.True(GradientCheck.Gradient<Beale>([1, 1]).IsConsistent(1e-9));
        Assert.True(GradientCheck.Gradient<PowellSingular>([3, -1, 0, 1]).IsConsistent(1e-9));
        Assert.True(GradientCheck.Gradient<Wood>([-3, -1, -3, -1]).IsConsistent(1e-9));
        Assert.True(GradientCheck.Gradient<LinearRankOne>(Enumerable.Range(1, 10).Select(i => 0.1 * i).ToArray()).IsConsistent(1e-9));
        Assert.True(GradientCheck.Gradient<ChainedRosenbrock>([-1.2, 1, -1.2, 1, 0.5]).IsConsistent(1e-9));
    }

    [Fact]
    public void Hand_written_hessians_patterns_and_products_are_consistent()
    {
        Assert.True(GradientCheck.Hessian<Textbook>([1.3]).IsConsistent());
        Assert.True(GradientCheck.Hessian<Rosenbrock>(RosenbrockPoint).IsConsistent());
        Assert.True(GradientCheck.Hessian<Beale>([1, 1.5]).IsConsistent());
        Assert.True(GradientCheck.Hessian<PowellSingular>([3, -1, 0, 1]).IsConsistent());
        Assert.True(GradientCheck.Hessian<Wood>([-3, -1, -3, -1]).IsConsistent());
        Assert.True(GradientCheck.Hessian<LinearRankOne>(Enumerable.Repeat(1.0, 10).ToArray()).IsConsistent());
        var chained = GradientCheck.Hessian<ChainedRosenbrock>([-1.2, 1, -1.2, 1, 0.5, 2]);
        Assert.True(chained.IsConsistent(), chained.ToString());
        Assert.Empty(chained.EntriesOutsidePattern);
    }

    [Fact]
    public void Richardson_differences_agree_to_about_ten_digits()
    {
        var check = GradientCheck.Gradient<Rosenbrock>(RosenbrockPoint);
        Assert.InRange(check.MaxRelativeError, 0, 1e-10);
        Assert.Equal(check.Analytic[0], check.Numeric[0], 1e-7);
    }

    [Fact]
    public void A_wrong_component_is_found_and_named()
    {
        var check = GradientCheck.Gradient(x => Rosenbrock.Evaluate(x), (x, g) =>
        {
            double f = Rosenbrock.EvaluateWithGradient(x, g);
            g[1] *= 1.001;   // a 0.1% error in ∂f/∂x₂
            return f;
        }, RosenbrockPoint);
        Assert.False(check.IsConsistent());
        Assert.Equal(1, check.WorstIndex);
        Assert.InRange(check.MaxRelativeError, 5e-4, 2e-3);
        Assert.Contains("component 1", check.ToString());
    }

    [Fact]
    public void A_missing_pattern_entry_and_a_wrong_product_are_found()
    {
        // Rosenbrock's Hessian declared diagonal: the off-diagonal −400x₁ is outside the pattern.
        var diagonal = new DelegateObjective(Rosenbrock.Evaluate, Rosenbrock.EvaluateWithGradient)
        {
            HessianPattern = SparsityPattern.Banded(2, 0, 0),
            Hessian = (x, h) =>
            {
                h[0] = 1200 * x[0] * x[0] - 400 * x[1] + 2;
                h[1] = 200;
            },
            HessianTimes = (x, v, p) => { p[0] = 2 * v[0]; p[1] = 2 * v[1]; },
        };
        var check = GradientCheck.Hessian(diagonal, RosenbrockPoint);
        Assert.Equal([(0, 1), (1, 0)], check.EntriesOutsidePattern);
        Assert.True(check.ProductRelativeError > 0.1);
        Assert.False(check.IsConsistent());
    }

    [Fact]
    public void Bad_points_and_steps_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GradientCheck.Gradient<Rosenbrock>([double.NaN, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Gradient<Rosenbrock>(RosenbrockPoint, step: 0));
        Assert.Throws<ArgumentException>(() => GradientCheck.Hessian(new DelegateObjective(Rosenbrock.Evaluate), RosenbrockPoint));
    }
}
