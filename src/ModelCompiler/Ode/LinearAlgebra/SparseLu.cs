// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.LinearAlgebra;

/// <summary>
/// Sparse LU of P·(Q·M·Qᵀ) = L·U: Q from <see cref="MinimumDegree"/> on the pattern of M + Mᵀ, then the left-looking
/// column algorithm of Gilbert &amp; Peierls (1988) — each column of L and U from a sparse triangular solve whose
/// nonzero pattern is the set reachable in the graph of L (depth-first search, topological order) — with threshold
/// partial pivoting that keeps the diagonal when it is at least <see cref="DiagonalPreference"/> times the column's
/// largest candidate. Later factorizations of the same pattern reuse the pivot sequence and the structures of L
/// and U (numeric refactorization, as KLU does), and fall back to a full factorization when a reused pivot has
/// become too small.
/// </summary>
internal sealed class SparseLu : NewtonMatrix
{
    /// <summary>Keep the diagonal pivot when |diagonal| ≥ this × the largest candidate in its column.</summary>
    public const double DiagonalPreference = 0.01;

    private readonly int _n;
    private readonly int[] _order;         // k-th column/row of B = original index order[k]
    // B = Q·M·Qᵀ by columns; M's pattern is J's plus the diagonal.
    private readonly int[] _bStarts;
    private readonly int[] _bRows;
    private readonly double[] _bValues;
    private readonly int[] _jacobianToB;   // J's CSR position → B's CSC position
    private readonly int[] _diagonalInB;   // B's CSC position of (k, k)

    // The factors, by columns. L: unit lower, strictly-below entries with row indices in pivot order (after Finish).
    // U: entries above the diagonal with pivot-order row indices ascending, the diagonal in _uDiagonal.
    private int[] _lStarts = [];
    private int[] _lRows = [];
    private double[] _lValues = [];
    private int[] _uStarts = [];
    private int[] _uRows = [];
    private double[] _uValues = [];
    private readonly double[] _uDiagonal;
    private readonly int[] _pivotOf;       // B row → pivot step
    private bool _symbolicReady;

    // Work space.
    private readonly double[] _x;
    private readonly int[] _reach;
    private readonly int[] _stack;
    private readonly int[] _stackPosition;
    private readonly int[] _mark;
    private int _markStamp;
    private readonly double[] _solveWork;

    public SparseLu(SparsityPattern pattern)
    {
        int n = _n = pattern.RowCount;
        // M's pattern: J's entries and the diagonal.
        var entries = new List<(int, int)>(pattern.NonzeroCount + n);
        var rs = pattern.RowStarts;
        var cs = pattern.ColumnIndices;
        for (int i = 0; i < n; i++)
        {
            entries.Add((i, i));
            for (int k = rs[i]; k < rs[i + 1]; k++)
                entries.Add((i, cs[k]));
        }
        var mPattern = SparsityPattern.FromEntries(n, n, entries);
        _order = MinimumDegree.Order(mPattern);
        var position = new int[n];
        for (int k = 0; k < n; k++)
            position[_order[k]] = k;
        // B(k, l) = M(order[k], order[l]), stored by columns with rows ascending.
        int nnz = mPattern.NonzeroCount;
        _bStarts = new int[n + 1];
        var mrs = mPattern.RowStarts;
        var mcs = mPattern.ColumnIndices;
        for (int k = 0; k < nnz; k++)
            _bStarts[position[mcs[k]] + 1]++;
        for (int l = 0; l < n; l++)
            _bStarts[l + 1] += _bStarts[l];
        var byColumn = new List<(int Row, int MRow, int MColumn)>[n];
        for (int l = 0; l < n; l++)
            byColumn[l] = [];
        for (int i = 0; i < n; i++)
            for (int k = mrs[i]; k < mrs[i + 1]; k++)
                byColumn[position[mcs[k]]].Add((position[i], i, mcs[k]));
        _bRows = new int[nnz];
        _bValues = new double[nnz];
        _diagonalInB = new int[n];
        var mToB = new Dictionary<(int, int), int>(nnz);
        for (int l = 0; l < n; l++)
        {
            byColumn[l].Sort((a, b) => a.Row.CompareTo(b.Row));
            int p = _bStarts[l];
            foreach (var (row, mi, mj) in byColumn[l])
            {
                _bRows[p] = row;
                mToB[(mi, mj)] = p;
                if (row == l)
                    _diagonalInB[l] = p;
                p++;
            }
        }
        _jacobianToB = new int[pattern.NonzeroCount];
        for (int i = 0; i < n; i++)
            for (int k = rs[i]; k < rs[i + 1]; k++)
                _jacobianToB[k] = mToB[(i, cs[k])];
        _uDiagonal = new double[n];
        _pivotOf = new int[n];
        _x = new double[n];
        _reach = new int[n];
        _stack = new int[n];
        _stackPosition = new int[n];
        _mark = new int[n];
        _solveWork = new double[n];
    }

