// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.ModelFit.Input;

/// <summary>
/// The values of <c>--p0 a=1,k=0.1</c>, <c>--fix c=0</c> and <c>--bounds k=0:10</c>: comma-separated
/// <c>name=value</c> (or <c>name=lower:upper</c>, either side empty or ±inf for none) in invariant notation.
/// An option may be given several times; a name given twice is an error.
/// </summary>
public static class ParameterAssignments
{
    /// <summary>Parses <c>name=value</c> lists; <paramref name="option"/> names the option in messages.</summary>
    public static IReadOnlyDictionary<string, double> Values(IEnumerable<string> texts, string option)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in Pairs(texts, option))
        {
            if (!TryNumber(value, out double number) || !double.IsFinite(number))
                throw Usage($"{option} {name}={value}: '{value}' is not a finite number (write numbers as 1.5 or 2e-3).");
            result[name] = number;
        }
        return result;
    }

    /// <summary>Parses <c>name=lower:upper</c> lists.</summary>
    public static IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds(IEnumerable<string> texts, string option)
    {
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var (name, value) in Pairs(texts, option))
        {
            int colon = value.IndexOf(':');
            if (colon < 0)
                throw Usage($"{option} {name}={value}: a bound is lower:upper, as in {name}=0:10, {name}=0: or {name}=:5.");
            string lowerText = value[..colon].Trim(), upperText = value[(colon + 1)..].Trim();
            double lower = double.NegativeInfinity, upper = double.PositiveInfinity;
            if (lowerText.Length > 0 && (!TryNumber(lowerText, out lower) || double.IsNaN(lower) || lower == double.PositiveInfinity))
                throw Usage($"{option} {name}={value}: the lower bound '{lowerText}' is not a number or -inf.");
            if (upperText.Length > 0 && (!TryNumber(upperText, out upper) || double.IsNaN(upper) || upper == double.NegativeInfinity))
                throw Usage($"{option} {name}={value}: the upper bound '{upperText}' is not a number or inf.");
            if (!(lower < upper))
                throw Usage($"{option} {name}={value}: the lower bound must be below the upper.");
            result[name] = (lower, upper);
        }
        return result;
    }

    /// <summary>Throws a usage error when a name is not one of the model's parameters.</summary>
    public static void RequireParameters(IEnumerable<string> names, IReadOnlyList<string> parameters, string option)
    {
        foreach (string name in names)
            if (!parameters.Contains(name))
                throw Usage($"{option} names '{name}', which is not a parameter of the formula; its parameters are {string.Join(", ", parameters)}.");
    }

    /// <summary>
    /// Checks --p0, --bounds and --fix against the model's <paramref name="parameters"/>: each names parameters only, and
    /// no parameter has both a start and a fixed value.
    /// </summary>
    public static void RequireConsistent(IReadOnlyList<string> parameters, IReadOnlyDictionary<string, double> start,
                                         IReadOnlyDictionary<string, (double Lower, double Upper)> bounds, IReadOnlyDictionary<string, double> fixedValues)
    {
        RequireParameters(start.Keys, parameters, "--p0");
        RequireParameters(bounds.Keys, parameters, "--bounds");
        RequireParameters(fixedValues.Keys, parameters, "--fix");
        foreach (string name in fixedValues.Keys)
            if (start.ContainsKey(name))
                throw Usage($"'{name}' is given both a start (--p0) and a fixed value (--fix); give one.");
    }

    /// <summary>
    /// The model's <paramref name="parameters"/> as --p0, --bounds and --fix set them, checked (<see cref="RequireConsistent"/>,
    /// <see cref="RequireWithinBounds"/>): per parameter its known value (the fixed one, else the start, else NaN), whether
    /// it is fixed, and its bounds (null when --bounds gives none).
    /// </summary>
    public static ParameterSettings Resolve(IReadOnlyList<string> parameters, IReadOnlyDictionary<string, double> start,
                                            IReadOnlyDictionary<string, (double Lower, double Upper)> bounds,
                                            IReadOnlyDictionary<string, double> fixedValues)
    {
        RequireConsistent(parameters, start, bounds, fixedValues);
        int p = parameters.Count;
        var known = new double[p];
        var isFixed = new bool[p];
        double[]? lower = bounds.Count == 0 ? null : new double[p];
        double[]? upper = bounds.Count == 0 ? null : new double[p];
        for (int j = 0; j < p; j++)
        {
            string name = parameters[j];
            isFixed[j] = fixedValues.TryGetValue(name, out double fixedValue);
            known[j] = isFixed[j] ? fixedValue : start.TryGetValue(name, out double value) ? value : double.NaN;
            if (lower is not null)
            {
                (lower[j], upper![j]) = bounds.TryGetValue(name, out var bound) ? bound : (double.NegativeInfinity, double.PositiveInfinity);
                RequireWithinBounds(name, known[j], isFixed[j], lower[j], upper[j]);
            }
        }
        return new ParameterSettings(known, isFixed, lower, upper);
    }

    /// <summary>Throws a usage error when a parameter's start or fixed value lies outside its bounds (NaN, no value, passes).</summary>
    public static void RequireWithinBounds(string name, double value, bool isFixed, double lower, double upper)
    {
        if (value < lower || value > upper)
            throw Usage($"{(isFixed ? "--fix" : "--p0")} {name}={Format(value)} lies outside --bounds {name}={Format(lower)}:{Format(upper)}.");
    }

    /// <summary>A value as the options are written: inf and -inf for the open sides of a bound.</summary>
    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Name, string Value)> Pairs(IEnumerable<string> texts, string option)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
            {
                if (part.Length == 0)
                    continue;
                int equals = part.IndexOf('=');
                if (equals <= 0)
                    throw Usage($"{option} '{part}': write name=value, as in {option} a=1,k=0.1.");
                string name = part[..equals].Trim();
                if (!seen.Add(name))
                    throw Usage($"{option} gives '{name}' twice.");
                yield return (name, part[(equals + 1)..].Trim());
            }
        }
    }

    private static bool TryNumber(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity" or "∞":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity" or "-∞":
                value = double.NegativeInfinity;
                return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static ModelFitException Usage(string message) => new(ExitCode.Usage, message);
}

/// <summary>
/// Per parameter of a model: its known value (NaN where it is to be guessed), whether it is fixed, and its bounds (null
/// when none is bounded).
/// </summary>
public sealed record ParameterSettings(double[] Known, bool[] IsFixed, double[]? Lower, double[]? Upper)
{
    /// <summary>The fixed flags as a setup takes them: null when none is fixed.</summary>
    public bool[]? Fixed => IsFixed.Contains(true) ? IsFixed : null;
}
