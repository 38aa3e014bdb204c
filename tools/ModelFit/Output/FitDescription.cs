// SPDX-License-Identifier: MIT
namespace ModelCompiler.ModelFit.Output;

/// <summary>What a report says about where the fit came from: the file and the columns it read.</summary>
/// <param name="DataPath">The CSV file as given on the command line.</param>
/// <param name="Variables">Each variable of the formula and the column it read.</param>
/// <param name="YColumn">The response column.</param>
/// <param name="SigmaColumn">The column of standard deviations, or null.</param>
/// <param name="SkippedRows">Rows left out for a missing value.</param>
public sealed record FitDescription(string DataPath, IReadOnlyList<Input.VariableColumn> Variables, string YColumn, string? SigmaColumn,
                                    int SkippedRows);
