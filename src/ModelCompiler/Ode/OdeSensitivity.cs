// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.Integration;

namespace ModelCompiler.Ode;

/// <summary>
/// Forward sensitivities of a compiled system, integrated with the state under the same error control: the columns
/// ∂y(t)/∂p_k (s' = (∂f/∂y)·s + ∂f/∂p_k, s(t0) = 0) and ∂y(t)/∂y0_j (s' = (∂f/∂y)·s, s(t0) = e_j), built from the
/// generated Jacobian and parameter Jacobian. The explicit methods integrate the augmented system as it is; the BDF's
/// Newton iteration takes its Jacobian block diagonal with ∂f/∂y in every block (CVODES's simultaneous corrector), so
/// that one factorization of the state's iteration matrix, by the LU its pattern calls for, serves every column.
/// Rosenbrock methods need the exact Jacobian of the augmented system, with second derivatives, and are not accepted.
/// This is what a parameter fit needs: the residual Jacobian at the observation times (see <see cref="OdeFit"/>).
/// </summary>
public static class OdeSensitivity
{
    /// <summary>Integrates the problem and the requested sensitivities, reporting both at the output times.</summary>
    /// <param name="problem">The system, initial state, interval and parameters.</param>
    /// <param name="algorithm"><see cref="Dopri5"/>, <see cref="Dop853"/>, <see cref="Bdf"/> or an <see cref="Auto"/> of them;
    /// <see cref="Auto"/> when null.</param>
    /// <param name="options">As for <see cref="OdeSolver.Solve{TSystem}"/>. The sensitivities are in the error norm with the
    /// state's relative tolerance and, for the column of a parameter or initial value v, the state's absolute tolerance
    /// divided by |v| (by 1 when v = 0), so that the control does not depend on v's units (CVODES's scaling by p̄).
    /// Per-component tolerances may instead cover every augmented component (y first, then the columns in order).
    /// Events are not supported here.</param>
    /// <param name="targets">Which sensitivities: <see cref="OdeSensitivityTargets.Default"/> (every parameter, no initial
    /// value) when null.</param>
    /// <param name="progress">Receives the time reached every 100 steps and at the end.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <exception cref="ArgumentException">A Rosenbrock method, events, invalid options, or a target that is not a
    /// parameter or state of the system (the message names the index).</exception>
    public static OdeSensitivityResult Solve<TSystem>(OdeProblem<TSystem> problem, OdeAlgorithm? algorithm = null,
        OdeOptions? options = null, OdeSensitivityTargets? targets = null, IProgress<OdeProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TSystem : IOdeSystem
    {
        ArgumentNullException.ThrowIfNull(problem);
        algorithm ??= new Auto();
        options ??= OdeOptions.Default;
        targets ??= OdeSensitivityTargets.Default;
        CheckAlgorithm(algorithm);
        if (options.Events is { Count: > 0 })
            throw new ArgumentException("Events are not supported with sensitivities.", nameof(options));
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        int n = problem.StateCount;
        var (parameterColumns, initialValueColumns) = targets.Resolve(n, TSystem.ParameterCount, TSystem.ParameterNames, nameof(targets));
        double[]? outputs = options.OutputTimes is { } times
            ? OdeInput.CheckOutputTimes(times, problem.StartTime, problem.EndTime, nameof(options))
            : null;
        var result = Integrate<TSystem>(problem.InitialStateView, problem.StartTime, problem.EndTime, problem.ParametersView,
            parameterColumns, initialValueColumns, algorithm, options, outputs, progress, cancellationToken);
        return new OdeSensitivityResult(result, n, parameterColumns, initialValueColumns,
            parameterColumns.Select(k => TSystem.ParameterNames[k]).ToArray());
    }

    internal static void CheckAlgorithm(OdeAlgorithm algorithm)
    {
        if (algorithm is Rodas5P or Rodas4 || algorithm is Auto { Stiff: Rodas5P or Rodas4 })
            throw new ArgumentException(
                "Sensitivities need a method that accepts an approximate Jacobian: Dopri5, Dop853, Bdf or Auto with Bdf.", nameof(algorithm));
    }

    /// <summary>The augmented integration, with its inputs already checked.</summary>
    internal static OdeResult Integrate<TSystem>(double[] y0, double t0, double tEnd, double[] parameters, int[] parameterColumns,
        int[] initialValueColumns, OdeAlgorithm algorithm, OdeOptions options, double[]? outputs, IProgress<OdeProgress>? progress,
        CancellationToken cancellationToken, bool checkStates = true)
        where TSystem : IOdeSystem
    {
        int n = y0.Length, columns = parameterColumns.Length + initialValueColumns.Length;
        var function = new SensitivityFunction<TSystem>(n, parameters, parameterColumns, initialValueColumns.Length);
        var augmented = new double[n * (1 + columns)];
        y0.CopyTo(augmented, 0);
        for (int c = 0; c < initialValueColumns.Length; c++)
            augmented[(1 + parameterColumns.Length + c) * n + initialValueColumns[c]] = 1;
        var scales = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            double v = c < parameterColumns.Length ? parameters[parameterColumns[c]] : y0[initialValueColumns[c - parameterColumns.Length]];
            scales[c] = v == 0 ? 1 : Math.Abs(v);
        }
        var tolerances = AugmentedTolerances(options, n, scales);
        // The states alone: the sensitivities' identity columns are visible whatever the states' scale.
        if (checkStates)
            OdeInput.CheckStatesVisible(y0, tolerances.Atol.AsSpan(0, n), tolerances.Rtol.AsSpan(0, n));
        var names = new SensitivityNames<TSystem>(n, parameterColumns, initialValueColumns);
        return IntegrationDriver.Run(function, names, augmented, t0, tEnd, algorithm, options, outputs, progress, cancellationToken,
            tolerances);
    }

