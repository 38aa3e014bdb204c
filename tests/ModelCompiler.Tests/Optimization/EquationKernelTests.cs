// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

public class EquationKernelTests
{
    private static double[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    private static (double Value, int Evaluations) DifferenceAt(SystemFunction f, double x)
    {
        var jacobian = new FiniteDifferenceJacobian(SparsityPattern.Dense(1, 1), FiniteDifferenceScheme.Forward);
        double[] point = [x], fx = new double[1], values = new double[1];
        f(point, fx);
        var counter = new EvaluationCounter();
        Assert.True(jacobian.Compute(f, point, fx, values, counter), "the difference column is not finite");
        return (values[0], counter.Residuals);
    }

    [Fact]
    public void A_difference_column_lost_in_rounding_is_widened_from_the_step_taken()
    {
        // F = 1e7 + 0.3·ln x at x = 1e-6: the step √ε·x = 1.5e-14 moves F by 4.5e-9, 2.4 roundings of 1e7. Widened
        // from that step, the second widening (1.5e-10, central) gives F′ = 3e5 to five digits; widened from √ε = 1.5e-8
        // the first wider step reached below x = 0, and the column kept the forward difference of 2 roundings.
        var (value, evaluations) = DifferenceAt((x, F) => F[0] = 1e7 + 0.3 * Math.Log(x[0]), 1e-6);
        Assert.Equal(3e5, value, 1e-4 * 3e5);
        Assert.Equal(1 + 2 * 2, evaluations);
    }

    [Fact]
    public void A_difference_column_whose_wider_steps_leave_the_domain_keeps_its_first_difference()
    {
        // F = 3e12 + ln x at x = 1e-6: no step up to 1.5e-8 changes F by 1000 of its roundings, and 1.5e-6 reaches
        // below x = 0, where ln is NaN. The column keeps its first difference (0: the forward step was lost in F's
        // rounding) instead of turning NaN, and the solver sees a finite, singular Jacobian.
        var (value, evaluations) = DifferenceAt((x, F) => F[0] = 3e12 + Math.Log(x[0]), 1e-6);
        Assert.Equal(0, value);
        Assert.Equal(1 + 2 * 4, evaluations);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(12, 1, 1)]
    [InlineData(12, 5, 1)]
    [InlineData(9, 8, 8)]
    public void Banded_LU_solves_like_a_dense_solve(int n, int lower, int upper)
    {
        var pattern = SparsityPattern.Banded(n, lower, upper);
        var values = Random(pattern.NonzeroCount, n + lower);
        var lu = new BandedLu(n, lower, upper);
        lu.Load(pattern, values);
        Assert.True(lu.Factor());
        var b = Random(n, 7);
        var x = (double[])b.Clone();
        lu.Solve(x);
        var ax = new double[n];
        SparseOps.Times(pattern, values, x, ax);
        for (int i = 0; i < n; i++)
            Assert.Equal(b[i], ax[i], 10);
    }

    [Fact]
    public void Banded_LU_pivots_past_a_zero_diagonal_and_reports_a_singular_matrix()
    {
        var pattern = SparsityPattern.Banded(3, 1, 1);
        var lu = new BandedLu(3, 1, 1);
        lu.Load(pattern, [0, 1, 1, 0, 1, 1, 2]);   // [[0 1 0] [1 0 1] [0 1 2]]
        Assert.True(lu.Factor());
        var x = new double[] { 1, 2, 3 };
        lu.Solve(x);
        Assert.Equal(new[] { 1.0, 1, 1 }, x.Select(v => Math.Round(v, 12)));
        var singular = new BandedLu(2, 1, 1);
        singular.Load(SparsityPattern.Banded(2, 1, 1), [1, 2, 2, 4]);
        Assert.False(singular.Factor());
    }

    [Fact]
    public void The_rank_one_update_keeps_Q_times_R_equal_to_the_updated_matrix()
    {
        const int n = 6;
        var a = Random(n * n, 3);
        var original = (double[])a.Clone();
        var f = Random(n, 4);
        var r = new double[n * n];
        var q = new double[n * n];
        var qtf = new double[n];
        DenseQr.Factor(n, a, r, q, f, qtf, new double[n], new double[n], new double[n], new int[n]);
        var u = Random(n, 5);
        var v = Random(n, 6);
        // The update takes Qᵀ·u (the factors' frame).
        var qtu = new double[n];
        DenseQr.TransposeTimes(n, q, u, qtu);
        DenseQr.RankOneUpdate(n, r, q, qtf, qtu, v);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double qr = 0;
                for (int k = 0; k <= j; k++)
                    qr += q[k * n + i] * r[j * n + k];
                Assert.Equal(original[j * n + i] + u[i] * v[j], qr, 12);
                if (i > j)
                    Assert.Equal(0, r[j * n + i]);
            }
        }
        // qtf is still Qᵀ·f.
        var expected = new double[n];
        DenseQr.TransposeTimes(n, q, f, expected);
        for (int j = 0; j < n; j++)
            Assert.Equal(expected[j], qtf[j], 12);
    }

    [Theory]
    [InlineData(1, 1, 3)]
    [InlineData(5, 1, 7)]
    [InlineData(99, 99, 100)]
    public void Difference_groups_follow_the_band(int lower, int upper, int groups)
    {
        var pattern = lower == 99 ? SparsityPattern.Dense(100, 100) : SparsityPattern.Banded(100, lower, upper);
        Assert.Equal(groups, new FiniteDifferenceJacobian(pattern, FiniteDifferenceScheme.Forward).GroupCount);
    }
}
