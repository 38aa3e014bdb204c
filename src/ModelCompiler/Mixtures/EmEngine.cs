// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// Expectation–maximization for any <see cref="IMixtureFamily{TParameters}"/>, with scikit-learn's
/// BaseMixture semantics: one iteration is an E-step at the current θ (log-densities, log-sum-exp,
/// ℓ_t = mean ln p(xᵢ)), then the family's M-step; by default the run stops when |ℓ_t − ℓ_{t−1}| &lt; tol or
/// after max_iter iterations (the peers' rules are in <see cref="EmStoppingRule"/>); of <c>n_init</c> starts the
/// one with the largest final ℓ is kept.
/// </summary>
/// <remarks>
/// Each iteration is one fused pass over the data in chunks of <see cref="ChunkLength"/> points:
/// log-densities, normalization and the sufficient statistics of a chunk are computed while the
/// chunk is in cache. Chunks run in parallel and their partial sums are reduced in chunk order, so
/// the fit is identical for every thread count. A family type is a generic argument: its kernels are
/// called once per chunk, never through a delegate per point.
/// </remarks>
public static class EmEngine
{
    /// <summary>Points per chunk (<see cref="ChunkedParallel.ChunkLength"/>).</summary>
    public const int ChunkLength = ChunkedParallel.ChunkLength;

    /// <summary>
    /// Fits <paramref name="family"/> in place and returns the kept run's summary.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires;
    /// the family's parameters are then unspecified.
    /// </summary>
    public static EmResult Fit<TFamily, TParameters>(TFamily family, EmOptions options,
                                                     IProgress<EmProgress>? progress = null,
                                                     CancellationToken cancellationToken = default)
        where TFamily : class, IMixtureFamily<TParameters>
        where TParameters : class
        => Fit<TFamily, TParameters>(family, options, progress, cancellationToken, double.NegativeInfinity);

    /// <summary>
    /// <see cref="Fit{TFamily, TParameters}(TFamily, EmOptions, IProgress{EmProgress}?, CancellationToken)"/> where a warm
    /// start measures its first change from <paramref name="warmStartBound"/>, the ℓ the earlier fit ended with
    /// (scikit-learn's <c>lower_bound_</c>), instead of from −∞.
    /// </summary>
    internal static EmResult Fit<TFamily, TParameters>(TFamily family, EmOptions options, IProgress<EmProgress>? progress,
                                                       CancellationToken cancellationToken, double warmStartBound)
        where TFamily : class, IMixtureFamily<TParameters>
        where TParameters : class
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        var workspace = new EmWorkspace(family.PointCount, family.ComponentCount, family.StatisticsLength,
                                        family.NeedsResponsibilities, family.WorkspaceLength(ChunkLength),
                                        ChunkedParallel.WorkerCount(execution, ChunkedParallel.ChunkCount(family.PointCount)));
        bool initialize = !(options.WarmStart && family.HasParameters);
        int starts = initialize ? options.InitializationCount : 1;
        var random = new Random(options.Seed);

