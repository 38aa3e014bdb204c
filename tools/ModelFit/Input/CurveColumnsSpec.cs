// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;
using ModelCompiler.Columnar;

namespace ModelCompiler.ModelFit.Input;

/// <summary>
/// Where the curves (or their σ) are in the file: a list column (<c>--list counts</c>) or one column per point
/// (<c>--columns t0,t1,t2</c>, or <c>--columns t{0..63}</c> for t0 to t63).
/// </summary>
internal static partial class CurveColumnsSpec
{
    public static CurveLayout? Layout(string? list, string? columns, string listOption, string columnsOption)
    {
        if (list is not null && columns is not null)
            throw new ModelFitException(ExitCode.Usage, $"Give {listOption} or {columnsOption}, not both.");
        if (list is not null)
            return list.Trim().Length > 0 ? CurveLayout.ListColumn(list.Trim()) : throw new ModelFitException(ExitCode.Usage, $"{listOption} is empty.");
        return columns is null ? null : CurveLayout.PointColumns(Expand(columns, columnsOption));
    }

    /// <summary>The column names of a comma-separated list, each <c>{a..b}</c> expanded to a, a + 1, …, b.</summary>
    public static string[] Expand(string text, string option)
    {
        var names = new List<string>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            Match range = Range().Match(part);
            if (!range.Success)
            {
                if (part.Length == 0 || part.Contains('{') || part.Contains('}'))
                    throw new ModelFitException(ExitCode.Usage, $"{option} {text}: '{part}' is not a column name or a range like t{{0..63}}.");
                names.Add(part);
                continue;
            }
            int from = int.Parse(range.Groups["from"].Value), to = int.Parse(range.Groups["to"].Value);
            if (to < from)
                throw new ModelFitException(ExitCode.Usage, $"{option} {text}: the range {{{from}..{to}}} runs backwards.");
            for (int i = from; i <= to; i++)
                names.Add(range.Groups["before"].Value + i + range.Groups["after"].Value);
        }
        if (names.Distinct().Count() != names.Count)
            throw new ModelFitException(ExitCode.Usage, $"{option} {text} names a column twice.");
        return [.. names];
    }

    [GeneratedRegex(@"^(?<before>[^{}]*)\{(?<from>\d{1,6})\.\.(?<to>\d{1,6})\}(?<after>[^{}]*)$")]
    private static partial Regex Range();
}
