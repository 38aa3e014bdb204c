// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Parsing;

/// <summary>
/// The generated code names the framework's vector and span types by their simple names, which the usings of its file
/// import (System.Math it names in full). A type or member of the same name in the model's containing types or
/// namespaces is found before those usings and would break the generated code with errors in a file the user did not
/// write; this finds it first and says so at the model.
/// </summary>
internal static class HiddenFrameworkTypes
{
    // Each name with the number of type arguments the generated code gives it: Vector256.Create(…) and Vector256<double>
    // are looked up apart, and only a declaration of the same arity hides either.
    private static readonly (string Name, int Arity, string FullName)[] Used =
    {
        ("Vector256", 0, "System.Runtime.Intrinsics.Vector256"),
        ("Vector256", 1, "System.Runtime.Intrinsics.Vector256<T>"),
        ("Vector512", 0, "System.Runtime.Intrinsics.Vector512"),
        ("Vector512", 1, "System.Runtime.Intrinsics.Vector512<T>"),
        ("Span", 1, "System.Span<T>"),
        ("ReadOnlySpan", 1, "System.ReadOnlySpan<T>"),
        ("MemoryMarshal", 0, "System.Runtime.InteropServices.MemoryMarshal"),
        ("IReadOnlyList", 1, "System.Collections.Generic.IReadOnlyList<T>"),
        ("List", 1, "System.Collections.Generic.List<T>"),
    };

    /// <summary>Reports each framework type hidden where <paramref name="symbol"/>'s generated code goes; whether there was none.</summary>
    public static bool Check(IMethodSymbol symbol, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        bool ok = true;
        foreach (var (name, arity, fullName) in Used)
        {
            if (Hider(symbol, name, arity) is not { } hider)
                continue;
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.HiddenFrameworkType, location,
                hider.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), fullName, symbol.Name));
            ok = false;
        }
        return ok;
    }

    /// <summary>The first declaration that simple-name lookup of <paramref name="name"/> with <paramref name="arity"/> type arguments meets before the file's usings.</summary>
    private static ISymbol? Hider(IMethodSymbol symbol, string name, int arity)
    {
        bool Hides(ISymbol member) => member is INamedTypeSymbol type ? type.Arity == arity : arity == 0;
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.GetMembers(name).FirstOrDefault(Hides) is { } member)
                return member;
            // A base class's members are found as the type's own, unless private to it.
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                if (baseType.GetMembers(name).FirstOrDefault(m => m.DeclaredAccessibility != Accessibility.Private && Hides(m)) is { } inherited)
                    return inherited;
        }
        for (var space = symbol.ContainingNamespace; space is not null; space = space.ContainingNamespace)
            if (space.GetMembers(name).FirstOrDefault(Hides) is { } member)
                return member;
        return null;
    }
}
