// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Distributed;

namespace ModelCompiler.Mixtures;

/// <summary>
/// A Gaussian mixture fitted by EM, with scikit-learn's <c>GaussianMixture</c> surface and semantics:
/// full, tied, diagonal or spherical covariances; k-means, k-means++, random or explicit starts;
/// <c>reg_covar</c> added to every covariance diagonal; precisions kept as Cholesky factors; the lower
/// bound is the mean log-likelihood. Data are n×d arrays, one row per point.
/// </summary>
/// <remarks>
/// <para>
/// Components that empty or collapse do not produce NaN, and every fitted model can be sampled and scored.
/// An empty component (total responsibility ≤ 1e-8 of a point) keeps its last mean and covariance with a
/// weight ≈ 0; one that never had points (k-means found fewer distinct clusters than components) starts at
/// its start point with scikit-learn's covariance for it, reg_covar·I. A covariance that is not positive
/// definite even with reg_covar is lifted by a small diagonal (1e-10 of each feature's variance, ×10 until
/// positive definite). Both are reported in <see cref="FitSummary"/>:
/// <see cref="EmResult.EmptyComponents"/> and <see cref="EmResult.Warnings"/> name the components,
/// <see cref="EmResult.RepairedSteps"/> counts the M-steps that repaired. The termination stays scikit-learn's,
/// <see cref="EmTermination.Converged"/> when the bound settled, except where the last M-step lifted a covariance: the
/// likelihood has no maximum there (scikit-learn raises), and the termination is
/// <see cref="EmTermination.DegenerateComponent"/>. When they occur, fewer components or a larger
/// <see cref="GaussianMixtureOptions.RegularizationCovariance"/> usually give a better model.
/// </para>
/// <para>
/// Data whose squared deviations, summed over the points, would overflow double (values spread over more
/// than about 1e150) are refused with an <see cref="ArgumentException"/> naming the column: their
/// covariances cannot be represented. Divide such data by a constant first.
/// </para>
/// </remarks>
public sealed class GaussianMixture
{
    private GaussianParameters? _parameters;
    private EmResult? _summary;

    /// <summary>A mixture of <paramref name="componentCount"/> Gaussians (scikit-learn's <c>n_components</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="componentCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public GaussianMixture(int componentCount, GaussianMixtureOptions? options = null)
    {
        if (componentCount < 1)
            throw new ArgumentOutOfRangeException(nameof(componentCount), componentCount, "A mixture needs at least one component.");
        options ??= GaussianMixtureOptions.Default;
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        ComponentCount = componentCount;
        Options = options;
    }

    /// <summary>Number of components K.</summary>
    public int ComponentCount { get; }

    /// <summary>The options the mixture was created with.</summary>
    public GaussianMixtureOptions Options { get; }

    /// <summary>True after a successful <c>Fit</c>.</summary>
    public bool IsFitted => _parameters is not null;

    /// <summary>Number of features d of the fitted data.</summary>
    public int Dimension => Fitted.Dimension;

    /// <summary>The EM summary of the last fit (iterations, lower-bound trace, termination, repairs).</summary>
    public EmResult FitSummary => _summary ?? throw NotFitted();

    /// <summary>True when the last fit met the tolerance (scikit-learn's <c>converged_</c>).</summary>
    public bool Converged => FitSummary.Converged;

    /// <summary>EM iterations of the kept start (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations => FitSummary.Iterations;

    /// <summary>Mean log-likelihood of the last E-step of the kept start (scikit-learn's <c>lower_bound_</c>).</summary>
    public double LowerBound => FitSummary.LowerBound;

    /// <summary>Mixing weights πₖ (a copy; K values).</summary>
    public double[] Weights => (double[])Fitted.Weights.Clone();

    /// <summary>Means (a copy; K×d).</summary>
    public double[,] Means => ToMatrix(Fitted.Means, ComponentCount, Fitted.Dimension);

    /// <summary>Covariances in scikit-learn's shape, flat row-major: full K·d·d, tied d·d, diagonal K·d, spherical K.</summary>
    public double[] Covariances => (double[])Fitted.Covariances.Clone();

    /// <summary>
    /// scikit-learn's <c>precisions_cholesky_</c>, same shapes as <see cref="Covariances"/>: for full and tied the
    /// upper-triangular P = (L⁻¹)ᵀ with Σ = L·Lᵀ, so P·Pᵀ = Σ⁻¹; for diagonal and spherical 1/σ.
    /// </summary>
    public double[] PrecisionsCholesky => (double[])Fitted.PrecisionsCholesky.Clone();

