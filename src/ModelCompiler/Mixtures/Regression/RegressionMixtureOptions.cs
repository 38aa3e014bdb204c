// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Mixtures.Regression;

/// <summary>How the random starts of a regression mixture are drawn (when no explicit start is given).</summary>
public enum RegressionMixtureInitialization
{
    /// <summary>Each point is assigned to a uniformly drawn component; θ₀ is the M-step from that partition (mixtools' regmix.init).</summary>
    RandomPartition,

    /// <summary>Each point gets responsibilities u/Σu with u ~ U(0, 1)ᴷ; θ₀ is the M-step from them.</summary>
    RandomResponsibilities,

    /// <summary>
    /// Each component's θ₀ and σ₀ are the M-step from its own random subset of 2P + 1 points (the subsets disjoint), and
    /// the weights are equal. The starts are as varied as the curves through a few of the data's points, where a random
    /// partition starts every component near the one pooled fit: on two lines with 5% outliers, 10 random partitions
    /// all reached log L = −982.45 (as flexmix does) and random subsets −972.35 (as mixtools does). Subsets of P + 1
    /// points reached it more often, but also started components so narrow that they stayed on those points alone (σ =
    /// 4.5e-5 on three points of one line). With fewer than K·(2P + 1) points it is <see cref="RandomPartition"/>.
    /// </summary>
    RandomSubsets,

    /// <summary>
    /// The starts alternate, <see cref="RandomPartition"/> first, then <see cref="RandomSubsets"/> (the default): the
    /// maximum the partitions reach nearly every time, and the subsets' chance at a higher one.
    /// </summary>
    PartitionsAndSubsets,
}

/// <summary>
/// Options of <see cref="RegressionMixture"/>. Notation: ℓ_t = (1/n)·Σᵢ ln Σₖ πₖ p(yᵢ | xᵢ, θₖ, sₖ) is the mean
/// log-likelihood per point at the parameters before the M-step of iteration t, and L = n·ℓ the summed log-likelihood
/// (R's <c>logLik</c>; see <see cref="EmOptions"/>).
/// </summary>
public sealed record RegressionMixtureOptions
{
    /// <summary>Shared default instance.</summary>
    public static RegressionMixtureOptions Default { get; } = new();

    /// <summary>
    /// The tolerance of <see cref="StoppingRule"/>, whose scale depends on the rule. With the default rule it is per
    /// point: EM stops at the first iteration with |ℓ_t − ℓ_{t−1}| &lt; tol on the mean log-likelihood ℓ, so the summed
    /// log-likelihood L changed by less than n·tol (1e-10 per point is 2e-8 on 200 points). With
    /// <see cref="EmStoppingRule.LogLikelihoodIncrease"/> it bounds the rise of the summed L (mixtools' <c>epsilon</c>,
    /// 1e-8 there), with <see cref="EmStoppingRule.RelativeLogLikelihoodChange"/> the relative change of L (flexmix's
    /// <c>tolerance</c>, 1e-6 there). Zero runs <see cref="MaxIterations"/> iterations under the default rule.
    /// </summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Which change of the log-likelihood stops EM: scikit-learn's per-point rule (default), mixtools' or flexmix's.</summary>
    public EmStoppingRule StoppingRule { get; init; } = EmStoppingRule.MeanLogLikelihoodChange;

    /// <summary>How the M-step estimates a Gaussian component's σ: the MLE (default, as mixtools) or flexmix's estimator.</summary>
    public RegressionScaleEstimator ScaleEstimator { get; init; } = RegressionScaleEstimator.MaximumLikelihood;

    /// <summary>EM iterations (E-step then M-step) per start at most.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Number of random starts; the one with the largest final ℓ is kept. One run when an explicit start is given.</summary>
    public int InitializationCount { get; init; } = 10;

    /// <summary>How random starts are drawn.</summary>
    public RegressionMixtureInitialization Initialization { get; init; } = RegressionMixtureInitialization.PartitionsAndSubsets;

    /// <summary>Seed of the random starts; equal seeds give equal fits.</summary>
    public int Seed { get; init; }

    /// <summary>Maximum worker threads of the E-step; null uses every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Points per partition, in data order, or null for one partition: sums over the points are formed within each
    /// partition (in chunks, in chunk order), then across partitions in order, as a fit whose partitions live on other
    /// machines forms them (<see cref="RegressionMixture.Fit{TMixture, TModel}(Distributed.IPartitionedData, RegressionMixtureOptions?, IProgress{EmProgress}?, CancellationToken)"/>).
    /// Every length but the last must be a multiple of <see cref="EmEngine.ChunkLength"/>.
    /// </summary>
    public IReadOnlyList<int>? PartitionLengths { get; init; }

