// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// The Gaussian component family of <see cref="GaussianMixture"/> for <see cref="EmEngine"/>:
/// E-step by <see cref="GaussianDensityKernels"/>, statistics by <see cref="GaussianStatisticsKernels"/>
/// (about the previous means), and scikit-learn's M-step (<c>_estimate_gaussian_parameters</c>, then
/// <c>_compute_precision_cholesky</c>).
/// </summary>
/// <remarks>
/// Degenerate components never produce NaN. A component whose total responsibility Nₖ falls to
/// ≤ <see cref="EmptyThreshold"/> keeps its previous mean and covariance and gets weight
/// (Nₖ + 10ε)/Σ(Nⱼ + 10ε) ≈ 0 (reported as empty); one that is empty from the first M-step of a start
/// (k-means found fewer distinct clusters than components) takes its start point as mean and
/// scikit-learn's covariance for a component without points, reg_covar·I. A covariance that has
/// collapsed even after adding reg_covar (possible with a tiny or zero reg_covar when a component shrinks onto a point or a
/// subspace) — a Cholesky pivot Lⱼⱼ² (a variance, for diagonal) below τⱼ = 1e-10·(variance of feature j in the
/// data), or no factorization at all — gets diag(τ) added, growing ×10 until the factor is acceptable (reported as
/// regularized); a spherical variance is held to the mean of the τⱼ. Without this floor the likelihood would grow
/// without bound on the collapsed component. The floor is per feature so that features in very different units
/// (seconds near 1.7e9 beside a length in mm) are each held to their own scale: one floor from the mean variance
/// sat above the small feature's whole variance and erased it.
/// </remarks>
internal sealed class GaussianFamily : IMixtureFamily<GaussianParameters>, IFusedMixtureFamily
{
    /// <summary>Nₖ at or below this (in units of one point's responsibility) marks a component empty.</summary>
    public const double EmptyThreshold = 1e-8;

    // scikit-learn adds 10·eps (eps = 2.22e-16, numpy's float64 eps) to every Nₖ.
    private const double TenEpsilon = 10 * 2.220446049250313e-16;

    private readonly ColumnData _data;
    private readonly CovarianceType _type;
    private readonly int _k, _d, _block;
    private readonly double _regCovar;
    private readonly double[] _jitter;        // τⱼ per feature
    private readonly double _sphericalJitter; // their mean, for a spherical variance

    // Current parameters. Precision factors as scikit-learn: upper (L⁻¹)ᵀ for full/tied, 1/σ otherwise.
    private readonly double[] _weights, _means, _covariances, _precisionsCholesky;
    private readonly double[] _constants;      // ln πₖ + ln det Pₖ − ½·d·ln 2π
    private readonly double[] _inverseStd;     // K·d, diagonal and spherical (spherical repeated per feature)
    private readonly double[] _shift;          // K·d means the statistics are taken about
    private readonly GaussianComponents _components; // the arrays above, as the fused pass reads them
    private bool _hasParameters;

    public GaussianFamily(ColumnData data, int componentCount, CovarianceType type, double regCovar)
        : this(data, componentCount, type, regCovar, FeatureMoments.FeatureVariances(data, Partitions.Single(data.PointCount)))
    {
    }

    /// <param name="data">The points (or, on a coordinator whose points live elsewhere, their shape alone).</param>
    /// <param name="componentCount">K.</param>
    /// <param name="type">The covariance structure.</param>
    /// <param name="regCovar">scikit-learn's reg_covar.</param>
    /// <param name="featureVariances">Each feature's variance in the data (d values), the scales of the repairs' floors.</param>
    public GaussianFamily(ColumnData data, int componentCount, CovarianceType type, double regCovar, ReadOnlySpan<double> featureVariances)
    {
        _data = data;
        _type = type;
        _k = componentCount;
        _d = data.Dimension;
        _regCovar = regCovar;
        _block = 1 + _d + (type is CovarianceType.Full or CovarianceType.Tied ? _d * (_d + 1) / 2 : _d);
        _weights = new double[_k];
        _means = new double[_k * _d];
        _covariances = new double[GaussianParameters.CovarianceLength(type, _k, _d)];
        _precisionsCholesky = new double[_covariances.Length];
        _constants = new double[_k];
        _inverseStd = new double[_k * _d];
        _shift = new double[_k * _d];
        _jitter = Floors(featureVariances);
        _sphericalJitter = _jitter.Average();
        bool full = type is CovarianceType.Full or CovarianceType.Tied;
        _components = new GaussianComponents(_k, full, _means, _shift, full ? _precisionsCholesky : _inverseStd,
                                             type switch { CovarianceType.Full => _d * _d, CovarianceType.Tied => 0, _ => _d }, _constants);
    }

