// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// A mixture of regressions whose model is linear in θ, g(x; θ) = o(x) + D(x)·θ, with Gaussian noise, fitted from
/// sufficient statistics, as the Gaussian mixture is: one pass per iteration accumulates, per component and chunk,
/// Σr, Σr·e², Σr·e·D and Σr·DᵀD with e = y − g(x; θ) the residual at the current θ, and the M-step solves
/// (Σr·DᵀD)·δ = Σr·e·D for the update θ + δ: the exact weighted least-squares solution, since g is linear. Residuals
/// taken about the current θ keep the sums free of cancellation as EM converges (δ → 0, Σr·e² → the weighted RSS),
/// and the new RSS follows without a second pass: Σr·(e − D·δ)² = Σr·e² − δᵀ·Σr·e·D.
/// </summary>
/// <remarks>
/// Sums are statistics, so they distribute: a partition of the points forms its own in chunk order and a coordinator
/// adds the partitions' in partition order (<see cref="Partitions"/>). The data are n×(V + 1) columns: the variables,
/// then y. On a coordinator whose points live elsewhere the family holds their shape alone.
/// Statistics block per component: [Σr, Σr·e², Σr·e·Dⱼ (P), Σr·DₐD_b (a ≤ b, row-major upper triangle)].
/// Where the model's design is unsafe for normal equations (<see cref="DesignConditioning"/>), D stands for D·T and
/// the sums, the solve and the covariance are in the coefficients θ′ = T⁻¹·θ of that basis; θ itself is kept.
/// </remarks>
internal sealed class LinearRegressionMixtureFamily<TMixture, TModel> : IMixtureFamily<RegressionMixtureParameters>
    where TMixture : IRegressionMixture<TModel>
    where TModel : IModel
{
    private readonly ColumnData _data;
    private readonly int _n, _k, _p, _v, _block;
    private int _starts;    // random starts drawn so far: PartitionsAndSubsets alternates on it
    private readonly RegressionMixtureOptions _options;
    private readonly LinearDesign _design;
    private readonly double _spread, _scaleFloor;
    private readonly Partitions _partitions;
    private readonly RegressionMixtureState _state;

    /// <param name="data">n×(V + 1) columns, the variables then y, or their shape alone on a coordinator.</param>
    /// <param name="options">The fit's options (scale estimator, floor, starts).</param>
    /// <param name="spread">sd(y), the population standard deviation of the responses, with its sums formed by the partitions.</param>
    /// <param name="partitions">How a start's first statistics are summed.</param>
    public LinearRegressionMixtureFamily(ColumnData data, RegressionMixtureOptions options, double spread, Partitions partitions)
    {
        _data = data;
        _n = data.PointCount;
        _k = TMixture.Components;
        _p = TModel.ParameterCount;
        _v = TModel.VariableCount;
        _block = BlockLength(_p);
        _options = options;
        _partitions = partitions;
        _spread = spread > 0 ? spread : 1;
        _scaleFloor = options.MinimumScaleFraction * _spread;
        _state = new RegressionMixtureState(_k, _p);
        _design = data.Columns.Length == 0 ? LinearDesign.Empty(_p) : LinearDesign.Of<TModel>(X, _n);
    }

    /// <summary>Doubles of statistics per component: Σr, Σr·e², P gradient sums and the P(P+1)/2 Gram sums.</summary>
    public static int BlockLength(int p) => 2 + p + p * (p + 1) / 2;

    /// <summary>The basis change θ = T·θ′ in use (row-major P×P), or null for the model's own basis.</summary>
    public double[]? Transform => _design.Transform;

    /// <summary>Σᵢ Dᵢⱼ of each design column (P values), summed by chunk and partition.</summary>
    public double[] DesignSums() => _design.Sums(_partitions);

    /// <summary>Σᵢ (Dᵢₐ − mₐ)(Dᵢ_b − m_b) for a ≤ b, the row-major upper triangle, summed by chunk and partition.</summary>
    public double[] CentredDesignGram(ReadOnlySpan<double> means) => _design.CentredGram(means, _partitions);

    /// <summary>Forms the sums from now on in the basis D·T (<paramref name="transform"/> row-major P×P, upper triangular).</summary>
    public void UseTransform(double[] transform) => _design.UseTransform(transform);

    public int PointCount => _n;
    public int ComponentCount => _k;
    public int StatisticsLength => _k * _block;
    public bool NeedsResponsibilities => false;
    public bool HasParameters { get; private set; }
    public ReadOnlySpan<double> Weights => _state.Weights;
    public ReadOnlySpan<double> Parameters => _state.Theta;
    public ReadOnlySpan<double> Scales => _state.Scales;
    public double ScaleFloor => _scaleFloor;

    private ReadOnlySpan<double> X => _data.Columns.AsSpan(0, _v * _n);
    private ReadOnlySpan<double> Y => _data.Columns.AsSpan(_v * _n, _n);

    public int WorkspaceLength(int chunkLength) => (_v > 1 ? _v * chunkLength : 0) + _k * chunkLength;

    public void Initialize(Random random, EmExecution execution)
    {
        if (_state.TrySetExplicitStart(_options))
        {
            HasParameters = true;
            return;
        }
        if (_design.PointCount == 0)
            throw new ArgumentException("Without the points at hand a fit needs InitialWeights, InitialParameters and InitialScales.", "options");
        _state.SetFallback(_options, _spread);
        double[] responsibilities = RegressionFamilyParts.RandomResponsibilities(random, _k, _n, _options.Initialization, 2 * _p + 1,
                                                                                 _starts++, out bool subsets);
        int chunks = ChunkedParallel.ChunkCount(_n);
        var partials = new double[chunks * StatisticsLength];
        var local = new double[_k * ChunkedParallel.ChunkLength];
        for (int c = 0; c < chunks; c++)
        {
            (int start, int length) = ChunkedParallel.Range(c, _n);
            for (int k = 0; k < _k; k++)
                responsibilities.AsSpan(k * _n + start, length).CopyTo(local.AsSpan(k * length, length));
            AccumulateStatistics(start, length, local.AsSpan(0, _k * length), partials.AsSpan(c * StatisticsLength, StatisticsLength), []);
        }
        var statistics = new double[StatisticsLength];
        _partitions.Sum(partials, StatisticsLength, statistics);
        Maximize(statistics, [], execution);
        if (subsets)
            RegressionFamilyParts.SetEqualWeights(_state, _k);
        HasParameters = true;
    }

    public void EstimateWeightedLogDensity(int start, int length, Span<double> logDensity, Span<double> workspace)
    {
        if (_design.Transform is null)
        {
            RegressionFamilyParts.WeightedLogDensity<TMixture, TModel>(X, Y, start, length, _state.Theta, _state.Scales, _state.LogWeights,
                                                                       logDensity, workspace);
            return;
        }
        // In a changed basis the residuals come from D·T and θ′, as the statistics' do: the model's own form would add
        // and cancel terms as large as the offset (a + b·x at x = 1.7e9), whose rounding is noise in the log-likelihood
        // larger than the stopping rule's tolerance.
        int n = _n, p = _p;
        ReadOnlySpan<double> y = Y, offset = _design.Offset, design = _design.Columns;
        Span<double> theta = stackalloc double[p];
        for (int k = 0; k < _k; k++)
        {
            _design.InBasis(_state.Theta.AsSpan(k * p, p), theta);
            double scale = _state.Scales[k], constant = _state.LogWeights[k] - 0.5 * Math.Log(2 * Math.PI) - Math.Log(scale);
            Span<double> output = logDensity.Slice(k * length, length);
            for (int i = 0; i < length; i++)
            {
                int point = start + i;
                double e = y[point] - offset[point];
                for (int j = 0; j < p; j++)
                    e -= design[j * n + point] * theta[j];
                double z = e / scale;
                output[i] = constant - 0.5 * z * z;
            }
        }
    }

    public void AccumulateStatistics(int start, int length, ReadOnlySpan<double> responsibilities, Span<double> statistics,
                                     Span<double> workspace)
    {
        int n = _n, p = _p;
        ReadOnlySpan<double> y = Y, offset = _design.Offset, design = _design.Columns;
        Span<double> row = stackalloc double[p];
        Span<double> theta = stackalloc double[p];
        for (int k = 0; k < _k; k++)
        {
            ReadOnlySpan<double> r = responsibilities.Slice(k * length, length);
            _design.InBasis(_state.Theta.AsSpan(k * p, p), theta);
            Span<double> block = statistics.Slice(k * _block, _block);
            for (int i = 0; i < length; i++)
            {
                int point = start + i;
                double e = y[point] - offset[point];
                for (int j = 0; j < p; j++)
                {
                    row[j] = design[j * n + point];
                    e -= row[j] * theta[j];
                }
                double w = r[i], we = w * e;
                block[0] += w;
                block[1] += we * e;
                int at = 2;
                for (int j = 0; j < p; j++)
                    block[at++] += we * row[j];
                for (int a = 0; a < p; a++)
                {
                    double wa = w * row[a];
                    for (int b = a; b < p; b++)
                        block[at++] += wa * row[b];
                }
            }
        }
    }

    public MaximizationOutcome Maximize(ReadOnlySpan<double> statistics, ReadOnlySpan<double> responsibilities, EmExecution execution)
    {
        int p = _p, empty = 0, floored = 0;
        Span<double> gram = stackalloc double[p * p];
        Span<double> delta = stackalloc double[p];
        for (int k = 0; k < _k; k++)
        {
            ReadOnlySpan<double> block = statistics.Slice(k * _block, _block);
            double size = block[0];
            _state.SetWeight(k, size / _n);
            // scikit-learn's 10·eps per point: below it the weighted problem is all zeros and has no solution.
            if (!(size >= 10 * 2.220446049250313e-16))
            {
                empty++;
                continue;
            }
            ReadOnlySpan<double> gradient = block.Slice(2, p);
            Gram(block, p, gram);
            GramSolve.Solve(gram, p, gradient, delta);
            double rss = block[1];
            for (int j = 0; j < p; j++)
                rss -= delta[j] * gradient[j];
            _design.Step(_state.Theta.AsSpan(k * p, p), delta);
            rss = Math.Max(rss, 0);
            double scale = _options.ScaleEstimator == RegressionScaleEstimator.Flexmix
                ? Math.Sqrt(rss * _n / (size * (_n - p)))
                : Math.Sqrt(rss / size);
            if (!(scale >= _scaleFloor))
            {
                scale = _scaleFloor;
                floored++;
            }
            _state.Scales[k] = scale;
        }
        return new MaximizationOutcome(empty, floored);
    }

    /// <summary>
    /// (JᵀRJ)⁻¹ in the model's parameters (row-major P×P) from a component's statistics block: T·(Σr·D′ᵀD′)⁻¹·Tᵀ
    /// in a changed basis. False when the Gram matrix is rank-deficient by the pivoted factor that <see cref="Maximize"/>'s
    /// steps take (a plain Cholesky factor can succeed on rounding), or not positive definite.
    /// </summary>
    public bool InverseGram(ReadOnlySpan<double> block, Span<double> inverse)
    {
        int p = _p;
        var gram = new double[p * p];
        Gram(block, p, gram);
        var factored = (double[])gram.Clone();
        if (GramSolve.FactorPivoted(factored, p, stackalloc double[p], stackalloc int[p]) < p || !GramSolve.Inverse(gram, p, inverse))
            return false;
        _design.ToModelBasis(inverse);
        return true;
    }

    /// <summary>Σr·DᵀD of a component's statistics block, both triangles.</summary>
    public static void Gram(ReadOnlySpan<double> block, int p, Span<double> gram)
    {
        int at = 2 + p;
        for (int a = 0; a < p; a++)
            for (int b = a; b < p; b++)
                gram[a * p + b] = gram[b * p + a] = block[at++];
    }

    public RegressionMixtureParameters CaptureParameters() => _state.Capture();

    public void RestoreParameters(RegressionMixtureParameters parameters)
    {
        _state.Restore(parameters);
        HasParameters = true;
    }
}
