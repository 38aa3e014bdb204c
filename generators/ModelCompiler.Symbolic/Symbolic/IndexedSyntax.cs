// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators.Symbolic;

/// <summary>An element of an array in a system's formula, <c>x[i+1]</c>, with its index as written.</summary>
internal sealed record ElementSyntax(string Name, FormulaSyntax Index, int Start, int Length) : FormulaSyntax(Start, Length);
