// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Parsing;

/// <summary>
/// Reads one <c>[Model]</c> method into a <see cref="ModelSpec"/>, checking its shape and its formula.
/// Every problem becomes a diagnostic at the exact characters it is about; nothing here throws on bad input.
/// </summary>
internal static class ModelParser
{
    public static ModelParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        if (context.TargetNode is not MethodDeclarationSyntax method)
            return NotAMethod(context);
        var symbol = (IMethodSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        Placeholder? placeholder = null;
        var spec = TryParse(context, method, symbol, diagnostics, ref placeholder, cancellation);
        return new ModelParseResult(spec, diagnostics.ToEquatableArray(), spec is null ? placeholder : null);
    }

    /// <summary>[Model] on a local function or a lambda, which no generated type can sit beside.</summary>
    private static ModelParseResult NotAMethod(GeneratorAttributeSyntaxContext context)
    {
        string what = context.TargetNode is LocalFunctionStatementSyntax local ? $"the local function '{local.Identifier.ValueText}'" : "a lambda";
        var location = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax() is { } attribute
            ? LocationInfo.From(attribute)
            : LocationInfo.From(context.TargetNode);
        return new ModelParseResult(null, new[] { DiagnosticInfo.Create(Diagnostics.ModelNotAMethod, location, what) }.ToEquatableArray());
    }

