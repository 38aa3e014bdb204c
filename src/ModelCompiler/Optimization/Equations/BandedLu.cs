// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// LU factorization with partial pivoting of an n×n matrix with kl sub- and ku superdiagonals, in band storage: row
/// i holds columns i − kl … i + ku + kl, the extra kl for the fill that row interchanges bring (as LAPACK's gbtrf
/// stores it). O(n·kl·(kl + ku)) work and O(n·(2kl + ku + 1)) memory; a dense matrix is the case kl = ku = n − 1.
/// </summary>
internal sealed class BandedLu
{
    private readonly int _n, _kl, _ku, _width;
    private readonly double[] _a;
    private readonly int[] _pivots;

    public BandedLu(int n, int lower, int upper)
    {
        _n = n;
        _kl = lower;
        _ku = upper;
        _width = 2 * lower + upper + 1;
        _a = new double[(long)n * _width <= int.MaxValue ? n * _width : throw new ArgumentException($"A {n}×{n} band of width {_width} is too large.")];
        _pivots = new int[n];
    }

    private int Index(int i, int j) => i * _width + (j - i + _kl);

    /// <summary>Loads the matrix from CSR values over <paramref name="pattern"/>, whose entries must lie in the band.</summary>
    public void Load(SparsityPattern pattern, ReadOnlySpan<double> values)
    {
        Array.Clear(_a);
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < _n; i++)
            for (int k = starts[i]; k < starts[i + 1]; k++)
                _a[Index(i, columns[k])] = values[k];
    }

    /// <summary>Factors in place; false when a pivot is exactly zero (the matrix is singular).</summary>
    public bool Factor()
    {
        int n = _n;
        for (int k = 0; k < n; k++)
        {
            int last = Math.Min(n - 1, k + _kl), lastColumn = Math.Min(n - 1, k + _kl + _ku);
            int p = k;
            double largest = Math.Abs(_a[Index(k, k)]);
            for (int i = k + 1; i <= last; i++)
            {
                double candidate = Math.Abs(_a[Index(i, k)]);
                if (candidate > largest)
                {
                    largest = candidate;
                    p = i;
                }
            }
            _pivots[k] = p;
            if (largest == 0 || !double.IsFinite(largest))
                return false;
            if (p != k)
                for (int j = k; j <= lastColumn; j++)
                    (_a[Index(k, j)], _a[Index(p, j)]) = (_a[Index(p, j)], _a[Index(k, j)]);
            double pivot = _a[Index(k, k)];
            for (int i = k + 1; i <= last; i++)
            {
                int ik = Index(i, k);
                double l = _a[ik] / pivot;
                _a[ik] = l;
                if (l == 0)
                    continue;
                int rowK = Index(k, k), rowI = Index(i, k);
                for (int j = 1; j <= lastColumn - k; j++)
                    _a[rowI + j] -= l * _a[rowK + j];
            }
        }
        return true;
    }

    /// <summary>Solves A·x = b in place after <see cref="Factor"/>.</summary>
    public void Solve(Span<double> b)
    {
        int n = _n;
        for (int k = 0; k < n; k++)
        {
            int p = _pivots[k];
            if (p != k)
                (b[k], b[p]) = (b[p], b[k]);
            double bk = b[k];
            if (bk == 0)
                continue;
            int last = Math.Min(n - 1, k + _kl);
            for (int i = k + 1; i <= last; i++)
                b[i] -= _a[Index(i, k)] * bk;
        }
        for (int k = n - 1; k >= 0; k--)
        {
            int lastColumn = Math.Min(n - 1, k + _kl + _ku);
            double sum = b[k];
            int row = Index(k, k);
            for (int j = 1; j <= lastColumn - k; j++)
                sum -= _a[row + j] * b[k + j];
            b[k] = sum / _a[row];
        }
    }
}