    /// <summary>
    /// Explicit start: component weights π₀, K values in [0, 1] summing to 1 within 1e-8 and used as given (the rule of
    /// <see cref="GaussianMixtureOptions.WeightsInit"/>, scikit-learn's). Give all three of weights, parameters and
    /// scales, or none.
    /// </summary>
    public double[]? InitialWeights { get; init; }

    /// <summary>Explicit start: θ₀, component-major K×P (<c>[k, j]</c> is parameter j of component k).</summary>
    public double[,]? InitialParameters { get; init; }

    /// <summary>Explicit start: the K noise scales (σ for Gaussian, b for Laplace), positive.</summary>
    public double[]? InitialScales { get; init; }

    /// <summary>
    /// Where the Levenberg–Marquardt M-step of a model nonlinear in θ starts on random starts (P values; zeros
    /// when null). Later M-steps start from the current θₖ. Unused for models linear in θ.
    /// </summary>
    public double[]? StartingParameters { get; init; }

    /// <summary>Options of the weighted Levenberg–Marquardt M-step for models nonlinear in θ.</summary>
    public CurveFitOptions CurveFit { get; init; } = CurveFitOptions.Default;

    /// <summary>
    /// Laplace noise: IRLS iterations of one weighted least-absolute-deviations step at most. IRLS minimizes
    /// Σᵢ wᵢ|eᵢ| by weighted least squares with weights wᵢ / max(|eᵢ|, δ), δ = 1e-12 · Σwᵢ|eᵢ| / Σwᵢ, and stops
    /// when Σwᵢ|eᵢ| changes by at most <see cref="LeastAbsoluteDeviationTolerance"/> relative.
    /// </summary>
    public int LeastAbsoluteDeviationIterations { get; init; } = 500;

    /// <summary>Relative change of Σwᵢ|eᵢ| below which IRLS stops.</summary>
    public double LeastAbsoluteDeviationTolerance { get; init; } = 1e-15;

    /// <summary>
    /// A component's scale never falls below this fraction of the standard deviation of y: a component that
    /// interpolates P points would otherwise drive the likelihood to +∞. A fit that ends with a scale at this floor
    /// is a degenerate solution and says so (<see cref="EmTermination.DegenerateComponent"/>), and among random
    /// starts one that ends without floor or empty component is preferred, as mixtools restarts when σ → 0.
    /// </summary>
    public double MinimumScaleFraction { get; init; } = 1e-8;

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        int given = (InitialWeights is null ? 0 : 1) + (InitialParameters is null ? 0 : 1) + (InitialScales is null ? 0 : 1);
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
            error = $"{nameof(Tolerance)} must be finite and ≥ 0, got {Tolerance}.";
        else if (MaxIterations < 1)
            error = $"{nameof(MaxIterations)} must be ≥ 1, got {MaxIterations}.";
        else if (InitializationCount < 1)
            error = $"{nameof(InitializationCount)} must be ≥ 1, got {InitializationCount}.";
        else if (!Enum.IsDefined(Initialization))
            error = $"{nameof(Initialization)} {(int)Initialization} is not a defined value.";
        else if (MaxDegreeOfParallelism is < 1)
            error = $"{nameof(MaxDegreeOfParallelism)} must be ≥ 1 or null, got {MaxDegreeOfParallelism}.";
        else if (!Enum.IsDefined(StoppingRule))
            error = $"{nameof(StoppingRule)} {(int)StoppingRule} is not a stopping rule.";
        else if (!Enum.IsDefined(ScaleEstimator))
            error = $"{nameof(ScaleEstimator)} {(int)ScaleEstimator} is not a scale estimator.";
        else if (given is 1 or 2)
            error = $"Give all of {nameof(InitialWeights)}, {nameof(InitialParameters)} and {nameof(InitialScales)}, or none.";
        else if (LeastAbsoluteDeviationIterations < 1)
            error = $"{nameof(LeastAbsoluteDeviationIterations)} must be ≥ 1, got {LeastAbsoluteDeviationIterations}.";
        else if (!(LeastAbsoluteDeviationTolerance >= 0) || double.IsInfinity(LeastAbsoluteDeviationTolerance))
            error = $"{nameof(LeastAbsoluteDeviationTolerance)} must be finite and ≥ 0, got {LeastAbsoluteDeviationTolerance}.";
        else if (!(MinimumScaleFraction > 0) || double.IsInfinity(MinimumScaleFraction))
            error = $"{nameof(MinimumScaleFraction)} must be finite and > 0, got {MinimumScaleFraction}.";
        else if (CurveFit is null || !CurveFit.IsValid(out error))
            error ??= $"{nameof(CurveFit)} must not be null.";
        return error is null;
    }

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "options");
    }
}
