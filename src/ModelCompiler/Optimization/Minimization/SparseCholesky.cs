// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace ModelCompiler.Optimization;

/// <summary>
/// Sparse up-looking Cholesky (row by row, each row of L a sparse triangular solve whose pattern is the row's reach in
/// the elimination tree; Davis 2006, "Direct Methods for Sparse Linear Systems", ch. 4) of P(H + λI)Pᵀ with a fixed
/// ordering P. The symbolic analysis (elimination tree, column counts) is done once per pattern; each shift redoes
/// only the numbers. L is stored by columns, which the forward and backward solves, the LINPACK estimate and the
/// partial null vector all walk.
/// </summary>
internal sealed class SparseCholesky : ShiftedCholesky
{
    private readonly int _n;
    private readonly int[] _perm;        // new index → original index
    private readonly int[] _cStart;      // upper triangle of PHPᵀ by columns: rows ≤ column
    private readonly int[] _cRow;
    private readonly int[] _cSource;     // index into H's CSR values, or −1 for a structural zero on the diagonal
    private readonly int[] _parent;      // elimination tree
    private readonly int[] _lStart, _lRow, _next;
    private readonly double[] _lValue;
    private readonly double[] _x, _work;
    private readonly int[] _stack, _mark, _path;
    private readonly double[] _h;
    private int _stamp, _failed = -1;
    private double _deficit;

    public SparseCholesky(SparsityPattern pattern, int[]? ordering)
    {
        int n = _n = pattern.RowCount;
        _perm = ordering ?? Enumerable.Range(0, n).ToArray();
        var inverse = new int[n];
        for (int k = 0; k < n; k++)
            inverse[_perm[k]] = k;

        // The upper triangle of PHPᵀ column by column, with a slot for every diagonal entry (the shift goes there).
        var columns = new List<(int Row, int Source)>[n];
        for (int k = 0; k < n; k++)
            columns[k] = [];
        var starts = pattern.RowStarts;
        var indices = pattern.ColumnIndices;
        var hasDiagonal = new bool[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int ni = inverse[i], nj = inverse[indices[k]];
                if (ni > nj)
                    continue;
                columns[nj].Add((ni, k));
                if (ni == nj)
                    hasDiagonal[nj] = true;
            }
        }
        for (int k = 0; k < n; k++)
            if (!hasDiagonal[k])
                columns[k].Add((k, -1));
        _cStart = new int[n + 1];
        for (int k = 0; k < n; k++)
            _cStart[k + 1] = _cStart[k] + columns[k].Count;
        _cRow = new int[_cStart[n]];
        _cSource = new int[_cStart[n]];
        for (int k = 0, p = 0; k < n; k++)
            foreach (var (row, source) in columns[k])
            {
                _cRow[p] = row;
                _cSource[p++] = source;
            }

        _parent = EliminationTree();
        _stack = new int[n];
        _mark = new int[n];
        _path = new int[n];
        _h = new double[pattern.NonzeroCount];
        _x = new double[n];
        _work = new double[n];

