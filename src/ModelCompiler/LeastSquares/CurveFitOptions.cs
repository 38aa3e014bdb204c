// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Options of the Levenberg–Marquardt solver. Notation: f = the weighted residual vector
/// √wᵢ·(model(xᵢ; p) − yᵢ) over the free parameters p, J its Jacobian, D the diagonal scaling
/// (running maximum of J's column norms, as in MINPACK), Δ the trust-region radius.
/// The defaults are tight enough to reproduce NIST StRD certified values to about ten digits.
/// </summary>
public sealed record CurveFitOptions
{
    /// <summary>Shared default instance.</summary>
    public static CurveFitOptions Default { get; } = new();

    /// <summary>
    /// scipy's <c>curve_fit(f, x, y, p0)</c> with its defaults (method 'lm', which is
    /// <c>leastsq</c>, which is MINPACK lmdif): <see cref="Method"/> = <see cref="LeastSquaresMethod.MinpackLmdif"/>
    /// (forward-difference Jacobian, no polish, covariance from lmdif's final R), ftol = xtol =
    /// 1.49012e-8, gtol = 0, maxfev = 200·(k + 1) for k free parameters, factor = 100, and the parameters in
    /// the order the iteration ends in (no <see cref="KeepStartLabels"/>), with scipy's evaluation counts.
    /// Use it to reproduce a scipy result, early stop included; the default options go on to the
    /// minimum, which differs from scipy's answer from about the sixth digit on ill-determined
    /// parameters. Given model values equal to numpy's to the bit, the iterates are scipy's bit for
    /// bit. The early stop magnifies last-bit differences in the model's values, though: numpy's
    /// vectorized exp against the C library's moves the seed case's p5 by 2e-5 relative.
    /// Bounds are rejected, as scipy switches to another method for them.
    /// </summary>
    public static CurveFitOptions ScipyCurveFit { get; } = new()
    {
        Method = LeastSquaresMethod.MinpackLmdif,
        FunctionTolerance = 1.49012e-8,
        ParameterTolerance = 1.49012e-8,
        GradientTolerance = 0,
        MaxFunctionEvaluationsPerParameter = 200,
        InitialStepBound = 100,
        PolishSolution = false,
        VariableProjection = false,
        KeepStartLabels = false,
    };

    /// <summary>
    /// The algorithm. <see cref="LeastSquaresMethod.LevenbergMarquardt"/> (default) uses the model's
    /// Jacobian; <see cref="LeastSquaresMethod.MinpackLmdif"/> follows MINPACK lmdif exactly and
    /// ignores <see cref="PolishSolution"/> and <see cref="GeodesicAcceleration"/>.
    /// </summary>
    public LeastSquaresMethod Method { get; init; } = LeastSquaresMethod.LevenbergMarquardt;

    /// <summary>
    /// Stops when both the actual and the predicted relative reduction of ‖f‖² in a step are at most
    /// this value: |1 − ‖f_new‖²/‖f‖²| ≤ ftol and (‖f‖² − ‖f + J·s‖²)/‖f‖² ≤ ftol (MINPACK's ftol test).
    /// </summary>
    public double FunctionTolerance { get; init; } = 1e-15;

    /// <summary>
    /// Stops when the trust region has shrunk to Δ ≤ xtol·‖D·p‖, that is, when the relative
    /// change of the scaled parameters can no longer exceed xtol (MINPACK's xtol test).
    /// </summary>
    public double ParameterTolerance { get; init; } = 1e-15;

    /// <summary>
    /// Stops when the largest cosine between f and a column of J, max_j |J_jᵀf| / (‖J_j‖·‖f‖),
    /// is at most this value (MINPACK's gtol test; zero disables it).
    /// </summary>
    public double GradientTolerance { get; init; } = 1e-15;

