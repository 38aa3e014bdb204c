// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Mixtures;

/// <summary>
/// Options of <see cref="GaussianMixture"/>, scikit-learn's constructor arguments. The EM loop's
/// options (tol, max_iter, n_init, warm_start, seed, threads) are in <see cref="Em"/>.
/// </summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>Shared default instance.</summary>
    public static GaussianMixtureOptions Default { get; } = new();

    /// <summary>Covariance structure (scikit-learn's <c>covariance_type</c>, default full).</summary>
    public CovarianceType CovarianceType { get; init; } = CovarianceType.Full;

    /// <summary>
    /// Added to the diagonal of every covariance estimate after each M-step (scikit-learn's
    /// <c>reg_covar</c>): Σₖ = Σᵢ rᵢₖ(xᵢ − μₖ)(xᵢ − μₖ)ᵀ / Nₖ + reg_covar·I. Keeps covariances
    /// positive definite when a component collapses onto a point or a subspace.
    /// </summary>
    public double RegularizationCovariance { get; init; } = 1e-6;

    /// <summary>How each start sets its first responsibilities (default k-means).</summary>
    public GaussianMixtureInitialization Initialization { get; init; } = GaussianMixtureInitialization.KMeans;

    /// <summary>Initial weights (K values in [0, 1] summing to 1 within 1e-8), or null.</summary>
    public double[]? WeightsInit { get; init; }

    /// <summary>Initial means (K×d), or null.</summary>
    public double[,]? MeansInit { get; init; }

    /// <summary>
    /// Initial precisions (inverse covariances) in scikit-learn's shape, row-major: full K·d·d,
    /// tied d·d, diagonal K·d, spherical K. Each must be symmetric positive definite (positive for
    /// diagonal and spherical). Null lets <see cref="Initialization"/> decide.
    /// </summary>
    public double[]? PrecisionsInit { get; init; }

    /// <summary>The EM loop's options.</summary>
    public EmOptions Em { get; init; } = EmOptions.Default;

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!(RegularizationCovariance >= 0) || double.IsInfinity(RegularizationCovariance))
            error = $"{nameof(RegularizationCovariance)} must be finite and ≥ 0, got {RegularizationCovariance}.";
        else if (!Enum.IsDefined(CovarianceType))
            error = $"{nameof(CovarianceType)} {(int)CovarianceType} is not a covariance type.";
        else if (!Enum.IsDefined(Initialization))
            error = $"{nameof(Initialization)} {(int)Initialization} is not an initialization.";
        else if (Em is null)
            error = $"{nameof(Em)} must not be null.";
        else
            Em.IsValid(out error);
        return error is null;
    }
}
