// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// A Jacobian from differences of F over a known sparsity pattern. Columns that share no row are perturbed together
/// (Curtis, Powell &amp; Reid 1974, greedy grouping), so a tridiagonal Jacobian costs three evaluations of F (six
/// central) whatever n, a dense one n. Steps as <see cref="FiniteDifferenceScheme"/> states, rounded so that x + h is
/// exactly representable; a column whose difference is lost in F's rounding is differenced again over wider steps.
/// </summary>
internal sealed class FiniteDifferenceJacobian
{
    private readonly SparsityPattern _pattern;
    private readonly FiniteDifferenceScheme _scheme;
    private readonly int[] _groupStarts, _groupColumns;           // columns of group g: _groupColumns[_groupStarts[g] .. _groupStarts[g + 1]]
    private readonly int[] _columnStarts, _columnRows, _columnPositions; // column j's nonzeros: rows and CSR positions
    private readonly double[] _x, _plus, _minus, _stepUp, _stepDown;
    private readonly bool[] _unresolved;

    public FiniteDifferenceJacobian(SparsityPattern pattern, FiniteDifferenceScheme scheme)
    {
        _pattern = pattern;
        _scheme = scheme;
        int n = pattern.ColumnCount, m = pattern.RowCount, nnz = pattern.NonzeroCount;
        // The transpose, to walk a column's rows.
        _columnStarts = new int[n + 1];
        foreach (int j in pattern.ColumnIndices)
            _columnStarts[j + 1]++;
        for (int j = 0; j < n; j++)
            _columnStarts[j + 1] += _columnStarts[j];
        _columnRows = new int[nnz];
        _columnPositions = new int[nnz];
        var fill = _columnStarts[..n];
        var starts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < m; i++)
        {
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int j = columns[k];
                _columnRows[fill[j]] = i;
                _columnPositions[fill[j]] = k;
                fill[j]++;
            }
        }

        // Greedy grouping: each column joins the first group none of whose columns touches its rows.
        var groupOf = new int[n];
        var rowTaken = new List<bool[]>();
        for (int j = 0; j < n; j++)
        {
            int g = 0;
            for (; g < rowTaken.Count; g++)
            {
                bool free = true;
                for (int p = _columnStarts[j]; p < _columnStarts[j + 1] && free; p++)
                    free = !rowTaken[g][_columnRows[p]];
                if (free)
                    break;
            }
            if (g == rowTaken.Count)
                rowTaken.Add(new bool[m]);
            for (int p = _columnStarts[j]; p < _columnStarts[j + 1]; p++)
                rowTaken[g][_columnRows[p]] = true;
            groupOf[j] = g;
        }
        GroupCount = rowTaken.Count;
        _groupStarts = new int[GroupCount + 1];
        foreach (int g in groupOf)
            _groupStarts[g + 1]++;
        for (int g = 0; g < GroupCount; g++)
            _groupStarts[g + 1] += _groupStarts[g];
        _groupColumns = new int[n];
        var next = _groupStarts[..GroupCount];
        for (int j = 0; j < n; j++)
            _groupColumns[next[groupOf[j]]++] = j;

        _x = new double[n];
        _plus = new double[m];
        _minus = new double[m];
        _stepUp = new double[n];
        _stepDown = new double[n];
        _unresolved = new bool[n];
    }

    /// <summary>The number of column groups: evaluations of F per Jacobian (twice that for central differences).</summary>
    public int GroupCount { get; }

    public bool Compute(SystemFunction f, ReadOnlySpan<double> x, ReadOnlySpan<double> fx, Span<double> values, EvaluationCounter counter)
    {
        bool central = _scheme == FiniteDifferenceScheme.Central;
        double relative = central ? Math.Cbrt(Epsilon) : Math.Sqrt(Epsilon);
        x.CopyTo(_x);
        for (int g = 0; g < GroupCount; g++)
        {
            var group = _groupColumns.AsSpan(_groupStarts[g], _groupStarts[g + 1] - _groupStarts[g]);
            foreach (int j in group)
            {
                double h = central ? relative * Math.Max(Math.Abs(x[j]), 1) : relative * Math.Abs(x[j]);
                if (h == 0)
                    h = relative;
                _x[j] = x[j] + h;
                _stepUp[j] = _x[j] - x[j];
            }
            f(_x, _plus);
            counter.Residuals++;
            if (central)
            {
                foreach (int j in group)
                {
                    _x[j] = x[j] - _stepUp[j];
                    _stepDown[j] = x[j] - _x[j];
                }
                f(_x, _minus);
                counter.Residuals++;
            }
            foreach (int j in group)
                _x[j] = x[j];
            // Widening evaluates F again, over _plus and _minus: every column of the group is taken first.
            var below = central ? _minus : fx;
            foreach (int j in group)
            {
                StoreColumn(j, below, central ? _stepUp[j] + _stepDown[j] : _stepUp[j], values);
                _unresolved[j] = !Resolved(j, below);
            }
            foreach (int j in group)
                if (_unresolved[j])
                    Widen(f, x, j, values, counter);
        }
        return SystemChecks.AllFinite(values[.._pattern.NonzeroCount]);
    }

    /// <summary>Column j from F above (<see cref="_plus"/>) and below <paramref name="below"/> over <paramref name="span"/>.</summary>
    private void StoreColumn(int j, ReadOnlySpan<double> below, double span, Span<double> values)
    {
        for (int p = _columnStarts[j]; p < _columnStarts[j + 1]; p++)
        {
            int i = _columnRows[p];
            values[_columnPositions[p]] = (_plus[i] - below[i]) / span;
        }
    }

    /// <summary>
    /// Whether some row of column j changed by more than 1000 roundings of its value, so that the difference has at
    /// least three digits. A difference of exact zeros is resolved; so is a column without rows.
    /// </summary>
    private bool Resolved(int j, ReadOnlySpan<double> below)
    {
        if (_columnStarts[j] == _columnStarts[j + 1])
            return true;
        for (int p = _columnStarts[j]; p < _columnStarts[j + 1]; p++)
        {
            int i = _columnRows[p];
            double noise = Epsilon * Math.Max(Math.Abs(_plus[i]), Math.Abs(below[i]));
            if (!(Math.Abs(_plus[i] - below[i]) <= ResolvedRoundings * noise))
                return true;   // resolved, exact zeros or not finite (which the caller reports)
        }
        return false;
    }

    /// <summary>
    /// Column j again by central differences over steps 100, 10⁴, … times wider than the first, until one resolves it.
    /// F far larger than x times its derivatives (F = x − 3e10 at x = 1) loses the step h = √ε·|x| in F's rounding: the
    /// column read 0 and every method stopped at the start. Central differences keep a stationary row's zero
    /// (x² + 3e10 at x = 0) whatever the step. The widening starts from the step taken, not from √ε·max(|x|, 1): at
    /// x = 1e-6 the first wider step was then 1.5e-6, past x itself. A column no step resolves, or whose wider steps leave F's domain,
    /// keeps its first difference.
    /// </summary>
    private void Widen(SystemFunction f, ReadOnlySpan<double> x, int j, Span<double> values, EvaluationCounter counter)
    {
        double h = _stepUp[j];
        for (int widening = 0; widening < MaxWidenings; widening++)
        {
            h *= 100;
            _x[j] = x[j] + h;
            double up = _x[j] - x[j];
            f(_x, _plus);
            _x[j] = x[j] - up;
            double down = x[j] - _x[j];
            f(_x, _minus);
            _x[j] = x[j];
            counter.Residuals += 2;
            if (!FiniteColumn(j))
                return;   // the wider step left F's domain (a logarithm near its edge): keep what the first step saw
            if (Resolved(j, _minus))
            {
                StoreColumn(j, _minus, up + down, values);
                return;
            }
        }
    }

    private bool FiniteColumn(int j)
    {
        for (int p = _columnStarts[j]; p < _columnStarts[j + 1]; p++)
            if (!double.IsFinite(_plus[_columnRows[p]]) || !double.IsFinite(_minus[_columnRows[p]]))
                return false;
        return true;
    }

    private const double Epsilon = 2.220446049250313e-16, ResolvedRoundings = 1000;
    private const int MaxWidenings = 4;
}
