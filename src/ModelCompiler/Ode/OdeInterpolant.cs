// SPDX-License-Identifier: MIT
using ModelCompiler.Ode.Integration;

namespace ModelCompiler.Ode;

/// <summary>
/// The dense output of an integration: the solution at any t in [<see cref="StartTime"/>, <see cref="EndTime"/>],
/// from each accepted step's own interpolant (order 4 for Dopri5, 7 for DOP853, 3 or 4 for the Rodas methods,
/// the step's order for BDF), continuous across steps. Immutable.
/// </summary>
public sealed class OdeInterpolant
{
    private readonly int _n;
    private readonly double[] _starts;
    private readonly double[] _ends;
    private readonly int[] _offsets;
    private readonly DenseKind[] _kinds;
    private readonly double[] _data;
    private readonly bool _forward;

    internal OdeInterpolant(int stateCount, double[] starts, double[] ends, int[] offsets, DenseKind[] kinds, double[] data, double end)
    {
        _n = stateCount;
        _starts = starts;
        _ends = ends;
        _offsets = offsets;
        _kinds = kinds;
        _data = data;
        StartTime = starts.Length > 0 ? starts[0] : end;
        EndTime = end;
        _forward = EndTime >= StartTime;
    }

    /// <summary>The initial time.</summary>
    public double StartTime { get; }

    /// <summary>The last time reached (the final time, or a terminal event's time).</summary>
    public double EndTime { get; }

    /// <summary>The number of states.</summary>
    public int StateCount => _n;

    /// <summary>The number of steps (interpolation segments).</summary>
    public int SegmentCount => _starts.Length;

    /// <summary>The state at <paramref name="t"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is outside [StartTime, EndTime] or not finite.</exception>
    public double[] Evaluate(double t)
    {
        var y = new double[_n];
        Evaluate(t, y);
        return y;
    }

    /// <summary>Writes the state at <paramref name="t"/> to <paramref name="y"/> (length <see cref="StateCount"/>).</summary>
    public void Evaluate(double t, Span<double> y)
    {
        if (y.Length != _n)
            throw new ArgumentException($"The destination has length {y.Length}; the system has {_n} states.", nameof(y));
        double lo = Math.Min(StartTime, EndTime), hi = Math.Max(StartTime, EndTime);
        if (!(t >= lo && t <= hi))
            throw new ArgumentOutOfRangeException(nameof(t), t, $"The solution covers [{lo}, {hi}].");
        int s = Find(t);
        DenseSegment.Evaluate(_kinds[s], _data.AsSpan(_offsets[s], _offsets[s + 1] - _offsets[s]), _starts[s], _ends[s], t, y);
    }

    /// <summary>The states at several times: row i is the state at <paramref name="times"/>[i].</summary>
    public double[,] Evaluate(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var result = new double[times.Count, _n];
        var row = new double[_n];
        for (int i = 0; i < times.Count; i++)
        {
            Evaluate(times[i], row);
            for (int j = 0; j < _n; j++)
                result[i, j] = row[j];
        }
        return result;
    }

    /// <summary>The state at <paramref name="t"/>, as <see cref="Evaluate(double)"/>.</summary>
    public double[] this[double t] => Evaluate(t);

    private int Find(double t)
    {
        // The first segment whose end reaches t, in the direction of integration.
        int lo = 0, hi = _ends.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            bool before = _forward ? _ends[mid] < t : _ends[mid] > t;
            if (before)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
