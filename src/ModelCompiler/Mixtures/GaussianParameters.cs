// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// An immutable snapshot of a Gaussian mixture's parameters in scikit-learn's shapes (flat, row-major):
/// weights K, means K·d, covariances and precision factors per <see cref="CovarianceType"/>.
/// </summary>
internal sealed record GaussianParameters(CovarianceType Type, int ComponentCount, int Dimension,
                                          double[] Weights, double[] Means, double[] Covariances, double[] PrecisionsCholesky)
{
    /// <summary>Values per covariance array: full K·d·d, tied d·d, diagonal K·d, spherical K.</summary>
    public static int CovarianceLength(CovarianceType type, int k, int d) => type switch
    {
        CovarianceType.Full => k * d * d,
        CovarianceType.Tied => d * d,
        CovarianceType.Diagonal => k * d,
        _ => k,
    };

    /// <summary>scikit-learn's <c>_n_parameters</c>: K·d means + K − 1 weights + the covariance count.</summary>
    public static int FreeParameterCount(CovarianceType type, int k, int d)
    {
        int covariance = type switch
        {
            CovarianceType.Full => k * d * (d + 1) / 2,
            CovarianceType.Tied => d * (d + 1) / 2,
            CovarianceType.Diagonal => k * d,
            _ => k,
        };
        return k * d + k - 1 + covariance;
    }
}
