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
            LinearLeastSquares.Solve(_n, _p, scaled, offset).CopyTo(theta);
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
    /// θ minimizing Σ wᵢ |yᵢ − g(xᵢ; θ)| by IRLS from the weighted least-squares solution; for a model linear
    /// in θ, the IRLS point is then moved to the vertex through the P points of smallest residual when that
    /// lowers the objective, which is where the exact (simplex) solution of the weighted LAD lies.
    /// </summary>
    public void LeastAbsoluteDeviations(ReadOnlySpan<double> weights, Span<double> theta)
    {
        var residuals = new double[_n];
        var irlsWeights = new double[_n];
        LeastSquares(weights, theta);
        Residuals(theta, residuals);
        double objective = Objective(weights, residuals, out double weightSum);
        for (int iteration = 0; iteration < _options.LeastAbsoluteDeviationIterations && objective > 0; iteration++)
        {
            double delta = 1e-12 * objective / weightSum;
            for (int i = 0; i < _n; i++)
                irlsWeights[i] = weights[i] / Math.Max(Math.Abs(residuals[i]), delta);
            var candidate = theta.ToArray();
            LeastSquares(irlsWeights, candidate);
            Residuals(candidate, residuals);
            double next = Objective(weights, residuals, out _);
            if (!(next <= objective))
            {
                Residuals(theta, residuals);
                break;
            }
            candidate.CopyTo(theta);
            bool settled = objective - next <= _options.LeastAbsoluteDeviationTolerance * objective;
            objective = next;
            if (settled)
                break;
        }
        if (_design is not null)
            MoveToVertex(weights, theta, residuals, objective);
    }

    private void MoveToVertex(ReadOnlySpan<double> weights, Span<double> theta, double[] residuals, double objective)
    {
        // The P points nearest the IRLS fit (among those with weight) span the optimal vertex when it is unique.
        var weighted = new List<int>(_n);
        for (int i = 0; i < _n; i++)
            if (weights[i] > 0)
                weighted.Add(i);
        var order = weighted.OrderBy(i => Math.Abs(residuals[i])).Take(_p).ToArray();
        if (order.Length < _p)
            return;
        var system = new double[_p * _p];
        var rhs = new double[_p];
        for (int r = 0; r < _p; r++)
        {
            int i = order[r];
            rhs[r] = _y[i] - _offset![i];
            for (int j = 0; j < _p; j++)
                system[j * _p + r] = _design![j * _n + i];
        }
        double[] vertex = LinearLeastSquares.Solve(_p, _p, system, rhs.Select(v => -v).ToArray());
        var vertexResiduals = new double[_n];
        Residuals(vertex, vertexResiduals);
        if (vertex.All(double.IsFinite) && Objective(weights, vertexResiduals, out _) <= objective)
        {
            vertex.CopyTo(theta);
            vertexResiduals.CopyTo(residuals, 0);
        }
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
    /// (JᵀWJ)⁻¹ at θ, row-major P×P, with J = ∂g/∂θ at the points; false when JᵀWJ is not positive definite.
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
        var gram = new double[_p * _p];
        for (int a = 0; a < _p; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int i = 0; i < _n; i++)
                    s += weights[i] * jacobian[a * _n + i] * jacobian[b * _n + i];
                gram[a * _p + b] = gram[b * _p + a] = s;
            }
        var lower = new double[_p * _p];
        if (!CholeskyKernels.TryFactorLower(gram, _p, lower))
            return false;
        var lowerInverse = new double[_p * _p];
        CholeskyKernels.InvertLower(lower, _p, lowerInverse);
        // A⁻¹ = L⁻ᵀ·L⁻¹.
        for (int a = 0; a < _p; a++)
            for (int b = 0; b < _p; b++)
            {
                double s = 0;
                for (int m = Math.Max(a, b); m < _p; m++)
                    s += lowerInverse[m * _p + a] * lowerInverse[m * _p + b];
                inverse[a * _p + b] = s;
            }
        return inverse.ToArray().All(double.IsFinite);
    }
}
