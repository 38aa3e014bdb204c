// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// A family of mixture components that <see cref="EmEngine"/> drives: it owns the data and the
/// parameters θ = (π, θ₁…θ_K), evaluates ln πₖ + ln p(xᵢ | θₖ) chunk by chunk (the E-step's input),
/// accumulates its sufficient statistics from the responsibilities, and performs the M-step.
/// </summary>
/// <typeparam name="TParameters">
/// An immutable snapshot of the parameters, used to keep the best of several initializations.
/// </typeparam>
/// <remarks>
/// <para>
/// The engine calls the family from several threads at once, always on disjoint point ranges
/// [start, start + length) with length ≤ <see cref="EmEngine.ChunkLength"/>, and each worker passes
/// its own <c>workspace</c>. The chunk methods must therefore only read the family's state.
/// <see cref="Maximize"/>, <see cref="Initialize"/> and <see cref="RestoreParameters"/> are called
/// from one thread between passes.
/// </para>
/// <para>
/// Layouts: <c>logDensity</c> and <c>responsibilities</c> are component-major over the chunk, the
/// value of point start + i for component k at <c>[k * length + i]</c>, so kernels vectorize over
/// points. <c>statistics</c> holds <see cref="StatisticsLength"/> doubles per chunk; the engine zeroes
/// it before <see cref="AccumulateStatistics"/> and sums the chunks in chunk order, so results do not
/// depend on the number of threads.
/// </para>
/// </remarks>
public interface IMixtureFamily<TParameters> where TParameters : class
{
    /// <summary>Number of data points n.</summary>
    int PointCount { get; }

    /// <summary>Number of components K.</summary>
    int ComponentCount { get; }

    /// <summary>Number of doubles of sufficient statistics one chunk contributes (may be 0).</summary>
    int StatisticsLength { get; }

    /// <summary>
    /// True when <see cref="Maximize"/> needs the whole n×K responsibility matrix (e.g. an M-step
    /// that solves weighted least-squares problems over all points); the engine then keeps it.
    /// </summary>
    bool NeedsResponsibilities { get; }

    /// <summary>True when the family holds parameters from an earlier fit (warm start continues from them).</summary>
    bool HasParameters { get; }

    /// <summary>Doubles of scratch space one worker needs for a chunk of <paramref name="chunkLength"/> points.</summary>
    int WorkspaceLength(int chunkLength);

    /// <summary>
    /// Sets the parameters for one start of EM (explicit values, k-means, random…). Called once per
    /// initialization with the engine's seeded <paramref name="random"/>, which is shared by the
    /// successive initializations.
    /// </summary>
    void Initialize(Random random, EmExecution execution);

    /// <summary>Writes ln πₖ + ln p(x_{start+i} | θₖ) to <c>logDensity[k * length + i]</c>.</summary>
    void EstimateWeightedLogDensity(int start, int length, Span<double> logDensity, Span<double> workspace);

    /// <summary>
    /// Adds the chunk's sufficient statistics, given the responsibilities
    /// <c>responsibilities[k * length + i]</c> = p(k | x_{start+i}, θ), into <paramref name="statistics"/>.
    /// </summary>
    void AccumulateStatistics(int start, int length, ReadOnlySpan<double> responsibilities,
                              Span<double> statistics, Span<double> workspace);

    /// <summary>
    /// The M-step: new parameters from the statistics summed over all chunks and, when
    /// <see cref="NeedsResponsibilities"/>, the n×K responsibilities (component-major,
    /// <c>[k * n + i]</c>; empty otherwise).
    /// </summary>
    MaximizationOutcome Maximize(ReadOnlySpan<double> statistics, ReadOnlySpan<double> responsibilities, EmExecution execution);

    /// <summary>Copies the current parameters into an immutable snapshot.</summary>
    TParameters CaptureParameters();

    /// <summary>Sets the parameters from a snapshot taken by <see cref="CaptureParameters"/>.</summary>
    void RestoreParameters(TParameters parameters);
}
