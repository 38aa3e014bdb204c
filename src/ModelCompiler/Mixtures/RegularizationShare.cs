// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// Whether reg_covar, which scikit-learn adds as an absolute amount, makes up half or more of a fitted variance. Data in
/// small units, a spread near 1e-3 and below, are then modelled mostly by the regularization: two clusters ten standard
/// deviations apart in units of 1e-6 merge into one under the default 1e-6, and the fit still reports convergence.
/// </summary>
internal static class RegularizationShare
{
    /// <summary>
    /// The warning naming the variance with the largest share and counting the others of half or more, or null.
    /// Covariances are laid out per <paramref name="type"/> as scikit-learn's; components for which
    /// <paramref name="skip"/> holds are left out.
    /// </summary>
    public static string? Warning(CovarianceType type, int k, int d, double[] covariances, double regularization, Func<int, bool> skip)
    {
        if (!(regularization > 0))
            return null;
        (double share, string where, double variance) worst = (0, "", 0);
        int dominated = 0;
        for (int c = 0; c < (type == CovarianceType.Tied ? 1 : k); c++)
        {
            if (type != CovarianceType.Tied && skip(c))
                continue;
            for (int j = 0; j < (type == CovarianceType.Spherical ? 1 : d); j++)
            {
                double variance = type switch
                {
                    CovarianceType.Full => covariances[(c * d + j) * d + j],
                    CovarianceType.Tied => covariances[j * d + j],
                    CovarianceType.Diagonal => covariances[c * d + j],
                    _ => covariances[c],
                };
                double share = regularization / variance;
                if (share >= 0.5)
                    dominated++;
                if (share > worst.share)
                    worst = (share, type switch
                    {
                        CovarianceType.Tied => $"the tied covariance's feature {j}",
                        CovarianceType.Spherical => $"component {c}",
                        _ => $"component {c}'s feature {j}",
                    }, variance);
            }
        }
        if (worst.share < 0.5)
            return null;
        return FormattableString.Invariant(
            $"RegularizationCovariance {regularization:G3} is {100 * Math.Min(worst.share, 1):F0}% of the fitted variance of {worst.where} ({worst.variance:G3})") +
            (dominated > 1 ? FormattableString.Invariant($", and half or more of {dominated - 1} other fitted variance{(dominated > 2 ? "s" : "")}: ") : ": ") +
            "the covariances are mostly regularization, which blurs and can merge components; express the data in units " +
            "nearer 1 or lower RegularizationCovariance";
    }
}
