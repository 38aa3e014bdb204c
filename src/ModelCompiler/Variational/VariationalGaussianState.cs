// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// The mutable variational posterior of <see cref="BayesianGaussianMixture"/> and scikit-learn's
/// updates on it: the M-step from chunk-reduced statistics (<c>_estimate_weights</c>,
/// <c>_estimate_means</c>, <c>_estimate_wishart_*</c>), the per-component constants of the E-step's
/// expected log-density (<c>_estimate_log_weights</c> + <c>_estimate_log_prob</c>) and the lower bound
/// (<c>_compute_lower_bound</c>).
/// </summary>
/// <remarks>
/// Statistics per component, about a shift cₖ (the current mean): [N, s = Σ r(x − c), S = Σ r(x − c)(x − c)ᵀ
/// packed upper, or its diagonal]; see <see cref="GaussianStatisticsKernels"/>.
/// </remarks>
internal sealed class VariationalGaussianState
{
    // scikit-learn adds 10·eps (numpy's float64 eps) to every Nₖ.
    private const double TenEpsilon = 10 * 2.220446049250313e-16;
    private const double LogTwo = 0.69314718055994530942;

    private readonly CovarianceType _type;
    private readonly WeightConcentrationPriorType _weightPrior;
    private readonly BayesianMixturePriors _priors;
    private readonly double _regCovar;
    private readonly int _k, _d;

    private readonly double[] _a, _b, _beta, _means, _nu, _covariances, _precisionsCholesky;
    private readonly double[] _logDetPrecisionCholesky;   // ln det Pₖ
    private readonly double[] _inverseStd;                 // K·d, diagonal and spherical
    private readonly double[] _shift;                      // K·d, the means the next statistics are taken about
    private readonly double[] _nk, _xk, _sk;               // M-step scratch: Nₖ + 10ε, x̄ₖ, Sₖ (full d·d or diagonal d per component)
    private readonly double[] _pooled, _spread;            // tied M-step scratch, d·d each

    public VariationalGaussianState(CovarianceType type, WeightConcentrationPriorType weightPrior, BayesianMixturePriors priors,
                                    double regCovar, int k, int d)
    {
        _type = type;
        _weightPrior = weightPrior;
        _priors = priors;
        _regCovar = regCovar;
        _k = k;
        _d = d;
        _a = new double[k];
        _b = new double[k];
        _beta = new double[k];
        _means = new double[k * d];
        _nu = new double[k];
        _covariances = new double[GaussianParameters.CovarianceLength(type, k, d)];
        _precisionsCholesky = new double[_covariances.Length];
        _logDetPrecisionCholesky = new double[k];
        _inverseStd = new double[k * d];
        _shift = new double[k * d];
        Constants = new double[k];
        _nk = new double[k];
        _xk = new double[k * d];
        _sk = new double[IsFullMatrix ? k * d * d : k * d];
        _pooled = new double[d * d];
        _spread = new double[d * d];
        BlockLength = 1 + d + (IsFullMatrix ? d * (d + 1) / 2 : d);
        Components = new GaussianComponents(k, IsFullMatrix, _means, _shift, IsFullMatrix ? _precisionsCholesky : _inverseStd,
                                            type switch { CovarianceType.Full => d * d, CovarianceType.Tied => 0, _ => d }, Constants);
    }

    public int ComponentCount => _k;
    public int Dimension => _d;
    public CovarianceType Type => _type;
    public bool IsFullMatrix => _type is CovarianceType.Full or CovarianceType.Tied;

    /// <summary>Doubles of statistics per component.</summary>
    public int BlockLength { get; }

    /// <summary>Per component: E[ln πₖ] + ln det Pₖ − ½d·ln 2π − ½d·ln νₖ + ½(d·ln 2 + Σⱼ ψ((νₖ − j)/2) − d/βₖ).</summary>
    public double[] Constants { get; }

