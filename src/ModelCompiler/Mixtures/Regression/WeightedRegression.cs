// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// The M-step of one component: weighted least squares (Gaussian noise) or weighted least absolute
/// deviations (Laplace noise) of y on g(x; θ) with the responsibilities as weights. Closed form by a
/// pivoted QR when g is linear in θ; weighted Levenberg–Marquardt otherwise.
/// </summary>
internal sealed class WeightedRegression<TModel> where TModel : IModel
{
    private readonly int _n, _p;
    private readonly double[] _x, _y;
    private readonly RegressionMixtureOptions _options;
    // For a model linear in θ: g(x; θ) = offset + design·θ, both fixed, so every M-step is one QR.
    private readonly double[]? _offset, _design;
    private WeightedMedian.Breakpoint[]? _breakpoints; // the line search's, kept between pivots

    public WeightedRegression(double[] x, double[] y, RegressionMixtureOptions options)
    {
        _x = x;
        _y = y;
        _n = y.Length;
        _p = TModel.ParameterCount;
        _options = options;
        if (TModel.IsLinearInParameters)
        {
            _offset = new double[_n];
            _design = new double[_n * _p];
            TModel.EvaluateWithJacobian(x, new double[_p], _offset, _design);
        }
    }

    public bool IsLinear => _design is not null;

    /// <summary>The rank decision of the linear solves: a column within ε·max(rows, P)·10 of the span of those before it is dependent.</summary>
    private double RankTolerance(int rows) => 10 * Math.Max(rows, _p) * 2.220446049250313e-16;

    /// <summary>Residuals yᵢ − g(xᵢ; θ) into <paramref name="residuals"/>.</summary>
    public void Residuals(ReadOnlySpan<double> theta, Span<double> residuals)
    {
        TModel.Evaluate(_x, theta, residuals);
        for (int i = 0; i < _n; i++)
            residuals[i] = _y[i] - residuals[i];
    }

    /// <summary>θ minimizing Σ wᵢ (yᵢ − g(xᵢ; θ))², starting (when iterative) from <paramref name="theta"/>, which it overwrites.</summary>
    public void LeastSquares(ReadOnlySpan<double> weights, Span<double> theta)
    {
        if (_design is not null)
        {
            var scaled = new double[_n * _p];
            var offset = new double[_n];
            for (int i = 0; i < _n; i++)
            {
                double s = Math.Sqrt(weights[i]);
                offset[i] = s * (_offset![i] - _y[i]);
                for (int j = 0; j < _p; j++)
                    scaled[j * _n + i] = s * _design[j * _n + i];
            }
            LinearLeastSquares.Solve(_n, _p, scaled, offset, RankTolerance(_n)).CopyTo(theta);
            return;
        }
        // CurveFit takes positive weights only; a responsibility that underflowed to 0 becomes a negligible one.
        var positive = new double[_n];
        for (int i = 0; i < _n; i++)
            positive[i] = Math.Max(weights[i], 1e-300);
        var fit = CurveFit.Fit<TModel>(_x, _y, theta.ToArray(), new FitSetup { Weights = positive }, _options.CurveFit);
        double[] solution = fit.Parameters;
        if (solution.All(double.IsFinite))
            solution.CopyTo(theta);
    }

    /// <summary>
    /// θ minimizing Σ wᵢ |yᵢ − g(xᵢ; θ)|. IRLS from the weighted least-squares solution, with a smoothing δ that
    /// shrinks geometrically; for a model linear in θ, IRLS only brings θ near the optimum (until δ reaches its
    /// floor) and an exact descent over vertices finishes (<see cref="DescendVertices"/>), so the result is the
    /// simplex solution. For a nonlinear g, IRLS runs to <see cref="RegressionMixtureOptions.LeastAbsoluteDeviationTolerance"/>.
    /// </summary>
    public void LeastAbsoluteDeviations(ReadOnlySpan<double> weights, Span<double> theta)
    {
        var residuals = new double[_n];
        var irlsWeights = new double[_n];
        if (_design is not null)
        {
            // EM changes the responsibilities little between M-steps: the last optimum's vertex is usually a few
            // pivots away from the new one. Only when that fails does IRLS find a closer start.
            Residuals(theta, residuals);
            if (DescendVertices(weights, residuals, theta, Objective(weights, residuals, out _)))
                return;
        }
        LeastSquares(weights, theta);
        Residuals(theta, residuals);
        double objective = Objective(weights, residuals, out double weightSum);
        double[] best = theta.ToArray();
        double bestObjective = objective;
        for (int iteration = 0; iteration < _options.LeastAbsoluteDeviationIterations && objective > 0; iteration++)
        {
            double delta = Math.Max(1e-12, 1e-2 * Math.Pow(0.3, iteration)) * objective / weightSum;
            bool floor = delta <= 1e-12 * objective / weightSum;
            if (floor && _design is not null)
                break;
            for (int i = 0; i < _n; i++)
                irlsWeights[i] = weights[i] / Math.Max(Math.Abs(residuals[i]), delta);
            LeastSquares(irlsWeights, theta);
            Residuals(theta, residuals);
            double next = Objective(weights, residuals, out _);
            bool settled = floor && Math.Abs(objective - next) <= _options.LeastAbsoluteDeviationTolerance * objective;
            objective = next;
            if (objective <= bestObjective)
            {
                bestObjective = objective;
                theta.CopyTo(best);
            }
            if (settled)
                break;
        }
        best.CopyTo(theta);
        if (_design is not null)
        {
            Residuals(theta, residuals);
            DescendVertices(weights, residuals, theta, bestObjective);
        }
    }

