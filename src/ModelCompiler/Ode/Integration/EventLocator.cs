// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// Watches the signs of the event functions at the ends of each accepted step and locates every crossing that
/// counts by Brent's method (Brent 1973, "zero") on the step's interpolant, to a few units of the last place of t.
/// </summary>
internal sealed class EventLocator
{
    private readonly IReadOnlyList<OdeEvent> _events;
    private readonly double[] _previous;
    private readonly double[] _state;

    public EventLocator(IReadOnlyList<OdeEvent> events, int stateCount)
    {
        _events = events;
        _previous = new double[events.Count];
        _state = new double[stateCount];
    }

    /// <summary>The first event whose function returned NaN at the end of the last step, or −1.</summary>
    public int NaNEvent { get; private set; } = -1;

    public void Initialize(double t0, ReadOnlySpan<double> y0)
    {
        for (int i = 0; i < _events.Count; i++)
        {
            _previous[i] = _events[i].Function(t0, y0);
            if (double.IsNaN(_previous[i]))
                throw new ArgumentException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "The function of event {0} ('{1}') is NaN at the start time {2:G10}; an event function must be a number " +
                    "wherever the solution goes.", i, _events[i].Name, t0), "options");
        }
    }

    /// <summary>The crossings inside the last step (TPrevious, T], in the order of integration.</summary>
    public List<(int Index, double Time, bool Rising)> Locate(Stepper stepper, double direction)
    {
        var found = new List<(int, double, bool)>();
        for (int i = 0; i < _events.Count; i++)
        {
            var e = _events[i];
            double g0 = _previous[i];
            double g1 = e.Function(stepper.T, stepper.Y);
            if (double.IsNaN(g1))
            {
                NaNEvent = NaNEvent < 0 ? i : NaNEvent;   // a sign test with NaN is always false: the crossing would be lost
                continue;
            }
            _previous[i] = g1;
            bool rising = g0 < 0 && g1 >= 0;
            bool falling = g0 > 0 && g1 <= 0;
            if (!(rising && e.Direction != EventDirection.Falling || falling && e.Direction != EventDirection.Rising))
                continue;
            double root = g1 == 0 ? stepper.T : FindRoot(e.Function, stepper, g0, g1);
            found.Add((i, root, rising));
        }
        found.Sort((a, b) => direction * a.Item2 < direction * b.Item2 ? -1 : direction * a.Item2 > direction * b.Item2 ? 1 : a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>The state at <paramref name="t"/> inside the last step.</summary>
    public double[] StateAt(Stepper stepper, double t)
    {
        var y = new double[_state.Length];
        if (t == stepper.T)
            stepper.Y.CopyTo(y, 0);
        else
            stepper.Interpolate(t, y);
        return y;
    }

    private double G(OdeEventFunction g, Stepper stepper, double t)
    {
        stepper.Interpolate(t, _state);
        return g(t, _state);
    }

    /// <summary>Brent's method on [TPrevious, T] where g changes sign (g(a) = ga, g(b) = gb).</summary>
    private double FindRoot(OdeEventFunction g, Stepper stepper, double ga, double gb)
    {
        double a = stepper.TPrevious, b = stepper.T;
        double c = a, gc = ga, d = b - a, e = d;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if (Math.Sign(gb) == Math.Sign(gc) && gb != 0)
            {
                c = a;
                gc = ga;
                d = e = b - a;
            }
            if (Math.Abs(gc) < Math.Abs(gb))
            {
                a = b; b = c; c = a;
                ga = gb; gb = gc; gc = ga;
            }
            double tolerance = 2 * double.Epsilon + 2 * 2.220446049250313e-16 * Math.Abs(b);
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tolerance || gb == 0)
                return b;
            if (Math.Abs(e) >= tolerance && Math.Abs(ga) > Math.Abs(gb))
            {
                double s = gb / ga, p, q;
                if (a == c)
                {
                    p = 2 * m * s;
                    q = 1 - s;
                }
                else
                {
                    double r = gb / gc;
                    q = ga / gc;
                    p = s * (2 * m * q * (q - r) - (b - a) * (r - 1));
                    q = (q - 1) * (r - 1) * (s - 1);
                }
                if (p > 0)
                    q = -q;
                else
                    p = -p;
                if (2 * p < Math.Min(3 * m * q - Math.Abs(tolerance * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = m;
                    e = m;
                }
            }
            else
            {
                d = m;
                e = m;
            }
            a = b;
            ga = gb;
            b += Math.Abs(d) > tolerance ? d : m > 0 ? tolerance : -tolerance;
            gb = G(g, stepper, b);
        }
        return b;
    }
}
