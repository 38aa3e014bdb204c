// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>Culture-invariant, round-trippable number text.</summary>
internal static class Literals
{
    /// <summary>
    /// The shortest of G15/G16/G17 that reads back as the same double. "R" is avoided: on .NET Framework,
    /// where the compiler may host the generator, it has round-trip bugs.
    /// </summary>
    public static string Shortest(double value)
    {
        foreach (string format in new[] { "G15", "G16", "G17" })
        {
            string text = value.ToString(format, CultureInfo.InvariantCulture);
            if (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(value))
                return text;
        }
        return value.ToString("G17", CultureInfo.InvariantCulture);
    }

    /// <summary>A C# double literal: <c>2.0</c>, <c>0.5</c>, <c>1E-05</c>, or the named non-finite values.</summary>
    public static string CSharp(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        if (value == System.Math.PI) return "Math.PI";
        if (value == System.Math.E) return "Math.E";
        string text = Shortest(value);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }
}
