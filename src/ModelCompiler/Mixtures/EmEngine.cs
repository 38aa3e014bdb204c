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
        var pass = new LocalEStep<TFamily, TParameters>(family, Partitions.Of(options.PartitionLengths, family.PointCount, nameof(options)),
                                                        execution, keepPointLogLikelihood: false);
        return Fit<TFamily, TParameters>(family, options, progress, execution, warmStartBound, pass);
    }

    /// <summary>
    /// The EM loop over any E-step: <paramref name="pass"/> computes the statistics at the family's current parameters,
    /// wherever the points are (here, or on the machines that hold them).
    /// </summary>
    internal static EmResult Fit<TFamily, TParameters>(TFamily family, EmOptions options, IProgress<EmProgress>? progress,
                                                       EmExecution execution, double warmStartBound, IEStepPass pass)
        where TFamily : class, IMixtureFamily<TParameters>
        where TParameters : class
    {
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
                                                         pass, execution, progress);
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
        var pass = new LocalEStep<TFamily, TParameters>(family, Partitions.Single(n), execution, keepPointLogLikelihood: !logLikelihood.IsEmpty,
                                                        keepResponsibilities: !responsibilities.IsEmpty, accumulate: false);
        double sum = pass.Run([]);
        pass.PointLogLikelihood.CopyTo(logLikelihood);
        pass.Responsibilities.CopyTo(responsibilities);
        return sum / n;
    }

    private static EmResult RunOnce<TFamily, TParameters>(TFamily family, EmOptions options, int init, double startBound,
                                                          IEStepPass pass, EmExecution execution, IProgress<EmProgress>? progress)
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
        var statistics = new double[family.StatisticsLength];
        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            execution.CancellationToken.ThrowIfCancellationRequested();
            double previous = lowerBound;
            double total = pass.Run(statistics);
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
            last = family.Maximize(statistics, pass.Responsibilities, execution);
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
}