    /// <summary>
    /// Stops after this many model evaluations (values, with or without the Jacobian; under
    /// <see cref="LeastSquaresMethod.MinpackLmdif"/> a difference Jacobian counts k evaluations, as
    /// lmdif's nfev). An explicit value always wins, as scipy's <c>maxfev</c>; null (the default)
    /// means <see cref="MaxFunctionEvaluationsPerParameter"/>·(k + 1) when that is set, otherwise 5000.
    /// So <c>CurveFitOptions.ScipyCurveFit with { MaxFunctionEvaluations = 100_000 }</c> allows 100,000. A fit's second
    /// attempt (variable projection after Levenberg–Marquardt, or the reverse) has what the first left. <c>FitMany</c>
    /// evaluates each trial point once, values and normal equations together, where <c>Fit</c> on few points takes the
    /// values and then, at a point it keeps, values with the Jacobian: a budget that stops them may stop them at
    /// different iterations, though they agree wherever the fit converges within it.
    /// </summary>
    public int? MaxFunctionEvaluations { get; init; }

    /// <summary>
    /// The evaluation budget per free parameter when <see cref="MaxFunctionEvaluations"/> is null: the
    /// budget is this value·(k + 1) for k free parameters, scipy's default maxfev of 200·(k + 1) in
    /// <see cref="ScipyCurveFit"/>. Null by default.
    /// </summary>
    public int? MaxFunctionEvaluationsPerParameter { get; init; }

    /// <summary>
    /// The first trust-region radius is Δ₀ = factor·‖D·p₀‖ (or factor when p₀ = 0), MINPACK's factor.
    /// </summary>
    public double InitialStepBound { get; init; } = 100;

    /// <summary>
    /// After convergence, refine the solution with full Gauss–Newton steps (fresh QR each) while they
    /// contract and ‖f‖ stays within its rounding noise, ε·(‖√w·y‖ + ‖f‖). The trust-region tests
    /// end when ‖f‖ stops changing in double precision, which leaves ill-conditioned parameters
    /// accurate to only about half the digits; the polish recovers the rest (at most 30 steps).
    /// Disable to run plain MINPACK lmder. With the polish, the trust region also stops once a step's reductions of
    /// ‖f‖² are below its rounding and the factor is well conditioned, rather than refusing trial after trial there.
    /// </summary>
    public bool PolishSolution { get; init; } = true;

    /// <summary>Whether the trust region hands over to the polish at ‖f‖²'s resolution (TrustRegion.BelowResolution); off only to measure it.</summary>
    internal bool StopAtResolution { get; init; } = true;


    /// <summary>
    /// Geodesic acceleration (Transtrum &amp; Sethna 2012): each Levenberg step v is corrected by half
    /// the acceleration a = −(JᵀJ + λDᵀD)⁻¹Jᵀr_vv, where r_vv is the second directional derivative
    /// of the residuals along v from one extra evaluation, when 2‖Da‖ ≤ 0.75‖Dv‖ and v + a/2 stays
    /// in the trust region. Used on the QR route without bounds. Off by default because it does not
    /// pay on the NIST StRD suite as a whole: it takes Bennett5 start 2 from 197 to 14 iterations, but
    /// costs an evaluation per trial and more iterations on MGH10 and Bennett5 start 1 (suite time
    /// about 29 ms against 20 ms, same accuracy).
    /// </summary>
    public bool GeodesicAcceleration { get; init; }

    /// <summary>
    /// Variable projection (Golub &amp; Pereyra 1973, with Kaufman's Jacobian) before the full iteration, on by default.
    /// The parameters the model is affine in — amplitudes, offsets, polynomial and numerator coefficients, found
    /// numerically at the start (a parameter's Jacobian column does not change when it changes, nor when all of them
    /// change together) — are eliminated: for every value of the other parameters θ they are the linear least-squares
    /// solution, and the trust-region iteration runs over θ alone, its first radius at most ‖D·θ‖. Their start values
    /// are not used. From the point reached, the full Levenberg–Marquardt iteration finishes the fit (minimum, polish,
    /// covariance) with what is left of the evaluation budget (at least 2·(k + 1)). When that point looks like a
    /// minimum at infinity (cancelling terms above 10⁴·‖√w·y‖, or a parameter that ran six orders of magnitude from its
    /// start), the full iteration also runs from the caller's start and the lower sum of squares wins. Eliminating the
    /// amplitudes removes the minima where they cancel or die with their term: from random starts on the NIST StRD
    /// problems it solves 81.5 % of starts against 72.2 % without (benchmarks/NIST-random-starts.md), with fewer
    /// evaluations. Not used by bounded fits, tall problems (the streamed routes), models with no linear or only linear
    /// parameters, <see cref="LeastSquaresMethod.MinpackLmdif"/>, batch fits and ODE fits.
    /// </summary>
    public bool VariableProjection { get; init; } = true;

