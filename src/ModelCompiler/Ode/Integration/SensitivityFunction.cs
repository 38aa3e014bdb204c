// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// A compiled system augmented with forward sensitivities: the state is (y, s_1, …, s_S), each s a column of ∂y/∂p_k
/// (s' = J·s + ∂f/∂p_k, s(t0) = 0) or of ∂y/∂y0_j (s' = J·s, s(t0) = e_j), with J = ∂f/∂y from the system's generated
/// Jacobian and ∂f/∂p from its generated parameter Jacobian (no second derivatives, no differences). Implicit methods
/// see ∂f/∂y of the state in every diagonal block (<see cref="JacobianBlocks"/>): exact for the sensitivity equations'
/// dependence on s, without the coupling ∂(J·s)/∂y, which a Newton iteration may drop (CVODES's simultaneous corrector
/// does the same) but a Rosenbrock method may not.
/// </summary>
internal readonly struct SensitivityFunction<TSystem> : IOdeFunction where TSystem : IOdeSystem
{
    private readonly int _n;
    private readonly double[] _parameters;
    private readonly int[] _parameterColumns;   // the parameter of each of the first columns
    private readonly int _columns;
    private readonly double[] _dfdp;
    private readonly double[] _jacobian;

    /// <param name="stateCount">n.</param>
    /// <param name="parameters">The system's parameters.</param>
    /// <param name="parameterColumns">The parameters whose sensitivities come first, in column order.</param>
    /// <param name="initialValueColumns">How many initial-value sensitivities follow them.</param>
    public SensitivityFunction(int stateCount, double[] parameters, int[] parameterColumns, int initialValueColumns)
    {
        _n = stateCount;
        _parameters = parameters;
        _parameterColumns = parameterColumns;
        _columns = parameterColumns.Length + initialValueColumns;
        _dfdp = parameterColumns.Length > 0 ? new double[stateCount * parameters.Length] : [];
        JacobianPattern = PatternCache<TSystem>.For(stateCount);
        _jacobian = new double[JacobianPattern.NonzeroCount];
    }

    public int StateCount => _n * (1 + _columns);

    /// <summary>One block's pattern: ∂f/∂y of the state.</summary>
    public SparsityPattern JacobianPattern { get; }

    public int JacobianBlocks => 1 + _columns;

    public bool IsAutonomous => TSystem.IsAutonomous;

    public bool HasAnalyticJacobian => true;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = _n;
        var state = y[..n];
        TSystem.Evaluate(t, state, _parameters, dydt[..n]);
        if (_columns == 0)
            return;
        // J once, then J·s column by column in its pattern: cheaper than a directional derivative per column.
        TSystem.Jacobian(t, state, _parameters, _jacobian);
        if (_parameterColumns.Length > 0)
            TSystem.ParameterJacobian(t, state, _parameters, _dfdp);
        var starts = JacobianPattern.RowStarts;
        var indices = JacobianPattern.ColumnIndices;
        var values = _jacobian;
        for (int c = 0; c < _columns; c++)
        {
            var s = y.Slice((1 + c) * n, n);
            var ds = dydt.Slice((1 + c) * n, n);
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int k = starts[i]; k < starts[i + 1]; k++)
                    sum += values[k] * s[indices[k]];
                ds[i] = sum;
            }
            if (c < _parameterColumns.Length)
            {
                var forcing = _dfdp.AsSpan(_parameterColumns[c] * n, n);
                for (int i = 0; i < n; i++)
                    ds[i] += forcing[i];
            }
        }
    }

    public int Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, ReadOnlySpan<double> scale, Span<double> values)
    {
        TSystem.Jacobian(t, y[.._n], _parameters, values);
        return 0;
    }

    public int TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, Span<double> dfdt) =>
        throw new NotSupportedException("Sensitivities are not integrated by Rosenbrock methods.");
}