        EmResult? best = null;
        TParameters? bestParameters = null;
        for (int init = 0; init < starts; init++)
        {
            if (initialize)
                family.Initialize(random, execution);
            EmResult run = RunOnce<TFamily, TParameters>(family, options, init, initialize ? double.NegativeInfinity : warmStartBound,
                                                         workspace, execution, progress);
            if (Better(run, best, options))
            {
                best = run;
                if (starts > 1)
                    bestParameters = family.CaptureParameters();
            }
        }
        if (bestParameters is not null)
            family.RestoreParameters(bestParameters);
        return best!;
    }

    /// <summary>
    /// scikit-learn keeps the first start unless a later one has a strictly larger bound; with
    /// <see cref="EmOptions.PreferCleanRuns"/> a start that ended with a finite likelihood and needed no repair in its
    /// last M-step beats one that did not.
    /// </summary>
    private static bool Better(EmResult run, EmResult? best, EmOptions options)
    {
        if (best is null)
            return true;
        static bool Clean(EmResult r) => r.Termination != EmTermination.NonFiniteLikelihood && r.LastMaximization.IsClean;
        if (options.PreferCleanRuns && Clean(run) != Clean(best))
            return Clean(run);
        return run.LowerBound > best.LowerBound || double.IsNegativeInfinity(best.LowerBound);
    }

    /// <summary>
    /// One E-step at the family's current parameters: returns ℓ = mean ln p(xᵢ) and, when the
    /// spans are not empty, writes ln p(xᵢ) (length n) and the responsibilities (component-major
    /// n×K, <c>[k·n + i]</c>).
    /// </summary>
    public static double EStep<TFamily, TParameters>(TFamily family, Span<double> logLikelihood, Span<double> responsibilities,
                                                     EmExecution execution)
        where TFamily : class, IMixtureFamily<TParameters>
        where TParameters : class
    {
        int n = family.PointCount, k = family.ComponentCount;
        if (!logLikelihood.IsEmpty && logLikelihood.Length != n)
            throw new ArgumentException($"logLikelihood needs {n} values, got {logLikelihood.Length}.", nameof(logLikelihood));
        if (!responsibilities.IsEmpty && responsibilities.Length != n * k)
            throw new ArgumentException($"responsibilities needs {n}·{k} values, got {responsibilities.Length}.", nameof(responsibilities));
        var workspace = new EmWorkspace(n, k, 0, !responsibilities.IsEmpty, family.WorkspaceLength(ChunkLength),
                                        ChunkedParallel.WorkerCount(execution, ChunkedParallel.ChunkCount(n)));
        double[]? pointLogLikelihood = logLikelihood.IsEmpty ? null : new double[n];
        var action = new EStepAction<TFamily, TParameters>(family, workspace, accumulate: false, pointLogLikelihood);
        ChunkedParallel.Run(workspace.ChunkCount, execution, action);
        pointLogLikelihood?.CopyTo(logLikelihood);
        workspace.Responsibilities?.CopyTo(responsibilities);
        double sum = 0;
        foreach (double s in workspace.ChunkLogLikelihood)
            sum += s;
        return sum / n;
    }

    private static EmResult RunOnce<TFamily, TParameters>(TFamily family, EmOptions options, int init, double startBound,
                                                          EmWorkspace workspace, EmExecution execution, IProgress<EmProgress>? progress)
        where TFamily : class, IMixtureFamily<TParameters>
        where TParameters : class
    {
        int n = family.PointCount;
        var trace = new List<double>(Math.Min(options.MaxIterations, 1024));
        var totals = new List<double>(trace.Capacity);
        double lowerBound = startBound, previousTotal = double.NaN;
        var termination = EmTermination.MaxIterations;
        int repaired = 0;
        MaximizationOutcome last = default;
        var action = new EStepAction<TFamily, TParameters>(family, workspace, accumulate: true, pointLogLikelihood: null);
        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            execution.CancellationToken.ThrowIfCancellationRequested();
            double previous = lowerBound;
            ChunkedParallel.Run(workspace.ChunkCount, execution, action);
            double total = 0;
            foreach (double s in workspace.ChunkLogLikelihood)
                total += s;
            double current = total / n;
            if (!double.IsFinite(current))
            {
                termination = EmTermination.NonFiniteLikelihood;
                break;
            }
            // The peers' rules judge the likelihood at the parameters of the last M-step, known only now: when
            // they are met, those parameters are the answer and no further M-step runs.
            if (PeerRuleMet(options, iteration, total, previousTotal))
            {
                lowerBound = current;
                termination = EmTermination.Converged;
                break;
            }
            ChunkedParallel.SumInChunkOrder(workspace.ChunkStatistics, workspace.StatisticsLength, workspace.Statistics);
            last = family.Maximize(workspace.Statistics, workspace.Responsibilities ?? [], execution);
            if (!last.IsClean)
                repaired++;
            lowerBound = current;
            trace.Add(current);
            totals.Add(total);
            previousTotal = total;
            double change = current - previous;
            progress?.Report(new EmProgress(init, iteration, current, change));
            if (options.StoppingRule == EmStoppingRule.MeanLogLikelihoodChange && Math.Abs(change) < options.Tolerance)
            {
                termination = EmTermination.Converged;
                break;
            }
        }
        return new EmResult
        {
            Termination = termination,
            Iterations = trace.Count,
            LowerBound = lowerBound,
            LowerBoundTrace = trace,
            LogLikelihoodTrace = totals,
            BestInitialization = init,
            RepairedSteps = repaired,
            LastMaximization = last,
        };
    }

    /// <summary>
    /// The rules of mixtools and flexmix on the summed log-likelihoods L_{t−1} = <paramref name="total"/> (this E-step)
    /// and L_{t−2} = <paramref name="previousTotal"/> (the one before), for the E-step of <paramref name="iteration"/> t.
    /// </summary>
    private static bool PeerRuleMet(EmOptions options, int iteration, double total, double previousTotal) => options.StoppingRule switch
    {
        EmStoppingRule.LogLikelihoodIncrease => iteration >= 2 && total - previousTotal <= options.Tolerance,
        EmStoppingRule.RelativeLogLikelihoodChange =>
            iteration >= 3 && Math.Abs(total - previousTotal) / (Math.Abs(total) + 0.1) < options.Tolerance,
        _ => false,
    };

    /// <summary>The fused per-chunk pass: log-densities → responsibilities → statistics.</summary>
    private readonly struct EStepAction<TFamily, TParameters>(TFamily family, EmWorkspace workspace, bool accumulate,
                                                              double[]? pointLogLikelihood) : IChunkAction
        where TFamily : class, IMixtureFamily<TParameters>
        where TParameters : class
    {
        public void Invoke(int chunk, int worker)
        {
            int n = family.PointCount, k = family.ComponentCount;
            (int start, int length) = ChunkedParallel.Range(chunk, n);
            Span<double> scratch = workspace.FamilyScratch.For(worker);
            if (accumulate && pointLogLikelihood is null && workspace.Responsibilities is null && family is IFusedMixtureFamily fused)
            {
                Span<double> chunkStatistics = workspace.ChunkStatistics.AsSpan(chunk * workspace.StatisticsLength, workspace.StatisticsLength);
                chunkStatistics.Clear();
                workspace.ChunkLogLikelihood[chunk] = fused.EStepWithStatistics(start, length, chunkStatistics, scratch);
                return;
            }
            Span<double> values = workspace.LogDensity.For(worker)[..(k * length)];
            family.EstimateWeightedLogDensity(start, length, values, scratch);
            Span<double> pointLl = pointLogLikelihood is null ? [] : pointLogLikelihood.AsSpan(start, length);
            workspace.ChunkLogLikelihood[chunk] = LogSumExp.NormalizeInPlace(values, length, k, pointLl);
            if (workspace.Responsibilities is { } all)
                for (int j = 0; j < k; j++)
                    values.Slice(j * length, length).CopyTo(all.AsSpan(j * n + start, length));
            if (accumulate && workspace.StatisticsLength > 0)
            {
                Span<double> stats = workspace.ChunkStatistics.AsSpan(chunk * workspace.StatisticsLength, workspace.StatisticsLength);
                stats.Clear();
                family.AccumulateStatistics(start, length, values, stats, scratch);
            }
        }
    }

    /// <summary>Buffers allocated once per fit, so iterations allocate nothing of size n.</summary>
    private sealed class EmWorkspace
    {
        public readonly int ChunkCount;
        public readonly int StatisticsLength;
        public readonly double[] ChunkLogLikelihood;
        public readonly double[] ChunkStatistics;
        public readonly double[] Statistics;
        public readonly double[]? Responsibilities;
        public readonly WorkerBuffers LogDensity;
        public readonly WorkerBuffers FamilyScratch;

        public EmWorkspace(int n, int k, int statisticsLength, bool keepResponsibilities, int scratchLength, int workers)
        {
            ChunkCount = ChunkedParallel.ChunkCount(n);
            StatisticsLength = statisticsLength;
            ChunkLogLikelihood = new double[ChunkCount];
            ChunkStatistics = new double[ChunkCount * statisticsLength];
            Statistics = new double[statisticsLength];
            Responsibilities = keepResponsibilities ? new double[n * k] : null;
            LogDensity = new WorkerBuffers(workers, k * ChunkLength);
            FamilyScratch = new WorkerBuffers(workers, scratchLength);
        }
    }
}