    public override OdeLinearSolver Kind => OdeLinearSolver.Sparse;

    public override long FactorEntries => _lRows.Length + _uRows.Length + _n;

    public override bool Factor(ReadOnlySpan<double> jacobian, double diagonal, double scale)
    {
        Array.Clear(_bValues);
        for (int k = 0; k < jacobian.Length; k++)
            _bValues[_jacobianToB[k]] = -scale * jacobian[k];
        for (int l = 0; l < _n; l++)
            _bValues[_diagonalInB[l]] += diagonal;
        if (_symbolicReady && Refactor())
            return true;
        return FactorWithPivoting();
    }

    /// <summary>The full factorization: patterns by depth-first search, pivots by threshold partial pivoting.</summary>
    private bool FactorWithPivoting()
    {
        int n = _n;
        _symbolicReady = false;
        var lStarts = new int[n + 1];
        var uStarts = new int[n + 1];
        var lRows = new List<int>(_bRows.Length * 2);
        var lValues = new List<double>(_bRows.Length * 2);
        var uRows = new List<int>(_bRows.Length * 2);
        var uValues = new List<double>(_bRows.Length * 2);
        var pivotOf = _pivotOf;
        Array.Fill(pivotOf, -1);
        var x = _x;
        for (int k = 0; k < n; k++)
        {
            // Reach of column k's nonzeros in the graph of L (pivoted rows lead to the rows of their L column).
            int top = Reach(k, lStarts, lRows, pivotOf);
            for (int p = top; p < n; p++)
                x[_reach[p]] = 0;
            for (int p = _bStarts[k]; p < _bStarts[k + 1]; p++)
                x[_bRows[p]] = _bValues[p];
            // Sparse triangular solve in topological order.
            for (int p = top; p < n; p++)
            {
                int i = _reach[p];
                int j = pivotOf[i];
                if (j < 0)
                    continue;
                double xi = x[i];
                if (xi == 0)
                    continue;
                for (int q = lStarts[j]; q < lStarts[j + 1]; q++)
                    x[lRows[q]] -= lValues[q] * xi;
            }
            // Pivot: the largest unpivoted candidate, or the diagonal when it is large enough.
            int pivotRow = -1;
            double largest = -1;
            for (int p = top; p < n; p++)
            {
                int i = _reach[p];
                if (pivotOf[i] < 0)
                {
                    double v = Math.Abs(x[i]);
                    if (v > largest)
                    {
                        largest = v;
                        pivotRow = i;
                    }
                }
            }
            if (pivotRow < 0 || !(largest > 0) || !double.IsFinite(largest))
                return false;
            if (_mark[k] == _markStamp && pivotOf[k] < 0 && x[k] != 0 && Math.Abs(x[k]) >= DiagonalPreference * largest)
                pivotRow = k;
            double pivot = x[pivotRow];
            // U(:, k) above the diagonal, in pivot order; L(:, k) below, with B row indices for now.
            uStarts[k] = uRows.Count;
            for (int p = top; p < n; p++)
            {
                int i = _reach[p];
                int j = pivotOf[i];
                if (j >= 0)
                {
                    uRows.Add(j);
                    uValues.Add(x[i]);
                }
            }
            _uDiagonal[k] = pivot;
            pivotOf[pivotRow] = k;
            lStarts[k] = lRows.Count;
            for (int p = top; p < n; p++)
            {
                int i = _reach[p];
                if (pivotOf[i] < 0)
                {
                    lRows.Add(i);
                    lValues.Add(x[i] / pivot);
                }
            }
            lStarts[k + 1] = lRows.Count;
            uStarts[k + 1] = uRows.Count;
        }
        // L's row indices to pivot order (every row is pivoted now); sort each U column by pivot index for
        // the refactorization, which solves in ascending pivot order.
        _lRows = lRows.ToArray();
        _lValues = lValues.ToArray();
        for (int q = 0; q < _lRows.Length; q++)
            _lRows[q] = pivotOf[_lRows[q]];
        _lStarts = lStarts;
        _uRows = uRows.ToArray();
        _uValues = uValues.ToArray();
        _uStarts = uStarts;
        for (int k = 0; k < n; k++)
            Array.Sort(_uRows, _uValues, _uStarts[k], _uStarts[k + 1] - _uStarts[k]);
        // B's row indices to pivot order once, for the refactorizations.
        _bRowsInPivotOrder ??= new int[_bRows.Length];
        for (int p = 0; p < _bRows.Length; p++)
            _bRowsInPivotOrder[p] = pivotOf[_bRows[p]];
        _symbolicReady = true;
        return true;
    }

