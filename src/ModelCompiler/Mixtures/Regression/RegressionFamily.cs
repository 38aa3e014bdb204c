// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Mixtures.Regression;

/// <summary>An immutable copy of a regression mixture's parameters, to keep the best of several starts.</summary>
internal sealed record RegressionParameters(double[] Weights, double[][] Coefficients, double[] Scales);

/// <summary>
/// K regressions yᵢ = g(xᵢ; θₖ) + εₖ of one compiled model g, as a family for <see cref="EmEngine"/>. The E-step input is
/// ln πₖ + ln p(yᵢ − g(xᵢ; θₖ)); the M-step fits every component to all points weighted by its responsibilities:
/// in closed form when g is linear in θ, by weighted Levenberg–Marquardt otherwise, and for Laplace noise by
/// iteratively reweighted least squares on the weighted absolute deviations.
/// </summary>
internal sealed class RegressionFamily<TModel> : IMixtureFamily<RegressionParameters> where TModel : IModel
{
    private const double HalfLog2Pi = 0.91893853320467274;

    private readonly double[] _x, _y;
    private readonly int _n, _k, _p, _v;
    private readonly Noise _noise;
    private readonly double _minimumScale;
    private readonly RegressionMixtureStart? _start;
    private readonly double[]? _guess;
    private readonly double[]? _design, _offset; // for models linear in θ: g(x; θ) = offset + design·θ

    public RegressionFamily(double[] x, double[] y, RegressionMixtureOptions options, RegressionMixtureStart? start, double[]? guess)
    {
        _x = x;
        _y = y;
        _n = y.Length;
        _k = options.Components;
        _p = TModel.ParameterCount;
        _v = TModel.VariableCount;
        _noise = options.Noise;
        _start = start;
        _guess = guess;
        double mean = y.Average();
        _minimumScale = options.MinimumRelativeScale * Math.Max(y.Average(v => Math.Abs(v - mean)), double.Epsilon);
        Weights = new double[_k];
        Coefficients = new double[_k][];
        Scales = new double[_k];
        if (TModel.IsLinearInParameters)
        {
            _design = new double[_n * _p];
            _offset = new double[_n];
            TModel.EvaluateWithJacobian(_x, new double[_p], _offset, _design);
        }
    }

    public double[] Weights { get; }
    public double[][] Coefficients { get; }
    public double[] Scales { get; }

    public int PointCount => _n;
    public int ComponentCount => _k;
    public int StatisticsLength => 0;
    public bool NeedsResponsibilities => true;
    public bool HasParameters => Coefficients[0] is not null;

    public int WorkspaceLength(int chunkLength) => chunkLength * (1 + (_v > 1 ? _v : 0));

    public void Initialize(Random random, EmExecution execution)
    {
        if (_start is not null)
        {
            _start.Weights.CopyTo(Weights, 0);
            for (int k = 0; k < _k; k++)
                Coefficients[k] = (double[])_start.Coefficients[k].Clone();
            _start.Scales.CopyTo(Scales, 0);
            return;
        }
        // A random partition of the points, then one M-step: every component starts from a fit to its share.
        var responsibilities = new double[_k * _n];
        for (int i = 0; i < _n; i++)
            responsibilities[random.Next(_k) * _n + i] = 1;
        for (int k = 0; k < _k; k++)
            Coefficients[k] = (double[])(_guess ?? new double[_p]).Clone();
        Maximize([], responsibilities, execution);
    }

    public void EstimateWeightedLogDensity(int start, int length, Span<double> logDensity, Span<double> workspace)
    {
        var values = workspace[..length];
        ReadOnlySpan<double> xs = _v == 1 ? _x.AsSpan(start, length) : Gather(start, length, workspace[length..]);
        var y = _y.AsSpan(start, length);
        for (int k = 0; k < _k; k++)
        {
            TModel.Evaluate(xs, Coefficients[k], values);
            var output = logDensity.Slice(k * length, length);
            double scale = Scales[k], logWeight = Math.Log(Weights[k]);
            if (_noise == Noise.Gaussian)
            {
                double constant = logWeight - HalfLog2Pi - Math.Log(scale), half = 0.5 / (scale * scale);
                for (int i = 0; i < length; i++)
                {
                    double r = y[i] - values[i];
                    output[i] = constant - r * r * half;
                }
            }
            else
            {
                double constant = logWeight - Math.Log(2 * scale), inverse = 1 / scale;
                for (int i = 0; i < length; i++)
                    output[i] = constant - Math.Abs(y[i] - values[i]) * inverse;
            }
        }
    }

