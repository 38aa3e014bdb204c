// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// The mixture of regressions as an <see cref="IMixtureFamily{TParameters}"/>: the E-step input comes from the
/// generated kernel of <typeparamref name="TMixture"/>; the M-step is, per component, the weighted regression
/// with the responsibilities as weights, then the scale's weighted MLE (σₖ² = Σ rᵢₖeᵢₖ²/Σ rᵢₖ or
/// bₖ = Σ rᵢₖ|eᵢₖ|/Σ rᵢₖ) and πₖ = Σᵢ rᵢₖ / n: the exact ML EM of mixtools' regmixEM. With
/// <see cref="RegressionScaleEstimator.Flexmix"/>, σₖ is flexmix's estimator instead.
/// </summary>
internal sealed class RegressionMixtureFamily<TMixture, TModel> : IMixtureFamily<RegressionMixtureParameters>
    where TMixture : IRegressionMixture<TModel>
    where TModel : IModel
{
    private readonly int _n, _k, _p, _v;
    private int _starts;    // random starts drawn so far: PartitionsAndSubsets alternates on it
    private readonly double[] _x, _y;
    private readonly RegressionMixtureOptions _options;
    private readonly WeightedRegression<TModel> _regression;
    private readonly double _scaleFloor, _spread;
    private readonly RegressionMixtureState _state;

    public RegressionMixtureFamily(double[] x, double[] y, RegressionMixtureOptions options)
    {
        _x = x;
        _y = y;
        _n = y.Length;
        _k = TMixture.Components;
        _p = TModel.ParameterCount;
        _v = TModel.VariableCount;
        _options = options;
        _regression = new WeightedRegression<TModel>(x, y, options);
        _state = new RegressionMixtureState(_k, _p);
        double mean = y.Average();
        double spread = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / _n);
        _spread = spread > 0 ? spread : 1;
        _scaleFloor = options.MinimumScaleFraction * _spread;
    }

    public int PointCount => _n;
    public int ComponentCount => _k;
    public int StatisticsLength => 0;
    public bool NeedsResponsibilities => true;
    public bool HasParameters { get; private set; }
    public WeightedRegression<TModel> Regression => _regression;
    public ReadOnlySpan<double> Weights => _state.Weights;
    public ReadOnlySpan<double> Parameters => _state.Theta;
    public ReadOnlySpan<double> Scales => _state.Scales;

    /// <summary>The smallest scale a component may take, <see cref="RegressionMixtureOptions.MinimumScaleFraction"/>·sd(y).</summary>
    public double ScaleFloor => _scaleFloor;

    /// <summary>Components that had no responsibility left in the last M-step (their θ and scale were kept).</summary>
    public int EmptyComponents { get; private set; }

    public int WorkspaceLength(int chunkLength) => (_v > 1 ? _v * chunkLength : 0) + _k * chunkLength;

    public void Initialize(Random random, EmExecution execution)
    {
        if (_state.TrySetExplicitStart(_options))
        {
            HasParameters = true;
            return;
        }
        _state.SetFallback(_options, _spread);
        double[] responsibilities = RegressionFamilyParts.RandomResponsibilities(random, _k, _n, _options.Initialization, 2 * _p + 1,
                                                                                 _starts++, out bool subsets);
        Maximize([], responsibilities, execution);
        if (subsets)
            RegressionFamilyParts.SetEqualWeights(_state, _k);
        HasParameters = true;
    }

    public void EstimateWeightedLogDensity(int start, int length, Span<double> logDensity, Span<double> workspace) =>
        RegressionFamilyParts.WeightedLogDensity<TMixture, TModel>(_x, _y, start, length, _state.Theta, _state.Scales, _state.LogWeights, logDensity, workspace);

    public void AccumulateStatistics(int start, int length, ReadOnlySpan<double> responsibilities, Span<double> statistics,
                                     Span<double> workspace)
    {
        // Every statistic this family needs is the full responsibility matrix, which the engine keeps.
    }

    public MaximizationOutcome Maximize(ReadOnlySpan<double> statistics, ReadOnlySpan<double> responsibilities, EmExecution execution)
    {
        int empty = 0, floored = 0;
        var residuals = new double[_n];
        for (int k = 0; k < _k; k++)
        {
            execution.CancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<double> r = responsibilities.Slice(k * _n, _n);
            double size = 0;
            foreach (double v in r)
                size += v;
            _state.SetWeight(k, size / _n);
            // scikit-learn's 10·eps per point: below it the weighted problem is all zeros and has no solution.
            if (!(size >= 10 * 2.220446049250313e-16))
            {
                empty++;
                continue;
            }
            Span<double> theta = _state.Theta.AsSpan(k * _p, _p);
            if (TMixture.Noise == Noise.Laplace)
                _regression.LeastAbsoluteDeviations(r, theta);
            else
                _regression.LeastSquares(r, theta);
            _regression.Residuals(theta, residuals);
            double scale = 0;
            for (int i = 0; i < _n; i++)
                scale += TMixture.Noise == Noise.Laplace ? r[i] * Math.Abs(residuals[i]) : r[i] * residuals[i] * residuals[i];
            scale = TMixture.Noise == Noise.Laplace ? scale / size
                : _options.ScaleEstimator == RegressionScaleEstimator.Flexmix ? Math.Sqrt(scale * _n / (size * (_n - _p)))
                : Math.Sqrt(scale / size);
            if (!(scale >= _scaleFloor))
            {
                scale = _scaleFloor;
                floored++;
            }
            _state.Scales[k] = scale;
        }
        EmptyComponents = empty;
        return new MaximizationOutcome(empty, floored);
    }

    public RegressionMixtureParameters CaptureParameters() => _state.Capture();

    public void RestoreParameters(RegressionMixtureParameters parameters)
    {
        _state.Restore(parameters);
        HasParameters = true;
    }
}
