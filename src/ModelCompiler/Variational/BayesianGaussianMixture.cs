// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Variational;

/// <summary>
/// A variational Bayesian Gaussian mixture with scikit-learn's <c>BayesianGaussianMixture</c> surface
/// and semantics: Gaussian–Wishart priors on each component (full, tied, diagonal or spherical), a
/// Dirichlet-process (stick-breaking) or Dirichlet prior on the weights, and mean-field CAVI updates.
/// Data are n×d arrays, one row per point.
/// </summary>
/// <remarks>
/// <para>
/// One iteration is an E-step (responsibilities from the expected log-densities), an M-step (the
/// conjugate posterior from the responsibilities' statistics), then scikit-learn's lower bound
/// (<see cref="VariationalGaussianState.LowerBound"/>), which omits terms constant in the variational
/// parameters; it never decreases. A start is one M-step from first responsibilities (k-means labels,
/// k-means++ or random points, random, or explicit), as scikit-learn's <c>_initialize</c>.
/// </para>
/// <para>
/// Components the data do not support get weights near zero instead of disappearing; the weight
/// prior decides how fast. <see cref="EffectiveComponents"/> counts the others.
/// </para>
/// </remarks>
public sealed class BayesianGaussianMixture
{
    private VariationalGaussianParameters? _parameters;
    private VariationalFitSummary? _summary;
    private BayesianMixturePriors? _priors;

    /// <summary>A mixture of at most <paramref name="componentCount"/> components (scikit-learn's <c>n_components</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="componentCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public BayesianGaussianMixture(int componentCount, BayesianGaussianMixtureOptions? options = null)
    {
        if (componentCount < 1)
            throw new ArgumentOutOfRangeException(nameof(componentCount), componentCount, "A mixture needs at least one component (K ≥ 1).");
        options ??= BayesianGaussianMixtureOptions.Default;
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        ComponentCount = componentCount;
        Options = options;
    }

    /// <summary>Number of components K.</summary>
    public int ComponentCount { get; }

    /// <summary>The options the mixture was created with.</summary>
    public BayesianGaussianMixtureOptions Options { get; }

    /// <summary>True after a successful <see cref="Fit"/>.</summary>
    public bool IsFitted => _parameters is not null;

    /// <summary>Number of features d of the fitted data.</summary>
    public int Dimension => Fitted.Dimension;

    /// <summary>The priors of the last fit, defaults resolved.</summary>
    public BayesianMixturePriors Priors => _priors ?? throw NotFitted();

    /// <summary>The last fit's summary (iterations, lower-bound trace, termination).</summary>
    public VariationalFitSummary FitSummary => _summary ?? throw NotFitted();

    /// <summary>scikit-learn's <c>lower_bound_</c>.</summary>
    public double LowerBound => FitSummary.LowerBound;

    /// <summary>scikit-learn's <c>converged_</c>.</summary>
    public bool Converged => FitSummary.Converged;

    /// <summary>scikit-learn's <c>n_iter_</c>.</summary>
    public int Iterations => FitSummary.Iterations;

    /// <summary>scikit-learn's <c>weights_</c> (K values summing to 1).</summary>
    public double[] Weights => Fitted.Weights();

    /// <summary>Number of components whose weight exceeds <see cref="BayesianGaussianMixtureOptions.EffectiveWeightThreshold"/>.</summary>
    public int EffectiveComponents => Weights.Count(w => w > Options.EffectiveWeightThreshold);

    /// <summary>Posterior means mₖ (K×d; scikit-learn's <c>means_</c>).</summary>
    public double[,] Means
    {
        get
        {
            VariationalGaussianParameters p = Fitted;
            var m = new double[p.ComponentCount, p.Dimension];
            for (int c = 0; c < p.ComponentCount; c++)
                for (int j = 0; j < p.Dimension; j++)
                    m[c, j] = p.Means[c * p.Dimension + j];
            return m;
        }
    }

    /// <summary>scikit-learn's <c>covariances_</c> (W⁻¹/ν) flat row-major: full K·d·d, tied d·d, diagonal K·d, spherical K.</summary>
    public double[] Covariances => (double[])Fitted.Covariances.Clone();

    /// <summary>scikit-learn's <c>precisions_cholesky_</c>, same shapes: upper (L⁻¹)ᵀ for full and tied, 1/σ otherwise.</summary>
    public double[] PrecisionsCholesky => (double[])Fitted.PrecisionsCholesky.Clone();

    /// <summary>βₖ (scikit-learn's <c>mean_precision_</c>).</summary>
    public double[] MeanPrecision => (double[])Fitted.MeanPrecision.Clone();

