// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// Options of <see cref="BayesianGaussianMixture"/>, scikit-learn's <c>BayesianGaussianMixture</c>
/// constructor arguments. A null prior takes scikit-learn's data-dependent default, resolved at
/// <see cref="BayesianGaussianMixture.Fit"/> and reported in <see cref="BayesianGaussianMixture.Priors"/>.
/// </summary>
public sealed record BayesianGaussianMixtureOptions
{
    /// <summary>Shared default instance.</summary>
    public static BayesianGaussianMixtureOptions Default { get; } = new();

    /// <summary>Covariance structure (default full).</summary>
    public CovarianceType CovarianceType { get; init; } = CovarianceType.Full;

    /// <summary>Prior on the weights (default the Dirichlet process, as scikit-learn).</summary>
    public WeightConcentrationPriorType WeightConcentrationPriorType { get; init; } = WeightConcentrationPriorType.DirichletProcess;

    /// <summary>γ₀ of Beta(1, γ₀) (Dirichlet process) or α₀ of the Dirichlet; &gt; 0; null → 1/K.</summary>
    public double? WeightConcentrationPrior { get; init; }

    /// <summary>β₀, the precision of the prior on the means in units of the component precision; &gt; 0; null → 1.</summary>
    public double? MeanPrecisionPrior { get; init; }

    /// <summary>m₀, the prior mean (d values); null → the data mean.</summary>
    public double[]? MeanPrior { get; init; }

    /// <summary>ν₀ of the Wishart prior; &gt; d − 1; null → d.</summary>
    public double? DegreesOfFreedomPrior { get; init; }

    /// <summary>
    /// Ψ₀ of the Wishart prior, flat in scikit-learn's shape: full and tied d·d (symmetric positive
    /// definite), diagonal d (positive), spherical 1 (positive). Null → the data's covariance
    /// (divisor n − 1) for full and tied, its diagonal for diagonal, the mean of that diagonal for spherical.
    /// </summary>
    public double[]? CovariancePrior { get; init; }

    /// <summary>
    /// Added to the diagonal of each component's empirical covariance Sₖ in every M-step
    /// (scikit-learn's <c>reg_covar</c>): Sₖ = Σᵢ rᵢₖ(xᵢ − x̄ₖ)(xᵢ − x̄ₖ)ᵀ / Nₖ + reg_covar·I.
    /// </summary>
    public double RegularizationCovariance { get; init; } = 1e-6;

    /// <summary>How each start sets its first responsibilities when <see cref="InitialResponsibilities"/> is null (default k-means).</summary>
    public GaussianMixtureInitialization Initialization { get; init; } = GaussianMixtureInitialization.KMeans;

    /// <summary>
    /// Explicit first responsibilities (n×K, finite, ≥ 0, e.g. one-hot labels) for every start; the first
    /// M-step is taken from them exactly as scikit-learn's <c>_initialize</c>. Null lets <see cref="Initialization"/> decide.
    /// </summary>
    public double[,]? InitialResponsibilities { get; init; }

    /// <summary>
    /// Stops at the first iteration t with |L_t − L_{t−1}| &lt; tol, L the lower bound (a total over the points, as
    /// scikit-learn's for this class; L₀ = −∞, or the earlier fit's bound on a warm start); absolute, as scikit-learn's
    /// <c>tol</c>. Zero runs exactly <see cref="MaxIterations"/> iterations.
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Iterations (E-step, M-step, lower bound) per start at most (scikit-learn's <c>max_iter</c>).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Number of starts; the one with the largest final lower bound is kept (scikit-learn's <c>n_init</c>). Ignored (one
    /// run) when <see cref="WarmStart"/> continues from an earlier fit.
    /// </summary>
    public int InitializationCount { get; init; } = 1;

    /// <summary>
    /// scikit-learn's <c>warm_start</c>: a second <see cref="BayesianGaussianMixture.Fit"/> continues from the posterior of
    /// the first instead of initializing, and its first change of the bound is taken against the first fit's bound.
    /// </summary>
    public bool WarmStart { get; init; }

    /// <summary>Seed of the random stream the starts draw from; equal seeds give equal fits.</summary>
    public int Seed { get; init; }

    /// <summary>Maximum number of worker threads; null uses every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>A component counts in <see cref="BayesianGaussianMixture.EffectiveComponents"/> when its weight exceeds this (default 0.01).</summary>
    public double EffectiveWeightThreshold { get; init; } = 0.01;

    /// <summary>Returns false with a message naming the first invalid option (shapes are checked against the data by Fit).</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!Enum.IsDefined(CovarianceType))
            error = $"{nameof(CovarianceType)} {(int)CovarianceType} is not a covariance type.";
        else if (!Enum.IsDefined(WeightConcentrationPriorType))
            error = $"{nameof(WeightConcentrationPriorType)} {(int)WeightConcentrationPriorType} is not a weight prior.";
        else if (!Enum.IsDefined(Initialization))
            error = $"{nameof(Initialization)} {(int)Initialization} is not an initialization.";
        else if (WeightConcentrationPrior is { } g && (!(g > 0) || double.IsInfinity(g)))
            error = $"{nameof(WeightConcentrationPrior)} must be finite and > 0, got {g}.";
        else if (MeanPrecisionPrior is { } b && (!(b > 0) || double.IsInfinity(b)))
            error = $"{nameof(MeanPrecisionPrior)} must be finite and > 0, got {b}.";
        else if (DegreesOfFreedomPrior is { } nu && (double.IsNaN(nu) || double.IsInfinity(nu)))
            error = $"{nameof(DegreesOfFreedomPrior)} must be finite, got {nu}.";
        else if (!(RegularizationCovariance >= 0) || double.IsInfinity(RegularizationCovariance))
            error = $"{nameof(RegularizationCovariance)} must be finite and ≥ 0, got {RegularizationCovariance}.";
        else if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
            error = $"{nameof(Tolerance)} must be finite and ≥ 0, got {Tolerance}.";
        else if (MaxIterations < 1)
            error = $"{nameof(MaxIterations)} must be ≥ 1, got {MaxIterations}.";
        else if (InitializationCount < 1)
            error = $"{nameof(InitializationCount)} must be ≥ 1, got {InitializationCount}.";
        else if (MaxDegreeOfParallelism is < 1)
            error = $"{nameof(MaxDegreeOfParallelism)} must be ≥ 1 when given, got {MaxDegreeOfParallelism}.";
        else if (!(EffectiveWeightThreshold >= 0 && EffectiveWeightThreshold < 1))
            error = $"{nameof(EffectiveWeightThreshold)} must lie in [0, 1), got {EffectiveWeightThreshold}.";
        return error is null;
    }
}