        // Column counts: row k of L has the entries of k's reach.
        var counts = new int[n];
        for (int k = 0; k < n; k++)
        {
            counts[k]++;
            for (int top = Reach(k); top < n; top++)
                counts[_stack[top]]++;
        }
        _lStart = new int[n + 1];
        for (int k = 0; k < n; k++)
            _lStart[k + 1] = _lStart[k] + counts[k];
        _lRow = new int[_lStart[n]];
        _lValue = new double[_lStart[n]];
        _next = new int[n];
    }

    /// <summary>The number of nonzeros of L (fill included).</summary>
    public int FactorNonzeros => _lStart[_n];

    public override void Load(ReadOnlySpan<double> values) => values.CopyTo(_h);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Factor(double shift)
    {
        int n = _n;
        for (int j = 0; j < n; j++)
            _next[j] = _lStart[j] + 1;
        for (int k = 0; k < n; k++)
        {
            int top = Reach(k);
            for (int p = _cStart[k]; p < _cStart[k + 1]; p++)
            {
                int source = _cSource[p];
                _x[_cRow[p]] += source >= 0 ? _h[source] : 0;
            }
            double d = _x[k] + shift;
            _x[k] = 0;
            for (; top < n; top++)
            {
                int j = _stack[top];
                double lkj = _x[j] / _lValue[_lStart[j]];
                _x[j] = 0;
                for (int p = _lStart[j] + 1; p < _next[j]; p++)
                    _x[_lRow[p]] -= _lValue[p] * lkj;
                d -= lkj * lkj;
                int q = _next[j]++;
                _lRow[q] = k;
                _lValue[q] = lkj;
            }
            if (!(d > 0) || !double.IsFinite(d))
            {
                _failed = k;
                _deficit = double.IsNaN(d) ? double.PositiveInfinity : -d;
                return false;
            }
            _lRow[_lStart[k]] = k;
            _lValue[_lStart[k]] = Math.Sqrt(d);
        }
        _failed = -1;
        return true;
    }

    public override (double Deficit, double NullVectorNormSquared) Failure()
    {
        int k = _failed;
        // l = row k of the partial factor (the entries just appended to the columns), then L₍<k₎ᵀy = l backwards.
        Array.Clear(_work, 0, k);
        for (int j = 0; j < k; j++)
            if (_next[j] > _lStart[j] + 1 && _lRow[_next[j] - 1] == k)
                _work[j] = _lValue[_next[j] - 1];
        double norm = 1;
        for (int j = k - 1; j >= 0; j--)
        {
            double sum = _work[j];
            for (int p = _lStart[j] + 1; p < _next[j]; p++)
                if (_lRow[p] < k)
                    sum -= _lValue[p] * _work[_lRow[p]];
            _work[j] = sum / _lValue[_lStart[j]];
            norm += _work[j] * _work[j];
        }
        return (_deficit, norm);
    }

    public override void Solve(Span<double> b)
    {
        for (int k = 0; k < _n; k++)
            _work[k] = b[_perm[k]];
        Forward(_work);
        Backward(_work);
        for (int k = 0; k < _n; k++)
            b[_perm[k]] = _work[k];
    }

    public override double LowerSolveNormSquared(ReadOnlySpan<double> b)
    {
        for (int k = 0; k < _n; k++)
            _work[k] = b[_perm[k]];
        Forward(_work);
        double sum = 0;
        for (int k = 0; k < _n; k++)
            sum += _work[k] * _work[k];
        return sum;
    }

    public override double SmallDirection(Span<double> z)
    {
        int n = _n;
        var acc = _x;   // zero between factorizations; restored below
        double ww = 0;
        for (int j = 0; j < n; j++)
        {
            double e = acc[j] > 0 ? -1 : 1;
            double w = (e - acc[j]) / _lValue[_lStart[j]];
            acc[j] = 0;
            _work[j] = w;
            ww += w * w;
            for (int p = _lStart[j] + 1; p < _lStart[j + 1]; p++)
                acc[_lRow[p]] += _lValue[p] * w;
        }
        Backward(_work);
        double vv = 0;
        for (int k = 0; k < n; k++)
            vv += _work[k] * _work[k];
        double scale = 1 / Math.Sqrt(vv);
        for (int k = 0; k < n; k++)
            z[_perm[k]] = _work[k] * scale;
        return ww / vv;
    }

    private void Forward(Span<double> y)
    {
        for (int j = 0; j < _n; j++)
        {
            double yj = y[j] /= _lValue[_lStart[j]];
            for (int p = _lStart[j] + 1; p < _lStart[j + 1]; p++)
                y[_lRow[p]] -= _lValue[p] * yj;
        }
    }

    private void Backward(Span<double> y)
    {
        for (int j = _n - 1; j >= 0; j--)
        {
            double sum = y[j];
            for (int p = _lStart[j] + 1; p < _lStart[j + 1]; p++)
                sum -= _lValue[p] * y[_lRow[p]];
            y[j] = sum / _lValue[_lStart[j]];
        }
    }

    /// <summary>The nonzero pattern of row k of L in topological order: _stack[top..n). Liu's reach along the
    /// elimination tree from each entry of column k above the diagonal.</summary>
    private int Reach(int k)
    {
        int n = _n, top = n;
        int stamp = ++_stamp;
        _mark[k] = stamp;
        for (int p = _cStart[k]; p < _cStart[k + 1]; p++)
        {
            int i = _cRow[p];
            if (i >= k)
                continue;
            int length = 0;
            for (; _mark[i] != stamp; i = _parent[i])
            {
                _path[length++] = i;
                _mark[i] = stamp;
            }
            while (length > 0)
                _stack[--top] = _path[--length];
        }
        return top;
    }

    /// <summary>The elimination tree of the upper triangle, with path compression (Liu 1986).</summary>
    private int[] EliminationTree()
    {
        int n = _n;
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            for (int p = _cStart[k]; p < _cStart[k + 1]; p++)
            {
                for (int i = _cRow[p]; i != -1 && i < k;)
                {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next == -1)
                        parent[i] = k;
                    i = next;
                }
            }
        }
        return parent;
    }
}

/// <summary>
/// A minimum-degree ordering (Tinney &amp; Walker's scheme 2, as in George &amp; Liu 1989) on the explicit elimination
/// graph: repeatedly eliminate a node of least degree (ties by index) and join its neighbours into a clique. Simple and
/// deterministic; its cost grows with the fill, which suits Hessians whose sparsity was detected symbolically.
/// </summary>
internal static class MinimumDegree
{
    /// <summary>The order (new index → original index) for the symmetric pattern's graph.</summary>
    public static int[] Order(SparsityPattern pattern)
    {
        int n = pattern.RowCount;
        var adjacent = new HashSet<int>[n];
        for (int i = 0; i < n; i++)
            adjacent[i] = [];
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < n; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int j = columns[k];
                if (i == j)
                    continue;
                adjacent[i].Add(j);
                adjacent[j].Add(i);
            }
        }
        var queue = new PriorityQueue<int, (int Degree, int Node)>();
        for (int i = 0; i < n; i++)
            queue.Enqueue(i, (adjacent[i].Count, i));
        var eliminated = new bool[n];
        var order = new int[n];
        var neighbours = new List<int>();
        for (int step = 0; step < n;)
        {
            queue.TryDequeue(out int v, out var priority);
            if (eliminated[v] || priority.Degree != adjacent[v].Count)
                continue;
            order[step++] = v;
            eliminated[v] = true;
            neighbours.Clear();
            neighbours.AddRange(adjacent[v]);
            foreach (int a in neighbours)
                adjacent[a].Remove(v);
            for (int x = 0; x < neighbours.Count; x++)
                for (int y = x + 1; y < neighbours.Count; y++)
                    if (adjacent[neighbours[x]].Add(neighbours[y]))
                        adjacent[neighbours[y]].Add(neighbours[x]);
            foreach (int a in neighbours)
                queue.Enqueue(a, (adjacent[a].Count, a));
            adjacent[v].Clear();
        }
        return order;
    }
}
