// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.ModelFit.Output;

/// <summary>How numbers are printed: invariant culture, significant digits, ∞ and NaN spelled out.</summary>
internal static class Numbers
{
    public static string G(double value, int digits) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "∞"
        : double.IsNegativeInfinity(value) ? "-∞"
        : value.ToString("G" + digits, CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="value"/> with at least <paramref name="digits"/> significant digits, and more where they are needed
    /// to show it to the second digit of its <paramref name="uncertainty"/> (a standard error or a spread): a time in
    /// Unix seconds known to 0.03 s prints as 1700000050.2998, not 1700000050.
    /// </summary>
    public static string Resolving(double value, double uncertainty, int digits)
    {
        if (double.IsFinite(value) && value != 0 && double.IsFinite(uncertainty) && uncertainty > 0)
        {
            int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
            int needed = magnitude - (int)Math.Floor(Math.Log10(uncertainty)) + 2;
            // Every integer digit below 10^15, so that a large value prints as 1700000981, not 1.70000098E+09.
            if (magnitude < 15)
                needed = Math.Max(needed, magnitude + 1);
            digits = Math.Clamp(needed, digits, 17);
        }
        return G(value, digits);
    }

    /// <summary>A value the user gave (a start, a fixed value) as typed: the shortest digits that read back to it.</summary>
    public static string AsGiven(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : G(value, 17);

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ArgumentException's message without the " (Parameter 'x')" that .NET appends.</summary>
    public static string MessageOf(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
                message = message[..^suffix.Length];
        }
        return message;
    }
}
