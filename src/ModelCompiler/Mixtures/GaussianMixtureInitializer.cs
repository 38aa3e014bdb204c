// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// scikit-learn's <c>GaussianMixture._initialize</c>: first responsibilities by the chosen method, one
/// M-step from them (weights = (Nₖ + 10ε)/n, as scikit-learn divides by the number of points), then
/// the explicit weights, means and precisions override what they cover.
/// </summary>
internal sealed class GaussianMixtureInitializer(GaussianFamily family, GaussianMixtureOptions options, ExplicitStart? explicitStart)
{
    public GaussianParameters Initialize(Random random, EmExecution execution)
    {
        ColumnData data = family.Data;
        int n = data.PointCount, d = data.Dimension, k = family.ComponentCount;
        GaussianParameters parameters;
        if (explicitStart is { Weights: not null, Means: not null, Covariances: not null })
            parameters = new GaussianParameters(options.CovarianceType, k, d, explicitStart.Weights, explicitStart.Means,
                                                explicitStart.Covariances!, explicitStart.PrecisionsCholesky!);
        else
        {
            (double[] responsibilities, double[] shift) = FirstResponsibilities(data, k, options.Initialization, random, execution);
            family.MaximizeFromResponsibilities(responsibilities, shift, execution);
            GaussianParameters fromData = family.CaptureParameters();
            double[] weights = new double[k];
            for (int c = 0; c < k; c++)
            {
                double nk = 0;
                for (int i = 0; i < n; i++)
                    nk += responsibilities[c * n + i];
                weights[c] = (nk + 10 * 2.220446049250313e-16) / n;
            }
            parameters = fromData with
            {
                Weights = explicitStart?.Weights ?? weights,
                Means = explicitStart?.Means ?? fromData.Means,
                Covariances = explicitStart?.Covariances ?? fromData.Covariances,
                PrecisionsCholesky = explicitStart?.PrecisionsCholesky ?? fromData.PrecisionsCholesky,
            };
        }
        return parameters with
        {
            Weights = (double[])parameters.Weights.Clone(),
            Means = (double[])parameters.Means.Clone(),
            Covariances = (double[])parameters.Covariances.Clone(),
            PrecisionsCholesky = (double[])parameters.PrecisionsCholesky.Clone(),
        };
    }

    /// <summary>
    /// Component-major n×K responsibilities by <paramref name="method"/> and the K·d points the statistics are taken
    /// about; the variational mixture starts from the same responsibilities.
    /// </summary>
    internal static (double[] Responsibilities, double[] Shift) FirstResponsibilities(ColumnData data, int k, GaussianMixtureInitialization method,
                                                                                      Random random, EmExecution execution)
    {
        int n = data.PointCount, d = data.Dimension;
        var resp = new double[n * k];
        var shift = new double[k * d];
        switch (method)
        {
            case GaussianMixtureInitialization.KMeans:
            {
                KMeansResult km = KMeans.Fit(data, k, random, execution);
                for (int i = 0; i < n; i++)
                    resp[km.Labels[i] * n + i] = 1;
                km.Centers.CopyTo(shift, 0);
                break;
            }
            case GaussianMixtureInitialization.KMeansPlusPlus:
                OneHotAt(data, KMeans.PlusPlus(data, k, random, execution), resp, shift);
                break;
            case GaussianMixtureInitialization.RandomFromData:
            {
                // k distinct points by a partial Fisher–Yates shuffle of the indices.
                var indices = new int[n];
                for (int i = 0; i < n; i++)
                    indices[i] = i;
                for (int c = 0; c < k; c++)
                {
                    int j = c + random.Next(n - c);
                    (indices[c], indices[j]) = (indices[j], indices[c]);
                }
                OneHotAt(data, indices[..k], resp, shift);
                break;
            }
            default:
            {
                for (int i = 0; i < n; i++)
                {
                    double sum = 0;
                    for (int c = 0; c < k; c++)
                        sum += resp[c * n + i] = random.NextDouble();
                    for (int c = 0; c < k; c++)
                        resp[c * n + i] /= sum;
                }
                for (int j = 0; j < d; j++)
                {
                    double mean = 0;
                    for (int i = 0; i < n; i++)
                        mean += data.Columns[j * n + i];
                    mean /= n;
                    for (int c = 0; c < k; c++)
                        shift[c * d + j] = mean;
                }
                break;
            }
        }
        return (resp, shift);
    }

    private static void OneHotAt(ColumnData data, int[] points, double[] resp, double[] shift)
    {
        int n = data.PointCount, d = data.Dimension;
        for (int c = 0; c < points.Length; c++)
        {
            resp[c * n + points[c]] = 1;
            for (int j = 0; j < d; j++)
                shift[c * d + j] = data.Columns[j * n + points[c]];
        }
    }
}

/// <summary>Validated explicit initial values; a null part is left to the initialization method.</summary>
internal sealed record ExplicitStart(double[]? Weights, double[]? Means, double[]? Covariances, double[]? PrecisionsCholesky);