    /// <summary>
    /// Exact weighted LAD for g linear in θ, from the vertex through the P points of smallest |eᵢ|/wᵢ: at a vertex
    /// with basis B, 0 is in the subdifferential when J_Bᵀμ = −Σ_{i∉B} wᵢ sign(eᵢ) Jᵢ has |μ_r| ≤ w_r for all r;
    /// otherwise the most violating r leaves the basis along the edge J_B d = ±e_r, and the exact line search on
    /// that edge (a weighted median of eᵢ/(Jᵢd) with weights wᵢ|Jᵢd|) picks the entering point. The objective
    /// never increases; the result is kept only if it is no worse than <paramref name="objective"/>. True when the
    /// kept vertex is certified optimal.
    /// </summary>
    private bool DescendVertices(ReadOnlySpan<double> weights, double[] residuals, Span<double> theta, double objective)
    {
        int[] basis = SmallestResiduals(weights, residuals);
        if (basis.Length < _p || !Vertex(basis, out double[] current))
            return false;
        bool optimal = false;
        var e = new double[_n];
        var c = new double[_n];
        var inBasis = new bool[_n];
        var mu = new double[_p];
        int maxPivots = 10 * _p + 20;
        // e holds the residuals at the current vertex, whose objective is currentObjective: each accepted pivot
        // leaves both there for the next.
        Residuals(current, e);
        double currentObjective = Objective(weights, e, out _);
        for (int pivot = 0; pivot <= maxPivots; pivot++)
        {
            Array.Clear(inBasis);
            foreach (int b in basis)
                inBasis[b] = true;
            var gradient = new double[_p];
            for (int i = 0; i < _n; i++)
            {
                if (inBasis[i] || e[i] == 0)
                    continue;
                double ws = weights[i] * Math.Sign(e[i]);
                for (int j = 0; j < _p; j++)
                    gradient[j] += ws * _design![j * _n + i];
            }
            // μ solves J_Bᵀ μ = −gradient.
            var transposed = new double[_p * _p];
            for (int r = 0; r < _p; r++)
                for (int j = 0; j < _p; j++)
                    transposed[r * _p + j] = _design![j * _n + basis[r]];
            LinearLeastSquares.Solve(_p, _p, transposed, gradient, RankTolerance(_p)).CopyTo(mu, 0);
            int leaving = -1;
            double worst = 0;
            for (int r = 0; r < _p; r++)
            {
                double violation = Math.Abs(mu[r]) - weights[basis[r]] * (1 + 1e-9);
                if (violation > worst)
                {
                    worst = violation;
                    leaving = r;
                }
            }
            if (leaving < 0)
            {
                optimal = true;
                break;
            }
            if (pivot == maxPivots || !EdgeDirection(basis, leaving, out double[] d))
                break;
            for (int i = 0; i < _n; i++)
            {
                double s = 0;
                for (int j = 0; j < _p; j++)
                    s += _design![j * _n + i] * d[j];
                c[i] = s;
            }
            int entering = WeightedMedianBreakpoint(weights, e, c, out double step);
            if (entering < 0 || inBasis[entering])
                break;
            var next = new double[_p];
            for (int j = 0; j < _p; j++)
                next[j] = current[j] + step * d[j];
            Residuals(next, e);
            double nextObjective = Objective(weights, e, out _);
            if (!(nextObjective <= currentObjective))
                break;
            current = next;
            currentObjective = nextObjective;
            basis[leaving] = entering;
        }
        if (!current.All(double.IsFinite) || !(currentObjective <= objective))
            return false;
        current.CopyTo(theta);
        return optimal;
    }

    /// <summary>θ with yᵢ = g(xᵢ; θ) at the basis points.</summary>
    private bool Vertex(int[] basis, out double[] vertex)
    {
        var system = new double[_p * _p];
        var offset = new double[_p];
        for (int r = 0; r < _p; r++)
        {
            int i = basis[r];
            offset[r] = _offset![i] - _y[i];
            for (int j = 0; j < _p; j++)
                system[j * _p + r] = _design![j * _n + i];
        }
        vertex = LinearLeastSquares.Solve(_p, _p, system, offset, RankTolerance(_p));
        return vertex.All(double.IsFinite);
    }

