// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>
/// Measurements of some or all states of an ODE system at given times, for <see cref="OdeFit"/>: observation i is the
/// value of state <see cref="States"/>[i] at time <see cref="Times"/>[i]. The arrays are copied and checked here
/// (lengths, finiteness, order); what depends on the system (state indices, the start time) is checked by the fit.
/// </summary>
public sealed class OdeObservations
{
    private readonly double[] _times;
    private readonly int[] _states;
    private readonly double[] _values;

    /// <summary>One observation per entry, in time order (several states may be observed at one time, and a state more
    /// than once).</summary>
    /// <param name="times">The observation times, non-decreasing.</param>
    /// <param name="states">The observed state of each observation (its index in the system's states).</param>
    /// <param name="values">The observed values.</param>
    /// <exception cref="ArgumentException">Lengths differ, the list is empty, a time or value is not finite, times decrease,
    /// or a state index is negative (the message names the index).</exception>
    public OdeObservations(IReadOnlyList<double> times, IReadOnlyList<int> states, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Count == 0)
            throw new ArgumentException("There are no observations.", nameof(times));
        if (states.Count != times.Count)
            throw new ArgumentException($"states has {states.Count} entries but times has {times.Count}; give one state per observation.", nameof(states));
        if (values.Count != times.Count)
            throw new ArgumentException($"values has {values.Count} entries but times has {times.Count}; give one value per observation.", nameof(values));
        _times = [.. times];
        _states = [.. states];
        _values = [.. values];
        for (int i = 0; i < _times.Length; i++)
        {
            if (!double.IsFinite(_times[i]))
                throw new ArgumentException($"times[{i}] is {_times[i]}; observation times must be finite.", nameof(times));
            if (i > 0 && _times[i] < _times[i - 1])
                throw new ArgumentException(
                    $"Observation times must not decrease: times[{i}] = {_times[i]} follows times[{i - 1}] = {_times[i - 1]}.", nameof(times));
            if (_states[i] < 0)
                throw new ArgumentException($"states[{i}] is {_states[i]}; a state index is at least 0.", nameof(states));
            if (!double.IsFinite(_values[i]))
                throw new ArgumentException(
                    $"values[{i}] (state {_states[i]} at t = {_times[i]}) is {_values[i]}; leave a missing observation out instead.", nameof(values));
        }
    }

    /// <summary>A table of observations: <paramref name="values"/>[i, j] is state <paramref name="states"/>[j] at
    /// <paramref name="times"/>[i] (every state in order when <paramref name="states"/> is null).</summary>
    /// <param name="times">The rows' times, strictly increasing.</param>
    /// <param name="values">One row per time, one column per observed state.</param>
    /// <param name="states">The state of each column; null for states 0, 1, … in column order.</param>
    /// <exception cref="ArgumentException">A shape does not match, a time or value is not finite, the times do not increase,
    /// or a state index is negative or repeated (the message names the index).</exception>
    public OdeObservations(IReadOnlyList<double> times, double[,] values, IReadOnlyList<int>? states = null)
        : this(Table(times, values, states))
    {
    }

    private OdeObservations((double[] Times, int[] States, double[] Values) table)
        : this(table.Times, table.States, table.Values)
    {
    }

    /// <summary>The number of observations.</summary>
    public int Count => _times.Length;

    /// <summary>The observation times, non-decreasing.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The observed state of each observation.</summary>
    public IReadOnlyList<int> States => _states;

    /// <summary>The observed values.</summary>
    public IReadOnlyList<double> Values => _values;

    internal double[] TimesView => _times;

    internal int[] StatesView => _states;

    internal double[] ValuesView => _values;

    private static (double[], int[], double[]) Table(IReadOnlyList<double> times, double[,] values, IReadOnlyList<int>? states)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rows != times.Count)
            throw new ArgumentException($"values has {rows} rows but times has {times.Count}; give one row per time.", nameof(values));
        if (columns == 0)
            throw new ArgumentException("values has no columns: no state is observed.", nameof(values));
        int[] observed = states is null ? Enumerable.Range(0, columns).ToArray() : [.. states];
        if (observed.Length != columns)
            throw new ArgumentException($"states has {observed.Length} entries but values has {columns} columns; give one state per column.", nameof(states));
        for (int j = 0; j < columns; j++)
            if (Array.IndexOf(observed, observed[j]) < j)
                throw new ArgumentException($"states[{j}] repeats state {observed[j]}; give each observed state one column.", nameof(states));
        for (int i = 0; i < rows; i++)
        {
            if (!double.IsFinite(times[i]))
                throw new ArgumentException($"times[{i}] is {times[i]}; observation times must be finite.", nameof(times));
            if (i > 0 && !(times[i] > times[i - 1]))
                throw new ArgumentException(
                    $"The rows' times must increase: times[{i}] = {times[i]} follows times[{i - 1}] = {times[i - 1]}.", nameof(times));
            for (int j = 0; j < columns; j++)
                if (!double.IsFinite(values[i, j]))
                    throw new ArgumentException(
                        $"values[{i}, {j}] (state {observed[j]} at t = {times[i]}) is {values[i, j]}; for missing observations list the "
                        + "observations one by one (the constructor with times, states and values).", nameof(values));
        }
        var t = new double[rows * columns];
        var s = new int[rows * columns];
        var v = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                t[i * columns + j] = times[i];
                s[i * columns + j] = observed[j];
                v[i * columns + j] = values[i, j];
            }
        }
        return (t, s, v);
    }
}