    private int[]? _bRowsInPivotOrder;

    /// <summary>
    /// Depth-first search from the nonzeros of B(:, k) through pivoted rows; leaves the reached rows in
    /// _reach[top..n) in topological order and returns top.
    /// </summary>
    private int Reach(int k, int[] lStarts, List<int> lRows, int[] pivotOf)
    {
        int n = _n;
        int stamp = ++_markStamp;
        if (stamp == int.MaxValue)
        {
            Array.Clear(_mark);
            stamp = _markStamp = 1;
        }
        int top = n;
        for (int p = _bStarts[k]; p < _bStarts[k + 1]; p++)
        {
            int start = _bRows[p];
            if (_mark[start] == stamp)
                continue;
            // Iterative DFS.
            int head = 0;
            _stack[0] = start;
            _mark[start] = stamp;
            _stackPosition[0] = -1;
            while (head >= 0)
            {
                int i = _stack[head];
                int j = pivotOf[i];
                if (_stackPosition[head] < 0)
                    _stackPosition[head] = j >= 0 ? lStarts[j] : 0;
                bool descended = false;
                if (j >= 0)
                {
                    int end = lStarts[j + 1];
                    for (int q = _stackPosition[head]; q < end; q++)
                    {
                        int child = lRows[q];
                        if (_mark[child] == stamp)
                            continue;
                        _stackPosition[head] = q + 1;
                        _mark[child] = stamp;
                        _stack[++head] = child;
                        _stackPosition[head] = -1;
                        descended = true;
                        break;
                    }
                }
                if (!descended)
                {
                    head--;
                    _reach[--top] = i;
                }
            }
        }
        return top;
    }

    /// <summary>The numeric factorization on the stored pivot sequence and structure; false when a pivot has
    /// become small against its column (then the caller pivots afresh).</summary>
    private bool Refactor()
    {
        int n = _n;
        var x = _x;
        var bRows = _bRowsInPivotOrder!;
        for (int k = 0; k < n; k++)
        {
            for (int q = _uStarts[k]; q < _uStarts[k + 1]; q++)
                x[_uRows[q]] = 0;
            for (int q = _lStarts[k]; q < _lStarts[k + 1]; q++)
                x[_lRows[q]] = 0;
            x[k] = 0;
            for (int p = _bStarts[k]; p < _bStarts[k + 1]; p++)
                x[bRows[p]] = _bValues[p];
            for (int q = _uStarts[k]; q < _uStarts[k + 1]; q++)
            {
                int j = _uRows[q];
                double xj = x[j];
                _uValues[q] = xj;
                if (xj == 0)
                    continue;
                for (int r = _lStarts[j]; r < _lStarts[j + 1]; r++)
                    x[_lRows[r]] -= _lValues[r] * xj;
            }
            double pivot = x[k];
            double largest = Math.Abs(pivot);
            for (int q = _lStarts[k]; q < _lStarts[k + 1]; q++)
                largest = Math.Max(largest, Math.Abs(x[_lRows[q]]));
            if (!(Math.Abs(pivot) >= DiagonalPreference * largest) || pivot == 0 || !double.IsFinite(largest))
                return false;
            _uDiagonal[k] = pivot;
            for (int q = _lStarts[k]; q < _lStarts[k + 1]; q++)
                _lValues[q] = x[_lRows[q]] / pivot;
        }
        return true;
    }

    public override void Solve(Span<double> b)
    {
        int n = _n;
        var w = _solveWork;
        // w = P·Q·b: B's row order[i] is pivot step pivotOf[i].
        for (int i = 0; i < n; i++)
            w[_pivotOf[i]] = b[_order[i]];
        for (int j = 0; j < n; j++)
        {
            double wj = w[j];
            if (wj == 0)
                continue;
            for (int q = _lStarts[j]; q < _lStarts[j + 1]; q++)
                w[_lRows[q]] -= _lValues[q] * wj;
        }
        for (int j = n - 1; j >= 0; j--)
        {
            double wj = w[j] /= _uDiagonal[j];
            if (wj == 0)
                continue;
            for (int q = _uStarts[j]; q < _uStarts[j + 1]; q++)
                w[_uRows[q]] -= _uValues[q] * wj;
        }
        // z = w is Q·x in B's column order.
        for (int k = 0; k < n; k++)
            b[_order[k]] = w[k];
    }
}