    public void AccumulateStatistics(int start, int length, ReadOnlySpan<double> responsibilities, Span<double> statistics, Span<double> workspace)
    {
        // Nothing to accumulate: the M-step solves weighted regressions over all points.
    }

    public MaximizationOutcome Maximize(ReadOnlySpan<double> statistics, ReadOnlySpan<double> responsibilities, EmExecution execution)
    {
        int empty = 0, lifted = 0;
        var residuals = new double[_n];
        for (int k = 0; k < _k; k++)
        {
            execution.CancellationToken.ThrowIfCancellationRequested();
            var w = responsibilities.Slice(k * _n, _n).ToArray();
            double total = w.Sum();
            Weights[k] = total / _n;
            if (!(total > 1e-12 * _n))
            {
                empty++; // an empty component keeps its curve and scale, with weight ≈ 0
                Weights[k] = Math.Max(Weights[k], double.Epsilon);
                continue;
            }
            Coefficients[k] = _noise == Noise.Gaussian
                ? WeightedLeastSquares(w, Coefficients[k])
                : WeightedLeastAbsoluteDeviations(w, Coefficients[k]);
            Residuals(Coefficients[k], residuals);
            double scale = 0;
            for (int i = 0; i < _n; i++)
                scale += _noise == Noise.Gaussian ? w[i] * residuals[i] * residuals[i] : w[i] * Math.Abs(residuals[i]);
            scale /= total;
            if (_noise == Noise.Gaussian)
                scale = Math.Sqrt(scale);
            if (!(scale >= _minimumScale))
            {
                scale = _minimumScale;
                lifted++;
            }
            Scales[k] = scale;
        }
        double sum = Weights.Sum();
        for (int k = 0; k < _k; k++)
            Weights[k] /= sum;
        return new MaximizationOutcome(empty, lifted);
    }

    public RegressionParameters CaptureParameters() =>
        new((double[])Weights.Clone(), Coefficients.Select(c => (double[])c.Clone()).ToArray(), (double[])Scales.Clone());

    public void RestoreParameters(RegressionParameters parameters)
    {
        parameters.Weights.CopyTo(Weights, 0);
        for (int k = 0; k < _k; k++)
            Coefficients[k] = (double[])parameters.Coefficients[k].Clone();
        parameters.Scales.CopyTo(Scales, 0);
    }

    /// <summary>yᵢ − g(xᵢ; θ) for every point.</summary>
    public void Residuals(double[] theta, Span<double> residuals)
    {
        TModel.Evaluate(_x, theta, residuals);
        for (int i = 0; i < _n; i++)
            residuals[i] = _y[i] - residuals[i];
    }