    private static ModelSpec? TryParse(GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax method, IMethodSymbol symbol,
                                       List<DiagnosticInfo> diagnostics, ref Placeholder? placeholder, CancellationToken cancellation)
    {
        var name = LocationInfo.From(method.Identifier);
        bool shapeOk = CheckShape(method, symbol, name, diagnostics);
        bool containersPartial = true;
        var containers = ContainingTypes(method, symbol, diagnostics, ref containersPartial);
        shapeOk &= containersPartial;
        // A partial definition that gets no generated body would add the compiler's CS8795 to any MC error: give it a
        // throwing one of its exact signature. Without an accessibility modifier it needs none (and may have none:
        // CS8796 is the compiler's own error then), and a type that is not partial cannot take one.
        bool needsBody = IsPartialDefinition(method) && HasAccessibilityModifier(method);
        if (needsBody && containersPartial)
            placeholder = new Placeholder(Namespace(symbol), containers.ToEquatableArray(), symbol.Name, DeclaredSignature(method, symbol),
                                          Overload(symbol));
        var (variables, parameters) = SplitParameters(symbol, diagnostics, ref shapeOk);
        shapeOk &= CheckUniqueModel(symbol, name, diagnostics);
        shapeOk &= HiddenFrameworkTypes.Check(symbol, name, diagnostics);
        if (!shapeOk)
            return null; // the formula is read against the signature, so a wrong signature comes first

        string? attributeFormula = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string;
        bool hasBody = method.Body is not null || method.ExpressionBody is not null;
        bool isPartial = method.Modifiers.Any(SyntaxKind.PartialKeyword);

        FormulaSyntax? syntax;
        string formulaText;
        System.Func<int, int, LocationInfo> locate;
        System.Func<int, int, string> textAt;
        bool formulaLanguage = attributeFormula is not null;
        if (attributeFormula is not null)
        {
            if (!isPartial || hasBody)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotPartial, name, symbol.Name));
                return null;
            }
            formulaText = attributeFormula;
            locate = FormulaLocator(context, method);
            textAt = (start, length) => attributeFormula.Substring(start, length);
            syntax = FormulaParser.Parse(attributeFormula, out var error);
            if (error is not null)
            {
                diagnostics.Add(Report(FormulaChecks.Syntax(error), symbol, locate));
                return null;
            }
            diagnostics.AddRange(FormulaChecks.ConstantClashes(variables, parameters).Select(f => Report(f, symbol, locate)));
            diagnostics.AddRange(FormulaChecks.ReservedNameClashes(variables, parameters, generatedModel: true).Select(f => Report(f, symbol, locate)));
        }
        else if (hasBody)
        {
            var tree = method.SyntaxTree;
            locate = (start, length) => LocationInfo.From(tree, new TextSpan(start, length));
            textAt = (start, length) => tree.GetText(cancellation).ToString(new TextSpan(start, length));
            diagnostics.AddRange(FormulaChecks.ReservedNameClashes(variables, parameters, generatedModel: true).Select(f => Report(f, symbol, locate)));
            syntax = CSharpLowering.Lower(method, context.SemanticModel, symbol, diagnostics, cancellation, out formulaText);
            if (syntax is null)
                return null;
        }
        else
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoFormula, name, symbol.Name));
            return null;
        }

        if (!CheckBinding(syntax, symbol, variables, parameters, formulaLanguage, locate, textAt, diagnostics)
            || diagnostics.Any(d => d.Descriptor.Severity == Severity.Error))
            return null;

        string? partialSignature = needsBody && attributeFormula is not null ? PartialSignature(method, symbol) : null;
        // A partial definition without accessibility is the compiler's error (CS8796), not a choice to warn about.
        if (symbol.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Private && !(IsPartialDefinition(method) && !needsBody))
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.PrivateModel, name, symbol.Name, ModelSpec.ModelTypeNameOf(symbol.Name), symbol.ContainingType.Name));
        return new ModelSpec(Namespace(symbol), containers.ToEquatableArray(), symbol.Name, Accessibility(symbol), partialSignature,
            variables.ToEquatableArray(), parameters.ToEquatableArray(), formulaText, syntax, formulaLanguage, name,
            MixtureParser.Read(symbol, diagnostics));
    }

    private static bool CheckShape(MethodDeclarationSyntax method, IMethodSymbol symbol, LocationInfo name, List<DiagnosticInfo> diagnostics)
    {
        bool ok = true;
        if (!symbol.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotStatic, name, symbol.Name));
            ok = false;
        }
        if (symbol.ReturnType.SpecialType != SpecialType.System_Double || symbol.RefKind != RefKind.None)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotDouble, LocationInfo.From(method.ReturnType), "The return type", symbol.Name, ""));
            ok = false;
        }
        if (symbol.IsExtensionMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedConstruct, name, "An extension model method",
                "the generated model type calls it with its variables and parameters alike; remove 'this'"));
            ok = false;
        }
        if (symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() is GeneratorInfo.OdeAttribute
                or GeneratorInfo.ObjectiveAttribute or GeneratorInfo.EquationsAttribute) is { } other)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedConstruct, name, $"A method with both [Model] and [{other.AttributeClass!.Name.Replace("Attribute", "")}]",
                "each generates the method's body; declare the other on a method of its own"));
            ok = false;
        }
        if (symbol.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedConstruct, LocationInfo.From(method.TypeParameterList!),
                "A generic model method", "a model's variables and parameters are all double; remove the type parameters"));
            ok = false;
        }
        foreach (var (parameter, syntax) in symbol.Parameters.Zip(method.ParameterList.Parameters, (p, s) => (p, s)))
        {
            if (parameter.Type.SpecialType == SpecialType.System_Double && parameter.RefKind == RefKind.None && !parameter.IsParams)
                continue;
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotDouble, LocationInfo.From(syntax), $"Parameter '{parameter.Name}'",
                symbol.Name, " passed by value (not ref, out, in or params)"));
            ok = false;
        }
        return ok;
    }

    private static List<ContainingType> ContainingTypes(MethodDeclarationSyntax method, IMethodSymbol symbol,
                                                        List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        var containers = new List<ContainingType>();
        for (var type = method.Parent as TypeDeclarationSyntax; type is not null; type = type.Parent as TypeDeclarationSyntax)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ContainingTypeNotPartial, LocationInfo.From(type.Identifier),
                    type.Identifier.Text, ModelSpec.ModelTypeNameOf(symbol.Name)));
                ok = false;
            }
            if (type.Modifiers.Any(SyntaxKind.FileKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedConstruct, LocationInfo.From(type.Identifier),
                    $"A model in the file-local type '{type.Identifier.Text}'",
                    "the generator writes the model's code in a file of its own, where a file-local type is another type; remove 'file'"));
                ok = false;
            }
            string keyword = type is RecordDeclarationSyntax record
                ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? " struct" : "")
                : type.Keyword.Text;
            containers.Insert(0, new ContainingType(keyword, type.Identifier.Text, type.TypeParameterList?.ToString() ?? ""));
        }
        return containers;
    }

    /// <summary>Leading parameters marked [Variable] are the variables; with none marked, the first one is.</summary>
    private static (List<string> Variables, List<string> Parameters) SplitParameters(IMethodSymbol symbol, List<DiagnosticInfo> diagnostics, ref bool ok)
    {
        var all = symbol.Parameters;
        bool IsMarked(IParameterSymbol p) => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratorInfo.VariableAttribute);
        int leading = all.TakeWhile(IsMarked).Count();
        int variableCount = leading == 0 ? System.Math.Min(1, all.Length) : leading;
        foreach (var late in all.Skip(variableCount).Where(IsMarked))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.VariableNotLeading, LocationInfo.From(late.Locations.FirstOrDefault()),
                late.Name, all[variableCount].Name));
            ok = false;
        }
        var variables = all.Take(variableCount).Select(p => p.Name).ToList();
        var parameters = all.Skip(variableCount).Select(p => p.Name).ToList();
        if (parameters.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoFittedParameter, LocationInfo.From(symbol.Locations.FirstOrDefault()),
                symbol.Name, variables.Count == 1 ? "" : "s", string.Join(", ", variables)));
            ok = false;
        }
        return (variables, parameters);
    }

    /// <summary>One model type per name: overloads and user members named like the generated type clash.</summary>
    private static bool CheckUniqueModel(IMethodSymbol symbol, LocationInfo name, List<DiagnosticInfo> diagnostics)
    {
        var type = symbol.ContainingType;
        string modelType = ModelSpec.ModelTypeNameOf(symbol.Name);
        if (type.Name == modelType)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, name,
                $"The type generated for model '{symbol.Name}' would be named '{modelType}', the name of the type that contains it; rename the method or the type"));
            return false;
        }
        bool mixture = symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratorInfo.MixtureModelAttribute);
        foreach (string generated in mixture ? new[] { modelType, ModelSpec.MixtureTypeNameOf(symbol.Name) } : new[] { modelType })
        {
            if (type.GetMembers(generated).Any())
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, name,
                    $"Type '{type.Name}' already has a member named '{generated}', the name of a type generated for model '{symbol.Name}'; rename one of them"));
                return false;
            }
            // A generated type that hides an inherited member draws the compiler's warning CS0108 in the generated file.
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (!baseType.GetMembers(generated).Any(m => m.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Private))
                    continue;
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, name,
                    $"The type generated for model '{symbol.Name}', '{generated}', would hide the member '{generated}' that '{type.Name}' inherits from '{baseType.Name}'; rename one of them"));
                return false;
            }
        }
        bool earlier = type.GetMembers(symbol.Name).OfType<IMethodSymbol>()
            .Where(m => !SymbolEqualityComparer.Default.Equals(m, symbol))
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratorInfo.ModelAttribute))
            .Any(m => IsBefore(m, symbol));
        if (earlier)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, name,
                $"Another model named '{symbol.Name}' is declared earlier in '{type.Name}'; model names must be unique within a type because each generates '{modelType}'"));
            return false;
        }
        return true;
    }

    private static bool IsBefore(ISymbol a, ISymbol b)
    {
        var (la, lb) = (a.Locations.FirstOrDefault(), b.Locations.FirstOrDefault());
        if (la?.SourceTree is null || lb?.SourceTree is null)
            return false;
        int byFile = string.CompareOrdinal(la.SourceTree.FilePath, lb.SourceTree.FilePath);
        return byFile < 0 || (byFile == 0 && la.SourceSpan.Start < lb.SourceSpan.Start);
    }

    private static bool CheckBinding(FormulaSyntax syntax, IMethodSymbol symbol, List<string> variables, List<string> parameters,
                                     bool formulaLanguage, System.Func<int, int, LocationInfo> locate, System.Func<int, int, string> textAt,
                                     List<DiagnosticInfo> diagnostics)
    {
        var findings = FormulaChecks.Bind(syntax, variables, parameters, formulaLanguage, symbol.Name, textAt);
        diagnostics.AddRange(findings.Select(f => Report(f, symbol, locate)));
        return !findings.Any(f => f.IsError);
    }

    /// <summary>A finding of the core's checks at its characters of the formula, or at the method's parameter it names.</summary>
    private static DiagnosticInfo Report(FormulaFinding finding, IMethodSymbol symbol, System.Func<int, int, LocationInfo> locate) =>
        new(finding.Descriptor, finding.Name is null ? locate(finding.Start, finding.Length) : ParameterLocation(symbol, finding.Name), finding.Arguments);

    private static LocationInfo? ParameterLocation(IMethodSymbol symbol, string parameter) =>
        LocationInfo.From(symbol.Parameters.First(p => p.Name == parameter).Locations.FirstOrDefault());

    /// <summary>
    /// Maps a span of the formula text to the characters of the attribute's string literal, when the literal
    /// spells the formula character by character; otherwise to the whole attribute argument.
    /// </summary>
    private static System.Func<int, int, LocationInfo> FormulaLocator(GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax method)
    {
        var attribute = context.Attributes[0].ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        var argument = attribute?.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
        if (argument is null)
            return (_, _) => LocationInfo.From(method.Identifier);
        var tree = argument.SyntaxTree;
        if (argument is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken))
        {
            string text = literal.Token.Text;
            string value = literal.Token.ValueText;
            int prefix = text.StartsWith("@\"") ? 2 : text.StartsWith("\"") ? 1 : -1;
            if (prefix > 0 && text.Length == value.Length + prefix + 1)
            {
                int contentStart = literal.Token.SpanStart + prefix;
                return (start, length) => LocationInfo.From(tree, new TextSpan(contentStart + start, System.Math.Max(length, 1)));
            }
        }
        return (_, _) => LocationInfo.From(argument);
    }

    private static string? Namespace(IMethodSymbol symbol) =>
        symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString();

    private static string PartialSignature(MethodDeclarationSyntax method, IMethodSymbol symbol)
    {
        string modifiers = string.Join(" ", method.Modifiers.Select(m => m.Text));
        string parameters = string.Join(", ", symbol.Parameters.Select(p => "double " + Emit.NameScope.Identifier(p.Name)));
        return $"{modifiers} double {Emit.NameScope.Identifier(symbol.Name)}({parameters})";
    }

    private static bool IsPartialDefinition(MethodDeclarationSyntax method) =>
        method.Modifiers.Any(SyntaxKind.PartialKeyword) && method.Body is null && method.ExpressionBody is null;

    private static bool HasAccessibilityModifier(MethodDeclarationSyntax method) =>
        method.Modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword
                                                or SyntaxKind.PrivateKeyword);

    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The declaration as written, with fully qualified types, for an implementation whatever its signature:
    /// modifiers, ref return, type parameters and their constraints, parameter modifiers (ref, in, params…).
    /// </summary>
    private static string DeclaredSignature(MethodDeclarationSyntax method, IMethodSymbol symbol)
    {
        string modifiers = string.Join(" ", method.Modifiers.Select(m => m.Text));
        string returns = (symbol.ReturnsByRefReadonly ? "ref readonly " : symbol.ReturnsByRef ? "ref " : "") + symbol.ReturnType.ToDisplayString(FullyQualified);
        string typeParameters = symbol.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", symbol.TypeParameters.Select(t => t.Name)) + ">";
        var parameters = method.ParameterList.Parameters.Zip(symbol.Parameters, (syntax, parameter) =>
            string.Concat(syntax.Modifiers.Select(m => m.Text + " ")) + parameter.Type.ToDisplayString(FullyQualified) + " " + Emit.NameScope.Identifier(parameter.Name));
        var constraints = symbol.TypeParameters.Select(Constraint).Where(c => c.Length > 0);
        return $"{modifiers} {returns} {Emit.NameScope.Identifier(symbol.Name)}{typeParameters}({string.Join(", ", parameters)}){string.Concat(constraints)}";
    }

    /// <summary>The parameter types, reduced to the characters a generated file's name may hold: <c>Double, ref Int32</c>.</summary>
    private static string Overload(IMethodSymbol symbol)
    {
        var types = symbol.Parameters.Select(p => (p.RefKind == RefKind.None ? "" : p.RefKind.ToString().ToLowerInvariant() + " ")
            + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
        return new string(string.Join(", ", types).Select(c => char.IsLetterOrDigit(c) || c is ',' or ' ' or '.' ? c : '_').ToArray());
    }

    private static string Constraint(ITypeParameterSymbol type)
    {
        var parts = new List<string>();
        if (type.HasReferenceTypeConstraint)
            parts.Add(type.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        else if (type.HasUnmanagedTypeConstraint)
            parts.Add("unmanaged");
        else if (type.HasValueTypeConstraint)
            parts.Add("struct");
        else if (type.HasNotNullConstraint)
            parts.Add("notnull");
        parts.AddRange(type.ConstraintTypes.Select(t => t.ToDisplayString(FullyQualified)));
        if (type.HasConstructorConstraint)
            parts.Add("new()");
        if (type.AllowsRefLikeType)
            parts.Add("allows ref struct");
        return parts.Count == 0 ? "" : $" where {type.Name} : {string.Join(", ", parts)}";
    }

    private static string Accessibility(IMethodSymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
