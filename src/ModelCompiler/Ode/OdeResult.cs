// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Ode;

/// <summary>
/// The outcome of an integration: the states at the output times (row i of <see cref="States"/> at
/// <see cref="Times"/>[i]; the requested times, or every accepted step), the dense output over the interval
/// covered, the located events, the method switches, the statistics, and why it stopped.
/// </summary>
public sealed class OdeResult
{
    private readonly double[] _times;
    private readonly double[] _states;   // row-major, one row per time
    private readonly int _n;
    private readonly Func<string> _message;   // formed when first read: most callers never read it
    private string? _messageText;

    internal OdeResult(string method, IReadOnlyList<string> stateNames, double[] times, double[] states, OdeInterpolant? solution,
        IReadOnlyList<OdeEventOccurrence> events, IReadOnlyList<OdeMethodSwitch> switches, OdeStatistics statistics,
        OdeTermination termination, Func<string> message, double finalTime)
    {
        Method = method;
        StateNames = stateNames;
        _times = times;
        _states = states;
        _n = stateNames.Count;
        Solution = solution;
        Events = events;
        MethodSwitches = switches;
        Statistics = statistics;
        Termination = termination;
        _message = message;
        FinalTime = finalTime;
    }

    /// <summary>
    /// This result with row i the row <paramref name="rowOf"/>[i] (rows of repeated output times, as odeint returns them),
    /// up to the rows the integration reached; itself when no row repeats.
    /// </summary>
    internal OdeResult WithRows(int[] rowOf)
    {
        if (rowOf.Length == _times.Length)
            return this;
        int rows = rowOf.Count(r => r < _times.Length);
        var times = new double[rows];
        var states = new double[rows * _n];
        for (int i = 0; i < rows; i++)
        {
            times[i] = _times[rowOf[i]];
            _states.AsSpan(rowOf[i] * _n, _n).CopyTo(states.AsSpan(i * _n, _n));
        }
        return new OdeResult(Method, StateNames, times, states, Solution, Events, MethodSwitches, Statistics, Termination, _message, FinalTime);
    }

    /// <summary>The algorithm's name.</summary>
    public string Method { get; }

    /// <summary>The states' names (for an indexed system, name[0], name[1], …).</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>Why the integration stopped.</summary>
    public OdeTermination Termination { get; }

    /// <summary>A sentence saying why, where, and what to change when it failed.</summary>
    public string Message => _messageText ??= _message();

    /// <summary>True when the end time or a terminal event was reached.</summary>
    public bool Success => Termination is OdeTermination.Completed or OdeTermination.TerminalEvent;

    /// <summary>The last time the integration reached.</summary>
    public double FinalTime { get; }

    /// <summary>The output times (rows of <see cref="States"/>).</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The number of states.</summary>
    public int StateCount => _n;

    /// <summary>The states, one row per output time. A copy.</summary>
    public double[,] States
    {
        get
        {
            var copy = new double[_times.Length, _n];
            Buffer.BlockCopy(_states, 0, copy, 0, _states.Length * sizeof(double));
            return copy;
        }
    }

    /// <summary>Component <paramref name="component"/> of the state at output time <paramref name="timeIndex"/>.</summary>
    public double this[int timeIndex, int component]
    {
        get
        {
            if ((uint)timeIndex >= (uint)_times.Length)
                throw new ArgumentOutOfRangeException(nameof(timeIndex), timeIndex, $"There are {_times.Length} output times.");
            if ((uint)component >= (uint)_n)
                throw new ArgumentOutOfRangeException(nameof(component), component, $"There are {_n} states.");
            return _states[timeIndex * _n + component];
        }
    }

    /// <summary>The state at output time <paramref name="timeIndex"/>.</summary>
    public ReadOnlySpan<double> StateAt(int timeIndex)
    {
        if ((uint)timeIndex >= (uint)_times.Length)
            throw new ArgumentOutOfRangeException(nameof(timeIndex), timeIndex, $"There are {_times.Length} output times.");
        return _states.AsSpan(timeIndex * _n, _n);
    }

    /// <summary>One component over all output times. A copy.</summary>
    public double[] Component(int component)
    {
        if ((uint)component >= (uint)_n)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"There are {_n} states.");
        var values = new double[_times.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = _states[i * _n + component];
        return values;
    }

    /// <summary>The dense output over [t0, <see cref="FinalTime"/>]; null when <see cref="OdeOptions.DenseOutput"/> was off.</summary>
    public OdeInterpolant? Solution { get; }

    /// <summary>Every located event, in time order.</summary>
    public IReadOnlyList<OdeEventOccurrence> Events { get; }

    /// <summary>The times of the occurrences of event <paramref name="eventIndex"/> (scipy's <c>t_events[i]</c>).</summary>
    public double[] EventTimes(int eventIndex) => Events.Where(e => e.EventIndex == eventIndex).Select(e => e.Time).ToArray();

    /// <summary>Every change of method, in time order (empty unless the algorithm is <see cref="Auto"/>).</summary>
    public IReadOnlyList<OdeMethodSwitch> MethodSwitches { get; }

    /// <summary>Steps, evaluations, factorizations and failures.</summary>
    public OdeStatistics Statistics { get; }

    /// <summary>A report: termination, final state, statistics, events and switches.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(ci, $"{Method}: {Termination} at t = {FinalTime:G10}. {Message}").AppendLine();
        if (_times.Length > 0)
        {
            text.Append(ci, $"  {_times.Length} output times from {_times[0]:G10} to {_times[^1]:G10}; final state:").AppendLine();
            int last = _times.Length - 1;
            for (int j = 0; j < Math.Min(_n, 12); j++)
                text.Append(ci, $"    {StateNames[j],-12} {_states[last * _n + j],24:G17}").AppendLine();
            if (_n > 12)
                text.Append(ci, $"    … {_n - 12} more").AppendLine();
        }
        text.Append("  ").Append(Statistics).AppendLine();
        foreach (var e in Events.Take(20))
            text.Append(ci, $"  event {e.Name} ({(e.Rising ? "rising" : "falling")}) at t = {e.Time:G15}").AppendLine();
        if (Events.Count > 20)
            text.Append(ci, $"  … {Events.Count - 20} more events").AppendLine();
        foreach (var s in MethodSwitches.Take(20))
            text.Append(ci, $"  switch {s.From} → {s.To} at t = {s.Time:G10}: {s.Reason}").AppendLine();
        if (MethodSwitches.Count > 20)
            text.Append(ci, $"  … {MethodSwitches.Count - 20} more switches").AppendLine();
        return text.ToString().TrimEnd();
    }
}
