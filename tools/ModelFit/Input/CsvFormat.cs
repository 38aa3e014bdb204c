// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit.Input;

/// <summary>How the CSV file is written: its field delimiter, its decimal separator and what happens to rows with a missing value.</summary>
/// <param name="Delimiter">The field delimiter; null detects it from the header line (',' ';' tab or '|').</param>
/// <param name="DecimalSeparator">The decimal separator of the numbers, "." or ",".</param>
/// <param name="SkipMissing">Drop rows with a missing value in a used column instead of stopping with an error.</param>
public sealed record CsvFormat(string? Delimiter = null, string DecimalSeparator = ".", bool SkipMissing = false)
{
    /// <summary>Comma-separated with a decimal point, stopping at the first missing value.</summary>
    public static CsvFormat Default { get; } = new();
}
