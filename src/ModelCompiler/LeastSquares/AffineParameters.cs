// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// The parameters a model is affine in, found numerically on the data: the start heuristic solves them by linear least
/// squares for each candidate of the others, and variable projection eliminates them.
/// </summary>
internal static class AffineParameters
{
    /// <summary>Relative change of a Jacobian column that counts as a dependence on a parameter.</summary>
    private const double DependenceTolerance = 1e-9;

    /// <summary>
    /// Which open parameters enter the model linearly, jointly: column j of the Jacobian must not change when any
    /// parameter of the set changes, checked on the search data by moving one parameter at a time. A column that
    /// changes with its own parameter is nonlinear; among the rest, the parameter whose column depends on most others of
    /// the set leaves it (a·b·x keeps one of a and b) until the set is consistent.
    /// </summary>
    public static bool[] Find<TModel>(LeastSquaresProblem search, double[] basePoint, bool[] open) where TModel : IModel
    {
        int p = basePoint.Length;
        var linear = new bool[p];
        if (TModel.IsLinearInParameters)
        {
            Array.Copy(open, linear, p);
            return linear;
        }
        bool[,]? depends = Dependencies<TModel>(search, basePoint, open);
        if (depends is null)
            return linear;   // nothing can be told; every open parameter is searched
        for (int j = 0; j < p; j++)
            linear[j] = open[j] && !depends[j, j];
        while (true)
        {
            int worst = -1, worstCount = 0;
            for (int j = 0; j < p; j++)
            {
                if (!linear[j])
                    continue;
                int count = 0;
                for (int k = 0; k < p; k++)
                    if (k != j && linear[k] && depends[j, k])
                        count++;
                if (count > worstCount || (count == worstCount && count > 0))
                    (worst, worstCount) = (j, count);
            }
            if (worst < 0)
                return linear;
            linear[worst] = false;
        }
    }

    /// <summary>
    /// depends[j, k]: Jacobian column j changes when open parameter k moves (by half its size plus 0.75, or less where
    /// the model is not finite there), on the search data; a parameter that cannot be moved counts as changing every
    /// column, and one whose column is zero at every point as changing its own. Null where the model or its Jacobian is
    /// not finite at <paramref name="basePoint"/>.
    /// </summary>
    public static bool[,]? Dependencies<TModel>(LeastSquaresProblem search, double[] basePoint, bool[] open) where TModel : IModel
    {
        int p = basePoint.Length;
        var probe = new JacobianProbe<TModel>(search);
        if (!probe.IsFinite(basePoint))
            return null;
        double[] reference = probe.Jacobian.ToArray();
        var depends = new bool[p, p];
        for (int k = 0; k < p; k++)
        {
            if (!open[k])
                continue;
            double[]? moved = null;
            double step = 0.5 * Math.Abs(basePoint[k]) + 0.75;
            foreach (double delta in (ReadOnlySpan<double>)[step, -step, 0.1 * step])
            {
                var shifted = (double[])basePoint.Clone();
                shifted[k] += delta;
                if (probe.IsFinite(shifted))
                {
                    moved = probe.Jacobian.ToArray();
                    break;
                }
            }
            for (int j = 0; j < p; j++)
                depends[j, k] = moved is null || Changed(reference, moved, j, search.PointCount);
        }
        // A column that is zero at every point tells nothing: m and s of a·exp(−(x − m)²/(2s²)) + c started at a = 0 do
        // not change their columns when they move, and were solved as amplitudes (FitGlobal then found the wrong peak).
        for (int j = 0; j < p; j++)
            if (open[j] && IsZero(reference, j, search.PointCount))
                depends[j, j] = true;
        return depends;
    }

    /// <summary>
    /// The affine form f(p) = f₀ + Σ_c p_{linear[c]}·Φ_c around <paramref name="point"/>, weighted, from one evaluation with
    /// the linear parameters set to 0 (written into <paramref name="point"/>): <paramref name="offset"/> = √w·(f₀ − y) and
    /// column c of <paramref name="design"/> (column-major n×l) = √w·Φ_c, the Jacobian column of p_{linear[c]}, which does
    /// not depend on them. False where a value is not finite.
    /// </summary>
    public static bool WeightedDesign<TModel>(LeastSquaresProblem problem, double[] point, int[] linear, double[] values,
                                              double[] jacobian, Span<double> offset, Span<double> design)
        where TModel : IModel
    {
        int n = problem.PointCount;
        foreach (int j in linear)
            point[j] = 0;
        TModel.EvaluateWithJacobian(problem.X, point, values, jacobian);
        double[]? sw = problem.SqrtWeights;
        for (int i = 0; i < n; i++)
        {
            double w = sw?[i] ?? 1;
            offset[i] = w * (values[i] - problem.Y[i]);
            if (!double.IsFinite(offset[i]))
                return false;
            for (int c = 0; c < linear.Length; c++)
            {
                double entry = w * jacobian[linear[c] * n + i];
                if (!double.IsFinite(entry))
                    return false;
                design[c * n + i] = entry;
            }
        }
        return true;
    }

    private static bool IsZero(double[] jacobian, int column, int n)
    {
        for (int i = column * n; i < (column + 1) * n; i++)
            if (jacobian[i] != 0)
                return false;
        return true;
    }

    private static bool Changed(double[] a, double[] b, int column, int n)
    {
        for (int i = column * n; i < (column + 1) * n; i++)
        {
            double difference = Math.Abs(a[i] - b[i]);
            if (difference > DependenceTolerance * (Math.Abs(a[i]) + Math.Abs(b[i])) && difference > 1e-300)
                return true;
        }
        return false;
    }
}

/// <summary>The model's values and full Jacobian at a parameter vector, on the search data.</summary>
internal sealed class JacobianProbe<TModel>(LeastSquaresProblem problem) where TModel : IModel
{
    private readonly double[] _values = new double[problem.PointCount];

    public double[] Jacobian { get; } = new double[problem.PointCount * TModel.ParameterCount];

    public bool IsFinite(double[] parameters)
    {
        TModel.EvaluateWithJacobian(problem.X, parameters, _values, Jacobian);
        foreach (double value in _values)
            if (!double.IsFinite(value))
                return false;
        foreach (double value in Jacobian)
            if (!double.IsFinite(value))
                return false;
        return true;
    }

    /// <summary>Whether each parameter in <paramref name="open"/> has a nonzero Jacobian entry at some point, at the last <see cref="IsFinite"/>'s parameters.</summary>
    public bool EveryColumnActs(bool[] open)
    {
        int n = problem.PointCount;
        for (int j = 0; j < open.Length; j++)
        {
            if (!open[j])
                continue;
            bool acts = false;
            for (int i = 0; i < n && !acts; i++)
                acts = Jacobian[j * n + i] != 0;
            if (!acts)
                return false;
        }
        return true;
    }
}
