// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.Integration;

namespace ModelCompiler.Ode.Fitting;

/// <summary>
/// One ODE fit's data and its integrations: for the unknowns the least-squares solver asks about, the solution at the
/// observation times and, when a Jacobian is wanted, the sensitivities to the free unknowns, integrated with the state.
/// The last integration is kept, so that the Jacobian at a point whose residuals were just computed costs nothing.
/// Every evaluation with sensitivities integrates them, even without a Jacobian request, so that the residuals at a
/// point do not depend on whether its Jacobian is asked for (the error control, and so the steps, include the
/// sensitivities); the finite-difference route integrates the states alone throughout.
/// </summary>
internal sealed class FitEvaluation<TSystem> where TSystem : IOdeSystem
{
    private readonly int _n;
    private readonly int _p;
    private readonly double[] _y0;              // the given initial state; fitted entries are replaced per evaluation
    private readonly double _t0;
    private readonly double[] _outputs;         // distinct observation times (may start with t0)
    private readonly int[] _timeIndex;          // per observation: its row in _outputs
    private readonly int[] _state;              // per observation: the observed state
    private readonly int[] _freeParameters;     // sensitivity columns: free parameters …
    private readonly int[] _freeInitialValues;  // … then free initial values (state indices)
    private readonly bool _sensitivities;
    private readonly OdeAlgorithm _algorithm;
    private readonly OdeOptions _options;
    private readonly CancellationToken _cancellationToken;

    private readonly double[] _point;           // the unknowns of the cached integration (NaN: none)
    private readonly double[] _states;          // rows = outputs, n each
    private readonly double[] _sensitivity;     // rows = outputs, n·S each (column by column)
    private bool _cacheValid;
    private bool _cacheFinite;

    public FitEvaluation(double[] y0, double t0, double[] observationTimes, int[] observedStates, int[] freeParameters,
        int[] freeInitialValues, bool sensitivities, OdeAlgorithm algorithm, OdeOptions options, CancellationToken cancellationToken)
    {
        _n = y0.Length;
        _p = TSystem.ParameterCount;
        _y0 = y0;
        _t0 = t0;
        var outputs = new List<double>();
        _timeIndex = new int[observationTimes.Length];
        for (int i = 0; i < observationTimes.Length; i++)
        {
            if (outputs.Count == 0 || outputs[^1] != observationTimes[i])
                outputs.Add(observationTimes[i]);
            _timeIndex[i] = outputs.Count - 1;
        }
        _outputs = [.. outputs];
        _state = observedStates;
        _freeParameters = freeParameters;
        _freeInitialValues = freeInitialValues;
        _sensitivities = sensitivities;
        _algorithm = algorithm;
        _options = options;
        _cancellationToken = cancellationToken;
        _point = new double[ObservationModel<TSystem>.ParameterCount];
        _states = new double[_outputs.Length * _n];
        int columns = sensitivities ? freeParameters.Length + freeInitialValues.Length : 0;
        _sensitivity = new double[_outputs.Length * _n * columns];
    }

    /// <summary>Integrations run (each over the whole observation interval).</summary>
    public int Integrations { get; private set; }

    /// <summary>Evaluations of f (the augmented f of a sensitivity integration counts once per call).</summary>
    public long FunctionEvaluations { get; private set; }

    /// <summary>Why the last integration failed, or null.</summary>
    public string? LastFailure { get; private set; }

    public double EndTime => _outputs[^1];

    /// <summary>The system's parameters within the unknowns.</summary>
    public double[] Parameters(ReadOnlySpan<double> unknowns) => unknowns[.._p].ToArray();

    /// <summary>The initial state within the unknowns (the given one where an initial value is not an unknown).</summary>
    public double[] InitialState(ReadOnlySpan<double> unknowns)
    {
        var y0 = (double[])_y0.Clone();
        if (unknowns.Length > _p)
            unknowns[_p..].CopyTo(y0);
        return y0;
    }

    /// <summary>Integrates at <paramref name="unknowns"/> unless the last integration was there; false when it failed.</summary>
    public bool Integrate(ReadOnlySpan<double> unknowns)
    {
        if (_cacheValid && unknowns.SequenceEqual(_point))
            return _cacheFinite;
        unknowns.CopyTo(_point);
        _cacheValid = true;
        var parameters = Parameters(unknowns);
        var y0 = InitialState(unknowns);
        OdeResult result;
        // The caller's start is checked for states below the absolute tolerance; the fit's own trial points are not, so
        // that an iterate near zero is an inaccurate residual, not an exception out of the solver.
        bool checkStates = Integrations == 0;
        if (_sensitivities)
        {
            result = OdeSensitivity.Integrate<TSystem>(y0, _t0, EndTime, parameters, _freeParameters, _freeInitialValues,
                _algorithm, _options, _outputs, null, _cancellationToken, checkStates);
        }
        else
        {
            var function = new GeneratedFunction<TSystem>(_n, parameters);
            result = IntegrationDriver.Run(function, new string[_n], y0, _t0, EndTime, _algorithm, _options, _outputs, null,
                _cancellationToken, checkStates: checkStates);
        }
        Integrations++;
        FunctionEvaluations += result.Statistics.FunctionEvaluations;
        _cacheFinite = result.Termination == OdeTermination.Completed;
        LastFailure = _cacheFinite ? null : result.Message;
        if (!_cacheFinite)
            return false;
        int n = _n, width = result.StateCount;
        int columns = width / n - 1;
        for (int r = 0; r < _outputs.Length; r++)
        {
            var row = result.StateAt(r);
            row[..n].CopyTo(_states.AsSpan(r * n, n));
            if (columns > 0)
                row[n..].CopyTo(_sensitivity.AsSpan(r * n * columns, n * columns));
        }
        return true;
    }

    public void Values(ReadOnlySpan<double> x, ReadOnlySpan<double> unknowns, Span<double> values)
    {
        if (!Integrate(unknowns))
        {
            values.Fill(double.NaN);
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            int observation = (int)x[i];
            values[i] = _states[_timeIndex[observation] * _n + _state[observation]];
        }
    }

    /// <summary>Values, and the column-major Jacobian over every unknown (the columns of fixed unknowns are left as they are:
    /// the solver does not read them).</summary>
    public void ValuesAndJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> unknowns, Span<double> values, Span<double> jacobian)
    {
        if (!_sensitivities)
            throw new InvalidOperationException("The finite-difference route asks for no Jacobian.");
        Values(x, unknowns, values);
        int m = values.Length, n = _n;
        int columns = _freeParameters.Length + _freeInitialValues.Length;
        for (int c = 0; c < columns; c++)
        {
            int unknown = c < _freeParameters.Length ? _freeParameters[c] : _p + _freeInitialValues[c - _freeParameters.Length];
            var column = jacobian.Slice(unknown * m, m);
            if (!_cacheFinite)
            {
                column.Fill(double.NaN);
                continue;
            }
            for (int i = 0; i < m; i++)
            {
                int observation = (int)x[i];
                column[i] = _sensitivity[(_timeIndex[observation] * columns + c) * n + _state[observation]];
            }
        }
    }
}