    private static (double[] Rtol, double[] Atol) AugmentedTolerances(OdeOptions options, int n, double[] scales)
    {
        int total = n * (1 + scales.Length);
        var rtol = new double[total];
        var atol = new double[total];
        var r = options.RelativeTolerances;
        var a = options.AbsoluteTolerances;
        if (r is not null && r.Count != n && r.Count != total)
            throw new ArgumentException(
                $"{nameof(OdeOptions.RelativeTolerances)} has {r.Count} values; give {n} (one per state) or {total} (one per augmented component).", "options");
        if (a is not null && a.Count != n && a.Count != total)
            throw new ArgumentException(
                $"{nameof(OdeOptions.AbsoluteTolerances)} has {a.Count} values; give {n} (one per state) or {total} (one per augmented component).", "options");
        for (int i = 0; i < total; i++)
        {
            int block = i / n, state = i % n;
            rtol[i] = r is null ? options.RelativeTolerance : r.Count == total ? r[i] : r[state];
            if (a is not null && a.Count == total)
                atol[i] = a[i];
            else
                atol[i] = (a is null ? options.AbsoluteTolerance : a[state]) / (block == 0 ? 1 : scales[block - 1]);
        }
        return (rtol, atol);
    }

    /// <summary>The augmented components' names, formed when read: y's, then d{y}/d{p} and d{y}/d{y}(t0).</summary>
    private sealed class SensitivityNames<TSystem>(int n, int[] parameterColumns, int[] initialValueColumns) : IReadOnlyList<string>
        where TSystem : IOdeSystem
    {
        public int Count => n * (1 + parameterColumns.Length + initialValueColumns.Length);

        public string this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count)
                    throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Count} components.");
                int block = index / n, state = index % n;
                if (block == 0)
                    return State(state);
                block--;
                return block < parameterColumns.Length
                    ? $"d{State(state)}/d{TSystem.ParameterNames[parameterColumns[block]]}"
                    : $"d{State(state)}/d{State(initialValueColumns[block - parameterColumns.Length])}(t0)";
            }
        }

        private string State(int i) => OdeSolver.StateName<TSystem>(i, n);

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
                yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>Which forward sensitivities to integrate: columns of ∂y/∂p and of ∂y/∂y0.</summary>
public sealed record OdeSensitivityTargets
{
    /// <summary>Every parameter, no initial value.</summary>
    public static OdeSensitivityTargets Default { get; } = new();

    /// <summary>The parameters (indices into the system's parameters) whose sensitivities to integrate, in column order;
    /// null for every parameter.</summary>
    public IReadOnlyList<int>? Parameters { get; init; }

    /// <summary>The states (indices) whose initial values' sensitivities ∂y/∂y0_j to integrate, in column order; null for none.</summary>
    public IReadOnlyList<int>? InitialValues { get; init; }

    internal (int[] Parameters, int[] InitialValues) Resolve(int stateCount, int parameterCount, IReadOnlyList<string> names, string argument)
    {
        int[] parameters = Parameters is null ? Enumerable.Range(0, parameterCount).ToArray() : [.. Parameters];
        int[] initialValues = InitialValues is null ? [] : [.. InitialValues];
        CheckIndices(parameters, parameterCount, "Parameters", $"the system has {parameterCount} parameters ({string.Join(", ", names)})", argument);
        CheckIndices(initialValues, stateCount, "InitialValues", $"the system has {stateCount} states", argument);
        return (parameters, initialValues);
    }