    /// <summary>scikit-learn's <c>precisions_</c>, the inverse covariances in the shapes of <see cref="Covariances"/> (a copy).</summary>
    public double[] Precisions => GaussianParameters.Precisions(Fitted.Type, ComponentCount, Fitted.Dimension, Fitted.PrecisionsCholesky);

    /// <summary>scikit-learn's <c>n_parameters</c>: K·d + K − 1 plus the free covariance entries.</summary>
    public int FreeParameterCount => GaussianParameters.FreeParameterCount(Options.CovarianceType, ComponentCount, Dimension);

    /// <summary>The d×d covariance of component <paramref name="component"/> (expanded from any covariance type).</summary>
    public double[,] Covariance(int component)
    {
        GaussianParameters p = Fitted;
        CheckComponent(component);
        int d = p.Dimension;
        var m = new double[d, d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
                m[a, b] = p.Type switch
                {
                    CovarianceType.Full => p.Covariances[component * d * d + a * d + b],
                    CovarianceType.Tied => p.Covariances[a * d + b],
                    CovarianceType.Diagonal => a == b ? p.Covariances[component * d + a] : 0,
                    _ => a == b ? p.Covariances[component] : 0,
                };
        return m;
    }

    /// <summary>The d×d precision Σₖ⁻¹ = PₖPₖᵀ of component <paramref name="component"/>.</summary>
    public double[,] Precision(int component)
    {
        GaussianParameters p = Fitted;
        CheckComponent(component);
        int d = p.Dimension;
        var m = new double[d, d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                    s += Factor(p, component, a, j) * Factor(p, component, b, j);
                m[a, b] = s;
            }
        return m;
    }

    /// <summary>
    /// Fits the mixture to <paramref name="x"/> (n×d, one row per point) and returns this instance.
    /// With <see cref="EmOptions.WarmStart"/> and an earlier fit, EM continues from the fitted parameters and takes its
    /// first change against the earlier fit's <see cref="LowerBound"/>, as scikit-learn's <c>warm_start</c>.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty, has a non-finite value (the row is named), has fewer
    /// points than components, or an explicit initial value is invalid.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public GaussianMixture Fit(double[,] x, IProgress<EmProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ColumnData data = ColumnData.FromRows(x, nameof(x));
        data.RequireRepresentableSpread(nameof(x));
        int n = data.PointCount, d = data.Dimension, k = ComponentCount;
        if (k > n)
            throw new ArgumentException($"The mixture has {k} components but x has only {n} points; it needs n ≥ K.", nameof(x));
        ExplicitStart? start = ExplicitStartValidation.Build(Options, k, d);
        Partitions partitions = Partitions.Of(Options.Em.PartitionLengths, n, nameof(Options.Em.PartitionLengths));
        var family = new GaussianFamily(data, k, Options.CovarianceType, Options.RegularizationCovariance,
                                        FeatureMoments.FeatureVariances(data, partitions));
        var execution = EmExecution.Create(Options.Em.MaxDegreeOfParallelism, cancellationToken);
        var pass = new LocalEStep<GaussianFamily, GaussianParameters>(family, partitions, execution, keepPointLogLikelihood: false);
        return Fit(family, start, pass, execution, progress, nameof(x));
    }

