// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;
using ModelCompiler.Mixtures.Distributed;

namespace ModelCompiler.Variational;

/// <summary>
/// Coordinate-ascent variational inference (CAVI) for the Bayesian mixture of Gaussians of Blei,
/// Kucukelbir &amp; McAuliffe (2017, "Variational Inference: A Review for Statisticians", §3), in any
/// dimension d: μₖ ~ N(0, σ²I), cᵢ ~ Categorical(1/K), xᵢ | cᵢ, μ ~ N(μ_{cᵢ}, I), with the mean-field
/// family q(μₖ) = N(mₖ, s²ₖI), q(cᵢ) = Categorical(φᵢ).
/// </summary>
/// <remarks>
/// <para>One iteration, in this order:</para>
/// <list type="number">
/// <item>ln φᵢₖ = xᵢᵀmₖ − ½(mₖᵀmₖ + d·s²ₖ), normalized by log-sum-exp (E[μₖᵀμₖ] keeps its d·s²ₖ term);</item>
/// <item>s²ₖ = 1/(1/σ² + Nₖ) and mₖ = s²ₖ·Sₖ, with Nₖ = Σᵢ φᵢₖ and Sₖ = Σᵢ φᵢₖxᵢ;</item>
/// <item>the full ELBO, every constant included:
/// E[ln p(μ)] + E[ln p(c)] + E[ln p(x | c, μ)] − E[ln q(c)] − E[ln q(μ)], with
/// E[ln p(μ)] = Σₖ −½d·ln(2πσ²) − E[μₖᵀμₖ]/(2σ²), E[ln p(c)] = −n·ln K,
/// E[ln p(x | c, μ)] = −½nd·ln 2π − ½Σᵢ xᵢᵀxᵢ + Σₖ mₖᵀSₖ − ½Σₖ Nₖ·E[μₖᵀμₖ],
/// E[ln q(c)] = Σᵢₖ φᵢₖ ln φᵢₖ and E[ln q(μ)] = Σₖ −½d·ln(2πs²ₖ) − ½d.</item>
/// </list>
/// <para>
/// CAVI increases the ELBO at every step, so a decrease beyond rounding signals a bug, not a
/// property of the data. The pass over the points is one fused, vectorized loop per chunk of
/// <see cref="ChunkedParallel.ChunkLength"/> points; chunks run in parallel and are reduced in chunk
/// order, so the fit is the same for every thread count.
/// </para>
/// </remarks>
public static class BleiCavi
{
    /// <summary>Fits q(μ), q(c) to <paramref name="x"/> (n×d, one row per point) with K = <paramref name="componentCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">K &lt; 1.</exception>
    /// <exception cref="ArgumentException">An option is invalid, x is empty or has a non-finite value (the row is named),
    /// K &gt; n, or the initial means or variances have the wrong shape or values.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BleiCaviResult Fit(double[,] x, int componentCount, BleiCaviOptions options,
                                     IProgress<CaviProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckArguments(componentCount, options);
        ColumnData data = ColumnData.FromRows(x, nameof(x));
        data.RequireRepresentableSquares(nameof(x));
        int n = data.PointCount, d = data.Dimension, k = componentCount;
        if (k > n)
            throw new ArgumentException($"K = {k} components but x has only {n} points; CAVI needs K ≤ n.", nameof(componentCount));
        double[]? initialMeans = ExplicitStartValidation.Means(options.InitialMeans, k, d, nameof(BleiCaviOptions.InitialMeans), "initial means");
        double[] initialVariances = CheckInitialVariances(options.InitialVariances, k);

        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        Partitions partitions = Partitions.Of(options.PartitionLengths, n, nameof(BleiCaviOptions.PartitionLengths));
        var pass = new LocalCaviPass(data, k, partitions, execution);
        double sumSquares = FeatureMoments.SumOfSquares(data, partitions);
        return Run(n, d, k, options, sumSquares, pass, initialMeans, initialVariances,
                   random => SeedMeans(data, k, random, execution), execution, progress);
    }

    /// <summary>
    /// Fits q(μ), q(c) to points held by partitions elsewhere (other machines, or <see cref="InProcessPartitions"/>): each
    /// iteration sends the means to every partition and adds their statistics in partition order, so the fit equals, to
    /// the bit, <see cref="Fit(double[,], int, BleiCaviOptions, IProgress{CaviProgress}?, CancellationToken)"/> on the same
    /// points with <see cref="BleiCaviOptions.PartitionLengths"/> set to the partitions' lengths. Each partition returns
    /// K·(1 + d) + 1 doubles per iteration.
    /// </summary>
    /// <remarks>The start must be given (<see cref="BleiCaviOptions.InitialMeans"/>, with one restart): k-means++ seeding
    /// over all partitions is not offered.</remarks>
    /// <exception cref="ArgumentException">An option is invalid, the partitions hold fewer points than components, or
    /// the start is missing.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BleiCaviResult Fit(IPartitionedData data, int componentCount, BleiCaviOptions options,
                                     IProgress<CaviProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckArguments(componentCount, options);
        int n = PartitionAnswers.PointCount(data, nameof(data), options.PartitionLengths);
        int d = data.ColumnCount, k = componentCount;
        if (k > n)
            throw new ArgumentException($"K = {k} components but the partitions hold only {n} points; CAVI needs K ≤ n.", nameof(componentCount));
        double[]? initialMeans = ExplicitStartValidation.Means(options.InitialMeans, k, d, nameof(BleiCaviOptions.InitialMeans), "initial means");
        if (initialMeans is null || options.RestartCount != 1)
            throw new ArgumentException(
                "A fit over partitions starts from given means: set InitialMeans and RestartCount = 1.", nameof(options));
        double[] initialVariances = CheckInitialVariances(options.InitialVariances, k);
        var execution = EmExecution.Create(options.MaxDegreeOfParallelism, cancellationToken);
        double sumSquares = PartitionAnswers.Sum(data, new PartitionTask(PartitionTaskKind.SumOfSquares, []), 1, cancellationToken)[0];
        return Run(n, d, k, options, sumSquares, new PartitionedCaviPass(data, k, cancellationToken), initialMeans, initialVariances,
                   seedMeans: null, execution, progress);
    }

    /// <summary>
    /// The restarts over any pass: <paramref name="pass"/> runs step 1 wherever the points are (here, or on the
    /// machines that hold them); <paramref name="seedMeans"/> draws a restart's starting means (null: every restart
    /// needs <paramref name="initialMeans"/>).
    /// </summary>
    internal static BleiCaviResult Run(int n, int d, int k, BleiCaviOptions options, double sumSquares, ICaviPass pass,
                                       double[]? initialMeans, double[] initialVariances, Func<Random, double[]>? seedMeans,
                                       EmExecution execution, IProgress<CaviProgress>? progress)
    {
        var random = new Random(options.Seed);
        BleiCaviResult? best = null;
        var restartElbos = new List<double>(options.RestartCount);
        for (int restart = 0; restart < options.RestartCount; restart++)
        {
            double[] m = restart == 0 && initialMeans is not null
                ? (double[])initialMeans.Clone()
                : seedMeans?.Invoke(random) ?? throw new ArgumentException(
                    "Without the data at hand every restart needs InitialMeans: set RestartCount = 1 and give InitialMeans.", "options");
            var run = RunOnce(pass, n, d, k, options, sumSquares, m, (double[])initialVariances.Clone(), restart, execution, progress);
            restartElbos.Add(run.Elbo);
            if (best is null || run.Elbo > best.Elbo)
                best = run;
        }
        return best! with { RestartElbos = restartElbos };
    }

    private static BleiCaviResult RunOnce(ICaviPass pass, int n, int d, int k, BleiCaviOptions options, double sumSquares,
                                          double[] m, double[] s2, int restart, EmExecution execution, IProgress<CaviProgress>? progress)
    {
        double sigma2 = options.PriorVariance;
        var half = new double[k];
        var totals = new double[BleiCaviPass.StatisticsLength(k, d)];
        var trace = new List<double>();
        var termination = CaviTermination.MaxIterations;
        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            execution.CancellationToken.ThrowIfCancellationRequested();
            // 1. q(c) from the current q(μ), with the statistics of the new φ in the same pass.
            for (int c = 0; c < k; c++)
                half[c] = 0.5 * ExpectedSquare(m, s2, c, d);
            pass.Run(m, half, totals);
            ReadOnlySpan<double> nk = totals.AsSpan(0, k);
            ReadOnlySpan<double> sk = totals.AsSpan(k, k * d);
            double phiLogPhi = totals[^1];

            // 2. q(μ): the conjugate Gaussian update, in place (the pass that read m is over).
            for (int c = 0; c < k; c++)
            {
                s2[c] = 1 / (1 / sigma2 + nk[c]);
                for (int j = 0; j < d; j++)
                    m[c * d + j] = sk[c * d + j] * s2[c];
            }

            // 3. The ELBO at (φ, m, s²).
            double elbo = Elbo(n, d, k, sigma2, sumSquares, m, s2, nk, sk, phiLogPhi);
            double change = trace.Count > 0 ? elbo - trace[^1] : double.NaN;
            trace.Add(elbo);
            progress?.Report(new CaviProgress(restart, iteration, elbo, change));
            if (iteration > 1 && Math.Abs(change) < options.RelativeTolerance * Math.Abs(elbo))
            {
                termination = CaviTermination.Converged;
                break;
            }
        }
        var means = new double[k, d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++)
                means[c, j] = m[c * d + j];
        string? spread = SpreadWarning(n, d, k, sumSquares, m, totals);
        return new BleiCaviResult
        {
            Warnings = spread is null ? [] : [spread],
            Means = means,
            Variances = s2,
            PriorVariance = sigma2,
            ElboTrace = trace,
            Termination = termination,
            BestRestart = restart,
            RestartElbos = [],
        };
    }

    /// <summary>
    /// A warning when Σᵢₖ φᵢₖ‖xᵢ − mₖ‖²/(n·d), the points' mean squared distance per coordinate from their components'
    /// means, is above 100 beyond its rounding, or below 0.01 while the whole data's spread about their mean is below 1 per
    /// coordinate: the model's xᵢ | cᵢ ~ N(μ, I) then does not describe the data's units (clusters 1e-3 wide merge into
    /// one mean). Tight clusters that lie units apart, or one point per component, are described as they are; points that
    /// are all the same are said to be. The sums are Σx² − 2Σₖ mₖᵀSₖ + Σₖ Nₖ mₖᵀmₖ and Σx² − ‖Σₖ Sₖ‖²/n from the last pass's
    /// statistics, whose cancellation, for data far from 0, is allowed for before anything is said.
    /// </summary>
    private static string? SpreadWarning(int n, int d, int k, double sumSquares, ReadOnlySpan<double> m, ReadOnlySpan<double> totals)
    {
        ReadOnlySpan<double> nk = totals[..k], sk = totals.Slice(k, k * d);
        double cross = 0, squares = 0, centre = 0;
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                cross += m[c * d + j] * sk[c * d + j];
                squares += nk[c] * m[c * d + j] * m[c * d + j];
                sum += sk[c * d + j];
            }
            centre += sum * sum / n;
        }
        double count = (double)n * d;
        double spread = (sumSquares - 2 * cross + squares) / count;
        double rounding = 64 * 2.220446049250313e-16 * (sumSquares + 2 * Math.Abs(cross) + squares) / count;
        double total = (sumSquares - centre) / count, totalRounding = 64 * 2.220446049250313e-16 * (sumSquares + centre) / count;
        bool tooWide = spread - rounding > 100, tooTight = spread + rounding < 0.01 && total - totalRounding < 1;
        if (!tooWide && !tooTight)
            return null;
        if (tooTight && total <= totalRounding)
            return "every point is the same (to rounding): there are no clusters to find, and every mean describes that one point";
        return FormattableString.Invariant(
            $"the points' mean squared distance from their components' means is {Math.Max(spread, 0):G3} per coordinate, where the model fixes it at 1 (xᵢ | cᵢ ~ N(μₖ, I)): ") +
            "the fitted means do not describe clusters in these units; rescale x so that a cluster's spread is about 1, or use " +
            "BayesianGaussianMixture, which fits the covariances";
    }

    /// <summary>The full ELBO; the terms are summed as Blei et al. write them.</summary>
    internal static double Elbo(int n, int d, int k, double sigma2, double sumSquares, ReadOnlySpan<double> m, ReadOnlySpan<double> s2,
                                ReadOnlySpan<double> nk, ReadOnlySpan<double> sk, double phiLogPhi)
    {
        const double TwoPi = 2 * Math.PI;
        double logPMu = 0, mDotS = 0, nkE = 0, logQMu = 0;
        for (int c = 0; c < k; c++)
        {
            double e = ExpectedSquare(m, s2, c, d);
            logPMu += -0.5 * d * Math.Log(TwoPi * sigma2) - e / (2 * sigma2);
            for (int j = 0; j < d; j++)
                mDotS += m[c * d + j] * sk[c * d + j];
            nkE += nk[c] * e;
            logQMu += -0.5 * d * Math.Log(TwoPi * s2[c]) - 0.5 * d;
        }
        double logPC = -n * Math.Log(k);
        double logPX = -0.5 * n * d * Math.Log(TwoPi) - 0.5 * sumSquares + mDotS - 0.5 * nkE;
        return logPMu + logPC + logPX - phiLogPhi - logQMu;
    }

    /// <summary>E[μₖᵀμₖ] = mₖᵀmₖ + d·s²ₖ.</summary>
    private static double ExpectedSquare(ReadOnlySpan<double> m, ReadOnlySpan<double> s2, int c, int d)
    {
        double s = 0;
        for (int j = 0; j < d; j++)
            s += m[c * d + j] * m[c * d + j];
        return s + d * s2[c];
    }

    internal static double[,] Assignments(BleiCaviResult fit, double[,] x)
    {
        ColumnData data = ColumnData.FromRows(x, nameof(x));
        int k = fit.Variances.Length, d = fit.Means.GetLength(1), n = data.PointCount;
        if (data.Dimension != d)
            throw new ArgumentException($"x has {data.Dimension} columns but the fit has d = {d}.", nameof(x));
        var m = new double[k * d];
        var half = new double[k];
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d; j++)
                m[c * d + j] = fit.Means[c, j];
            half[c] = 0.5 * ExpectedSquare(m, fit.Variances, c, d);
        }
        var logits = new double[k];
        var phi = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double a = -half[c];
                for (int j = 0; j < d; j++)
                    a = Math.FusedMultiplyAdd(data.Columns[j * n + i], m[c * d + j], a);
                logits[c] = a;
                max = Math.Max(max, a);
            }
            double sum = 0;
            for (int c = 0; c < k; c++)
                sum += phi[i, c] = Math.Exp(logits[c] - max);
            for (int c = 0; c < k; c++)
                phi[i, c] /= sum;
        }
        return phi;
    }

    private static double[] SeedMeans(ColumnData data, int k, Random random, EmExecution execution)
    {
        int n = data.PointCount, d = data.Dimension;
        int[] seeds = KMeans.PlusPlus(data, k, random, execution);
        var m = new double[k * d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++)
                m[c * d + j] = data.Columns[j * n + seeds[c]];
        return m;
    }

    private static void CheckArguments(int componentCount, BleiCaviOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        if (componentCount < 1)
            throw new ArgumentOutOfRangeException(nameof(componentCount), componentCount, "The mixture needs at least one component (K ≥ 1).");
    }

    private static double[] CheckInitialVariances(double[]? variances, int k)
    {
        if (variances is null)
            return Enumerable.Repeat(1.0, k).ToArray();
        const string name = nameof(BleiCaviOptions.InitialVariances);
        if (variances.Length != k)
            throw new ArgumentException($"{name} has {variances.Length} values; it needs K = {k}.", "options");
        for (int c = 0; c < k; c++)
            if (!(variances[c] > 0) || double.IsInfinity(variances[c]))
                throw new ArgumentException($"{name}[{c}] is {variances[c]}; initial variances must be finite and > 0.", "options");
        return (double[])variances.Clone();
    }
}