    /// <summary>The components as <see cref="FusedGaussianPass"/> reads them (the arrays this state updates in place).</summary>
    public GaussianComponents Components { get; }

    public ReadOnlySpan<double> Mean(int c) => _means.AsSpan(c * _d, _d);
    public ReadOnlySpan<double> Shift(int c) => _shift.AsSpan(c * _d, _d);
    public ReadOnlySpan<double> InverseStd(int c) => _inverseStd.AsSpan(c * _d, _d);

    public ReadOnlySpan<double> PrecisionCholesky(int c) => _type switch
    {
        CovarianceType.Full => _precisionsCholesky.AsSpan(c * _d * _d, _d * _d),
        _ => _precisionsCholesky.AsSpan(0, _d * _d),
    };

    /// <summary>
    /// The M-step from statistics summed over all points; returns the number of covariances that
    /// needed jitter to stay positive definite (0 in any well-posed fit: the Wishart prior keeps them so).
    /// </summary>
    public int Maximize(ReadOnlySpan<double> statistics)
    {
        int k = _k, d = _d, block = BlockLength;
        double[] nk = _nk, xk = _xk, sk = _sk;
        Span<double> delta = stackalloc double[d];
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> stats = statistics.Slice(c * block, block);
            double nRaw = stats[0];
            double n = nk[c] = nRaw + TenEpsilon;
            ReadOnlySpan<double> shift = _shift.AsSpan(c * d, d);
            ReadOnlySpan<double> s = stats.Slice(1, d);
            // x̄ = Σrx/(N + 10ε) = c + δ with δ = (s − 10ε·c)/(N + 10ε), exactly scikit-learn's mean.
            for (int j = 0; j < d; j++)
            {
                delta[j] = (s[j] - TenEpsilon * shift[j]) / n;
                xk[c * d + j] = shift[j] + delta[j];
            }
            // Σᵢ rᵢ(yᵢ − δ)(yᵢ − δ)ᵀ = S − s·δᵀ − δ·sᵀ + N·δδᵀ, divided by N + 10ε, plus reg_covar.
            if (IsFullMatrix)
            {
                int p = 1 + d;
                for (int a = 0; a < d; a++)
                    for (int b = a; b < d; b++, p++)
                    {
                        double v = (stats[p] - s[a] * delta[b] - delta[a] * s[b] + nRaw * delta[a] * delta[b]) / n;
                        sk[c * d * d + a * d + b] = v;
                        sk[c * d * d + b * d + a] = v;
                    }
                if (_type == CovarianceType.Full)
                    for (int j = 0; j < d; j++)
                        sk[c * d * d + j * d + j] += _regCovar;
            }
            else
                for (int j = 0; j < d; j++)
                    sk[c * d + j] = (stats[1 + d + j] - 2 * s[j] * delta[j] + nRaw * delta[j] * delta[j]) / n + _regCovar;
        }
        EstimateWeights(nk);
        EstimateMeans(nk, xk);
        int repaired = EstimateWishart(nk, xk, sk);
        UpdateExpectations();
        return repaired;
    }

    private void EstimateWeights(double[] nk)
    {
        double prior = _priors.WeightConcentration;
        if (_weightPrior == WeightConcentrationPriorType.DirichletProcess)
        {
            // aₖ = 1 + Nₖ, bₖ = γ₀ + Σⱼ>ₖ Nⱼ, the tail summed from the last component as numpy's reversed cumsum.
            double tail = 0;
            for (int c = _k - 1; c >= 0; c--)
            {
                _a[c] = 1 + nk[c];
                _b[c] = prior + tail;
                tail += nk[c];
            }
        }
        else
            for (int c = 0; c < _k; c++)
                _a[c] = prior + nk[c];
    }

    private void EstimateMeans(double[] nk, double[] xk)
    {
        double beta0 = _priors.MeanPrecision;
        for (int c = 0; c < _k; c++)
        {
            _beta[c] = beta0 + nk[c];
            for (int j = 0; j < _d; j++)
                _means[c * _d + j] = (beta0 * _priors.Mean[j] + nk[c] * xk[c * _d + j]) / _beta[c];
        }
    }

    private int EstimateWishart(double[] nk, double[] xk, double[] sk)
    {
        int k = _k, d = _d;
        double beta0 = _priors.MeanPrecision, nu0 = _priors.DegreesOfFreedom;
        double[] psi = _priors.Covariance, m0 = _priors.Mean;
        Span<double> diff = stackalloc double[d];
        int repaired = 0;
        switch (_type)
        {
            case CovarianceType.Full:
                for (int c = 0; c < k; c++)
                {
                    _nu[c] = nu0 + nk[c];
                    for (int j = 0; j < d; j++)
                        diff[j] = xk[c * d + j] - m0[j];
                    double shrink = nk[c] * beta0 / _beta[c];
                    Span<double> cov = _covariances.AsSpan(c * d * d, d * d);
                    for (int a = 0; a < d; a++)
                        for (int b = 0; b < d; b++)
                            cov[a * d + b] = (psi[a * d + b] + nk[c] * sk[c * d * d + a * d + b] + shrink * diff[a] * diff[b]) / _nu[c];
                    if (FactorWithRepair(cov, _precisionsCholesky.AsSpan(c * d * d, d * d)))
                        repaired++;
                }
                break;
            case CovarianceType.Tied:
            {
                double total = 0;
                foreach (double v in nk)
                    total += v;
                double nu = nu0 + total / k;
                Array.Fill(_nu, nu);
                // scikit-learn's tied Sₖ is one pooled matrix (XᵀX − Σₖ Nₖx̄ₖx̄ₖᵀ)/ΣN + reg_covar·I.
                double[] pooled = _pooled, spread = _spread;
                Array.Clear(pooled);
                Array.Clear(spread);
                for (int c = 0; c < k; c++)
                    for (int m = 0; m < d * d; m++)
                        pooled[m] += nk[c] * sk[c * d * d + m];
                for (int m = 0; m < d * d; m++)
                    pooled[m] /= total;
                for (int j = 0; j < d; j++)
                    pooled[j * d + j] += _regCovar;
                for (int c = 0; c < k; c++)
                {
                    for (int j = 0; j < d; j++)
                        diff[j] = xk[c * d + j] - m0[j];
                    double w = nk[c] / _beta[c];
                    for (int a = 0; a < d; a++)
                        for (int b = 0; b < d; b++)
                            spread[a * d + b] += w * diff[a] * diff[b];
                }
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++)
                        _covariances[a * d + b] = (psi[a * d + b] + pooled[a * d + b] * total / k + beta0 / k * spread[a * d + b]) / nu;
                if (FactorWithRepair(_covariances, _precisionsCholesky))
                    repaired++;
                break;
            }
            case CovarianceType.Diagonal:
                for (int c = 0; c < k; c++)
                {
                    _nu[c] = nu0 + nk[c];
                    double shrink = beta0 / _beta[c];
                    for (int j = 0; j < d; j++)
                    {
                        double dj = xk[c * d + j] - m0[j];
                        double v = (psi[j] + nk[c] * (sk[c * d + j] + shrink * dj * dj)) / _nu[c];
                        _covariances[c * d + j] = v;
                        _precisionsCholesky[c * d + j] = 1 / Math.Sqrt(v);
                    }
                }
                break;
            default:
                for (int c = 0; c < k; c++)
                {
                    _nu[c] = nu0 + nk[c];
                    double meanS = 0, meanDiff = 0;
                    for (int j = 0; j < d; j++)
                    {
                        double dj = xk[c * d + j] - m0[j];
                        meanS += sk[c * d + j];
                        meanDiff += dj * dj;
                    }
                    meanS /= d;
                    meanDiff /= d;
                    double v = (psi[0] + nk[c] * (meanS + beta0 / _beta[c] * meanDiff)) / _nu[c];
                    _covariances[c] = v;
                    _precisionsCholesky[c] = 1 / Math.Sqrt(v);
                }
                break;
        }
        return repaired;
    }

    /// <summary>Factors Σ into scikit-learn's precision factor, adding growing jitter if rounding made it indefinite.</summary>
    private bool FactorWithRepair(Span<double> covariance, Span<double> precisionCholesky)
    {
        int d = _d;
        Span<double> scratch = stackalloc double[2 * d * d];
        if (CholeskyKernels.TryPrecisionCholesky(covariance, d, precisionCholesky, scratch))
            return false;
        double trace = 0;
        for (int j = 0; j < d; j++)
            trace += Math.Abs(covariance[j * d + j]);
        double tau = Math.Max(1e-12 * trace / d, 1e-300);
        for (int attempt = 0; attempt < 60; attempt++, tau *= 10)
        {
            for (int j = 0; j < d; j++)
                covariance[j * d + j] += tau;
            if (CholeskyKernels.TryPrecisionCholesky(covariance, d, precisionCholesky, scratch))
                return true;
        }
        throw new InvalidOperationException("A component covariance stayed indefinite after regularization; the data are not finite or the priors are degenerate.");
    }

    /// <summary>Recomputes ln det Pₖ, 1/σ and the E-step constants from the current posterior; the next statistics are taken about the means.</summary>
    public void UpdateExpectations()
    {
        int k = _k, d = _d;
        Span<double> logWeights = stackalloc double[k];
        ExpectedLogWeights(logWeights);
        for (int c = 0; c < k; c++)
        {
            double logDet;
            switch (_type)
            {
                case CovarianceType.Full:
                    logDet = CholeskyKernels.LogDeterminantOfTriangular(_precisionsCholesky.AsSpan(c * d * d, d * d), d);
                    break;
                case CovarianceType.Tied:
                    logDet = CholeskyKernels.LogDeterminantOfTriangular(_precisionsCholesky, d);
                    break;
                case CovarianceType.Diagonal:
                    logDet = 0;
                    for (int j = 0; j < d; j++)
                    {
                        logDet += Math.Log(_precisionsCholesky[c * d + j]);
                        _inverseStd[c * d + j] = _precisionsCholesky[c * d + j];
                    }
                    break;
                default:
                    logDet = d * Math.Log(_precisionsCholesky[c]);
                    for (int j = 0; j < d; j++)
                        _inverseStd[c * d + j] = _precisionsCholesky[c];
                    break;
            }
            _logDetPrecisionCholesky[c] = logDet;
            double digammaSum = 0;
            for (int j = 0; j < d; j++)
                digammaSum += SpecialFunctions.Digamma(0.5 * (_nu[c] - j));
            double logLambda = d * LogTwo + digammaSum;
            Constants[c] = logWeights[c] + GaussianDensityKernels.LogNormalizer(d, logDet) - 0.5 * d * Math.Log(_nu[c])
                           + 0.5 * (logLambda - d / _beta[c]);
        }
        _means.CopyTo(_shift, 0);
    }

    /// <summary>E[ln πₖ]: ψ(aₖ) − ψ(aₖ + bₖ) + Σⱼ&lt;ₖ (ψ(bⱼ) − ψ(aⱼ + bⱼ)) for the stick-breaking prior, ψ(αₖ) − ψ(Σα) for the Dirichlet.</summary>
    private void ExpectedLogWeights(Span<double> logWeights)
    {
        if (_weightPrior == WeightConcentrationPriorType.DirichletProcess)
        {
            double prefix = 0;
            for (int c = 0; c < _k; c++)
            {
                double digammaSum = SpecialFunctions.Digamma(_a[c] + _b[c]);
                logWeights[c] = SpecialFunctions.Digamma(_a[c]) - digammaSum + prefix;
                prefix += SpecialFunctions.Digamma(_b[c]) - digammaSum;
            }
        }
        else
        {
            double total = 0;
            foreach (double a in _a)
                total += a;
            double digammaTotal = SpecialFunctions.Digamma(total);
            for (int c = 0; c < _k; c++)
                logWeights[c] = SpecialFunctions.Digamma(_a[c]) - digammaTotal;
        }
    }

    /// <summary>
    /// scikit-learn's <c>_compute_lower_bound</c> at the current posterior with the E-step's Σᵢₖ rᵢₖ ln rᵢₖ:
    /// −Σ r ln r − Σₖ W(νₖ, Lₖ) − ln C(weights) − ½d·Σₖ ln βₖ, with Lₖ = ln det Pₖ − ½d·ln νₖ,
    /// W(ν, L) = −(ν·L + ½ν·d·ln 2 + Σⱼ ln Γ((ν − j)/2)) (tied: K·W(ν, L)), and ln C = −Σₖ ln B(aₖ, bₖ)
    /// (Dirichlet process) or ln Γ(Σα) − Σₖ ln Γ(αₖ). Terms constant in the variational parameters are
    /// omitted, as scikit-learn omits them: this is not the full ELBO.
    /// </summary>
    public double LowerBound(double responsibilityLogResponsibility)
    {
        int k = _k, d = _d;
        double logWishart = 0;
        int wishartTerms = _type == CovarianceType.Tied ? 1 : k;
        for (int c = 0; c < wishartTerms; c++)
        {
            double nu = _nu[c];
            double l = _logDetPrecisionCholesky[c] - 0.5 * d * Math.Log(nu);
            double gammas = 0;
            for (int j = 0; j < d; j++)
                gammas += SpecialFunctions.LogGamma(0.5 * (nu - j));
            logWishart += -(nu * l + nu * d * 0.5 * LogTwo + gammas);
        }
        if (_type == CovarianceType.Tied)
            logWishart *= k;
        double logNormWeight;
        if (_weightPrior == WeightConcentrationPriorType.DirichletProcess)
        {
            double s = 0;
            for (int c = 0; c < k; c++)
                s += SpecialFunctions.LogBeta(_a[c], _b[c]);
            logNormWeight = -s;
        }
        else
        {
            double total = 0, gammas = 0;
            for (int c = 0; c < k; c++)
            {
                total += _a[c];
                gammas += SpecialFunctions.LogGamma(_a[c]);
            }
            logNormWeight = SpecialFunctions.LogGamma(total) - gammas;
        }
        double logBeta = 0;
        for (int c = 0; c < k; c++)
            logBeta += Math.Log(_beta[c]);
        return -responsibilityLogResponsibility - logWishart - logNormWeight - 0.5 * d * logBeta;
    }

    /// <summary>Takes the statistics of the next pass about these points (K·d) instead of the means.</summary>
    public void SetShift(ReadOnlySpan<double> shift) => shift.CopyTo(_shift);

    public VariationalGaussianParameters Capture() => new(
        _type, _weightPrior, _k, _d, (double[])_a.Clone(),
        _weightPrior == WeightConcentrationPriorType.DirichletProcess ? (double[])_b.Clone() : [],
        (double[])_beta.Clone(), (double[])_means.Clone(), (double[])_nu.Clone(),
        (double[])_covariances.Clone(), (double[])_precisionsCholesky.Clone());

    public void Restore(VariationalGaussianParameters p)
    {
        p.ConcentrationA.CopyTo(_a, 0);
        p.ConcentrationB.CopyTo(_b, 0);
        p.MeanPrecision.CopyTo(_beta, 0);
        p.Means.CopyTo(_means, 0);
        p.DegreesOfFreedom.CopyTo(_nu, 0);
        p.Covariances.CopyTo(_covariances, 0);
        p.PrecisionsCholesky.CopyTo(_precisionsCholesky, 0);
        UpdateExpectations();
    }
}