    /// <summary>
    /// Standard errors of θₖ: s²·(JᵀWJ)⁻¹ with W the final responsibilities and J the Jacobian at θₖ, s = σₖ for Gaussian
    /// noise; for Laplace noise s = bₖ, the asymptotic scale 1/(2f(0)) of least absolute deviations.
    /// NaN entries mark a singular JᵀWJ (a component with too few points for its parameters).
    /// </summary>
    public double[] StandardErrors(int k, ReadOnlySpan<double> responsibilities)
    {
        var jacobian = new double[_n * _p];
        var values = new double[_n];
        TModel.EvaluateWithJacobian(_x, Coefficients[k], values, jacobian);
        var normal = new double[_p * _p];
        for (int a = 0; a < _p; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int i = 0; i < _n; i++)
                    s += responsibilities[k * _n + i] * jacobian[a * _n + i] * jacobian[b * _n + i];
                normal[a * _p + b] = normal[b * _p + a] = s;
            }
        var inverse = SymmetricInverse(normal, _p);
        var errors = new double[_p];
        for (int j = 0; j < _p; j++)
            errors[j] = inverse is null ? double.NaN : Scales[k] * Math.Sqrt(Math.Max(inverse[j * _p + j], 0));
        return errors;
    }

    private double[] WeightedLeastSquares(double[] w, double[] start)
    {
        if (_design is not null)
        {
            var design = new double[_n * _p];
            var offset = new double[_n];
            for (int i = 0; i < _n; i++)
            {
                double root = Math.Sqrt(w[i]);
                offset[i] = root * (_offset![i] - _y[i]);
                for (int j = 0; j < _p; j++)
                    design[j * _n + i] = root * _design[j * _n + i];
            }
            return LinearLeastSquares.Solve(_n, _p, design, offset);
        }
        // Weights must be positive for the solver; a point with no responsibility counts as 1e-300 of one.
        var weights = w.Select(v => Math.Max(v, 1e-300)).ToArray();
        try
        {
            return CurveFit.Fit<TModel>(_x, _y, start, new FitSetup { Weights = weights }).Parameters;
        }
        catch (ArgumentException)
        {
            return start; // the model is not finite at this component's start: keep it, the E-step reweighs
        }
    }

    /// <summary>
    /// argmin Σ wᵢ|yᵢ − g(xᵢ; θ)| by iteratively reweighted least squares: each step minimizes Σ wᵢ eᵢ²/max(|eᵢ⁰|, δ),
    /// a majorizer of the objective, so it never increases; it stops when a step gains less than 1e-15 relative.
    /// </summary>
    private double[] WeightedLeastAbsoluteDeviations(double[] w, double[] start)
    {
        var theta = WeightedLeastSquares(w, start);
        var residuals = new double[_n];
        var reweighted = new double[_n];
        Residuals(theta, residuals);
        double objective = Objective(w, residuals);
        double delta = 1e-10 * Math.Max(objective / Math.Max(w.Sum(), double.Epsilon), _minimumScale);
        for (int iteration = 0; iteration < 1000; iteration++)
        {
            for (int i = 0; i < _n; i++)
                reweighted[i] = w[i] / Math.Max(Math.Abs(residuals[i]), delta);
            var next = WeightedLeastSquares(reweighted, theta);
            Residuals(next, residuals);
            double nextObjective = Objective(w, residuals);
            if (!(nextObjective <= objective))
            {
                Residuals(theta, residuals);
                break;
            }
            bool done = objective - nextObjective <= 1e-15 * objective;
            theta = next;
            objective = nextObjective;
            if (done)
                break;
        }
        return theta;
    }

    private static double Objective(double[] w, double[] residuals)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
            s += w[i] * Math.Abs(residuals[i]);
        return s;
    }

    private ReadOnlySpan<double> Gather(int start, int length, Span<double> target)
    {
        for (int v = 0; v < _v; v++)
            _x.AsSpan(v * _n + start, length).CopyTo(target.Slice(v * length, length));
        return target[..(_v * length)];
    }

    /// <summary>The inverse of a symmetric positive definite matrix by Gauss–Jordan elimination; null when singular.</summary>
    private static double[]? SymmetricInverse(double[] a, int p)
    {
        var m = (double[])a.Clone();
        var inverse = new double[p * p];
        for (int i = 0; i < p; i++)
            inverse[i * p + i] = 1;
        double scale = 0;
        for (int i = 0; i < p; i++)
            scale = Math.Max(scale, Math.Abs(m[i * p + i]));
        for (int c = 0; c < p; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < p; r++)
                if (Math.Abs(m[r * p + c]) > Math.Abs(m[pivot * p + c]))
                    pivot = r;
            if (!(Math.Abs(m[pivot * p + c]) > 1e-14 * scale))
                return null;
            for (int j = 0; j < p; j++)
            {
                (m[c * p + j], m[pivot * p + j]) = (m[pivot * p + j], m[c * p + j]);
                (inverse[c * p + j], inverse[pivot * p + j]) = (inverse[pivot * p + j], inverse[c * p + j]);
            }
            double d = m[c * p + c];
            for (int j = 0; j < p; j++)
            {
                m[c * p + j] /= d;
                inverse[c * p + j] /= d;
            }
            for (int r = 0; r < p; r++)
            {
                if (r == c)
                    continue;
                double f = m[r * p + c];
                for (int j = 0; j < p; j++)
                {
                    m[r * p + j] -= f * m[c * p + j];
                    inverse[r * p + j] -= f * inverse[c * p + j];
                }
            }
        }
        return inverse;
    }
}