    private static void CheckIndices(int[] indices, int count, string what, string context, string argument)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)count)
                throw new ArgumentException($"{what}[{i}] is {indices[i]}; {context}.", argument);
            if (Array.IndexOf(indices, indices[i]) < i)
                throw new ArgumentException($"{what}[{i}] repeats {indices[i]}.", argument);
        }
    }
}

/// <summary>The states and their sensitivities at the output times.</summary>
public sealed class OdeSensitivityResult
{
    private readonly int _n;
    private readonly int[] _parameters;
    private readonly int[] _initialValues;

    internal OdeSensitivityResult(OdeResult integration, int stateCount, int[] parameters, int[] initialValues,
        IReadOnlyList<string> parameterNames)
    {
        Integration = integration;
        _n = stateCount;
        _parameters = parameters;
        _initialValues = initialValues;
        ParameterNames = parameterNames;
    }

    /// <summary>The integration of the augmented system: statistics, termination, message (its states are y, then the
    /// ∂y/∂p columns, then the ∂y/∂y0 columns).</summary>
    public OdeResult Integration { get; }

    /// <summary>The names of the parameters whose sensitivities were integrated, in column order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The indices of those parameters, in column order.</summary>
    public IReadOnlyList<int> Parameters => _parameters;

    /// <summary>The states whose initial values' sensitivities were integrated, in column order.</summary>
    public IReadOnlyList<int> InitialValues => _initialValues;

    /// <summary>Why the integration stopped.</summary>
    public OdeTermination Termination => Integration.Termination;

    /// <summary>The output times.</summary>
    public IReadOnlyList<double> Times => Integration.Times;

    /// <summary>Component <paramref name="component"/> of y at output time <paramref name="timeIndex"/>.</summary>
    public double State(int timeIndex, int component) => Integration[timeIndex, CheckState(component, nameof(component))];

    /// <summary>∂y_<paramref name="component"/>/∂p_<paramref name="parameter"/> at output time <paramref name="timeIndex"/>
    /// (<paramref name="parameter"/> indexes the system's parameters).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range, or the parameter's sensitivity was not integrated.</exception>
    public double Sensitivity(int timeIndex, int component, int parameter)
    {
        int column = Array.IndexOf(_parameters, parameter);
        if (column < 0)
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter,
                $"The sensitivity to parameter {parameter} was not integrated; the parameters integrated are {string.Join(", ", _parameters)}.");
        return Integration[timeIndex, (1 + column) * _n + CheckState(component, nameof(component))];
    }

    /// <summary>∂y_<paramref name="component"/>(t)/∂y_<paramref name="state"/>(t0) at output time <paramref name="timeIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range, or that initial value's sensitivity was not integrated.</exception>
    public double InitialValueSensitivity(int timeIndex, int component, int state)
    {
        int column = Array.IndexOf(_initialValues, state);
        if (column < 0)
            throw new ArgumentOutOfRangeException(nameof(state), state,
                _initialValues.Length == 0
                    ? "No initial-value sensitivity was integrated; ask for it with OdeSensitivityTargets.InitialValues."
                    : $"The sensitivity to the initial value of state {state} was not integrated; those integrated are {string.Join(", ", _initialValues)}.");
        return Integration[timeIndex, (1 + _parameters.Length + column) * _n + CheckState(component, nameof(component))];
    }

    /// <summary>∂y/∂p at output time <paramref name="timeIndex"/>: n rows, one column per integrated parameter (column order).</summary>
    public double[,] Sensitivities(int timeIndex) => Block(timeIndex, 0, _parameters.Length);

    /// <summary>∂y(t)/∂y0 at output time <paramref name="timeIndex"/>: n rows, one column per integrated initial value.</summary>
    public double[,] InitialValueSensitivities(int timeIndex) => Block(timeIndex, _parameters.Length, _initialValues.Length);

    private double[,] Block(int timeIndex, int firstColumn, int columns)
    {
        var row = Integration.StateAt(timeIndex);
        var s = new double[_n, columns];
        for (int i = 0; i < _n; i++)
            for (int k = 0; k < columns; k++)
                s[i, k] = row[(1 + firstColumn + k) * _n + i];
        return s;
    }

    private int CheckState(int component, string argument) => (uint)component < (uint)_n
        ? component
        : throw new ArgumentOutOfRangeException(argument, component, $"There are {_n} states.");
}
