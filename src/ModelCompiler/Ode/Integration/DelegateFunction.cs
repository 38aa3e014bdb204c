// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// A right-hand side given as a delegate. Without a Jacobian delegate, ∂f/∂y comes from forward differences,
/// with the columns that share no row perturbed together (Curtis, Powell &amp; Reid 1974), so a banded or sparse
/// pattern costs a few evaluations of f instead of n. ∂f/∂t is a forward difference unless the problem is autonomous.
/// </summary>
internal readonly struct DelegateFunction : IOdeFunction
{
    private readonly OdeRightHandSide _rhs;
    private readonly OdeJacobian? _jacobian;
    private readonly ColumnGroups? _groups;
    private readonly double[] _yWork;
    private readonly double[] _fWork;

    public DelegateFunction(OdeRightHandSide rhs, OdeJacobian? jacobian, SparsityPattern pattern, bool isAutonomous)
    {
        _rhs = rhs;
        _jacobian = jacobian;
        JacobianPattern = pattern;
        StateCount = pattern.RowCount;
        IsAutonomous = isAutonomous;
        _groups = jacobian is null ? ColumnGroups.Build(pattern) : null;
        _yWork = new double[StateCount];
        _fWork = new double[StateCount];
    }

    public int StateCount { get; }

    public SparsityPattern JacobianPattern { get; }

    public int JacobianBlocks => 1;

    public bool IsAutonomous { get; }

    public bool HasAnalyticJacobian => _jacobian is not null;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        try
        {
            _rhs(t, y, dydt);
        }
        catch (IndexOutOfRangeException e)
        {
            // The spans make a right-hand side written for another number of states an index error from inside the solver.
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The right-hand side indexed outside y or dydt (length {y.Length}, one entry per component of the initial " +
                $"state): it must read and write exactly that many."), "rightHandSide", e);
        }
    }

    public int Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, ReadOnlySpan<double> scale, Span<double> values)
    {
        if (_jacobian is not null)
        {
            _jacobian(t, y, values);
            return 0;
        }
        var groups = _groups!;
        double root = Math.Sqrt(2.220446049250313e-16);
        var yw = _yWork;
        var fw = _fWork;
        y.CopyTo(yw);
        for (int g = 0; g < groups.Count; g++)
        {
            var columns = groups.Columns(g);
            foreach (int j in columns)
            {
                double step = root * Math.Max(Math.Abs(y[j]), scale[j]);
                if (step == 0)
                    step = root;
                yw[j] = y[j] + step;
            }
            _rhs(t, yw, fw);
            foreach (int j in columns)
            {
                double step = yw[j] - y[j];
                yw[j] = y[j];
                var rows = groups.Rows(j);
                var positions = groups.Positions(j);
                for (int e = 0; e < rows.Length; e++)
                    values[positions[e]] = (fw[rows[e]] - fy[rows[e]]) / step;
            }
        }
        return groups.Count;
    }

    public int TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, Span<double> dfdt)
    {
        if (IsAutonomous)
        {
            dfdt.Clear();
            return 0;
        }
        // √(ε·|t|) (Hairer's ROS4 rule), not √ε·|t|: t itself is known only to ε·|t|, and that error divided by the
        // step balances the difference's truncation there. √ε·|t| was 25 s at t = 1.7e9 (Unix seconds), across
        // which a forcing with a time scale of seconds is not differentiated at all. Central: far from 0 the step is
        // long (5e-4 at t = 1e9), and a forward difference's error of step·f_tt/2 there made Rodas5P take 9 times
        // the steps it takes from t = 0; a central one's is step²·f_ttt/6.
        // Where f is not finite on one side (√t at t = 0, an interval's end at the edge of f's domain), the difference
        // is taken on the other.
        double step = Math.Sqrt(2.220446049250313e-16 * Math.Max(Math.Abs(t), 1e-5));
        double after = t + step, before = t - step;
        _rhs(after, y, _fWork);
        _rhs(before, y, dfdt);
        bool afterFinite = OdeContext<DelegateFunction>.AllFinite(_fWork), beforeFinite = OdeContext<DelegateFunction>.AllFinite(dfdt);
        if (afterFinite && !beforeFinite)
        {
            for (int i = 0; i < dfdt.Length; i++)
                dfdt[i] = (_fWork[i] - fy[i]) / (after - t);
        }
        else if (beforeFinite && !afterFinite)
        {
            for (int i = 0; i < dfdt.Length; i++)
                dfdt[i] = (fy[i] - dfdt[i]) / (t - before);
        }
        else
        {
            for (int i = 0; i < dfdt.Length; i++)
                dfdt[i] = (_fWork[i] - dfdt[i]) / (after - before);
        }
        return 2;
    }
}

