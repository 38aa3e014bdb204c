// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Options of <see cref="CurveFit.FitGlobal{TModel}(double[], double[], double[], FitSetup, MultiStartOptions?, CurveFitOptions?, IProgress{MultiStartProgress}?, CancellationToken)"/>,
/// which runs Levenberg–Marquardt from several starts and keeps the fit with the lowest residual sum of squares.
/// </summary>
/// <remarks>
/// Start 0 is the caller's initial values. Starts 1…N−1 are a Latin hypercube of N − 1 points over the free
/// parameters (each parameter's range cut into N − 1 equal strata, one point per stratum, strata paired across
/// parameters by random permutations), drawn from a SplitMix64 stream seeded with <see cref="Seed"/>, mapped per
/// parameter as follows:
/// <list type="bullet">
/// <item>both bounds finite: uniform over [lower, upper];</item>
/// <item>otherwise, an initial value b ≠ 0: b·10^u with u uniform on [−log10 F, log10 F], F = <see cref="SpreadFactor"/>
/// (sign kept, log-uniform within a factor F of b);</item>
/// <item>otherwise, an initial value of 0, which has no scale to multiply: ±10^u as around ±1, negative in the lower
/// half of the parameter's strata and positive in the upper half;</item>
/// <item>a draw beyond a one-sided bound is reflected into it.</item>
/// </list>
/// Fixed parameters keep their initial value. The starts depend on the seed, <see cref="StartCount"/>, the initial
/// values and the bounds, never on the thread count.
/// </remarks>
public sealed record MultiStartOptions
{
    /// <summary>Shared default instance: 16 starts from 960 screened candidates, seed 0, factor 10, every start run.</summary>
    public static MultiStartOptions Default { get; } = new();

    /// <summary>Number of starts N, the caller's included (default 16). One is a plain fit.</summary>
    public int StartCount { get; init; } = 16;

    /// <summary>Seed of the stream the starts are drawn from; equal seeds give equal starts and equal fits.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// F: a parameter without two finite bounds is drawn log-uniformly within a factor F of its initial value
    /// (default 10, every start within one decade either side). Must be finite and &gt; 1.
    /// </summary>
    public double SpreadFactor { get; init; } = 10;

    /// <summary>
    /// A start reached the best fit when its RSS ≤ RSS_best·(1 + tolerance) (default 1e-8). Counts toward
    /// <see cref="MultiStartSummary.ReachedBest"/> and toward <see cref="StopWhenAgreeing"/>.
    /// </summary>
    public double AgreementTolerance { get; init; } = 1e-8;

    /// <summary>
    /// Early stop: when set to k, the starts run in rounds of <see cref="RoundSize"/> (in start order, each round in
    /// parallel), and no further round starts once k of the starts run so far reached the best RSS among them.
    /// Null (default): every start runs. The rounds do not depend on the thread count, so neither does the result.
    /// </summary>
    public int? StopWhenAgreeing { get; init; }

    /// <summary>Starts per round when <see cref="StopWhenAgreeing"/> is set (default 4).</summary>
    public int RoundSize { get; init; } = 4;

    /// <summary>
    /// C: when above 1, starts 1…N−1 are the best N−1 of (N−1)·C Latin-hypercube candidates drawn as above. Each
    /// candidate is ranked by its residual sum of squares with the parameters the model is affine in (found at the
    /// caller's start) solved by linear least squares, which also become its values: one model evaluation and a small
    /// linear solve per candidate, a cheap screen of a multimodal landscape (ENSO's periods, Gauss's peak positions)
    /// before the full fits. Ties go to the lower candidate index. Default 64; 1 skips the screen (worth it when one
    /// evaluation is costly: on a million points the screen costs about (N − 1)·C evaluations, against some 20–50 per start).
    /// </summary>
    public int CandidatesPerStart { get; init; } = 64;

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (StartCount < 1)
            error = $"{nameof(StartCount)} must be ≥ 1, got {StartCount}.";
        else if (!(SpreadFactor > 1) || double.IsInfinity(SpreadFactor))
            error = $"{nameof(SpreadFactor)} must be finite and > 1, got {SpreadFactor}.";
        else if (!(AgreementTolerance >= 0) || double.IsInfinity(AgreementTolerance))
            error = $"{nameof(AgreementTolerance)} must be finite and ≥ 0, got {AgreementTolerance}.";
        else if (StopWhenAgreeing is < 2)
            error = $"{nameof(StopWhenAgreeing)} must be ≥ 2 when set (one start always agrees with itself), got {StopWhenAgreeing}.";
        else if (RoundSize < 1)
            error = $"{nameof(RoundSize)} must be ≥ 1, got {RoundSize}.";
        else if (CandidatesPerStart < 1 || (long)CandidatesPerStart * StartCount > 10_000_000)
            error = $"{nameof(CandidatesPerStart)} must be ≥ 1, and (N − 1)·C at most 10,000,000, got {CandidatesPerStart}.";
        return error is null;
    }

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "multiStart");
    }
}
