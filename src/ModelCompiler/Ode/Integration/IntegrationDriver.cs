// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Ode.Integration;

/// <summary>
/// Runs a stepper from t0 to tEnd: output times from the steps' interpolants, events, dense storage, the step
/// budget, progress and cancellation, and the result with its termination reason.
/// </summary>
internal static class IntegrationDriver
{
    private const int ProgressInterval = 100;

    public static OdeResult Run<TF>(TF function, IReadOnlyList<string> stateNames, double[] y0, double t0, double tEnd,
        OdeAlgorithm algorithm, OdeOptions options, double[]? outputTimes, IProgress<OdeProgress>? progress,
        CancellationToken cancellationToken, (double[] Rtol, double[] Atol)? tolerances = null, bool checkStates = true)
        where TF : struct, IOdeFunction
    {
        int n = y0.Length;
        var (rtol, atol) = tolerances ?? Tolerances(options, n);
        if (checkStates && tolerances is null)
            OdeInput.CheckStatesVisible(y0, atol, rtol);   // sensitivities check their state block themselves
        double direction = Math.Sign(tEnd - t0);
        var context = new OdeContext<TF>(function, rtol, atol, options.MaxStep, direction, options.LinearSolver);
        var stepper = Create(algorithm, context);
        stepper.Start(t0, y0, options.InitialStep is double h0 ? direction * h0 : 0, tEnd);

        var outputs = new Outputs(outputTimes, n);
        var dense = options.DenseOutput ? new DenseOutputBuilder(t0, y0) : null;
        var events = options.Events is { Count: > 0 } ? new EventLocator(options.Events, n) : null;
        var occurrences = new List<OdeEventOccurrence>();
        events?.Initialize(t0, y0);
        int nextOutput = 0;
        if (outputTimes is null)
        {
            outputs.Add(t0, y0);
        }
        else
        {
            while (nextOutput < outputTimes.Length && outputTimes[nextOutput] == t0)
                outputs.Add(outputTimes[nextOutput++], y0);
        }

        var counters = context.Counters;
        var termination = OdeTermination.Completed;
        double finalTime = t0;
        string? failureDetail = null;
        var row = new double[n];
        while (stepper.T != tEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (counters.Steps >= options.MaxSteps)
            {
                termination = OdeTermination.MaxStepsReached;
                break;
            }
            var status = stepper.Step(tEnd);
            if (status != StepStatus.Accepted)
            {
                termination = status is StepStatus.NonFinite or StepStatus.NonFiniteJacobian
                    ? OdeTermination.NonFiniteRightHandSide
                    : OdeTermination.StepSizeTooSmall;
                failureDetail = status switch
                {
                    StepStatus.NonFinite => "f(t, y) became NaN or infinite and stayed so however small the step",
                    StepStatus.NonFiniteJacobian =>
                        "the Jacobian ∂f/∂y became NaN or infinite there (a Jacobian by differences evaluates f a small step away from y, " +
                        "which may leave f's domain)",
                    StepStatus.ConvergenceFailure => "the Newton iteration failed to converge (or the iteration matrix stayed singular) however small the step",
                    StepStatus.SingularMatrix => "the matrix I − γhJ stayed singular however small the step",
                    _ => "the error test kept failing down to the smallest step t can resolve" + CoarseClock(stepper.T, t0, tEnd, OdeContext<TF>.MinimumStep(stepper.T)),
                };
                break;
            }
            dense?.Add(stepper);
            double tCut = stepper.T;
            bool terminal = false;
            if (events is not null)
            {
                foreach (var (index, time, rising) in events.Locate(stepper, direction))
                {
                    var e = options.Events![index];
                    occurrences.Add(new OdeEventOccurrence(index, e.Name, time, events.StateAt(stepper, time), rising));
                    if (e.Terminal)
                    {
                        tCut = time;
                        terminal = true;
                        break;
                    }
                }
            }
            if (outputTimes is null)
            {
                if (terminal)
                {
                    stepper.Interpolate(tCut, row);
                    outputs.Add(tCut, tCut == stepper.T ? stepper.Y : row);
                }
                else
                {
                    outputs.Add(stepper.T, stepper.Y);
                }
            }
            else
            {
                while (nextOutput < outputTimes.Length && direction * (outputTimes[nextOutput] - tCut) <= 0)
                {
                    double t = outputTimes[nextOutput++];
                    if (t == stepper.T)
                    {
                        outputs.Add(t, stepper.Y);
                    }
                    else
                    {
                        stepper.Interpolate(t, row);
                        outputs.Add(t, row);
                    }
                }
            }
            finalTime = tCut;
            if (progress is not null && counters.Steps % ProgressInterval == 0)
                progress.Report(new OdeProgress(stepper.T, counters.Steps, stepper.LastStep, stepper.Name));
            if (terminal)
            {
                termination = OdeTermination.TerminalEvent;
                dense?.TruncateAt(tCut);
                break;
            }
            if (events is { NaNEvent: >= 0 and int nan })
            {
                termination = OdeTermination.NonFiniteEvent;
                failureDetail = $"the function of event {nan} ('{options.Events![nan].Name}') returned NaN";
                break;
            }
        }
        progress?.Report(new OdeProgress(finalTime, counters.Steps, stepper.LastStep, stepper.Name));

        var statistics = new OdeStatistics
        {
            Steps = counters.Steps,
            RejectedSteps = counters.RejectedSteps,
            FunctionEvaluations = counters.FunctionEvaluations,
            JacobianEvaluations = counters.JacobianEvaluations,
            LuFactorizations = counters.Factorizations,
            LinearSolves = counters.LinearSolves,
            ErrorTestFailures = counters.ErrorTestFailures,
            NonlinearIterations = counters.NonlinearIterations,
            NonlinearConvergenceFailures = counters.NonlinearConvergenceFailures,
            MethodSwitches = counters.MethodSwitches,
            LastStepSize = stepper.LastStep,
            LastOrder = stepper.LastOrder,
            LastMethod = stepper.Name,
            LinearSolver = LinearSolverOf(stepper),
            FactorEntries = FactorEntriesOf(stepper),
        };
        string stepperName = stepper.Name;
        if (termination == OdeTermination.MaxStepsReached && stepper is ExplicitRungeKutta<TF> { StiffnessDetected: true } explicitMethod)
            failureDetail = string.Format(CultureInfo.InvariantCulture,
                "its stiffness test found h·|λ| ≈ {0:G3} near {1}'s stability boundary {2} on 15 steps: the problem is stiff, and the " +
                "steps are as short as stability, not accuracy, demands; use Bdf, Rodas5P or Auto rather than raise MaxSteps",
                explicitMethod.StiffnessRatio, explicitMethod.Name, explicitMethod.StabilityBoundary);
        string Describe() => Message(termination, finalTime, tEnd, options, failureDetail, stepperName, outputTimes, nextOutput, occurrences);
        var switches = stepper is AutoSwitching<TF> auto ? auto.Switches.ToArray() : [];
        var (times, states) = outputs.Build();
        return new OdeResult(algorithm.Name, stateNames, times, states, dense?.Build(), occurrences, switches,
            statistics, termination, Describe, finalTime);
    }

