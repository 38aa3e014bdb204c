// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// The variational posterior of a <see cref="BayesianGaussianMixture"/> in scikit-learn's shapes (flat,
/// row-major): weight concentration (a, b for the Dirichlet process; α in <see cref="ConcentrationA"/> for
/// the Dirichlet), β (K), m (K·d), ν (K; the tied value repeated), covariances W⁻¹/ν and their precision
/// factors per <see cref="CovarianceType"/>. Immutable by convention: arrays are never written after capture.
/// </summary>
internal sealed record VariationalGaussianParameters(
    CovarianceType Type, WeightConcentrationPriorType WeightPrior, int ComponentCount, int Dimension,
    double[] ConcentrationA, double[] ConcentrationB, double[] MeanPrecision, double[] Means,
    double[] DegreesOfFreedom, double[] Covariances, double[] PrecisionsCholesky)
{
    /// <summary>scikit-learn's <c>weights_</c>: the normalized stick-breaking expectation, or α/Σα.</summary>
    public double[] Weights()
    {
        int k = ComponentCount;
        var w = new double[k];
        if (WeightPrior == WeightConcentrationPriorType.DirichletProcess)
        {
            // E[vₖ]·Πⱼ<ₖ E[1 − vⱼ], then normalized (the truncation leaves mass on the last stick).
            double remaining = 1, total = 0;
            for (int c = 0; c < k; c++)
            {
                double sum = ConcentrationA[c] + ConcentrationB[c];
                w[c] = ConcentrationA[c] / sum * remaining;
                remaining *= ConcentrationB[c] / sum;
                total += w[c];
            }
            for (int c = 0; c < k; c++)
                w[c] /= total;
        }
        else
        {
            double total = 0;
            foreach (double a in ConcentrationA)
                total += a;
            for (int c = 0; c < k; c++)
                w[c] = ConcentrationA[c] / total;
        }
        return w;
    }

    /// <summary>The same parameters as a <see cref="GaussianParameters"/> with <see cref="Weights"/>, for sampling.</summary>
    public GaussianParameters AsGaussian() => new(Type, ComponentCount, Dimension, Weights(), Means, Covariances, PrecisionsCholesky);
}
