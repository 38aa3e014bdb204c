// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit.Input;

/// <summary>A formula variable and the CSV column it reads: <c>--x t</c> reads column t as variable t, <c>--x t=time</c> column time.</summary>
public readonly record struct VariableColumn(string Variable, string Column)
{
    /// <summary>Parses the values of <c>--x</c> (each may list several, comma-separated), in order.</summary>
    public static IReadOnlyList<VariableColumn> Parse(IEnumerable<string> texts)
    {
        var result = new List<VariableColumn>();
        foreach (string text in texts)
        {
            foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=');
                var column = equals < 0 ? new VariableColumn(part, part) : new VariableColumn(part[..equals].Trim(), part[(equals + 1)..].Trim());
                if (column.Variable.Length == 0 || column.Column.Length == 0)
                    throw new ModelFitException(ExitCode.Usage, $"--x '{part}': write a column name, or variable=column.");
                if (result.Any(c => c.Variable == column.Variable))
                    throw new ModelFitException(ExitCode.Usage, $"--x gives the variable '{column.Variable}' twice.");
                result.Add(column);
            }
        }
        return result;
    }
}
