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
