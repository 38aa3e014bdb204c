// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.Ode.Fitting;

namespace ModelCompiler.Ode;

/// <summary>
/// Fits an ODE system's parameters, and optionally unknown initial values, to observations of some or all of its states:
/// minimizes Σwᵢ(y_{sᵢ}(tᵢ; p, y0) − observedᵢ)² by the Levenberg–Marquardt solver of <see cref="CurveFit"/> (MINPACK's
/// scaling and trust region, bounds, the polish), with the residual Jacobian from forward sensitivities integrated with
/// the state (<see cref="OdeSensitivity"/>), and reports as <see cref="CurveFit"/> does: standard errors, covariance as
/// curve_fit defines it, intervals, RSS, AIC, BIC and why it stopped. The system is a type parameter, so the integrator
/// and the sensitivities are specialized for it by the JIT.
/// </summary>
/// <remarks>
/// Bad input (observations before the start or of a state the system does not have, too few observations for the
/// unknowns, crossed bounds, a start outside them, a start where the integration fails…) throws
/// <see cref="ArgumentException"/> naming the argument and index. Non-convergence is not an exception: check
/// <see cref="OdeFitResult.Termination"/>. A trial point where the integration fails is rejected like one where a model is
/// not finite. Caller arrays are copied, never modified.
/// </remarks>
/// <example>
/// <code>
/// var data = new OdeObservations(times, observed);   // rows = times, columns = the states x, y
/// var fit = OdeFit.Fit&lt;Ecology.LotkaVolterraSystem&gt;(data, initialState: [10, 5], startTime: 0, initialParameters: [0.8, 0.12, 1.2, 0.06]);
/// Console.WriteLine(fit);
/// </code>
/// </example>
public static class OdeFit
{
    /// <summary>Fits the system to the observations.</summary>
    /// <param name="observations">What was measured: states at times, none before <paramref name="startTime"/>, at least one after it.</param>
    /// <param name="initialState">y(t0): known values, and the starting guesses of the initial values the setup fits.</param>
    /// <param name="startTime">t0, where <paramref name="initialState"/> holds.</param>
    /// <param name="initialParameters">The starting guesses of the system's parameters (the values of fixed ones).</param>
    /// <param name="setup">Fitted initial values, sigma or weights, bounds, fixed parameters; <see cref="OdeFitSetup.None"/> when null.</param>
    /// <param name="options">The least-squares and integration options; <see cref="OdeFitOptions.Default"/> when null.</param>
    /// <param name="progress">Receives every accepted step: its number, ½·RSS and the unknowns (parameters, then initial values).</param>
    /// <param name="cancellationToken">Checked before every step of the solver and of every integration.</param>
    /// <exception cref="ArgumentException">Bad input; the message names the argument and index.</exception>
    public static OdeFitResult Fit<TSystem>(OdeObservations observations, ReadOnlySpan<double> initialState, double startTime,
        ReadOnlySpan<double> initialParameters, OdeFitSetup? setup = null, OdeFitOptions? options = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
        where TSystem : IOdeSystem
    {
        ArgumentNullException.ThrowIfNull(observations);
        setup ??= OdeFitSetup.None;
        options ??= OdeFitOptions.Default;
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        var y0 = OdeInput.CheckInitialState<TSystem>(initialState, nameof(initialState));
        var parameters = OdeInput.CheckParameters<TSystem>(initialParameters, nameof(initialParameters));
        if (!double.IsFinite(startTime))
            throw new ArgumentException($"The start time is {startTime}; it must be finite.", nameof(startTime));
        int n = y0.Length, p = parameters.Length;
        CheckObservations<TSystem>(observations, n, startTime);
        int[] fittedInitialValues = FittedInitialValues<TSystem>(setup, n);
        bool[] fixedParameters = FixedParameters<TSystem>(setup, p);

        // The unknowns as the least-squares solver sees them: P parameters, then every initial value of a system of
        // named states (the given ones fixed).
        int count = ObservationModel<TSystem>.ParameterCount;
        var names = ObservationModel<TSystem>.ParameterNames;
        var start = new double[count];
        parameters.CopyTo(start, 0);
        var isFixed = new bool[count];
        fixedParameters.CopyTo(isFixed, 0);
        if (count > p)
        {
            y0.CopyTo(start, p);
            for (int j = 0; j < n; j++)
                isFixed[p + j] = Array.IndexOf(fittedInitialValues, j) < 0;
        }
        int m = observations.Count;
        int free = isFixed.Count(f => !f);
        if (free == 0)
            throw new ArgumentException("Every parameter is fixed and no initial value is fitted: there is nothing to fit.", nameof(setup));
        if (m < free)
            throw new ArgumentException(
                $"There are {m} observations but {free} unknowns ({string.Join(", ", Enumerable.Range(0, count).Where(j => !isFixed[j]).Select(j => names[j]))}); "
                + "a fit needs at least as many observations as unknowns.", nameof(observations));
        var (lower, upper) = Bounds(setup, start, isFixed, fittedInitialValues, p, names);
        CheckUncertainty(setup.Sigma, nameof(OdeFitSetup.Sigma), m);
        CheckUncertainty(setup.Weights, nameof(OdeFitSetup.Weights), m);

        bool sensitivities = options.LeastSquares.Method != LeastSquaresMethod.MinpackLmdif;
        var algorithm = options.Algorithm;
        var integration = InStatesUnits(options.Integration, y0, observations.ValuesView);
        int[] freeParameters = Enumerable.Range(0, p).Where(k => !fixedParameters[k]).ToArray();
        var evaluation = new FitEvaluation<TSystem>(y0, startTime, observations.TimesView, observations.StatesView, freeParameters,
            fittedInitialValues, sensitivities, algorithm, integration, cancellationToken);
        long key = ActiveFits.Add(evaluation);
        CurveFitResult leastSquares;
        try
        {
            var x = new double[2 * m];
            for (int i = 0; i < m; i++)
            {
                x[i] = i;
                x[m + i] = key;
            }
            var fitSetup = new FitSetup { Sigma = setup.Sigma, Weights = setup.Weights, LowerBounds = lower, UpperBounds = upper, Fixed = isFixed };
            var problem = InputValidation.Build(x, 2, observations.ValuesView, start, count, names, fitSetup)
                with { ModelNoise = IntegrationNoise(integration, observations.ValuesView) };
            if (!evaluation.Integrate(start))
                throw new ArgumentException(
                    $"At the initial parameters and state the integration fails: {evaluation.LastFailure} Start the fit where the solution exists "
                    + "over the observation times.", nameof(initialParameters));
            // Projection would spend an integration per parameter to look for linear ones, which ODE parameters never are.
            leastSquares = CurveFit.Solve<ObservationModel<TSystem>>(problem, options.LeastSquares with { VariableProjection = false },
                                                                     progress, cancellationToken);
        }
        finally
        {
            ActiveFits.Remove(key);
        }

        var estimate = leastSquares.Parameters;
        var solution = OdeSolver.Solve(
            new OdeProblem<TSystem>(evaluation.InitialState(estimate), startTime, evaluation.EndTime, evaluation.Parameters(estimate)),
            algorithm, integration with { OutputTimes = observations.TimesView.Distinct().ToArray(), DenseOutput = true },
            cancellationToken: cancellationToken);
        return new OdeFitResult(leastSquares, p, evaluation.InitialState(estimate), solution, algorithm.Name, evaluation.Integrations + 1,
            evaluation.FunctionEvaluations + solution.Statistics.FunctionEvaluations);
    }

    /// <summary>
    /// The integration options with the default absolute tolerance, 1e-10 (<see cref="OdeFitOptions.DefaultAbsoluteTolerance"/>),
    /// taken in the states' units when those are below 1: times the largest |observation| or |initial value|. In
    /// nanomolar units (states near 3e-10) 1e-10 is a third of the solution, and a fit returned rates 0.8% off, reported
    /// converged; a tolerance a user sets is kept as given.
    /// </summary>
    private static OdeOptions InStatesUnits(OdeOptions integration, ReadOnlySpan<double> y0, ReadOnlySpan<double> observed)
    {
        if (integration.AbsoluteTolerances is not null || integration.AbsoluteTolerance != OdeFitOptions.DefaultAbsoluteTolerance)
            return integration;
        double scale = 0;
        foreach (double value in y0)
            scale = Math.Max(scale, Math.Abs(value));
        foreach (double value in observed)
            scale = Math.Max(scale, Math.Abs(value));
        return scale is > 0 and < 1 ? integration with { AbsoluteTolerance = OdeFitOptions.DefaultAbsoluteTolerance * scale } : integration;
    }

    /// <summary>
    /// The relative error the integration leaves in the observed states: its tolerances, the absolute one relative to
    /// the largest observation. Residuals below about this carry no direction, which the fit's stall test allows for.
    /// </summary>
    private static double IntegrationNoise(OdeOptions integration, ReadOnlySpan<double> observed)
    {
        double relative = Math.Max(integration.RelativeTolerance, integration.RelativeTolerances?.Max() ?? 0);
        double absolute = Math.Max(integration.AbsoluteTolerance, integration.AbsoluteTolerances?.Max() ?? 0);
        double largest = 0;
        foreach (double value in observed)
            largest = Math.Max(largest, Math.Abs(value));
        return largest > 0 ? Math.Max(relative, absolute / largest) : relative;
    }

    private static void CheckObservations<TSystem>(OdeObservations observations, int n, double startTime) where TSystem : IOdeSystem
    {
        var times = observations.TimesView;
        var states = observations.StatesView;
        for (int i = 0; i < times.Length; i++)
        {
            if (states[i] >= n)
                throw new ArgumentException(
                    $"Observation {i} is of state {states[i]}; the system has {n} states ({OdeSolver.StateName<TSystem>(0, n)} … {OdeSolver.StateName<TSystem>(n - 1, n)}).",
                    nameof(observations));
            if (times[i] < startTime)
                throw new ArgumentException(
                    $"Observation {i} at t = {times[i]} lies before the start time {startTime}; the fit integrates forward from the start.",
                    nameof(observations));
        }
        if (!(times[^1] > startTime))
            throw new ArgumentException($"Every observation is at the start time {startTime}; at least one must come after it.", nameof(observations));
    }

    private static int[] FittedInitialValues<TSystem>(OdeFitSetup setup, int n) where TSystem : IOdeSystem
    {
        if (setup.FittedInitialValues is not { Count: > 0 } fitted)
            return [];
        if (TSystem.StateCount is null)
            throw new ArgumentException(
                $"{typeof(TSystem).Name} is an indexed system; its initial values cannot be fitted (fit the parameters of an initial profile instead).",
                nameof(setup));
        var indices = fitted.ToArray();
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)n)
                throw new ArgumentException($"FittedInitialValues[{i}] is {indices[i]}; the system has {n} states.", nameof(setup));
            if (Array.IndexOf(indices, indices[i]) < i)
                throw new ArgumentException($"FittedInitialValues[{i}] repeats state {indices[i]}.", nameof(setup));
        }
        return indices;
    }

    private static bool[] FixedParameters<TSystem>(OdeFitSetup setup, int p) where TSystem : IOdeSystem
    {
        if (setup.FixedParameters is not { } flags)
            return new bool[p];
        if (flags.Length != p)
            throw new ArgumentException(
                $"FixedParameters has {flags.Length} flags; the system has {p} parameters ({string.Join(", ", TSystem.ParameterNames)}).", nameof(setup));
        return (bool[])flags.Clone();
    }

    /// <summary>The bounds over the solver's unknowns, from the setup's bounds over the parameters and fitted initial values.</summary>
    private static (double[]? Lower, double[]? Upper) Bounds(OdeFitSetup setup, double[] start, bool[] isFixed, int[] fittedInitialValues,
        int p, IReadOnlyList<string> names)
    {
        if (setup.LowerBounds is null && setup.UpperBounds is null)
            return (null, null);
        int unknowns = p + fittedInitialValues.Length;
        // Position in the setup's arrays → position among the solver's unknowns.
        int Unknown(int j) => j < p ? j : p + fittedInitialValues[j - p];
        string Described(int j) => $"{j} ({names[Unknown(j)]})";
        foreach (var (bounds, what) in new[] { (setup.LowerBounds, "LowerBounds"), (setup.UpperBounds, "UpperBounds") })
            if (bounds is not null && bounds.Length != unknowns)
                throw new ArgumentException(
                    $"{what} has {bounds.Length} values; give one per unknown: the {p} parameters, then the {fittedInitialValues.Length} fitted initial values.",
                    nameof(setup));
        var lower = Enumerable.Repeat(double.NegativeInfinity, start.Length).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, start.Length).ToArray();
        for (int j = 0; j < unknowns; j++)
        {
            double lo = setup.LowerBounds?[j] ?? double.NegativeInfinity, hi = setup.UpperBounds?[j] ?? double.PositiveInfinity;
            if (double.IsNaN(lo) || lo == double.PositiveInfinity)
                throw new ArgumentException($"LowerBounds[{Described(j)}] is {lo}; use −∞ for no bound.", nameof(setup));
            if (double.IsNaN(hi) || hi == double.NegativeInfinity)
                throw new ArgumentException($"UpperBounds[{Described(j)}] is {hi}; use +∞ for no bound.", nameof(setup));
            if (!(lo < hi))
                throw new ArgumentException($"The bounds of unknown {Described(j)} are crossed or empty: [{lo}, {hi}].", nameof(setup));
            int u = Unknown(j);
            if (start[u] < lo || start[u] > hi)
                throw new ArgumentException(
                    $"The start of unknown {Described(j)}, {start[u]}, lies outside its bounds [{lo}, {hi}]"
                    + (isFixed[u] ? "; a fixed parameter keeps its value, which must satisfy its bounds too." : "."),
                    u < p ? "initialParameters" : "initialState");
            lower[u] = lo;
            upper[u] = hi;
        }
        return (lower, upper);
    }

    private static void CheckUncertainty(double[]? values, string what, int m)
    {
        if (values is not null && values.Length != m)
            throw new ArgumentException($"{what} has {values.Length} values; give one per observation ({m}).", "setup");
    }
}
