// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.Integration;

namespace ModelCompiler.Ode;

/// <summary>
/// Integrates initial-value problems. <see cref="Solve{TSystem}"/> is scipy's <c>solve_ivp</c> (every step or
/// chosen output times, dense output, events); <see cref="Odeint{TSystem}"/> is <c>odeint</c> (the states at the
/// given times, rows = times, first row the initial state). Compiled systems are taken as a type parameter, so
/// the integrator is specialized for them by the JIT; delegates are accepted through <see cref="OdeProblem"/>.
/// </summary>
/// <example>
/// <code>
/// var problem = new OdeProblem&lt;Chemistry.RobertsonSystem&gt;([1, 0, 0], 0, 1e11, [0.04, 3e7, 1e4]);
/// var result = OdeSolver.Solve(problem, new Bdf(), new OdeOptions { RelativeTolerance = 1e-6, AbsoluteTolerances = [1e-14, 1e-20, 1e-14] });
/// Console.WriteLine(result);
/// </code>
/// </example>
public static class OdeSolver
{
    /// <summary>Integrates a compiled system over the problem's interval.</summary>
    /// <param name="problem">The system, initial state, interval and parameters.</param>
    /// <param name="algorithm">The method; <see cref="Auto"/> (explicit, switching to BDF where stiff) when null.</param>
    /// <param name="options">Tolerances, output times, events, limits; <see cref="OdeOptions.Default"/> when null.</param>
    /// <param name="progress">Receives the time reached every 100 steps and at the end.</param>
    /// <param name="cancellationToken">Checked before every step; cancellation throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The result; failures inside the integration are a <see cref="OdeResult.Termination"/>, not an exception.</returns>
    /// <exception cref="ArgumentException">Invalid options, or tolerances or output times that do not fit the problem.</exception>
    public static OdeResult Solve<TSystem>(OdeProblem<TSystem> problem, OdeAlgorithm? algorithm = null, OdeOptions? options = null,
        IProgress<OdeProgress>? progress = null, CancellationToken cancellationToken = default)
        where TSystem : IOdeSystem
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= OdeOptions.Default;
        Validate(options);
        var function = new GeneratedFunction<TSystem>(problem.StateCount, problem.ParametersView);
        CheckPattern(function.JacobianPattern, problem.StateCount, $"{typeof(TSystem).Name}.JacobianPattern");
        double[]? outputs = options.OutputTimes is { } times
            ? OdeInput.CheckOutputTimes(times, problem.StartTime, problem.EndTime, nameof(options))
            : null;
        return IntegrationDriver.Run(function, Names<TSystem>(problem.StateCount), problem.InitialStateView, problem.StartTime,
            problem.EndTime, algorithm ?? new Auto(), options, outputs, progress, cancellationToken);
    }

    /// <summary>Integrates a right-hand side given as a delegate; as <see cref="Solve{TSystem}"/> otherwise.</summary>
    /// <exception cref="ArgumentException">Invalid options, a Jacobian pattern of the wrong size, or tolerances or output times that do not fit.</exception>
    public static OdeResult Solve(OdeProblem problem, OdeAlgorithm? algorithm = null, OdeOptions? options = null,
        IProgress<OdeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= OdeOptions.Default;
        Validate(options);
        var function = DelegateFunctionOf(problem);
        // Only a declared pattern differenced by the solver can be wrong in structure; a dense one, or the user's own
        // Jacobian (which may be an approximation on purpose), is not checked.
        int n = problem.StateCount;
        if (problem.JacobianPattern is { } pattern && problem.Jacobian is null && !pattern.SameAs(SparsityPattern.Dense(n, n)))
            JacobianPatternCheck.Require(function, problem.StartTime, problem.InitialStateView, IntegrationDriver.Tolerances(options, n));
        double[]? outputs = options.OutputTimes is { } times
            ? OdeInput.CheckOutputTimes(times, problem.StartTime, problem.EndTime, nameof(options))
            : null;
        return IntegrationDriver.Run(function, IndexedNames("y", problem.StateCount), problem.InitialStateView, problem.StartTime,
            problem.EndTime, algorithm ?? new Auto(), options, outputs, progress, cancellationToken);
    }

    /// <summary>
    /// scipy's <c>odeint(func, y0, t, Dfun=…)</c> for a compiled system: the states at <paramref name="times"/> (rows =
    /// times, the first row y0 at times[0]), with the statistics of odeint's infodict in <see cref="OdeResult.Statistics"/>.
    /// </summary>
    /// <param name="initialState">y at times[0].</param>
    /// <param name="times">At least two times, monotone (a time may repeat, as in odeint, and gets its row again); the
    /// integration runs from the first to the last.</param>
    /// <param name="parameters">The model parameters.</param>
    /// <param name="algorithm">The method; <see cref="Auto"/> (LSODA's counterpart) when null.</param>
    /// <param name="options">Tolerances and limits; <see cref="OdeOptions.Odeint"/> (rtol = atol = 1.49012e-8, no dense output)
    /// when null. Its <see cref="OdeOptions.OutputTimes"/> must be null.</param>
    /// <param name="progress">Receives the time reached every 100 steps and at the end.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <exception cref="ArgumentException">Bad initial state, parameters, times or options (the message names the index).</exception>
    public static OdeResult Odeint<TSystem>(ReadOnlySpan<double> initialState, IReadOnlyList<double> times,
        ReadOnlySpan<double> parameters = default, OdeAlgorithm? algorithm = null, OdeOptions? options = null,
        IProgress<OdeProgress>? progress = null, CancellationToken cancellationToken = default)
        where TSystem : IOdeSystem
    {
        var (distinct, rowOf) = OdeintTimes(times, options);
        var problem = new OdeProblem<TSystem>(initialState, distinct[0], distinct[^1], parameters);
        options = (options ?? OdeOptions.Odeint) with { OutputTimes = distinct };
        return Solve(problem, algorithm, options, progress, cancellationToken).WithRows(rowOf);
    }

    /// <summary>scipy's <c>odeint</c> for a right-hand side given as a delegate (with an optional dense Jacobian, odeint's Dfun).</summary>
    /// <exception cref="ArgumentException">Bad initial state, times or options (the message names the index).</exception>
    public static OdeResult Odeint(OdeRightHandSide rightHandSide, ReadOnlySpan<double> initialState, IReadOnlyList<double> times,
        OdeJacobian? jacobian = null, OdeAlgorithm? algorithm = null, OdeOptions? options = null,
        IProgress<OdeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (distinct, rowOf) = OdeintTimes(times, options);
        var problem = new OdeProblem(rightHandSide, initialState, distinct[0], distinct[^1]) { Jacobian = jacobian };
        options = (options ?? OdeOptions.Odeint) with { OutputTimes = distinct };
        return Solve(problem, algorithm, options, progress, cancellationToken).WithRows(rowOf);
    }

    internal static DelegateFunction DelegateFunctionOf(OdeProblem problem)
    {
        int n = problem.StateCount;
        var pattern = problem.JacobianPattern ?? SparsityPattern.Dense(n, n);
        CheckPattern(pattern, n, "problem.JacobianPattern");
        return new DelegateFunction(problem.RightHandSide, problem.Jacobian, pattern, problem.IsAutonomous);
    }

    /// <summary>
    /// odeint's times, checked: the distinct ones, which the integration outputs, and for each given time its row among
    /// them. Times may repeat, as odeint allows; they must not turn back.
    /// </summary>
    private static (double[] Distinct, int[] RowOf) OdeintTimes(IReadOnlyList<double> times, OdeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count < 2)
            throw new ArgumentException($"odeint needs at least two times (the initial time and one more), got {times.Count}.", nameof(times));
        if (options?.OutputTimes is not null)
            throw new ArgumentException("Odeint takes its output times from the times argument; leave OutputTimes null.", nameof(options));
        for (int i = 0; i < times.Count; i++)
            if (!double.IsFinite(times[i]))
                throw new ArgumentException($"Time {i} is {times[i]}; times must be finite.", nameof(times));
        double direction = Math.Sign(times[^1] - times[0]);
        if (direction == 0)
            throw new ArgumentException($"The times span no interval: the first and the last are both {times[0]}.", nameof(times));
        var distinct = new List<double> { times[0] };
        var rowOf = new int[times.Count];
        for (int i = 1; i < times.Count; i++)
        {
            if (direction * (times[i] - times[i - 1]) < 0)
                throw new ArgumentException(
                    $"Times must be monotone: time {i} ({times[i]}) turns back from {times[i - 1]}.", nameof(times));
            if (times[i] != times[i - 1])
                distinct.Add(times[i]);
            rowOf[i] = distinct.Count - 1;
        }
        return (distinct.ToArray(), rowOf);
    }

    private static void Validate(OdeOptions options)
    {
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
    }

    private static void CheckPattern(SparsityPattern pattern, int n, string what)
    {
        if (pattern.RowCount != n || pattern.ColumnCount != n)
            throw new ArgumentException($"{what} is {pattern.RowCount}×{pattern.ColumnCount}; the system has {n} states.", "problem");
    }

    /// <summary>The name of state <paramref name="i"/> of <paramref name="n"/>: its declared name, or name[i] for an indexed system.</summary>
    internal static string StateName<TSystem>(int i, int n) where TSystem : IOdeSystem =>
        TSystem.StateCount is not null && TSystem.StateNames.Count == n ? TSystem.StateNames[i] : $"{TSystem.StateNames[0]}[{i}]";

    private static IReadOnlyList<string> Names<TSystem>(int n) where TSystem : IOdeSystem =>
        TSystem.StateCount is not null && TSystem.StateNames.Count == n
            ? TSystem.StateNames
            : IndexedNames(TSystem.StateNames.Count > 0 ? TSystem.StateNames[0] : "y", n);

    private static IReadOnlyList<string> IndexedNames(string name, int n) => new IndexedStateNames(name, n);

    /// <summary>name[0], name[1], …, formed when read (a method-of-lines system may have many states).</summary>
    private sealed class IndexedStateNames(string name, int count) : IReadOnlyList<string>
    {
        public string this[int index] => (uint)index < (uint)count
            ? $"{name}[{index}]"
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {count} states.");

        public int Count => count;

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
                yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
