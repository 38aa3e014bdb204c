// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// How responsibilities are set before the first M-step of each start (scikit-learn's <c>init_params</c>).
/// Explicit <see cref="GaussianMixtureOptions.WeightsInit"/>, <see cref="GaussianMixtureOptions.MeansInit"/>
/// and <see cref="GaussianMixtureOptions.PrecisionsInit"/> then override what this produced.
/// </summary>
public enum GaussianMixtureInitialization
{
    /// <summary>Labels of k-means (k-means++ seeding, then Lloyd), one-hot.</summary>
    KMeans,
    /// <summary>One-hot on the k-means++ seed points only: each component starts from one point, covariance = reg_covar·I.</summary>
    KMeansPlusPlus,
    /// <summary>Uniform random responsibilities, normalized per point.</summary>
    Random,
    /// <summary>One-hot on K distinct points drawn at random.</summary>
    RandomFromData,
}