    /// <summary>
    /// νₖ (scikit-learn's <c>degrees_of_freedom_</c>): K values, or the one shared ν for tied covariance (scikit-learn's
    /// scalar), like <see cref="Covariances"/> which holds one matrix for tied.
    /// </summary>
    public double[] DegreesOfFreedom => Fitted.Type == CovarianceType.Tied
        ? [Fitted.DegreesOfFreedom[0]]
        : (double[])Fitted.DegreesOfFreedom.Clone();

    /// <summary>scikit-learn's <c>precisions_</c>, the expected precisions ν·W in the shapes of <see cref="Covariances"/> (a copy).</summary>
    public double[] Precisions => GaussianParameters.Precisions(Fitted.Type, ComponentCount, Fitted.Dimension, Fitted.PrecisionsCholesky);

    /// <summary>
    /// The free parameters of the plain mixture at the point estimates, scikit-learn's <c>GaussianMixture._n_parameters</c>:
    /// K·d means, K − 1 weights and the covariance entries.
    /// </summary>
    public int FreeParameterCount => GaussianParameters.FreeParameterCount(Fitted.Type, ComponentCount, Fitted.Dimension);

    /// <summary>
    /// Akaike's criterion of the plain mixture at the point estimates (<see cref="Weights"/>, <see cref="Means"/>,
    /// <see cref="Covariances"/>): −2·Σᵢ ln p(xᵢ) + 2·<see cref="FreeParameterCount"/>, what scikit-learn's
    /// <c>GaussianMixture.aic</c> gives with those parameters (BayesianGaussianMixture itself has none). The density is
    /// the plug-in mixture, not the expected log-density of <see cref="ScoreSamples"/>.
    /// </summary>
    public double Aic(double[,] x) => -2 * PointEstimateLogLikelihood(x) + 2 * FreeParameterCount;

    /// <summary>Schwarz's criterion of the plain mixture at the point estimates: −2·Σᵢ ln p(xᵢ) + p·ln n (see <see cref="Aic"/>).</summary>
    public double Bic(double[,] x) => -2 * PointEstimateLogLikelihood(x) + FreeParameterCount * Math.Log(x.GetLength(0));

    private double PointEstimateLogLikelihood(double[,] x)
    {
        VariationalGaussianParameters p = Fitted;
        ColumnData data = ColumnData.FromRows(x, nameof(x));
        if (data.Dimension != p.Dimension)
            throw new ArgumentException($"x has {data.Dimension} features (columns) but the mixture was fitted on {p.Dimension}.", nameof(x));
        return p.AsGaussian().TotalLogLikelihood(data, Options.MaxDegreeOfParallelism);
    }

    /// <summary>
    /// scikit-learn's <c>weight_concentration_</c>: the Beta parameters aₖ (Dirichlet process) or the
    /// Dirichlet parameters αₖ (Dirichlet distribution).
    /// </summary>
    public double[] WeightConcentration => (double[])Fitted.ConcentrationA.Clone();

    /// <summary>The second Beta parameters bₖ of the Dirichlet process; null for the Dirichlet distribution.</summary>
    public double[]? WeightConcentrationB =>
        Fitted.WeightPrior == WeightConcentrationPriorType.DirichletProcess ? (double[])Fitted.ConcentrationB.Clone() : null;

    /// <summary>
    /// Fits the mixture to <paramref name="x"/> (n×d, one row per point) and returns this instance. With
    /// <see cref="BayesianGaussianMixtureOptions.WarmStart"/> and an earlier fit, CAVI continues from the fitted posterior
    /// (one run, no initialization), and the first iteration's change is taken against the earlier fit's lower bound,
    /// as scikit-learn's <c>warm_start</c>; the priors are resolved again from <paramref name="x"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x is empty or has a non-finite value (the row is named), K &gt; n, a prior
    /// or the initial responsibilities have the wrong shape or values.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public BayesianGaussianMixture Fit(double[,] x, IProgress<CaviProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ColumnData data = ColumnData.FromRows(x, nameof(x));
        data.RequireRepresentableSpread(nameof(x));
        int n = data.PointCount, d = data.Dimension, k = ComponentCount;
        if (k > n)
            throw new ArgumentException($"The mixture has {k} components but x has only {n} points; it needs n ≥ K.", nameof(x));
        double[]? given = CheckInitialResponsibilities(Options.InitialResponsibilities, n, k);
        BayesianMixturePriors priors = BayesianMixturePriors.Resolve(Options, data, k);

