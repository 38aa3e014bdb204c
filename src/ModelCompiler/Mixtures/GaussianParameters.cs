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

    /// <summary>
    /// scikit-learn's <c>precisions_</c> from <c>precisions_cholesky_</c>, same shapes: P·Pᵀ per component for full, once
    /// for tied, the squares 1/σ² for diagonal and spherical.
    /// </summary>
    public static double[] Precisions(CovarianceType type, int k, int d, double[] precisionsCholesky)
    {
        var precisions = new double[precisionsCholesky.Length];
        if (type is CovarianceType.Diagonal or CovarianceType.Spherical)
        {
            for (int m = 0; m < precisions.Length; m++)
                precisions[m] = precisionsCholesky[m] * precisionsCholesky[m];
            return precisions;
        }
        int blocks = type == CovarianceType.Full ? k : 1;
        for (int c = 0; c < blocks; c++)
        {
            ReadOnlySpan<double> factor = precisionsCholesky.AsSpan(c * d * d, d * d);
            Span<double> block = precisions.AsSpan(c * d * d, d * d);
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                {
                    double sum = 0;
                    for (int j = 0; j < d; j++)
                        sum += factor[a * d + j] * factor[b * d + j];
                    block[a * d + b] = sum;
                }
        }
        return precisions;
    }

    /// <summary>
    /// Σᵢ ln p(xᵢ) of the plain mixture with these parameters, as scikit-learn's <c>score(X)·n</c>: the E-step of
    /// <see cref="GaussianFamily"/> over <paramref name="data"/>.
    /// </summary>
    public double TotalLogLikelihood(ColumnData data, int? maxDegreeOfParallelism)
    {
        var family = new GaussianFamily(data, ComponentCount, Type, 0);
        family.SetParameters(this);
        return EmEngine.EStep<GaussianFamily, GaussianParameters>(family, [], [], EmExecution.Create(maxDegreeOfParallelism, CancellationToken.None))
               * data.PointCount;
    }

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
