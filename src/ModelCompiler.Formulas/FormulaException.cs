// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// A formula that cannot be compiled, with the diagnostics the source generator would give for it: MC ids, messages and
/// spans in the formula string.
/// </summary>
public sealed class FormulaException : Exception
{
    /// <summary>An exception for these diagnostics (at least one an error), whose message lists them.</summary>
    public FormulaException(string formula, IReadOnlyList<FormulaDiagnostic> diagnostics)
        : base(Describe(formula, diagnostics))
    {
        Formula = formula;
        Diagnostics = diagnostics;
    }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>Every diagnostic, errors and warnings, in the order the compiler found them.</summary>
    public IReadOnlyList<FormulaDiagnostic> Diagnostics { get; }

    private static string Describe(string formula, IReadOnlyList<FormulaDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).ToList();
        string first = errors.Count > 0 ? $"{errors[0].Id}: {errors[0].Message}" : "no error";
        string more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : "";
        string shown = formula.Length <= 200 ? formula : formula[..200] + "…";
        return $"The formula '{shown}' cannot be compiled: {first}{more}";
    }
}