    /// <summary>Decides the first responsibilities of each start; null leaves <see cref="SetParameters"/> to the caller.</summary>
    public Func<Random, EmExecution, GaussianParameters>? Initializer { get; set; }

    public int PointCount => _data.PointCount;
    public int ComponentCount => _k;
    public int StatisticsLength => _k * _block;
    public bool NeedsResponsibilities => false;
    public bool HasParameters => _hasParameters;
    public int WorkspaceLength(int chunkLength) => FusedGaussianPass.ScratchLength(_k, _d, _block);
    public ColumnData Data => _data;

    public void Initialize(Random random, EmExecution execution)
    {
        if (Initializer is null)
            throw new InvalidOperationException("The family has no initializer.");
        SetParameters(Initializer(random, execution));
    }

    public void EstimateWeightedLogDensity(int start, int length, Span<double> logDensity, Span<double> workspace)
    {
        int n = _data.PointCount, d = _d;
        for (int k = 0; k < _k; k++)
        {
            Span<double> output = logDensity.Slice(k * length, length);
            ReadOnlySpan<double> mean = _means.AsSpan(k * d, d);
            switch (_type)
            {
                case CovarianceType.Full:
                    GaussianDensityKernels.Full(_data.Columns, n, d, start, length, mean, _precisionsCholesky.AsSpan(k * d * d, d * d), _constants[k], output);
                    break;
                case CovarianceType.Tied:
                    GaussianDensityKernels.Full(_data.Columns, n, d, start, length, mean, _precisionsCholesky, _constants[k], output);
                    break;
                default:
                    GaussianDensityKernels.Diagonal(_data.Columns, n, d, start, length, mean, _inverseStd.AsSpan(k * d, d), _constants[k], output);
                    break;
            }
        }
    }

    public double EStepWithStatistics(int start, int length, Span<double> statistics, Span<double> workspace) =>
        FusedGaussianPass.Run(_data, _components, start, length, statistics, workspace, entropy: false).LogLikelihood;

    public void AccumulateStatistics(int start, int length, ReadOnlySpan<double> responsibilities, Span<double> statistics, Span<double> workspace)
    {
        int n = _data.PointCount, d = _d;
        bool full = _type is CovarianceType.Full or CovarianceType.Tied;
        for (int k = 0; k < _k; k++)
        {
            ReadOnlySpan<double> r = responsibilities.Slice(k * length, length);
            Span<double> block = statistics.Slice(k * _block, _block);
            if (full)
                GaussianStatisticsKernels.Full(_data.Columns, n, d, start, length, r, _shift.AsSpan(k * d, d), block);
            else
                GaussianStatisticsKernels.Diagonal(_data.Columns, n, d, start, length, r, _shift.AsSpan(k * d, d), block);
        }
    }

    public MaximizationOutcome Maximize(ReadOnlySpan<double> statistics, ReadOnlySpan<double> responsibilities, EmExecution execution)
        => Maximize(statistics, firstStep: false);

