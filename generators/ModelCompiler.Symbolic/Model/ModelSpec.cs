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
    public string ModelTypeName => ModelTypeNameOf(MethodName);

    public string MixtureTypeName => MixtureTypeNameOf(MethodName);

    /// <summary>
    /// The generated model type: the method's name followed by <c>Model</c> (<c>Decay</c> → <c>DecayModel</c>), except that a
    /// method already named <c>…Model</c> is not doubled: <c>Atan2Model</c> → <c>Atan2</c>.
    /// </summary>
    public static string ModelTypeNameOf(string methodName) =>
        EndsInModel(methodName) ? methodName.Substring(0, methodName.Length - Suffix.Length) : methodName + Suffix;

    /// <summary>The generated mixture type: the method's name without a <c>Model</c> suffix, followed by <c>Mixture</c>.</summary>
    public static string MixtureTypeNameOf(string methodName) =>
        (EndsInModel(methodName) ? methodName.Substring(0, methodName.Length - Suffix.Length) : methodName) + "Mixture";

    private const string Suffix = "Model";

    private static bool EndsInModel(string name) => name.Length > Suffix.Length && name.EndsWith(Suffix, System.StringComparison.Ordinal);
}

/// <summary>
/// Where a partial model method that gets no generated code (its formula or signature has errors) is declared, and its
/// signature as declared.
/// </summary>
/// <param name="Overload">The parameter types, which tell the file of one overload from another's.</param>
internal sealed record Placeholder(string? Namespace, EquatableArray<ContainingType> Containers, string MethodName, string PartialSignature,
                                   string Overload = "");