/// <summary>
/// A partition of a pattern's columns into groups in which no two columns have a nonzero in the same row
/// (greedy colouring in column order), and each column's entries as (row, CSR position).
/// </summary>
internal sealed class ColumnGroups
{
    private readonly int[] _groupStarts;
    private readonly int[] _groupColumns;
    private readonly int[] _columnStarts;
    private readonly int[] _rows;
    private readonly int[] _positions;

    private ColumnGroups(int[] groupStarts, int[] groupColumns, int[] columnStarts, int[] rows, int[] positions)
    {
        _groupStarts = groupStarts;
        _groupColumns = groupColumns;
        _columnStarts = columnStarts;
        _rows = rows;
        _positions = positions;
    }

    public int Count => _groupStarts.Length - 1;

    public ReadOnlySpan<int> Columns(int group) => _groupColumns.AsSpan(_groupStarts[group], _groupStarts[group + 1] - _groupStarts[group]);

    /// <summary>The rows of column <paramref name="column"/>'s entries.</summary>
    public ReadOnlySpan<int> Rows(int column) => _rows.AsSpan(_columnStarts[column], _columnStarts[column + 1] - _columnStarts[column]);

    /// <summary>The CSR positions of column <paramref name="column"/>'s entries, matching <see cref="Rows"/>.</summary>
    public ReadOnlySpan<int> Positions(int column) =>
        _positions.AsSpan(_columnStarts[column], _columnStarts[column + 1] - _columnStarts[column]);

    public static ColumnGroups Build(SparsityPattern pattern)
    {
        int n = pattern.ColumnCount;
        var rowStarts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        // Column-wise view of the pattern.
        var columnStarts = new int[n + 1];
        foreach (int j in columns)
            columnStarts[j + 1]++;
        for (int j = 0; j < n; j++)
            columnStarts[j + 1] += columnStarts[j];
        var rows = new int[columns.Length];
        var positions = new int[columns.Length];
        var next = columnStarts[..n];
        for (int i = 0; i < pattern.RowCount; i++)
        {
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++)
            {
                int j = columns[k];
                rows[next[j]] = i;
                positions[next[j]++] = k;
            }
        }
        // Greedy colouring: a column takes the first group that no column sharing one of its rows has taken.
        var color = new int[n];
        var forbidden = new int[n + 1];   // forbidden[g] == j + 1 when group g is taken for column j
        int groupCount = 0;
        for (int j = 0; j < n; j++)
        {
            for (int e = columnStarts[j]; e < columnStarts[j + 1]; e++)
            {
                int i = rows[e];
                for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++)
                {
                    int other = columns[k];
                    if (other < j)
                        forbidden[color[other]] = j + 1;
                }
            }
            int g = 0;
            while (forbidden[g] == j + 1)
                g++;
            color[j] = g;
            groupCount = Math.Max(groupCount, g + 1);
        }
        var groupStarts = new int[groupCount + 1];
        foreach (int c in color)
            groupStarts[c + 1]++;
        for (int g = 0; g < groupCount; g++)
            groupStarts[g + 1] += groupStarts[g];
        var groupColumns = new int[n];
        var fill = groupStarts[..groupCount];
        for (int j = 0; j < n; j++)
            groupColumns[fill[color[j]]++] = j;
        if (groupCount == 0)
            groupStarts = [0];
        return new ColumnGroups(groupStarts, groupColumns, columnStarts, rows, positions);
    }
}