    /// <summary>
    /// The M-step. An empty component keeps its mean and covariance; on the <paramref name="firstStep"/> of a
    /// start it has none yet, and takes the point its statistics were shifted to (its k-means center or seed
    /// point) with scikit-learn's covariance for a component without points, reg_covar·I.
    /// </summary>
    private MaximizationOutcome Maximize(ReadOnlySpan<double> statistics, bool firstStep)
    {
        int d = _d, k = _k;
        bool full = _type is CovarianceType.Full or CovarianceType.Tied;
        int empty = 0, regularized = 0;
        Span<double> scatter = stackalloc double[full ? d * d : d];
        Span<double> delta = stackalloc double[d];
        Span<double> scratch = stackalloc double[2 * d * d];
        double[] tied = _type == CovarianceType.Tied ? new double[d * d] : [];
        double totalWeight = 0;
        var isEmpty = new bool[k];
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> block = statistics.Slice(c * _block, _block);
            double nk = block[0];
            double nkReg = nk + TenEpsilon;
            totalWeight += nkReg;
            _weights[c] = nkReg;
            if (!(nk > EmptyThreshold))
            {
                isEmpty[c] = true;
                empty++;
                if (firstStep && StartEmptyComponent(c, scratch))
                    regularized++;
                continue;
            }
            ReadOnlySpan<double> shift = _shift.AsSpan(c * d, d);
            ReadOnlySpan<double> s = block.Slice(1, d);
            // μ = Σrx/(N + 10ε) = c + δ with δ = (s − 10ε·c)/(N + 10ε), exactly scikit-learn's mean.
            for (int j = 0; j < d; j++)
            {
                delta[j] = (s[j] - TenEpsilon * shift[j]) / nkReg;
                _means[c * d + j] = shift[j] + delta[j];
            }
            // Σᵢ rᵢ(yᵢ − δ)(yᵢ − δ)ᵀ = S − s·δᵀ − δ·sᵀ + N·δδᵀ.
            if (full)
            {
                int p = 1 + d;
                for (int a = 0; a < d; a++)
                    for (int b = a; b < d; b++, p++)
                    {
                        double v = block[p] - s[a] * delta[b] - delta[a] * s[b] + nk * delta[a] * delta[b];
                        scatter[a * d + b] = v;
                        scatter[b * d + a] = v;
                    }
                if (_type == CovarianceType.Full)
                {
                    Span<double> cov = _covariances.AsSpan(c * d * d, d * d);
                    for (int m = 0; m < d * d; m++)
                        cov[m] = scatter[m] / nkReg;
                    for (int j = 0; j < d; j++)
                        cov[j * d + j] += _regCovar;
                    if (FactorWithRepair(cov, _precisionsCholesky.AsSpan(c * d * d, d * d), scratch))
                        regularized++;
                }
                else
                    for (int m = 0; m < d * d; m++)
                        tied[m] += scatter[m];
            }
            else
            {
                double sphericalSum = 0;
                for (int j = 0; j < d; j++)
                {
                    double v = (block[1 + d + j] - 2 * s[j] * delta[j] + nk * delta[j] * delta[j]) / nkReg + _regCovar;
                    scatter[j] = v;
                    sphericalSum += v;
                }
                if (_type == CovarianceType.Diagonal)
                {
                    for (int j = 0; j < d; j++)
                    {
                        double v = scatter[j];
                        if (!(v >= _jitter[j]) || !double.IsFinite(v))
                        {
                            v = double.IsFinite(v) ? Math.Max(v, 0) + Repaired(_jitter[j]) : Repaired(_jitter[j]);
                            regularized++;
                        }
                        _covariances[c * d + j] = v;
                    }
                }
                else
                {
                    double v = sphericalSum / d;
                    if (!(v >= _sphericalJitter) || !double.IsFinite(v))
                    {
                        v = double.IsFinite(v) ? Math.Max(v, 0) + Repaired(_sphericalJitter) : Repaired(_sphericalJitter);
                        regularized++;
                    }
                    _covariances[c] = v;
                }
            }
        }
        if (_type == CovarianceType.Tied)
        {
            // scikit-learn divides the pooled scatter by Σₖ(Nₖ + 10ε) = n + 10Kε.
            if (empty < k)
            {
                for (int m = 0; m < d * d; m++)
                    _covariances[m] = tied[m] / totalWeight;
                for (int j = 0; j < d; j++)
                    _covariances[j * d + j] += _regCovar;
                if (FactorWithRepair(_covariances, _precisionsCholesky, scratch))
                    regularized++;
            }
        }
        for (int c = 0; c < k; c++)
            _weights[c] /= totalWeight;
        UpdateDerived();
        return new MaximizationOutcome(empty, regularized);
    }

    public GaussianParameters CaptureParameters() =>
        new(_type, _k, _d, (double[])_weights.Clone(), (double[])_means.Clone(), (double[])_covariances.Clone(), (double[])_precisionsCholesky.Clone());

    public void RestoreParameters(GaussianParameters parameters) => SetParameters(parameters);

    /// <summary>Sets every parameter from a snapshot whose covariances and precision factors agree.</summary>
    public void SetParameters(GaussianParameters parameters)
    {
        parameters.Weights.CopyTo(_weights, 0);
        parameters.Means.CopyTo(_means, 0);
        parameters.Covariances.CopyTo(_covariances, 0);
        parameters.PrecisionsCholesky.CopyTo(_precisionsCholesky, 0);
        UpdateDerived();
        _hasParameters = true;
    }

    /// <summary>
    /// scikit-learn's first M-step of a start: parameters from given responsibilities (component-major
    /// n×K), the statistics taken about <paramref name="shift"/> (K·d, e.g. the k-means centers).
    /// </summary>
    public MaximizationOutcome MaximizeFromResponsibilities(double[] responsibilities, double[] shift, EmExecution execution)
    {
        shift.CopyTo(_shift, 0);
        int n = _data.PointCount;
        int chunks = ChunkedParallel.ChunkCount(n);
        var partials = new double[chunks * StatisticsLength];
        var totals = new double[StatisticsLength];
        ChunkedParallel.Run(chunks, execution, new InitialStatistics(this, responsibilities, partials));
        ChunkedParallel.SumInChunkOrder(partials, StatisticsLength, totals);
        var outcome = Maximize(totals, firstStep: true);
        _hasParameters = true;
        return outcome;
    }

    /// <summary>
    /// Mean = the shift, covariance = reg_covar·I (the tied matrix is shared and left to the pooled estimate).
    /// True when reg_covar alone was not positive definite and the floor lifted it.
    /// </summary>
    private bool StartEmptyComponent(int c, Span<double> scratch)
    {
        int d = _d;
        _shift.AsSpan(c * d, d).CopyTo(_means.AsSpan(c * d, d));
        switch (_type)
        {
            case CovarianceType.Full:
                Span<double> cov = _covariances.AsSpan(c * d * d, d * d);
                cov.Clear();
                for (int j = 0; j < d; j++)
                    cov[j * d + j] = _regCovar;
                return FactorWithRepair(cov, _precisionsCholesky.AsSpan(c * d * d, d * d), scratch);
            case CovarianceType.Diagonal:
            {
                bool lifted = false;
                for (int j = 0; j < d; j++)
                {
                    bool low = !(_regCovar >= _jitter[j]);
                    _covariances[c * d + j] = low ? _regCovar + Repaired(_jitter[j]) : _regCovar;
                    lifted |= low;
                }
                return lifted;
            }
            case CovarianceType.Spherical:
            {
                bool lifted = !(_regCovar >= _sphericalJitter);
                _covariances[c] = lifted ? _regCovar + Repaired(_sphericalJitter) : _regCovar;
                return lifted;
            }
            default:
                return false;
        }
    }

    private readonly struct InitialStatistics(GaussianFamily family, double[] responsibilities, double[] partials) : IChunkAction
    {
        public void Invoke(int chunk, int worker)
        {
            int n = family.PointCount, k = family.ComponentCount;
            (int start, int length) = ChunkedParallel.Range(chunk, n);
            var local = new double[k * length];
            for (int c = 0; c < k; c++)
                responsibilities.AsSpan(c * n + start, length).CopyTo(local.AsSpan(c * length, length));
            family.AccumulateStatistics(start, length, local, partials.AsSpan(chunk * family.StatisticsLength, family.StatisticsLength), []);
        }
    }

    /// <summary>Log-weights, log-normalizers, 1/σ per feature, and the shift of the next statistics pass.</summary>
    private void UpdateDerived()
    {
        int d = _d;
        if (_type is CovarianceType.Diagonal or CovarianceType.Spherical)
            for (int m = 0; m < _covariances.Length; m++)
                _precisionsCholesky[m] = 1 / Math.Sqrt(_covariances[m]);
        for (int c = 0; c < _k; c++)
        {
            double logDet = _type switch
            {
                CovarianceType.Full => CholeskyKernels.LogDeterminantOfTriangular(_precisionsCholesky.AsSpan(c * d * d, d * d), d),
                CovarianceType.Tied => CholeskyKernels.LogDeterminantOfTriangular(_precisionsCholesky, d),
                CovarianceType.Diagonal => SumLog(_precisionsCholesky.AsSpan(c * d, d)),
                _ => d * Math.Log(_precisionsCholesky[c]),
            };
            _constants[c] = Math.Log(_weights[c]) + GaussianDensityKernels.LogNormalizer(d, logDet);
            for (int j = 0; j < d; j++)
                _inverseStd[c * d + j] = _type switch
                {
                    CovarianceType.Diagonal => _precisionsCholesky[c * d + j],
                    CovarianceType.Spherical => _precisionsCholesky[c],
                    _ => 0,
                };
        }
        _means.CopyTo(_shift, 0);
    }

    private static double SumLog(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values)
            s += Math.Log(v);
        return s;
    }

    /// <summary>Factors Σ into the precision factor, adding jitter until it is positive definite. True when jitter was needed.</summary>
    private bool FactorWithRepair(Span<double> covariance, Span<double> precisionCholesky, Span<double> scratch)
    {
        int d = _d;
        if (CholeskyKernels.TryPrecisionCholesky(covariance, d, precisionCholesky, scratch) && !Collapsed(precisionCholesky))
            return false;
        double factor = 1;
        for (int attempt = 0; attempt < 40; attempt++, factor *= 10)
        {
            for (int j = 0; j < d; j++)
                covariance[j * d + j] += factor * Repaired(_jitter[j]);
            if (CholeskyKernels.TryPrecisionCholesky(covariance, d, precisionCholesky, scratch) && !Collapsed(precisionCholesky))
                return true;
        }
        // Non-finite entries cannot be repaired by jitter: fall back to the floors on the diagonal.
        covariance[..(d * d)].Clear();
        for (int j = 0; j < d; j++)
            covariance[j * d + j] = Repaired(_jitter[j]);
        CholeskyKernels.TryPrecisionCholesky(covariance, d, precisionCholesky, scratch);
        return true;
    }

    /// <summary>A Cholesky pivot Lⱼⱼ² = 1/Pⱼⱼ² below the floor: the component has collapsed onto a subspace.</summary>
    private bool Collapsed(ReadOnlySpan<double> precisionCholesky)
    {
        for (int j = 0; j < _d; j++)
        {
            double p = precisionCholesky[j * _d + j];
            if (!(p * p * _jitter[j] <= 1))
                return true;
        }
        return false;
    }

    private static double Repaired(double floor) => Math.Max(floor, 1e-300);

    /// <summary>
    /// τⱼ = 1e-10·(variance of feature j); a feature without spread takes the mean variance of the others, and data
    /// without any spread (all points equal) 1.
    /// </summary>
    private static double[] Floors(ReadOnlySpan<double> featureVariances)
    {
        double total = 0;
        foreach (double v in featureVariances)
            total += v > 0 ? v : 0;
        double fallback = total > 0 ? total / featureVariances.Length : 1;
        var floors = new double[featureVariances.Length];
        for (int j = 0; j < floors.Length; j++)
            floors[j] = 1e-10 * (featureVariances[j] > 0 ? featureVariances[j] : fallback);
        return floors;
    }
}
