// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Turns a model into the weighted residual f = √w·(model − y) and its Jacobian over the free
/// parameters, writing into buffers allocated once per solve.
/// </summary>
internal sealed class ResidualEvaluator<TModel> where TModel : IModel
{
    private readonly LeastSquaresProblem _problem;
    private readonly double[] _full;
    private readonly double[] _values;
    private readonly double[]? _fullJacobian; // only when some parameters are fixed

    public ResidualEvaluator(LeastSquaresProblem problem)
    {
        _problem = problem;
        _full = (double[])problem.Initial.Clone();
        _values = GC.AllocateUninitializedArray<double>(problem.PointCount);
        if (problem.FreeCount != problem.ParameterCount)
            _fullJacobian = GC.AllocateUninitializedArray<double>(problem.PointCount * problem.ParameterCount);
    }

    public int FunctionEvaluations { get; private set; }
    public int JacobianEvaluations { get; private set; }

    /// <summary>The full parameter vector for the given free parameters (a view into a shared buffer).</summary>
    public ReadOnlySpan<double> Expand(ReadOnlySpan<double> free)
    {
        int[] idx = _problem.FreeIndices;
        for (int j = 0; j < idx.Length; j++)
            _full[idx[j]] = free[j];
        return _full;
    }

    /// <summary>Writes f at the free parameters; returns false when a value is not finite.</summary>
    public bool Residuals(ReadOnlySpan<double> free, Span<double> f)
    {
        FunctionEvaluations++;
        TModel.Evaluate(_problem.X, Expand(free), _values);
        return Weigh(f);
    }

    /// <summary>Writes f and the n×k Jacobian of f; returns false when a value is not finite.</summary>
    public bool ResidualsAndJacobian(ReadOnlySpan<double> free, Span<double> f, Span<double> jacobian)
    {
        JacobianEvaluations++;
        int n = _problem.PointCount;
        ReadOnlySpan<double> p = Expand(free);
        if (_fullJacobian is null)
        {
            TModel.EvaluateWithJacobian(_problem.X, p, _values, jacobian[..(n * _problem.FreeCount)]);
        }
        else
        {
            TModel.EvaluateWithJacobian(_problem.X, p, _values, _fullJacobian);
            int[] idx = _problem.FreeIndices;
            for (int j = 0; j < idx.Length; j++)
                _fullJacobian.AsSpan(idx[j] * n, n).CopyTo(jacobian.Slice(j * n, n));
        }

        double[]? sw = _problem.SqrtWeights;
        if (sw is not null)
        {
            for (int j = 0; j < _problem.FreeCount; j++)
            {
                Span<double> col = jacobian.Slice(j * n, n);
                for (int i = 0; i < n; i++)
                    col[i] *= sw[i];
            }
        }
        return Weigh(f);
    }

    /// <summary>Counts a pass that evaluated values and derivatives elsewhere (the streamed passes of a tall problem).</summary>
    public void CountJacobianEvaluation() => JacobianEvaluations++;

    /// <summary>Index of the first non-finite model value of the last evaluation, or −1.</summary>
    public int FirstNonFiniteValue()
    {
        for (int i = 0; i < _values.Length; i++)
            if (!double.IsFinite(_values[i]))
                return i;
        return -1;
    }

    /// <summary>
    /// The error for a start at which the last evaluation's values were not all finite: the first such point with its
    /// variables, and whether another start could mend it. A value that stays NaN or infinite there when the free
    /// parameters are halved, doubled, moved by ±1 or set to 1 is the formula's at that point (0·log 0, 0/0, log 0 or
    /// 1/x at x = 0), not the start's.
    /// </summary>
    public string NonFiniteValueAtStart()
    {
        int i = FirstNonFiniteValue();
        string where = $"The model value at point {i} ({PointVariables(i)}) is {_values[i].ToString(CultureInfo.InvariantCulture)}";
        if (StaysNonFinite(i))
            return where + " at the initial parameters and at every other value tried: the formula is not finite at this point " +
                   "whatever the parameters (0·log 0, 0/0, log 0 or 1/x at x = 0), so no start can mend it; leave the point out, " +
                   "or give the formula its limit there (a ?: in a C# model body).";
        return where + " at the initial parameters; choose initial values where the model is finite.";
    }

    /// <summary>Whether point i's model value is not finite at any of five changes of the last parameters' free values.</summary>
    private bool StaysNonFinite(int i)
    {
        int n = _problem.PointCount;
        var x = new double[TModel.VariableCount];
        for (int k = 0; k < x.Length; k++)
            x[k] = _problem.X[k * n + i];
        double[] start = _full.ToArray(), trial = new double[start.Length], value = new double[1];
        Func<double, double>[] changes = [v => 0.5 * v, v => 2 * v, v => v + 1, v => v - 1, _ => 1];
        foreach (var change in changes)
        {
            start.CopyTo(trial, 0);
            foreach (int j in _problem.FreeIndices)
                trial[j] = change(start[j]);
            TModel.Evaluate(x, trial, value);
            if (double.IsFinite(value[0]))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Where the model's derivative is not finite at the given free parameters: the first point (then the first free
    /// parameter) with a non-finite Jacobian entry, as "∂f/∂b is -∞ at point 3 (x = 0)"; null when every entry is finite.
    /// For error messages only: it evaluates the whole Jacobian into a new array.
    /// </summary>
    public string? DescribeNonFiniteDerivative(ReadOnlySpan<double> free)
    {
        int n = _problem.PointCount;
        var jacobian = new double[n * _problem.ParameterCount];
        TModel.EvaluateWithJacobian(_problem.X, Expand(free), new double[n], jacobian);
        for (int i = 0; i < n; i++)
        {
            foreach (int j in _problem.FreeIndices)
            {
                double derivative = jacobian[j * n + i];
                if (double.IsFinite(derivative))
                    continue;
                string value = double.IsNaN(derivative) ? "NaN" : derivative > 0 ? "+∞" : "-∞";
                return $"∂f/∂{TModel.ParameterNames[j]} is {value} at point {i} ({PointVariables(i)})";
            }
        }
        return null;
    }

    /// <summary>Point <paramref name="i"/>'s variables, as "x = 0" or "x = 1, y = 2".</summary>
    private string PointVariables(int i)
    {
        int n = _problem.PointCount;
        return string.Join(", ", Enumerable.Range(0, TModel.VariableCount).Select(k =>
            $"{TModel.VariableNames[k]} = {_problem.X[k * n + i].ToString(CultureInfo.InvariantCulture)}"));
    }

    private bool Weigh(Span<double> f)
    {
        double[] y = _problem.Y;
        double[]? sw = _problem.SqrtWeights;
        bool finite = true;
        if (sw is null)
        {
            for (int i = 0; i < y.Length; i++)
                f[i] = _values[i] - y[i];
        }
        else
        {
            for (int i = 0; i < y.Length; i++)
                f[i] = sw[i] * (_values[i] - y[i]);
        }
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(f[i]))
            {
                finite = false;
                break;
            }
        }
        return finite;
    }
}