    /// <summary>
    /// Returns terms the model treats alike in the order of the start, on by default: a sum of exponentials, of peaks or
    /// of periodic terms has one minimum per order of its terms, and the order a fit ends in is an accident of its path.
    /// After the fit, blocks of parameters that act together are found from how their Jacobian columns depend on each
    /// other (P + 1 Jacobian evaluations at the solution, counted in the result as all its evaluations are), two blocks
    /// count as exchangeable when swapping them leaves
    /// the model's values on the data unchanged to 1e-12 of their largest, and each set of exchangeable blocks is put in
    /// the order nearest the start (Σ((v − s)/(|v| + |s|))² over their parameters); values, standard errors and
    /// covariance move together and the RSS does not change. Skipped for bounded fits and fits with fixed parameters,
    /// whose blocks could not move freely, and by batch fits.
    /// </summary>
    public bool KeepStartLabels { get; init; } = true;

    /// <summary>
    /// When true, sigma is taken as absolute: the covariance is (JᵀWJ)⁻¹ without the factor
    /// RSS/(n − P), as scipy's <c>curve_fit(absolute_sigma=True)</c>.
    /// </summary>
    public bool AbsoluteSigma { get; init; }

    /// <summary>
    /// Threads a fit may use: the passes over the points of a tall problem and the curves of
    /// <see cref="CurveFit.FitMany{TModel}(double[], double[,], double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
    /// and the starts of <see cref="CurveFit.FitGlobal{TModel}(double[], double[], double[], FitSetup, MultiStartOptions?, CurveFitOptions?, IProgress{MultiStartProgress}?, CancellationToken)"/>
    /// run on up to this many cores (null: all of them). Results do not depend on it: points are summed in fixed
    /// chunks added in a fixed order, and each curve of a batch and each start is fitted by arithmetic of its own.
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Confidence level of the parameter intervals (Student t with n − P degrees of freedom).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!(FunctionTolerance >= 0) || double.IsInfinity(FunctionTolerance))
            error = $"{nameof(FunctionTolerance)} must be finite and ≥ 0, got {FunctionTolerance}.";
        else if (!(ParameterTolerance >= 0) || double.IsInfinity(ParameterTolerance))
            error = $"{nameof(ParameterTolerance)} must be finite and ≥ 0, got {ParameterTolerance}.";
        else if (!(GradientTolerance >= 0) || double.IsInfinity(GradientTolerance))
            error = $"{nameof(GradientTolerance)} must be finite and ≥ 0, got {GradientTolerance}.";
        else if (MaxFunctionEvaluations is < 1)
            error = $"{nameof(MaxFunctionEvaluations)} must be ≥ 1, got {MaxFunctionEvaluations}.";
        else if (MaxFunctionEvaluationsPerParameter is < 1)
            error = $"{nameof(MaxFunctionEvaluationsPerParameter)} must be ≥ 1 when set, got {MaxFunctionEvaluationsPerParameter}.";
        else if (!Enum.IsDefined(Method))
            error = $"{nameof(Method)} {(int)Method} is not a {nameof(LeastSquaresMethod)}.";
        else if (!(InitialStepBound > 0) || double.IsInfinity(InitialStepBound))
            error = $"{nameof(InitialStepBound)} must be finite and > 0, got {InitialStepBound}.";
        else if (MaxDegreeOfParallelism is < 1)
            error = $"{nameof(MaxDegreeOfParallelism)} must be ≥ 1 when set, got {MaxDegreeOfParallelism}.";
        else if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            error = $"{nameof(ConfidenceLevel)} must lie in (0, 1), got {ConfidenceLevel}.";
        return error is null;
    }

    /// <summary>The evaluation budget for <paramref name="freeCount"/> free parameters.</summary>
    internal int EvaluationBudget(int freeCount)
        => MaxFunctionEvaluations
           ?? (MaxFunctionEvaluationsPerParameter is { } perParameter
               ? (int)Math.Min(int.MaxValue, (long)perParameter * (freeCount + 1))
               : DefaultMaxFunctionEvaluations);

    private const int DefaultMaxFunctionEvaluations = 5000;

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException(error, "options");
    }
}