    private static void Add(this DenseOutputBuilder builder, Stepper stepper) => stepper.WriteDense(builder);

    /// <summary>
    /// The reported times and states: into arrays of the final size when the output times are given, into growing ones
    /// when every step is reported.
    /// </summary>
    private sealed class Outputs(double[]? outputTimes, int n)
    {
        private double[] _times = outputTimes ?? new double[16];
        private double[] _states = new double[(outputTimes?.Length ?? 16) * n];
        private int _count;

        public void Add(double t, ReadOnlySpan<double> y)
        {
            if (_count == _times.Length)
            {
                Array.Resize(ref _times, 2 * _count);
                Array.Resize(ref _states, 2 * _count * n);
            }
            _times[_count] = t;   // unchanged when the output times are given: t is the next of them
            y.CopyTo(_states.AsSpan(_count * n, n));
            _count++;
        }

        public (double[] Times, double[] States) Build() => _count == _times.Length && _count * n == _states.Length
            ? (_times, _states)
            : (_times[.._count], _states[..(_count * n)]);
    }

    private static Stepper Create<TF>(OdeAlgorithm algorithm, OdeContext<TF> context) where TF : struct, IOdeFunction => algorithm switch
    {
        Dopri5 => new ExplicitRungeKutta<TF>(context, dop853: false),
        Dop853 => new ExplicitRungeKutta<TF>(context, dop853: true),
        Rodas5P => new Rosenbrock<TF>(context, RosenbrockTableau.Rodas5P),
        Rodas4 => new Rosenbrock<TF>(context, RosenbrockTableau.Rodas4),
        Bdf bdf => new BackwardDifferentiation<TF>(context, bdf.MaxOrder, bdf.NumericalDifferentiationFormulas, bdf.MaxStepsPerJacobian),
        Auto auto => new AutoSwitching<TF>(context, (ExplicitRungeKutta<TF>)Create(auto.Nonstiff, context), () => Create(auto.Stiff, context)),
        _ => throw new ArgumentException($"Unknown algorithm {algorithm.GetType().Name}.", nameof(algorithm)),
    };

