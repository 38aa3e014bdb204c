// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.LinearAlgebra;

/// <summary>
/// LU with partial pivoting of a band matrix (lower bandwidth kl, upper ku), stored by columns with kl extra
/// superdiagonals for the fill that row interchanges bring (the layout of LAPACK's gbtrf): entry (i, j) at
/// (kl + ku + i − j) + j·(2kl + ku + 1). Costs O(n·kl·(kl + ku)) per factorization and O(n·(2kl + ku)) per solve.
/// </summary>
internal sealed class BandedLu : NewtonMatrix
{
    private readonly int _n, _kl, _ku, _kv, _ld;
    private readonly int[] _rowStarts;
    private readonly int[] _columns;
    private readonly double[] _ab;
    private readonly int[] _pivots;

    public BandedLu(SparsityPattern pattern)
    {
        _n = pattern.RowCount;
        _kl = pattern.LowerBandwidth;
        _ku = pattern.UpperBandwidth;
        _kv = _kl + _ku;
        _ld = 2 * _kl + _ku + 1;
        _rowStarts = pattern.RowStarts.ToArray();
        _columns = pattern.ColumnIndices.ToArray();
        _ab = new double[(long)_ld * _n > int.MaxValue ? throw new ArgumentException("The band is too large.") : _ld * _n];
        _pivots = new int[_n];
    }

    public override OdeLinearSolver Kind => OdeLinearSolver.Banded;

    public override long FactorEntries => (long)_ld * _n;

    /// <summary>The lower and upper bandwidths of the factored band.</summary>
    public (int Lower, int Upper) Bandwidths => (_kl, _ku);

    private int Index(int i, int j) => _kv + i - j + j * _ld;

    public override bool Factor(ReadOnlySpan<double> jacobian, double diagonal, double scale)
    {
        int n = _n, kl = _kl, kv = _kv, ld = _ld;
        var ab = _ab;
        Array.Clear(ab);
        for (int i = 0; i < n; i++)
        {
            for (int k = _rowStarts[i]; k < _rowStarts[i + 1]; k++)
                ab[Index(i, _columns[k])] = -scale * jacobian[k];
            ab[Index(i, i)] += diagonal;
        }
        int ju = 0;   // the last column touched by the interchanges so far
        for (int j = 0; j < n; j++)
        {
            int km = Math.Min(kl, n - 1 - j);
            int diag = kv + j * ld;   // (j, j)
            int p = 0;
            double largest = Math.Abs(ab[diag]);
            for (int r = 1; r <= km; r++)
            {
                double v = Math.Abs(ab[diag + r]);
                if (v > largest)
                {
                    largest = v;
                    p = r;
                }
            }
            _pivots[j] = j + p;
            if (!(largest > 0) || !double.IsFinite(largest))
                return false;
            ju = Math.Max(ju, Math.Min(j + _ku + p, n - 1));
            if (p != 0)
            {
                // Swap rows j and j + p in columns j…ju: in column c they sit at kv + j − c and kv + j + p − c.
                for (int c = j; c <= ju; c++)
                {
                    int a = kv + j - c + c * ld;
                    (ab[a], ab[a + p]) = (ab[a + p], ab[a]);
                }
            }
            double inverse = 1 / ab[diag];
            for (int r = 1; r <= km; r++)
                ab[diag + r] *= inverse;
            for (int c = j + 1; c <= ju; c++)
            {
                int top = kv + j - c + c * ld;   // (j, c)
                double u = ab[top];
                if (u == 0)
                    continue;
                for (int r = 1; r <= km; r++)
                    ab[top + r] -= ab[diag + r] * u;
            }
        }
        return true;
    }

    public override void Solve(Span<double> b)
    {
        int n = _n, kl = _kl, kv = _kv, ld = _ld;
        var ab = _ab;
        for (int j = 0; j < n; j++)
        {
            int p = _pivots[j];
            if (p != j)
                (b[j], b[p]) = (b[p], b[j]);
            double bj = b[j];
            if (bj == 0)
                continue;
            int km = Math.Min(kl, n - 1 - j);
            int diag = kv + j * ld;
            for (int r = 1; r <= km; r++)
                b[j + r] -= ab[diag + r] * bj;
        }
        for (int j = n - 1; j >= 0; j--)
        {
            int diag = kv + j * ld;
            double bj = b[j] /= ab[diag];
            if (bj == 0)
                continue;
            int first = Math.Max(0, j - kv);
            for (int i = first; i < j; i++)
                b[i] -= ab[kv + i - j + j * ld] * bj;
        }
    }
}
