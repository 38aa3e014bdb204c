// SPDX-License-Identifier: MIT
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
