// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Moves one unknown alone, by ±10ᵉ·max(1, |x|) for a range of e, where no derivative shows the way: at a stationary
/// point by symmetry (a zero gradient component, a Jacobian column zero at every point) f may still fall on either side,
/// at a distance no one scale predicts.
/// </summary>
internal static class AxisProbe
{
    /// <summary>
    /// The moved value of <paramref name="x"/> (inside [<paramref name="lower"/>, <paramref name="upper"/>]) where
    /// <paramref name="f"/> is lowest and below <paramref name="below"/>, with f there; null when none is. f may return
    /// NaN for a value it cannot evaluate.
    /// </summary>
    public static (double Value, double F)? Lowest(double x, int fromExponent, int toExponent, double lower, double upper,
                                                   Func<double, double> f, double below)
    {
        (double, double)? lowest = null;
        for (int e = fromExponent; e <= toExponent; e++)
            foreach (double sign in new[] { 1.0, -1.0 })
            {
                double value = x + sign * Math.Pow(10, e) * Math.Max(1, Math.Abs(x));
                if (!(value >= lower && value <= upper))
                    continue;
                double fv = f(value);
                if (fv < below)
                {
                    below = fv;
                    lowest = (value, fv);
                }
            }
        return lowest;
    }

    /// <summary>
    /// The lowest value below <paramref name="below"/> that f reaches falling all the way from x, f(x) =
    /// <paramref name="fx"/>, over the moves of e = <paramref name="fromExponent"/> … <paramref name="toExponent"/> on
    /// one side; null when none is. A side stops at its first move that does not lower f, so that a local minimum with
    /// a deeper valley beyond its walls is left alone, where a plateau, a saddle or a maximum falls from the first move.
    /// </summary>
    public static (double Value, double F)? Downhill(double x, double fx, int fromExponent, int toExponent, double lower, double upper,
                                                     Func<double, double> f, double below)
    {
        (double, double)? lowest = null;
        foreach (double sign in new[] { 1.0, -1.0 })
        {
            double last = fx;
            for (int e = fromExponent; e <= toExponent; e++)
            {
                double value = x + sign * Math.Pow(10, e) * Math.Max(1, Math.Abs(x));
                if (!(value >= lower && value <= upper))
                    break;
                double fv = f(value);
                if (!(fv < last))
                    break;
                last = fv;
                if (fv < below)
                {
                    below = fv;
                    lowest = (value, fv);
                }
            }
        }
        return lowest;
    }
}
