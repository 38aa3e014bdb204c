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
    /// variables. A NaN there may be the formula's, not the start's (0·log 0 or 0/0 at x = 0), which no start can mend.
    /// </summary>
    public string NonFiniteValueAtStart()
    {
        int i = FirstNonFiniteValue();
        string message = $"The model value at point {i} ({PointVariables(i)}) is {_values[i].ToString(CultureInfo.InvariantCulture)} " +
                         "at the initial parameters; choose initial values where the model is finite.";
        return double.IsNaN(_values[i])
            ? message + " If the formula is undefined there whatever the parameters (0·log 0 or 0/0 at x = 0), leave the " +
              "point out or give the formula its limit there (a ?: in a C# model body)."
            : message;
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
