// SPDX-License-Identifier: MIT
using ModelCompiler.Optimization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>The shifted Cholesky factorizations behind trust-exact: dense and sparse agree, orderings control fill,
/// and a failed factorization bounds the least eigenvalue.</summary>
public class CholeskyTests
{
    // An "arrow": row and column 0 full, plus the diagonal. In the natural order the factor fills completely; eliminating
    // the hub last (minimum degree does) leaves no fill.
    private static (SparsityPattern Pattern, double[] Values) Arrow(int n)
    {
        var entries = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            entries.Add((i, i));
            if (i > 0)
            {
                entries.Add((0, i));
                entries.Add((i, 0));
            }
        }
        var pattern = SparsityPattern.FromEntries(n, n, entries);
        var values = new double[pattern.NonzeroCount];
        for (int i = 0; i < n; i++)
            for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                values[k] = pattern.ColumnIndices[k] == i ? (i == 0 ? n : 4) : 1;
        return (pattern, values);
    }

    [Fact]
    public void Minimum_degree_avoids_the_fill_of_an_arrow()
    {
        var (pattern, _) = Arrow(40);
        var natural = new SparseCholesky(pattern, null);
        var ordered = new SparseCholesky(pattern, MinimumDegree.Order(pattern));
        Assert.Equal(40 * 41 / 2, natural.FactorNonzeros);
        Assert.Equal(40 + 39, ordered.FactorNonzeros);
        Assert.True(Array.IndexOf(MinimumDegree.Order(pattern), 0) >= 38);   // the hub goes with the last spoke
    }

    [Fact]
    public void Dense_and_sparse_factorizations_solve_alike()
    {
        var (pattern, values) = Arrow(12);
        var b = Enumerable.Range(0, 12).Select(i => Math.Sin(i + 1.0)).ToArray();
        var results = new List<double[]>();
        foreach (var factor in new ShiftedCholesky[]
                 {
                     new DenseCholesky(pattern), new SparseCholesky(pattern, null), new SparseCholesky(pattern, MinimumDegree.Order(pattern)),
                 })
        {
            factor.Load(values);
            Assert.True(factor.Factor(0.5));
            var x = (double[])b.Clone();
            factor.Solve(x);
            results.Add(x);
            // (A + 0.5 I) x = b.
            var ax = new double[12];
            SymmetricCsr.Multiply(pattern, values, x, ax);
            for (int i = 0; i < 12; i++)
                Assert.Equal(b[i], ax[i] + 0.5 * x[i], 12);
            // ‖L⁻¹Pb‖² = bᵀ(A + 0.5 I)⁻¹b whatever the ordering.
            Assert.Equal(b.Zip(x, (p, q) => p * q).Sum(), factor.LowerSolveNormSquared(b), 12);
        }
        Assert.Equal(results[0], results[2], new ToleranceComparer(1e-13));
    }

    [Fact]
    public void A_failed_factorization_bounds_the_least_eigenvalue_from_below()
    {
        // The tridiagonal [−1, 2, −1] matrix of order 8 shifted by −3 has least eigenvalue 2 − 2cos(π/9) − 3 < 0.
        int n = 8;
        var pattern = SparsityPattern.Banded(n, 1, 1);
        var values = new double[pattern.NonzeroCount];
        for (int i = 0; i < n; i++)
            for (int k = pattern.RowStarts[i]; k < pattern.RowStarts[i + 1]; k++)
                values[k] = pattern.ColumnIndices[k] == i ? 2 - 3 : -1;
        double lambdaMin = 2 - 2 * Math.Cos(Math.PI / (n + 1)) - 3;
        foreach (var factor in new ShiftedCholesky[] { new DenseCholesky(pattern), new SparseCholesky(pattern, null) })
        {
            factor.Load(values);
            Assert.False(factor.Factor(0));
            var (deficit, uu) = factor.Failure();
            // λ_min(A) ≤ −δ/‖u‖²: the bound Moré–Sorensen raise λ_L with.
            Assert.True(lambdaMin <= -deficit / uu + 1e-12, $"{lambdaMin} vs {-deficit / uu}");
            Assert.True(factor.Factor(-lambdaMin + 1e-3));
            var z = new double[n];
            double rz2 = factor.SmallDirection(z);
            Assert.Equal(1, z.Sum(v => v * v), 12);
            Assert.InRange(rz2, 1e-3 - 1e-12, 0.05);   // close to the least eigenvalue 1e-3 of A + (−λ_min + 1e-3)I
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a));
        public int GetHashCode(double value) => 0;
    }
}
