// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Ode;

/// <summary>The checks at the boundary of the ODE API, each naming the argument and index at fault.</summary>
internal static class OdeInput
{
    public static double[] CheckInitialState<TSystem>(ReadOnlySpan<double> y0, string argument) where TSystem : IOdeSystem
    {
        if (TSystem.StateCount is int n)
        {
            if (y0.Length != n)
                throw new ArgumentException(
                    $"The initial state has {y0.Length} values; the system has {n} states ({string.Join(", ", TSystem.StateNames)}).", argument);
        }
        else if (y0.Length < TSystem.MinimumStateCount)
        {
            throw new ArgumentException(
                $"The initial state has {y0.Length} values; the indexed system needs at least {TSystem.MinimumStateCount}.", argument);
        }
        if (y0.IsEmpty)
            throw new ArgumentException("The initial state is empty.", argument);
        CheckFinite(y0, argument, "initial state");
        return y0.ToArray();
    }

    public static double[] CheckParameters<TSystem>(ReadOnlySpan<double> parameters, string argument) where TSystem : IOdeSystem
    {
        if (parameters.Length != TSystem.ParameterCount)
            throw new ArgumentException(TSystem.ParameterCount == 0
                ? $"The system has no parameters, but {parameters.Length} were given."
                : $"{parameters.Length} parameters were given; the system has {TSystem.ParameterCount} ({string.Join(", ", TSystem.ParameterNames)}).",
                argument);
        for (int i = 0; i < parameters.Length; i++)
            if (!double.IsFinite(parameters[i]))
                throw new ArgumentException($"Parameter {i} ({TSystem.ParameterNames[i]}) is {parameters[i]}; parameters must be finite.", argument);
        return parameters.ToArray();
    }

    public static void CheckFinite(ReadOnlySpan<double> values, string argument, string what)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"The {what} at index {i} is {values[i]}; it must be finite.", argument);
    }

    /// <summary>
    /// Refuses an initial state whose every nonzero component is below its absolute tolerance: the error test then
    /// measures nothing (y' = −10⁹y from 10⁻¹² with atol 10⁻⁸ took two steps and returned 1.2e-12 for 6.7e-15), so any
    /// answer would pass. A state that is all zero is exact and passes, and so do relative tolerances of 1 and more,
    /// which ask for no accuracy (fixed steps through the step-size limits).
    /// </summary>
    public static void CheckStatesVisible(ReadOnlySpan<double> y0, ReadOnlySpan<double> atol, ReadOnlySpan<double> rtol)
    {
        int largest = -1;
        for (int i = 0; i < y0.Length; i++)
        {
            if (Math.Abs(y0[i]) >= atol[i] || rtol[i] >= 1)
                return;
            if (y0[i] != 0 && (largest < 0 || Math.Abs(y0[i]) > Math.Abs(y0[largest])))
                largest = i;
        }
        if (largest < 0)
            return;
        double suggested = Math.Abs(y0[largest]) * rtol[largest];
        throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
            "Every component of the initial state is below its absolute tolerance (the largest, y0[{0}] = {1:G3}, against " +
            "atol {2:G3}), so the error control cannot see the solution and would accept any answer. Set the absolute " +
            "tolerance (AbsoluteTolerance or AbsoluteTolerances of the OdeOptions; for OdeFit, of OdeFitOptions.Integration) " +
            "below the states' scale, e.g. {3:G1} (the relative tolerance times |y0[{0}]|).",
            largest, y0[largest], atol[largest], suggested), "options");
    }

    public static void CheckInterval(double startTime, double endTime)
    {
        if (!double.IsFinite(startTime))
            throw new ArgumentException($"The start time is {startTime}; it must be finite.", nameof(startTime));
        if (!double.IsFinite(endTime))
            throw new ArgumentException($"The end time is {endTime}; it must be finite.", nameof(endTime));
        if (startTime == endTime)
            throw new ArgumentException($"The start and end times are both {startTime}; the interval is empty.", nameof(endTime));
    }

    /// <summary>Output times must be strictly monotone in the direction of integration and inside [t0, tEnd].</summary>
    public static double[] CheckOutputTimes(IReadOnlyList<double> times, double t0, double tEnd, string argument)
    {
        double direction = Math.Sign(tEnd - t0);
        var copy = new double[times.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            double t = times[i];
            if (!double.IsFinite(t))
                throw new ArgumentException($"Output time {i} is {t}; output times must be finite.", argument);
            if (direction * (t - t0) < 0 || direction * (t - tEnd) > 0)
                throw new ArgumentException($"Output time {i} ({t}) is outside the interval [{Math.Min(t0, tEnd)}, {Math.Max(t0, tEnd)}].", argument);
            if (i > 0 && direction * (t - copy[i - 1]) <= 0)
                throw new ArgumentException(
                    $"Output times must be strictly {(direction > 0 ? "increasing" : "decreasing")}: time {i} ({t}) follows {copy[i - 1]}.", argument);
            copy[i] = t;
        }
        return copy;
    }
}
