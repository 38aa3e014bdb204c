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

    /// <summary>Points per block of the streaming Gram evaluation: the block's Jacobian stays in cache.</summary>
    public const int GramBlock = 2048;

    private double[]? _blockJacobian, _blockX;

    /// <summary>
    /// Writes f and accumulates G = JᵀJ and g = Jᵀf over the free parameters, evaluating the model
    /// block by block so that the n×k Jacobian never exists in memory: the work is one pass over the
    /// data at cache speed. Returns false when a value or a derivative is not finite.
    /// </summary>
    public bool GramAt(ReadOnlySpan<double> free, Span<double> f, Span<double> gram, Span<double> g)
    {
        JacobianEvaluations++;
        int n = _problem.PointCount, p = _problem.ParameterCount, k = _problem.FreeCount, v = TModel.VariableCount;
        ReadOnlySpan<double> parameters = Expand(free);
        _blockJacobian ??= new double[GramBlock * p];
        if (v > 1)
            _blockX ??= new double[GramBlock * v];
        gram[..(k * k)].Clear();
        g[..k].Clear();
        int[] idx = _problem.FreeIndices;
        double[] y = _problem.Y;
        double[]? sw = _problem.SqrtWeights;

        for (int start = 0; start < n; start += GramBlock)
        {
            int len = Math.Min(GramBlock, n - start);
            ReadOnlySpan<double> xBlock;
            if (v == 1)
            {
                xBlock = _problem.X.AsSpan(start, len);
            }
            else
            {
                for (int c = 0; c < v; c++)
                    _problem.X.AsSpan(c * n + start, len).CopyTo(_blockX.AsSpan(c * len, len));
                xBlock = _blockX.AsSpan(0, v * len);
            }
            Span<double> values = _values.AsSpan(start, len);
            Span<double> jac = _blockJacobian.AsSpan(0, len * p);
            TModel.EvaluateWithJacobian(xBlock, parameters, values, jac);

            Span<double> fBlock = f.Slice(start, len);
            ReadOnlySpan<double> yBlock = y.AsSpan(start, len);
            if (sw is null)
            {
                for (int i = 0; i < len; i++)
                    fBlock[i] = values[i] - yBlock[i];
            }
            else
            {
                for (int i = 0; i < len; i++)
                    fBlock[i] = sw[start + i] * (values[i] - yBlock[i]);
                for (int j = 0; j < p; j++)
                {
                    Span<double> col = jac.Slice(j * len, len);
                    for (int i = 0; i < len; i++)
                        col[i] *= sw[start + i];
                }
            }
            for (int a = 0; a < k; a++)
            {
                ReadOnlySpan<double> colA = jac.Slice(idx[a] * len, len);
                for (int b = a; b < k; b++)
                    gram[a * k + b] += DenseOps.Dot(colA, jac.Slice(idx[b] * len, len));
                g[a] += DenseOps.Dot(colA, fBlock);
            }
        }
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++)
                gram[b * k + a] = gram[a * k + b];

        // Any non-finite value or derivative surfaces in a diagonal entry or in g.
        for (int a = 0; a < k; a++)
            if (!double.IsFinite(gram[a * k + a]) || !double.IsFinite(g[a]))
                return false;
        return true;
    }

    /// <summary>Index of the first non-finite model value of the last evaluation, or −1.</summary>
    public int FirstNonFiniteValue()
    {
        for (int i = 0; i < _values.Length; i++)
            if (!double.IsFinite(_values[i]))
                return i;
        return -1;
    }

    public double LastValue(int i) => _values[i];

    /// <summary>
    /// Where the model's derivative is not finite at the given free parameters: the first point (then the first free
    /// parameter) with a non-finite Jacobian entry, as "∂f/∂b is -∞ at point 3 (x = 0)"; null when every entry is finite.
    /// For error messages only: it evaluates the whole Jacobian into a new array.
    /// </summary>
    public string? DescribeNonFiniteDerivative(ReadOnlySpan<double> free)
    {
        int n = _problem.PointCount, v = TModel.VariableCount;
        var jacobian = new double[n * _problem.ParameterCount];
        TModel.EvaluateWithJacobian(_problem.X, Expand(free), new double[n], jacobian);
        for (int i = 0; i < n; i++)
        {
            foreach (int j in _problem.FreeIndices)
            {
                double derivative = jacobian[j * n + i];
                if (double.IsFinite(derivative))
                    continue;
                var at = Enumerable.Range(0, v).Select(k =>
                    $"{TModel.VariableNames[k]} = {_problem.X[k * n + i].ToString(CultureInfo.InvariantCulture)}");
                string value = double.IsNaN(derivative) ? "NaN" : derivative > 0 ? "+∞" : "-∞";
                return $"∂f/∂{TModel.ParameterNames[j]} is {value} at point {i} ({string.Join(", ", at)})";
            }
        }
        return null;
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