    private static OdeLinearSolver LinearSolverOf(Stepper stepper) =>
        (stepper as IHasIterationMatrix)?.Matrix?.Kind ?? OdeLinearSolver.Automatic;

    private static long FactorEntriesOf(Stepper stepper) => (stepper as IHasIterationMatrix)?.Matrix?.FactorEntries ?? 0;

    internal static (double[] Rtol, double[] Atol) Tolerances(OdeOptions options, int n)
    {
        var rtol = new double[n];
        var atol = new double[n];
        if (options.RelativeTolerances is { } r)
        {
            if (r.Count != n)
                throw new ArgumentException(
                    $"{nameof(OdeOptions.RelativeTolerances)} has {r.Count} values; the system has {n} states.", "options");
            for (int i = 0; i < n; i++)
                rtol[i] = r[i];
        }
        else
        {
            Array.Fill(rtol, options.RelativeTolerance);
        }
        if (options.AbsoluteTolerances is { } a)
        {
            if (a.Count != n)
                throw new ArgumentException(
                    $"{nameof(OdeOptions.AbsoluteTolerances)} has {a.Count} values; the system has {n} states.", "options");
            for (int i = 0; i < n; i++)
                atol[i] = a[i];
        }
        else
        {
            Array.Fill(atol, options.AbsoluteTolerance);
        }
        return (rtol, atol);
    }

    /// <summary>
    /// Where t is so large beside the interval that its rounding, not the solution, sets the smallest step: the order-1
    /// start of BDF on y′ = −y from t0 = 1e12 (steps of 1.2e-4 and more) cannot meet rtol = 1e-8.
    /// </summary>
    private static string CoarseClock(double t, double t0, double tEnd, double minimumStep) =>
        Math.Abs(t) > 1e3 * Math.Abs(tEnd - t0)
            ? string.Format(CultureInfo.InvariantCulture,
                " ({0:G3} at t = {1:G6}, whose own rounding is that coarse; measuring time from a nearer origin, as t − {2:G6}, lets " +
                "shorter steps be taken)", minimumStep, t, t0)
            : "";

    private static string Message(OdeTermination termination, double finalTime, double tEnd, OdeOptions options, string? detail,
        string stepper, double[]? outputTimes, int outputsDone, List<OdeEventOccurrence> occurrences)
    {
        var ci = CultureInfo.InvariantCulture;
        string missing = outputTimes is not null && outputsDone < outputTimes.Length
            ? string.Format(ci, " The {0} output times after t = {1:G10} were not reached and are not in the result.",
                outputTimes.Length - outputsDone, finalTime)
            : "";
        return termination switch
        {
            OdeTermination.Completed => string.Format(ci, "Reached the end time {0:G10}.", tEnd),
            OdeTermination.TerminalEvent => string.Format(ci, "The terminal event '{0}' occurred at t = {1:G15}.",
                occurrences[^1].Name, occurrences[^1].Time) + missing,
            OdeTermination.MaxStepsReached when detail is not null => string.Format(ci,
                "Stopped at t = {0:G10} after {1} steps ({2}), before the end time {3:G10}: {4}.", finalTime, options.MaxSteps, stepper, tEnd,
                detail) + missing,
            OdeTermination.MaxStepsReached => string.Format(ci,
                "Stopped at t = {0:G10} after {1} steps ({2}), before the end time {3:G10}; raise MaxSteps, loosen the tolerances, "
                + "or use a stiff method if the problem is stiff.", finalTime, options.MaxSteps, stepper, tEnd) + missing,
            OdeTermination.NonFiniteEvent => string.Format(ci,
                "Stopped at t = {0:G10}: {1}, so its crossings from there on cannot be located; an event function must be a " +
                "number wherever the solution goes.", finalTime, detail) + missing,
            OdeTermination.StepSizeTooSmall => string.Format(ci,
                "Stopped at t = {0:G10}: {1} ({2}); the solution may have a singularity there, or the tolerances are beyond "
                + "double precision.", finalTime, detail, stepper) + missing,
            _ => string.Format(ci, "Stopped at t = {0:G10}: {1}; the solution may blow up or leave the domain of f there.",
                finalTime, detail) + missing,
        };
    }
}