    /// <summary>d with J_j·d = 0 for the basis points j ≠ leaving and J_leaving·d = 1.</summary>
    private bool EdgeDirection(int[] basis, int leaving, out double[] d)
    {
        var system = new double[_p * _p];
        var offset = new double[_p];
        for (int r = 0; r < _p; r++)
        {
            offset[r] = r == leaving ? -1 : 0;
            for (int j = 0; j < _p; j++)
                system[j * _p + r] = _design![j * _n + basis[r]];
        }
        d = LinearLeastSquares.Solve(_p, _p, system, offset, RankTolerance(_p));
        return d.All(double.IsFinite) && d.Any(v => v != 0);
    }

    /// <summary>
    /// The t minimizing Σ wᵢ|eᵢ − t·cᵢ| (a weighted median of eᵢ/cᵢ with weights wᵢ|cᵢ|) and the point at it.
    /// </summary>
    private int WeightedMedianBreakpoint(ReadOnlySpan<double> weights, double[] e, double[] c, out double step)
    {
        var points = _breakpoints ??= new WeightedMedian.Breakpoint[_n];
        int count = 0;
        double total = 0;
        for (int i = 0; i < _n; i++)
        {
            double w = weights[i] * Math.Abs(c[i]);
            if (!(w > 0))
                continue;
            points[count++] = new WeightedMedian.Breakpoint(e[i] / c[i], w, i);
            total += w;
        }
        step = 0;
        if (WeightedMedian.Select(points.AsSpan(0, count), total / 2) is not { } median)
            return -1;
        step = median.T;
        return median.I;
    }

    private int[] SmallestResiduals(ReadOnlySpan<double> weights, ReadOnlySpan<double> residuals)
    {
        var chosen = new List<int>(_p + 1);
        for (int i = 0; i < _n; i++)
        {
            if (!(weights[i] > 0))
                continue;
            double size = Math.Abs(residuals[i]) / weights[i];
            int at = chosen.Count;
            while (at > 0 && Math.Abs(residuals[chosen[at - 1]]) / weights[chosen[at - 1]] > size)
                at--;
            if (at < _p)
            {
                chosen.Insert(at, i);
                if (chosen.Count > _p)
                    chosen.RemoveAt(_p);
            }
        }
        return chosen.ToArray();
    }

    private double Objective(ReadOnlySpan<double> weights, ReadOnlySpan<double> residuals, out double weightSum)
    {
        double sum = 0;
        weightSum = 0;
        for (int i = 0; i < _n; i++)
        {
            sum += weights[i] * Math.Abs(residuals[i]);
            weightSum += weights[i];
        }
        return sum;
    }

    /// <summary>
    /// (JᵀWJ)⁻¹ at θ, row-major P×P, with J = ∂g/∂θ at the points; false when √W·J has dependent columns. Formed as
    /// R⁻¹R⁻ᵀ from the QR factorization of √W·J, not by inverting JᵀWJ, whose condition is the square of J's: a line
    /// a + b·x at x near 1e9 has JᵀWJ singular to working precision while its R is still well determined.
    /// </summary>
    public bool InverseWeightedGram(ReadOnlySpan<double> weights, ReadOnlySpan<double> theta, Span<double> inverse)
    {
        double[] jacobian;
        if (_design is not null)
            jacobian = _design;
        else
        {
            jacobian = new double[_n * _p];
            TModel.EvaluateWithJacobian(_x, theta, new double[_n], jacobian);
        }
        var weighted = new double[_n * _p];
        var columnNorms = new double[_p];
        for (int a = 0; a < _p; a++)
        {
            double squares = 0;
            for (int i = 0; i < _n; i++)
            {
                double v = Math.Sqrt(weights[i]) * jacobian[a * _n + i];
                weighted[a * _n + i] = v;
                squares += v * v;
            }
            columnNorms[a] = Math.Sqrt(squares);
        }
        var r = new double[_p * _p];
        HouseholderQr.Factor(weighted, _n, _p, _n, new double[_n], r, new double[3 * _p]);
        // A column within rounding of the span of the ones before it (or zero) leaves no inverse.
        for (int a = 0; a < _p; a++)
            if (!(Math.Abs(r[a * _p + a]) > 100 * 2.220446049250313e-16 * columnNorms[a]))
                return false;
        if (UpperTriangularInverse.Of(r, _p, rowMajor: false) is not { } rInverse)
            return false;
        for (int a = 0; a < _p; a++)
            for (int b = 0; b < _p; b++)
            {
                double s = 0;
                for (int m = Math.Max(a, b); m < _p; m++)
                    s += rInverse[a * _p + m] * rInverse[b * _p + m];
                inverse[a * _p + b] = s;
                if (!double.IsFinite(s))
                    return false;
            }
        return true;
    }
}
