// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// Checks the explicit initial values of <see cref="GaussianMixtureOptions"/> against K and d and
/// converts precisions to covariances and scikit-learn's precision factors. Each failure is an
/// <see cref="ArgumentException"/> naming the value and the component.
/// </summary>
internal static class ExplicitStartValidation
{
    public static ExplicitStart? Build(GaussianMixtureOptions options, int k, int d)
    {
        if (options.WeightsInit is null && options.MeansInit is null && options.PrecisionsInit is null)
            return null;
        return new ExplicitStart(Weights(options.WeightsInit, k),
                                 Means(options.MeansInit, k, d, nameof(GaussianMixtureOptions.MeansInit), "means"),
                                 Covariances(options, k, d, out double[]? factors), factors);
    }

    private static double[]? Weights(double[]? weights, int k) =>
        weights is null ? null : MixingWeights(weights, k, nameof(GaussianMixtureOptions.WeightsInit), "options");

    /// <summary>
    /// The one rule for mixing weights given by the caller, in every mixture: K values, each in [0, 1], summing to 1
    /// within 1e-8 (scikit-learn's <c>_check_weights</c>: <c>np.allclose(|1 − Σw|, 0)</c>). They are used as given,
    /// never renormalized, so a typo cannot silently become a different start. Returns a copy.
    /// </summary>
    internal static double[] MixingWeights(double[] weights, int k, string name, string parameterName)
    {
        if (weights.Length != k)
            throw new ArgumentException($"{name} has {weights.Length} values but the mixture has {k} components.", parameterName);
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            if (!(weights[c] >= 0 && weights[c] <= 1))
                throw new ArgumentException($"{name}[{c}] is {weights[c]}; every weight must lie in [0, 1].", parameterName);
            sum += weights[c];
        }
        if (!(Math.Abs(1 - sum) <= 1e-8))
            throw new ArgumentException($"{name} sums to {sum:R}; the weights must sum to 1 (within 1e-8).", parameterName);
        return (double[])weights.Clone();
    }

    /// <summary>
    /// A K×d matrix of starting means, flattened row-major; a wrong shape or a non-finite entry is an error naming
    /// the option <paramref name="name"/> (the variational mixtures' starts are checked by the same rule).
    /// </summary>
    internal static double[]? Means(double[,]? means, int k, int d, string name, string noun)
    {
        if (means is null)
            return null;
        if (means.GetLength(0) != k || means.GetLength(1) != d)
            throw new ArgumentException($"{name} is {means.GetLength(0)}×{means.GetLength(1)}; it must be K×d = {k}×{d}.", "options");
        var flat = new double[k * d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++)
            {
                if (!double.IsFinite(means[c, j]))
                    throw new ArgumentException($"{name}[{c}, {j}] is {means[c, j]}; {noun} must be finite.", "options");
                flat[c * d + j] = means[c, j];
            }
        return flat;
    }

    private static double[]? Covariances(GaussianMixtureOptions options, int k, int d, out double[]? factors)
    {
        factors = null;
        double[]? precisions = options.PrecisionsInit;
        if (precisions is null)
            return null;
        const string name = nameof(GaussianMixtureOptions.PrecisionsInit);
        CovarianceType type = options.CovarianceType;
        int expected = GaussianParameters.CovarianceLength(type, k, d);
        if (precisions.Length != expected)
        {
            string shape = type switch
            {
                CovarianceType.Full => $"K·d·d = {k}·{d}·{d}",
                CovarianceType.Tied => $"d·d = {d}·{d}",
                CovarianceType.Diagonal => $"K·d = {k}·{d}",
                _ => $"K = {k}",
            };
            throw new ArgumentException($"{name} has {precisions.Length} values; {type} covariance needs {shape} = {expected}.", "options");
        }
        var covariances = new double[expected];
        factors = new double[expected];
        if (type is CovarianceType.Diagonal or CovarianceType.Spherical)
        {
            for (int m = 0; m < expected; m++)
            {
                if (!(precisions[m] > 0) || !double.IsFinite(precisions[m]))
                    throw new ArgumentException($"{name}[{m}] (component {(type == CovarianceType.Spherical ? m : m / d)}) is {precisions[m]}; precisions must be finite and positive.", "options");
                covariances[m] = 1 / precisions[m];
                factors[m] = Math.Sqrt(precisions[m]);
            }
            return covariances;
        }
        int blocks = type == CovarianceType.Full ? k : 1;
        Span<double> lower = stackalloc double[d * d];
        Span<double> inverse = stackalloc double[d * d];
        Span<double> scratch = stackalloc double[2 * d * d];
        for (int c = 0; c < blocks; c++)
        {
            ReadOnlySpan<double> p = precisions.AsSpan(c * d * d, d * d);
            string which = type == CovarianceType.Full ? $"component {c}" : "the tied matrix";
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                {
                    if (!double.IsFinite(p[a * d + b]))
                        throw new ArgumentException($"{name}: {which} has a non-finite entry [{a}, {b}].", "options");
                    // numpy.allclose(P, Pᵀ): |P_ab − P_ba| ≤ 1e-8 + 1e-5·|P_ba|.
                    if (Math.Abs(p[a * d + b] - p[b * d + a]) > 1e-8 + 1e-5 * Math.Abs(p[b * d + a]))
                        throw new ArgumentException($"{name}: {which} is not symmetric ([{a}, {b}] = {p[a * d + b]} but [{b}, {a}] = {p[b * d + a]}).", "options");
                }
            if (!CholeskyKernels.TryFactorLower(p, d, lower))
                throw new ArgumentException($"{name}: {which} is not positive definite.", "options");
            // Σ = Λ⁻¹ = L⁻ᵀL⁻¹ from Λ = L·Lᵀ, then scikit-learn's upper factor of Σ⁻¹.
            CholeskyKernels.InvertLower(lower, d, inverse);
            Span<double> cov = covariances.AsSpan(c * d * d, d * d);
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                {
                    double s = 0;
                    for (int m = 0; m < d; m++)
                        s += inverse[m * d + a] * inverse[m * d + b];
                    cov[a * d + b] = s;
                }
            if (!CholeskyKernels.TryPrecisionCholesky(cov, d, factors.AsSpan(c * d * d, d * d), scratch))
                throw new ArgumentException($"{name}: {which} is too ill-conditioned to invert.", "options");
        }
        return covariances;
    }
}
