// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>Collects every accepted step's interpolant into one growing buffer, for <see cref="OdeInterpolant"/>.</summary>
internal sealed class DenseOutputBuilder
{
    private readonly int _n;
    private double[] _data = new double[256];
    private int _length;
    private readonly List<double> _starts = [];
    private readonly List<double> _ends = [];
    private readonly List<int> _offsets = [];
    private readonly List<DenseKind> _kinds = [];
    private double? _end;
    private readonly double _t0;
    private readonly double[] _y0;

    public DenseOutputBuilder(double t0, ReadOnlySpan<double> y0)
    {
        _n = y0.Length;
        _t0 = t0;
        _y0 = y0.ToArray();
    }

    /// <summary>Reserves <paramref name="vectors"/> coefficient vectors for the step [t0, t1] and returns them to fill.</summary>
    public Span<double> Add(DenseKind kind, double t0, double t1, int vectors)
    {
        int size = vectors * _n;
        if (_length + size > _data.Length)
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _length + size));
        _starts.Add(t0);
        _ends.Add(t1);
        _offsets.Add(_length);
        _kinds.Add(kind);
        var span = _data.AsSpan(_length, size);
        _length += size;
        return span;
    }

    /// <summary>Ends the interpolant's range at <paramref name="t"/>, inside the last step, as after a terminal event.</summary>
    public void TruncateAt(double t) => _end = t;

    public OdeInterpolant Build()
    {
        if (_starts.Count == 0)
        {
            // No step was accepted: the solution is the initial state, at t0 alone (a Rosenbrock segment without
            // corrections, [t0, t0], is that constant).
            Span<double> constant = Add(DenseKind.Rosenbrock, _t0, _t0, 2);
            _y0.CopyTo(constant);
            _y0.CopyTo(constant[_n..]);
        }
        _offsets.Add(_length);
        double end = _end ?? (_ends.Count > 0 ? _ends[^1] : double.NaN);
        return new OdeInterpolant(_n, [.. _starts], [.. _ends], [.. _offsets], [.. _kinds], _data.AsSpan(0, _length).ToArray(), end);
    }
}
