// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// A diagnostic of a run-time formula: the MC id and message the source generator gives for the same formula, and the
/// characters of the formula string it is about.
/// </summary>
/// <param name="Id">The diagnostic id, <c>MC0002</c> for an unknown name; README.md lists them.</param>
/// <param name="Message">What is wrong and how to correct it.</param>
/// <param name="Start">The index of the first character of the formula it is about. A diagnostic about a variable or a
/// parameter as listed, rather than characters of the formula (an unused parameter, a limit), has start 0 and length 0.</param>
/// <param name="Length">How many characters it is about; 0 at the end of the formula or when it is about no characters.</param>
/// <param name="IsError">True for an error, which stops the compile; false for a warning.</param>
public sealed record FormulaDiagnostic(string Id, string Message, int Start, int Length, bool IsError)
{
    /// <summary>The id, the span and the message: <c>MC0002 [4..5): 'q' is not a variable…</c>.</summary>
    public override string ToString() => $"{Id} [{Start}..{Start + Length}): {Message}";
}