        var execution = EmExecution.Create(Options.MaxDegreeOfParallelism, cancellationToken);
        int chunks = ChunkedParallel.ChunkCount(n);
        var state = new VariationalGaussianState(Options.CovarianceType, Options.WeightConcentrationPriorType, priors,
                                                 Options.RegularizationCovariance, k, d);
        var pass = new VariationalGaussianPass(data, state, ChunkedParallel.WorkerCount(execution, chunks));
        var totals = new double[pass.SlotLength];
        var random = new Random(Options.Seed);

        VariationalFitSummary? best = null;
        VariationalGaussianParameters? bestParameters = null;
        bool warm = Options.WarmStart && _parameters is not null;
        if (warm && _parameters!.Dimension != d)
            throw new ArgumentException($"x has {d} features but the warm start's mixture was fitted on {_parameters.Dimension}.", nameof(x));
        int starts = warm ? 1 : Options.InitializationCount;
        for (int init = 0; init < starts; init++)
        {
            if (warm)
                state.Restore(_parameters!);
            else
            {
                double[] first = given ?? GaussianMixtureInitializer.FirstResponsibilities(data, k, Options.Initialization, random, execution).Responsibilities;
                InitializeFrom(first, data, state, pass, totals, execution);
            }
            double startBound = warm ? _summary!.LowerBound : double.NegativeInfinity;
            VariationalFitSummary run = RunOnce(state, pass, totals, init, startBound, execution, progress);
            // scikit-learn keeps the first start unless a later one has a strictly larger bound.
            if (best is null || run.LowerBound > best.LowerBound)
            {
                best = run;
                bestParameters = state.Capture();
            }
        }
        _parameters = bestParameters;
        double[] weights = bestParameters!.Weights();
        string? dominated = RegularizationShare.Warning(bestParameters.Type, k, d, bestParameters.Covariances,
                                                       Options.RegularizationCovariance, c => weights[c] * n < 1);
        _summary = best! with { Warnings = dominated is null ? [] : [dominated] };
        _priors = priors with { Mean = (double[])priors.Mean.Clone(), Covariance = (double[])priors.Covariance.Clone() };
        return this;
    }

    private VariationalFitSummary RunOnce(VariationalGaussianState state, VariationalGaussianPass pass, double[] totals, int init,
                                          double startBound, EmExecution execution, IProgress<CaviProgress>? progress)
    {
        int chunks = pass.Partials.Length / pass.SlotLength;
        var trace = new List<double>(Math.Min(Options.MaxIterations, 1024));
        var termination = CaviTermination.MaxIterations;
        int repaired = 0;
        double previous = startBound;
        for (int iteration = 1; iteration <= Options.MaxIterations; iteration++)
        {
            execution.CancellationToken.ThrowIfCancellationRequested();
            ChunkedParallel.Run(chunks, execution, new VariationalGaussianChunk(pass));
            ChunkedParallel.SumInChunkOrder(pass.Partials, pass.SlotLength, totals);
            double rLogR = totals[^2];
            if (state.Maximize(totals) > 0)
                repaired++;
            double bound = state.LowerBound(rLogR);
            trace.Add(bound);
            double change = bound - previous;
            progress?.Report(new CaviProgress(init, iteration, bound, change));
            previous = bound;
            if (Math.Abs(change) < Options.Tolerance)
            {
                termination = CaviTermination.Converged;
                break;
            }
        }
        return new VariationalFitSummary { Termination = termination, LowerBoundTrace = trace, BestInitialization = init, RepairedSteps = repaired };
    }

    /// <summary>
    /// scikit-learn's <c>_initialize</c>: one M-step from <paramref name="responsibilities"/>. The statistics are
    /// taken about each component's weighted mean (found in a first pass about the data mean), so the
    /// covariances do not lose digits when the data sit far from the origin.
    /// </summary>
    private static void InitializeFrom(double[] responsibilities, ColumnData data, VariationalGaussianState state,
                                       VariationalGaussianPass pass, double[] totals, EmExecution execution)
    {
        int n = data.PointCount, d = data.Dimension, k = state.ComponentCount, block = state.BlockLength;
        int chunks = ChunkedParallel.ChunkCount(n);
        var shift = new double[k * d];
        for (int j = 0; j < d; j++)
        {
            double s = 0;
            foreach (double v in data.Columns.AsSpan(j * n, n))
                s += v;
            for (int c = 0; c < k; c++)
                shift[c * d + j] = s / n;
        }
        pass.GivenResponsibilities = responsibilities;
        try
        {
            state.SetShift(shift);
            ChunkedParallel.Run(chunks, execution, new VariationalGaussianChunk(pass));
            ChunkedParallel.SumInChunkOrder(pass.Partials, pass.SlotLength, totals);
            for (int c = 0; c < k; c++)
            {
                double nk = totals[c * block];
                if (nk > 0)
                    for (int j = 0; j < d; j++)
                        shift[c * d + j] += totals[c * block + 1 + j] / nk;
            }
            state.SetShift(shift);
            ChunkedParallel.Run(chunks, execution, new VariationalGaussianChunk(pass));
            ChunkedParallel.SumInChunkOrder(pass.Partials, pass.SlotLength, totals);
        }
        finally
        {
            pass.GivenResponsibilities = null;
        }
        state.Maximize(totals);
    }

    private static double[]? CheckInitialResponsibilities(double[,]? given, int n, int k)
    {
        if (given is null)
            return null;
        const string name = nameof(BayesianGaussianMixtureOptions.InitialResponsibilities);
        if (given.GetLength(0) != n || given.GetLength(1) != k)
            throw new ArgumentException($"{name} is {given.GetLength(0)}×{given.GetLength(1)}; it must be n×K = {n}×{k}.", "options");
        var resp = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                double r = given[i, c];
                if (!(r >= 0) || double.IsInfinity(r))
                    throw new ArgumentException($"{name}[{i}, {c}] is {r}: row {i} needs finite, non-negative responsibilities.", "options");
                resp[c * n + i] = r;
                sum += r;
            }
            if (sum == 0)
                throw new ArgumentException($"{name}: row {i} is all zero; every point needs a positive responsibility somewhere.", "options");
        }
        return resp;
    }

    /// <summary>The most probable component of each row (scikit-learn's <c>predict</c>).</summary>
    public int[] Predict(double[,] x)
    {
        (double[] resp, _, int n) = Evaluate(x, wantResponsibilities: true);
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

    /// <summary>Responsibilities for each row (n×K; scikit-learn's <c>predict_proba</c>).</summary>
    public double[,] PredictProba(double[,] x)
    {
        (double[] resp, _, int n) = Evaluate(x, wantResponsibilities: true);
        int k = ComponentCount;
        var proba = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
                proba[i, c] = resp[c * n + i];
        return proba;
    }

    /// <summary>
    /// ln Σₖ ρᵢₖ of each row with scikit-learn's expected log-density (<c>score_samples</c>): under the
    /// variational posterior, not a plain mixture density.
    /// </summary>
    public double[] ScoreSamples(double[,] x) => Evaluate(x, wantResponsibilities: false).LogNormalizer;

    /// <summary>The mean of <see cref="ScoreSamples"/> (scikit-learn's <c>score</c>).</summary>
    public double Score(double[,] x)
    {
        double[] values = ScoreSamples(x);
        double s = 0;
        foreach (double v in values)
            s += v;
        return s / values.Length;
    }

    /// <summary>
    /// Draws <paramref name="count"/> points with a seeded generator from the mixture with weights
    /// <see cref="Weights"/>, means <see cref="Means"/> and covariances <see cref="Covariances"/>
    /// (scikit-learn's <c>sample</c>); points come grouped by component.
    /// </summary>
    public (double[,] Points, int[] Components) Sample(int count, int seed = 0)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Sample at least one point.");
        return GaussianSampler.Draw(Fitted.AsGaussian(), count, new Random(seed));
    }

    private (double[] Responsibilities, double[] LogNormalizer, int N) Evaluate(double[,] x, bool wantResponsibilities)
    {
        VariationalGaussianParameters p = Fitted;
        ColumnData data = ColumnData.FromRows(x, nameof(x));
        if (data.Dimension != p.Dimension)
            throw new ArgumentException($"x has {data.Dimension} features (columns) but the mixture was fitted on {p.Dimension}.", nameof(x));
        int n = data.PointCount, k = ComponentCount;
        var execution = EmExecution.Create(Options.MaxDegreeOfParallelism, CancellationToken.None);
        int chunks = ChunkedParallel.ChunkCount(n);
        var state = new VariationalGaussianState(p.Type, p.WeightPrior, Priors, Options.RegularizationCovariance, k, p.Dimension);
        state.Restore(p);
        var pass = new VariationalGaussianPass(data, state, ChunkedParallel.WorkerCount(execution, chunks))
        {
            Accumulate = false,
            Responsibilities = wantResponsibilities ? new double[n * k] : null,
            PointLogNormalizer = new double[n],
        };
        ChunkedParallel.Run(chunks, execution, new VariationalGaussianChunk(pass));
        return (pass.Responsibilities ?? [], pass.PointLogNormalizer, n);
    }

    private VariationalGaussianParameters Fitted => _parameters ?? throw NotFitted();

    private static InvalidOperationException NotFitted() => new("The mixture is not fitted yet; call Fit first.");
}
