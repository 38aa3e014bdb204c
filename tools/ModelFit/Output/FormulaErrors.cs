// SPDX-License-Identifier: MIT
using System.Text;

namespace ModelCompiler.ModelFit.Output;

/// <summary>
/// A formula's diagnostics as a compiler prints them: the MC id and message, then the formula with carets under the
/// characters each one is about.
/// <code>
/// error MC0002: 'expp' is not a function …
///   a*expp(-k*t) + c
///     ^^^^
/// </code>
/// </summary>
public static class FormulaErrors
{
    /// <summary>Longest stretch of the formula shown; a longer formula is cut around the offending characters.</summary>
    private const int Window = 100;

    /// <summary>Writes every diagnostic of <paramref name="exception"/>, errors and warnings, in the compiler's order.</summary>
    public static void Write(FormulaException exception, TextWriter error)
    {
        Write(exception.Formula, exception.Diagnostics, error);
        if (exception.Diagnostics.Count == 0)
            error.WriteLine("error: " + exception.Message);
    }

    /// <summary>Writes the diagnostics of a formula that compiled (its warnings).</summary>
    public static void Write(string formula, IReadOnlyList<FormulaDiagnostic> diagnostics, TextWriter error)
    {
        foreach (FormulaDiagnostic diagnostic in diagnostics)
        {
            error.WriteLine($"{(diagnostic.IsError ? "error" : "warning")} {diagnostic.Id}: {diagnostic.Message}");
            foreach (string line in Underline(formula, diagnostic.Start, diagnostic.Length))
                error.WriteLine(line);
        }
    }

    /// <summary>
    /// The formula (or the part of it around the span) indented by two spaces, and a line of carets under
    /// [start, start + length); one caret for an empty span. Nothing for a diagnostic about no characters (start and
    /// length 0 with a non-empty formula: an unused parameter, a limit).
    /// </summary>
    public static IReadOnlyList<string> Underline(string formula, int start, int length)
    {
        if (formula.Length == 0 || (start == 0 && length == 0) || start < 0 || start > formula.Length)
            return [];
        length = Math.Clamp(length, 0, formula.Length - start);
        int from = 0, to = formula.Length;
        if (formula.Length > Window)
        {
            int margin = Math.Max(10, (Window - length) / 2);
            from = Math.Max(0, start - margin);
            to = Math.Min(formula.Length, Math.Max(start + length + margin, from + Window));
        }
        var text = new StringBuilder("  ");
        if (from > 0)
            text.Append('…');
        // Control characters (a tab, a newline pasted into the formula) print as one space each, so the carets stay aligned.
        foreach (char c in formula.AsSpan(from, to - from))
            text.Append(char.IsControl(c) ? ' ' : c);
        if (to < formula.Length)
            text.Append('…');
        int column = 2 + (from > 0 ? 1 : 0) + start - from;
        string carets = new string(' ', column) + new string('^', Math.Max(1, length));
        return [text.ToString(), carets];
    }
}