    /// <summary>
    /// Fits the mixture to points held by partitions elsewhere (other machines, or <see cref="InProcessPartitions"/>) and
    /// returns this instance. Each iteration sends the parameters to every partition and adds their statistics in
    /// partition order, so the fit equals, to the bit, <see cref="Fit(double[,], IProgress{EmProgress}?, CancellationToken)"/>
    /// on the same points with <see cref="EmOptions.PartitionLengths"/> set to the partitions' lengths. No point crosses
    /// the network: per iteration each partition receives the parameters and returns K·(1 + d + d(d+1)/2) + 1 doubles
    /// (full covariances).
    /// </summary>
    /// <remarks>
    /// The start must be given: <see cref="GaussianMixtureOptions.WeightsInit"/>, <see cref="GaussianMixtureOptions.MeansInit"/>
    /// and <see cref="GaussianMixtureOptions.PrecisionsInit"/> (for instance from a fit to a sample of the points), or a warm
    /// start from an earlier fit; k-means over all partitions is not offered.
    /// </remarks>
    /// <exception cref="ArgumentException">The partitions are empty, hold fewer points than components, or no start is given.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public GaussianMixture Fit(IPartitionedData data, IProgress<EmProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        int n = PartitionAnswers.PointCount(data, nameof(data), Options.Em.PartitionLengths);
        int d = data.ColumnCount, k = ComponentCount;
        if (k > n)
            throw new ArgumentException($"The mixture has {k} components but the partitions hold only {n} points; it needs n ≥ K.", nameof(data));
        ExplicitStart? start = ExplicitStartValidation.Build(Options, k, d);
        bool warm = Options.Em.WarmStart && _parameters is not null;
        if (!warm && start is not { Weights: not null, Means: not null, Covariances: not null })
            throw new ArgumentException(
                "A fit over partitions starts from given parameters: set WeightsInit, MeansInit and PrecisionsInit (for instance " +
                "from a fit to a sample of the points), or warm-start a fitted mixture.", nameof(data));
        var execution = EmExecution.Create(Options.Em.MaxDegreeOfParallelism, cancellationToken);
        double[] variances = PartitionAnswers.ColumnVariances(data, n, cancellationToken);
        var family = new GaussianFamily(ColumnData.Shape(n, d), k, Options.CovarianceType, Options.RegularizationCovariance, variances);
        return Fit(family, start, new PartitionedGaussianEStep(data, family, cancellationToken), execution, progress, nameof(data));
    }

    /// <summary>EM from <paramref name="start"/> (or the options' initialization) with the E-step <paramref name="pass"/>.</summary>
    internal GaussianMixture Fit(GaussianFamily family, ExplicitStart? start, IEStepPass pass, EmExecution execution,
                                 IProgress<EmProgress>? progress, string dataName)
    {
        family.Initializer = new GaussianMixtureInitializer(family, Options, start).Initialize;
        double warmStartBound = double.NegativeInfinity;
        if (Options.Em.WarmStart && _parameters is { } previous)
        {
            if (previous.Dimension != family.Data.Dimension)
                throw new ArgumentException(
                    $"The data have {family.Data.Dimension} features but the warm start's mixture was fitted on {previous.Dimension}.", dataName);
            family.SetParameters(previous);
            warmStartBound = _summary!.LowerBound;
        }
        EmResult summary = EmEngine.Fit<GaussianFamily, GaussianParameters>(family, Options.Em, progress, execution, warmStartBound, pass);
        _parameters = family.CaptureParameters();
        _summary = WithWarnings(summary, _parameters, family.PointCount);
        return this;
    }

    /// <summary>Names the components left without points and the covariances the last M-step had to lift.</summary>
    private EmResult WithWarnings(EmResult summary, GaussianParameters parameters, int n)
    {
        var empty = new List<int>();
        var warnings = new List<string>();
        int k = ComponentCount;
        for (int c = 0; c < k; c++)
        {
            // Weights are (Nₖ + 10ε)/(n + 10Kε), so Nₖ follows from them to rounding.
            double size = parameters.Weights[c] * n;
            if (size > GaussianFamily.EmptyThreshold)
                continue;
            empty.Add(c);
            warnings.Add(FormattableString.Invariant(
                $"component {c} is empty (total responsibility {size:G3} of {n} points, weight {parameters.Weights[c]:G3}): ") +
                "it keeps the mean and covariance it last had (those of its start if it never had points); " +
                "fewer components describe the data as well");
        }
        if (RegularizationShare.Warning(parameters.Type, k, parameters.Dimension, parameters.Covariances,
                                        Options.RegularizationCovariance, empty.Contains) is { } dominated)
            warnings.Add(dominated);
        var termination = summary.Termination;
        if (summary.LastMaximization.RegularizedComponents > 0)
        {
            // The likelihood grows without bound as a covariance collapses onto its points, so a bound reached with lifted
            // covariances measures the lift, not the data: scikit-learn raises there. The fit is kept, marked degenerate.
            warnings.Add($"{summary.LastMaximization.RegularizedComponents} covariance(s) collapsed below 1e-10 of their features' " +
                         "variances in the last M-step and were lifted to stay positive definite: the likelihood has no maximum " +
                         "there, and the lower bound, score, AIC and BIC measure the lift, not the data; a larger " +
                         "RegularizationCovariance (scikit-learn's default is 1e-6) or fewer components give a model");
            if (termination is EmTermination.Converged or EmTermination.MaxIterations)
                termination = EmTermination.DegenerateComponent;
        }
        return summary with { EmptyComponents = empty, Warnings = warnings, Termination = termination };
    }

    /// <summary>
    /// Fits the mixture and returns the most probable component of each row at the fitted parameters
    /// (scikit-learn's <c>fit_predict</c>, whose final E-step makes it agree with <see cref="Predict"/>).
    /// </summary>
    public int[] FitPredict(double[,] x, IProgress<EmProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(x, progress, cancellationToken).Predict(x);

    /// <summary>The most probable component of each row (scikit-learn's <c>predict</c>).</summary>
    public int[] Predict(double[,] x)
    {
        double[] resp = Responsibilities(x, out int n);
        int k = ComponentCount;
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int c = 1; c < k; c++)
                if (resp[c * n + i] > resp[best * n + i])
                    best = c;
            labels[i] = best;
        }
        return labels;
    }

    /// <summary>p(k | xᵢ) for each row (n×K; scikit-learn's <c>predict_proba</c>).</summary>
    public double[,] PredictProba(double[,] x)
    {
        double[] resp = Responsibilities(x, out int n);
        int k = ComponentCount;
        var proba = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
                proba[i, c] = resp[c * n + i];
        return proba;
    }

    /// <summary>ln p(xᵢ) of each row under the mixture (scikit-learn's <c>score_samples</c>).</summary>
    public double[] ScoreSamples(double[,] x)
    {
        GaussianFamily family = FamilyFor(x);
        var logLikelihood = new double[family.PointCount];
        EmEngine.EStep<GaussianFamily, GaussianParameters>(family, logLikelihood, [], Execution());
        return logLikelihood;
    }

    /// <summary>Mean log-likelihood (1/n)·Σᵢ ln p(xᵢ) (scikit-learn's <c>score</c>).</summary>
    public double Score(double[,] x) =>
        EmEngine.EStep<GaussianFamily, GaussianParameters>(FamilyFor(x), [], [], Execution());

    /// <summary>Akaike information criterion −2·n·score + 2p, p = <see cref="FreeParameterCount"/>.</summary>
    public double Aic(double[,] x) => -2 * Score(x) * x.GetLength(0) + 2 * FreeParameterCount;

    /// <summary>Bayesian information criterion −2·n·score + p·ln n.</summary>
    public double Bic(double[,] x) => -2 * Score(x) * x.GetLength(0) + FreeParameterCount * Math.Log(x.GetLength(0));

    /// <summary>
    /// Draws <paramref name="count"/> points from the fitted mixture with a seeded generator: the number of
    /// points per component is multinomial(count, π), and points come grouped by component (as scikit-learn's
    /// <c>sample</c>), each xᵢ = μₖ + Lₖ·zᵢ with Σₖ = LₖLₖᵀ and zᵢ standard normal.
    /// </summary>
    /// <returns>The points (count×d) and the component of each.</returns>
    public (double[,] Points, int[] Components) Sample(int count, int seed = 0)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Sample at least one point.");
        return GaussianSampler.Draw(Fitted, count, new Random(seed));
    }

    private double[] Responsibilities(double[,] x, out int n)
    {
        GaussianFamily family = FamilyFor(x);
        n = family.PointCount;
        var resp = new double[n * ComponentCount];
        EmEngine.EStep<GaussianFamily, GaussianParameters>(family, [], resp, Execution());
        return resp;
    }

    private GaussianFamily FamilyFor(double[,] x)
    {
        GaussianParameters p = Fitted;
        ColumnData data = ColumnData.FromRows(x, nameof(x));
        if (data.Dimension != p.Dimension)
            throw new ArgumentException($"x has {data.Dimension} features (columns) but the mixture was fitted on {p.Dimension}.", nameof(x));
        var family = new GaussianFamily(data, ComponentCount, p.Type, Options.RegularizationCovariance);
        family.SetParameters(p);
        return family;
    }

    private EmExecution Execution() => EmExecution.Create(Options.Em.MaxDegreeOfParallelism, CancellationToken.None);

    private GaussianParameters Fitted => _parameters ?? throw NotFitted();

    private static InvalidOperationException NotFitted() =>
        new("The mixture is not fitted yet; call Fit first.");

    private void CheckComponent(int component)
    {
        if ((uint)component >= (uint)ComponentCount)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"Components are numbered 0…{ComponentCount - 1}.");
    }

    private static double Factor(GaussianParameters p, int c, int a, int j)
    {
        int d = p.Dimension;
        return p.Type switch
        {
            CovarianceType.Full => p.PrecisionsCholesky[c * d * d + a * d + j],
            CovarianceType.Tied => p.PrecisionsCholesky[a * d + j],
            CovarianceType.Diagonal => a == j ? p.PrecisionsCholesky[c * d + a] : 0,
            _ => a == j ? p.PrecisionsCholesky[c] : 0,
        };
    }

    private static double[,] ToMatrix(double[] flat, int rows, int columns)
    {
        var m = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                m[i, j] = flat[i * columns + j];
        return m;
    }
}
