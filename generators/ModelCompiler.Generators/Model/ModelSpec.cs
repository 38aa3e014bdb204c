// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Model;

/// <summary>A type enclosing the model method: its keyword (<c>class</c>, <c>record struct</c>…), name and type parameters.</summary>
internal sealed record ContainingType(string Keyword, string Name, string TypeParameters);

/// <summary>
/// Everything the emitter needs about one model method, as plain equatable data: no symbols, no syntax nodes,
/// so the incremental pipeline can compare it with the previous run and skip emission when nothing changed.
/// </summary>
/// <param name="PartialSignature">The declaration to implement when the formula is in the attribute, e.g.
/// <c>public static partial double F(double x, double a)</c>; null when the method has its own body.</param>
/// <param name="Syntax">The formula's syntax tree, from the formula language or lowered from C#.</param>
/// <param name="AllowsNamedConstants">True for the formula language, where <c>pi</c> and <c>e</c> are constants.</param>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<ContainingType> Containers,
    string MethodName,
    string Accessibility,
    string? PartialSignature,
    EquatableArray<string> Variables,
    EquatableArray<string> Parameters,
    string FormulaText,
    FormulaSyntax Syntax,
    bool AllowsNamedConstants,
    LocationInfo Location,
    MixtureSpec? Mixture = null)
{
    public string ModelTypeName => MethodName + "Model";
}

/// <summary>
/// The result of reading one <c>[Model]</c> method: a spec when it can be compiled, its diagnostics, and for a
/// partial method whose formula has errors, what its throwing placeholder body needs.
/// </summary>
internal sealed record ModelParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, Placeholder? Placeholder = null);

/// <summary>
/// Where a partial model method that gets no generated code (its formula or signature has errors) is declared, and its
/// signature as declared.
/// </summary>
/// <param name="Overload">The parameter types, which tell the file of one overload from another's.</param>
internal sealed record Placeholder(string? Namespace, EquatableArray<ContainingType> Containers, string MethodName, string PartialSignature,
                                   string Overload);
