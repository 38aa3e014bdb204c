// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.LinearAlgebra;

/// <summary>LU with partial pivoting of the full matrix (row-major, right-looking).</summary>
internal sealed class DenseLu : NewtonMatrix
{
    private readonly int _n;
    private readonly int[] _rowStarts;
    private readonly int[] _columns;
    private readonly double[] _lu;
    private readonly int[] _pivots;

    public DenseLu(SparsityPattern pattern)
    {
        _n = pattern.RowCount;
        _rowStarts = pattern.RowStarts.ToArray();
        _columns = pattern.ColumnIndices.ToArray();
        _lu = new double[_n * _n];
        _pivots = new int[_n];
    }

    public override OdeLinearSolver Kind => OdeLinearSolver.Dense;

    public override long FactorEntries => (long)_n * _n;

    public override bool Factor(ReadOnlySpan<double> jacobian, double diagonal, double scale)
    {
        int n = _n;
        var a = _lu;
        Array.Clear(a);
        for (int i = 0; i < n; i++)
        {
            for (int k = _rowStarts[i]; k < _rowStarts[i + 1]; k++)
                a[i * n + _columns[k]] = -scale * jacobian[k];
            a[i * n + i] += diagonal;
        }
        return FactorInPlace(a, n, _pivots);
    }

    /// <summary>Factors the row-major n×n matrix in place: L (unit, below) and U; false on a zero or non-finite pivot.</summary>
    public static bool FactorInPlace(Span<double> a, int n, Span<int> pivots)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double largest = Math.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + k]);
                if (v > largest)
                {
                    largest = v;
                    p = i;
                }
            }
            pivots[k] = p;
            if (!(largest > 0) || !double.IsFinite(largest))
                return false;
            if (p != k)
            {
                var rowK = a.Slice(k * n, n);
                var rowP = a.Slice(p * n, n);
                for (int j = 0; j < n; j++)
                    (rowK[j], rowP[j]) = (rowP[j], rowK[j]);
            }
            double inverse = 1 / a[k * n + k];
            var pivotRow = a.Slice(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                double l = a[i * n + k] *= inverse;
                if (l == 0)
                    continue;
                var row = a.Slice(i * n + k + 1, n - k - 1);
                for (int j = 0; j < row.Length; j++)
                    row[j] -= l * pivotRow[j];
            }
        }
        return true;
    }

    public override void Solve(Span<double> b) => SolveInPlace(_lu, _n, _pivots, b);

    public static void SolveInPlace(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivots[k];
            if (p != k)
                (b[k], b[p]) = (b[p], b[k]);
        }
        for (int i = 1; i < n; i++)
        {
            double sum = b[i];
            var row = lu.Slice(i * n, i);
            for (int j = 0; j < i; j++)
                sum -= row[j] * b[j];
            b[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int j = i + 1; j < n; j++)
                sum -= lu[i * n + j] * b[j];
            b[i] = sum / lu[i * n + i];
        }
    }
}
