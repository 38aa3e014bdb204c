// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// A compiled system augmented with its forward sensitivities s_k = ∂y/∂p_k: the state is (y, s_1, …, s_P) and
/// s_k' = (∂f/∂y)·s_k + ∂f/∂p_k, from the system's generated directional derivative and parameter Jacobian (no
/// second derivatives, no differences). The Jacobian handed to implicit methods is block-diagonal with ∂f/∂y in every
/// block: exact for the sensitivity equations' dependence on s, without the coupling ∂(J·s)/∂y, which a Newton
/// iteration may drop (CVODES's simultaneous corrector does the same) but a Rosenbrock method may not.
/// </summary>
internal readonly struct SensitivityFunction<TSystem> : IOdeFunction where TSystem : IOdeSystem
{
    private readonly int _n;
    private readonly int _p;
    private readonly double[] _parameters;
    private readonly double[] _dfdp;
    private readonly int _innerNonzeros;

    public SensitivityFunction(int stateCount, double[] parameters)
    {
        _n = stateCount;
        _p = parameters.Length;
        _parameters = parameters;
        _dfdp = new double[stateCount * parameters.Length];
        var inner = PatternCache<TSystem>.For(stateCount);
        _innerNonzeros = inner.NonzeroCount;
        JacobianPattern = BlockDiagonal(inner, 1 + _p);
    }

    public int StateCount => _n * (1 + _p);

    public SparsityPattern JacobianPattern { get; }

    public bool IsAutonomous => TSystem.IsAutonomous;

    public bool HasAnalyticJacobian => true;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = _n;
        var state = y[..n];
        TSystem.Evaluate(t, state, _parameters, dydt[..n]);
        TSystem.ParameterJacobian(t, state, _parameters, _dfdp);
        for (int k = 0; k < _p; k++)
        {
            var ds = dydt.Slice((1 + k) * n, n);
            TSystem.JacobianTimes(t, state, _parameters, y.Slice((1 + k) * n, n), ds);
            for (int i = 0; i < n; i++)
                ds[i] += _dfdp[k * n + i];
        }
    }

    public int Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, ReadOnlySpan<double> scale, Span<double> values)
    {
        var block = values[.._innerNonzeros];
        TSystem.Jacobian(t, y[.._n], _parameters, block);
        for (int b = 1; b <= _p; b++)
            block.CopyTo(values.Slice(b * _innerNonzeros, _innerNonzeros));
        return 0;
    }

    public int TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, Span<double> dfdt) =>
        throw new NotSupportedException("Sensitivities are not integrated by Rosenbrock methods.");

    private static SparsityPattern BlockDiagonal(SparsityPattern inner, int blocks)
    {
        int n = inner.RowCount;
        var starts = new int[n * blocks + 1];
        var columns = new int[inner.NonzeroCount * blocks];
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < n; i++)
            {
                int row = b * n + i;
                int length = inner.RowStarts[i + 1] - inner.RowStarts[i];
                starts[row + 1] = starts[row] + length;
                for (int k = 0; k < length; k++)
                    columns[starts[row] + k] = b * n + inner.ColumnIndices[inner.RowStarts[i] + k];
            }
        }
        return SparsityPattern.FromCsr(n * blocks, n * blocks, starts, columns);
    }
}
