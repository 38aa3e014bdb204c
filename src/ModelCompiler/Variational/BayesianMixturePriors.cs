// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// The priors a <see cref="BayesianGaussianMixture"/> fit used, defaults resolved (scikit-learn's
/// <c>weight_concentration_prior_</c>, <c>mean_precision_prior_</c>, <c>mean_prior_</c>,
/// <c>degrees_of_freedom_prior_</c>, <c>covariance_prior_</c>). Arrays are copies.
/// </summary>
public sealed record BayesianMixturePriors(double WeightConcentration, double MeanPrecision, double[] Mean,
                                           double DegreesOfFreedom, double[] Covariance)
{
    /// <summary>Resolves the options' priors against the data; bad values throw naming the prior.</summary>
    internal static BayesianMixturePriors Resolve(BayesianGaussianMixtureOptions options, ColumnData data, int k)
    {
        int n = data.PointCount, d = data.Dimension;
        const string on = "options";
        double gamma = options.WeightConcentrationPrior ?? 1.0 / k;
        double beta = options.MeanPrecisionPrior ?? 1.0;
        double nu = options.DegreesOfFreedomPrior ?? d;
        if (!(nu > d - 1))
            throw new ArgumentException($"{nameof(options.DegreesOfFreedomPrior)} must be > d − 1 = {d - 1}, got {nu}.", on);

        var mean = new double[d];
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            foreach (double v in data.Columns.AsSpan(j * n, n))
                s += v;
            mean[j] = s / n;
        }
        double[] m0;
        if (options.MeanPrior is { } given)
        {
            if (given.Length != d)
                throw new ArgumentException($"{nameof(options.MeanPrior)} has {given.Length} values; it needs d = {d}.", on);
            for (int j = 0; j < d; j++)
                if (!double.IsFinite(given[j]))
                    throw new ArgumentException($"{nameof(options.MeanPrior)}[{j}] is {given[j]}; it must be finite.", on);
            m0 = (double[])given.Clone();
        }
        else
            m0 = mean;

        double[] psi = options.CovariancePrior is { } cp ? CheckCovariancePrior(cp, options.CovarianceType, d)
                                                        : EmpiricalCovariancePrior(data, mean, options.CovarianceType);
        return new BayesianMixturePriors(gamma, beta, m0, nu, psi);
    }

    private static double[] EmpiricalCovariancePrior(ColumnData data, double[] mean, CovarianceType type)
    {
        int n = data.PointCount, d = data.Dimension;
        if (n < 2)
            throw new ArgumentException("The default covariance prior is the data's covariance, which needs at least 2 points; pass CovariancePrior.", "x");
        var cov = new double[d * d];
        for (int a = 0; a < d; a++)
            for (int b = a; b < d; b++)
            {
                if (type is CovarianceType.Diagonal or CovarianceType.Spherical && a != b)
                    continue;
                double s = 0;
                ReadOnlySpan<double> ca = data.Columns.AsSpan(a * n, n), cb = data.Columns.AsSpan(b * n, n);
                for (int i = 0; i < n; i++)
                    s += (ca[i] - mean[a]) * (cb[i] - mean[b]);
                cov[a * d + b] = cov[b * d + a] = s / (n - 1);
            }
        // As scikit-learn's, the default prior may be singular (a constant feature): it enters only in sums with each
        // component's scatter, which reg_covar keeps positive definite.
        double[] prior;
        switch (type)
        {
            case CovarianceType.Full:
            case CovarianceType.Tied:
                prior = cov;
                break;
            case CovarianceType.Diagonal:
                prior = new double[d];
                for (int j = 0; j < d; j++)
                    prior[j] = cov[j * d + j];
                break;
            default:
                double total = 0;
                for (int j = 0; j < d; j++)
                    total += cov[j * d + j];
                prior = [total / d];
                break;
        }
        return prior;
    }

    private static double[] CheckCovariancePrior(double[] prior, CovarianceType type, int d)
    {
        const string name = nameof(BayesianGaussianMixtureOptions.CovariancePrior);
        int expected = type switch { CovarianceType.Full or CovarianceType.Tied => d * d, CovarianceType.Diagonal => d, _ => 1 };
        if (prior.Length != expected)
            throw new ArgumentException($"{name} has {prior.Length} values; {type} covariance needs {expected}.", "options");
        for (int m = 0; m < prior.Length; m++)
            if (!double.IsFinite(prior[m]))
                throw new ArgumentException($"{name}[{m}] is {prior[m]}; it must be finite.", "options");
        if (type is CovarianceType.Full or CovarianceType.Tied)
        {
            for (int a = 0; a < d; a++)
                for (int b = 0; b < a; b++)
                    if (Math.Abs(prior[a * d + b] - prior[b * d + a]) > 1e-8 + 1e-5 * Math.Abs(prior[b * d + a]))
                        throw new ArgumentException($"{name} is not symmetric ([{a}, {b}] ≠ [{b}, {a}]).", "options");
            Span<double> lower = stackalloc double[d * d];
            if (!CholeskyKernels.TryFactorLower(prior, d, lower))
                throw new ArgumentException($"{name} is not positive definite.", "options");
        }
        else
            for (int m = 0; m < prior.Length; m++)
                if (!(prior[m] > 0))
                    throw new ArgumentException($"{name}[{m}] is {prior[m]}; it must be > 0.", "options");
        return (double[])prior.Clone();
    }
}
