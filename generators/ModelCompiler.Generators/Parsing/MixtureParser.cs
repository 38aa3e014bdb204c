// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Parsing;

/// <summary>Reads the <c>[MixtureModel]</c> attribute beside a <c>[Model]</c> into a <see cref="MixtureSpec"/>.</summary>
internal static class MixtureParser
{
    /// <summary>Null when the method has no <c>[MixtureModel]</c> or when its arguments are invalid (then with a diagnostic).</summary>
    public static MixtureSpec? Read(IMethodSymbol symbol, List<DiagnosticInfo> diagnostics)
    {
        var attribute = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == GeneratorInfo.MixtureModelAttribute);
        if (attribute is null)
            return null;
        int components = 2, noise = MixtureSpec.Gaussian;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Components" && argument.Value.Value is int k)
                components = k;
            else if (argument.Key == "Noise" && argument.Value.Value is int n)
                noise = n;
        }
        bool ok = true;
        if (components < 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MixtureComponents, ArgumentLocation(attribute, symbol, "Components"),
                symbol.Name, components));
            ok = false;
        }
        if (noise != MixtureSpec.Gaussian && noise != MixtureSpec.Laplace)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MixtureNoise, ArgumentLocation(attribute, symbol, "Noise"),
                symbol.Name, noise));
            ok = false;
        }
        return ok ? new MixtureSpec(components, noise) : null;
    }

    /// <summary>The error for a <c>[MixtureModel]</c> on a method without <c>[Model]</c>; null when <c>[Model]</c> is there.</summary>
    public static DiagnosticInfo? WithoutModel(GeneratorAttributeSyntaxContext context)
    {
        if (context.TargetSymbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratorInfo.ModelAttribute))
            return null;
        var location = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax() is { } attribute
            ? LocationInfo.From(attribute)
            : LocationInfo.From(context.TargetNode);
        return DiagnosticInfo.Create(Diagnostics.MixtureWithoutModel, location, context.TargetSymbol.Name);
    }

    /// <summary>The value of the named argument (<c>0</c> in <c>Components = 0</c>), or the attribute when it is not written out.</summary>
    private static LocationInfo? ArgumentLocation(AttributeData attribute, IMethodSymbol symbol, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax)
            return LocationInfo.From(symbol.Locations.FirstOrDefault());
        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return argument is null ? LocationInfo.From(syntax) : LocationInfo.From(argument.Expression);
    }
}
