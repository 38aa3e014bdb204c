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
/// Reads one <c>[Ode]</c>, <c>[Objective]</c> or <c>[Equations]</c> method into a <see cref="SystemSpec"/>: its shape
/// (which parameters are states, time, unknowns and parameters), its equations from the attribute or the C# body,
/// and every problem the front end finds, each at the exact characters it is about. Nothing here throws on bad input.
/// </summary>
internal static class SystemParser
{
    public static SystemParseResult Parse(GeneratorAttributeSyntaxContext context, SystemKind kind, CancellationToken cancellation)
    {
        var method = (MethodDeclarationSyntax)context.TargetNode;
        var symbol = (IMethodSymbol)context.TargetSymbol;
        var diagnostics = new List<DiagnosticInfo>();
        var reader = new Reader(context, method, symbol, kind, diagnostics, cancellation);
        var spec = reader.Read();
        bool failed = spec is null || diagnostics.Any(d => d.Descriptor.Severity == Severity.Error);
        var placeholder = failed ? reader.Placeholder : null;
        // Named by the declaration's position as well, so the placeholders of overloads with one name never share a file.
        string? hint = placeholder is null ? null
            : Emit.ModelEmitter.HintName(placeholder.Namespace, placeholder.Containers, $"{symbol.Name}{SystemSpec.Suffix(kind)}.{method.SpanStart}");
        return new SystemParseResult(failed ? null : spec, diagnostics.ToEquatableArray(), placeholder, hint);
    }

    private sealed class Reader
    {
        private readonly GeneratorAttributeSyntaxContext _context;
        private readonly MethodDeclarationSyntax _method;
        private readonly IMethodSymbol _symbol;
        private readonly SystemKind _kind;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellation;
        private readonly LocationInfo _name;
        private readonly string _attribute;
        private readonly string _what;

        public Reader(GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax method, IMethodSymbol symbol, SystemKind kind,
                      List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            _context = context;
            _method = method;
            _symbol = symbol;
            _kind = kind;
            _diagnostics = diagnostics;
            _cancellation = cancellation;
            _name = LocationInfo.From(method.Identifier);
            _attribute = SystemSpec.AttributeName(kind);
            _what = kind switch { SystemKind.Ode => "ODE", SystemKind.Objective => "Objective", _ => "Equations" };
        }

        public Placeholder? Placeholder { get; private set; }

        private string TypeName => _symbol.Name + SystemSpec.Suffix(_kind);

        public SystemSpec? Read()
        {
            bool hasBody = _method.Body is not null || _method.ExpressionBody is not null;
            bool isPartial = _method.Modifiers.Any(SyntaxKind.PartialKeyword);
            var containers = ContainingTypes(out bool containersOk);
            if (isPartial && !hasBody && containersOk)
                Placeholder = new Placeholder(Namespace(), containers.ToEquatableArray(), _symbol.Name, Signature());

            bool ok = containersOk & CheckMethod() & CheckUnique() & HiddenFrameworkTypes.Check(_symbol, _name, _diagnostics);
            var shape = ReadParameters();
            if (!ok || shape is null)
                return null;
            var (time, unknowns, indexed, parameters) = shape.Value;
            bool reservedClash = false;
            foreach (var clash in FormulaChecks.ReservedNameClashes(unknowns.Concat(time is null ? Enumerable.Empty<string>() : new[] { time }), parameters))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, ParameterLocation(clash.Name!), clash.Message));
                reservedClash = true;
            }
            if (reservedClash)
                return null;

            var texts = AttributeTexts();
            List<EquationSyntax> equations;
            List<string> formulaTexts;
            System.Func<int, int, int, LocationInfo> locate;
            bool formulaLanguage = texts.Count > 0;
            if (formulaLanguage)
            {
                if (!isPartial || hasBody)
                {
                    Report(_kind == SystemKind.Ode ? SystemDiagnostics.OdeNotPartial : SystemDiagnostics.NotPartial, _name);
                    return null;
                }
                if (!CheckReturn(indexed, _kind == SystemKind.Ode ? unknowns.Count : texts.Count, unknowns))
                    return null;
                var locators = texts.Select((_, k) => TextLocator(k)).ToList();
                locate = (e, start, length) => e < 0 ? _name : locators[e](start, length);
                equations = new List<EquationSyntax>();
                formulaTexts = texts;
                for (int e = 0; e < texts.Count; e++)
                {
                    var equation = EquationParser.Parse(texts[e], indexed, out var error);
                    if (error is not null)
                        _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.FormulaSyntax, locate(e, error.Start, error.Length), error.Message));
                    equations.Add(equation);
                }
                if (_diagnostics.Any(d => d.Descriptor.Severity == Severity.Error))
                    return null;
                foreach (var clash in parameters.Concat(unknowns).Concat(time is null ? Enumerable.Empty<string>() : new[] { time })
                             .Where(Functions.Constants.ContainsKey))
                    _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, ParameterLocation(clash),
                        $"Parameter '{clash}' has the name of the formula constant {clash}; rename it so the formulas are not ambiguous"));
            }
            else if (hasBody)
            {
                if (indexed)
                {
                    Shape(ParameterLocation(unknowns[0]),
                        $"{_what} method '{_symbol.Name}' has an array {(_kind == SystemKind.Ode ? "state" : "unknown")}, so its equations go in [{_attribute}(...)] in the formula language, as \"{Example(unknowns[0])}\"");
                    return null;
                }
                var tree = _method.SyntaxTree;
                locate = (e, start, length) => e < 0 ? _name : LocationInfo.From(tree, new TextSpan(start, length));
                var elements = CSharpLowering.LowerElements(_method, _context.SemanticModel, _symbol, _diagnostics, _cancellation);
                if (elements is null)
                    return null;
                int expected = _kind == SystemKind.Ode ? unknowns.Count : _kind == SystemKind.Objective ? 1 : elements.Count;
                if (elements.Count != expected || !ReturnsDoubles(elements.Count))
                {
                    ReturnShapeError(indexed, expected, unknowns);
                    return null;
                }
                equations = elements.Select(e => EquationSyntax.Formula(e.Syntax)).ToList();
                formulaTexts = elements.Select(e => e.Text).ToList();
            }
            else
            {
                Report(_kind == SystemKind.Ode ? SystemDiagnostics.OdeNoEquations : SystemDiagnostics.NoFormula, _name);
                return null;
            }

            // EquationSolver refuses a system that is not square, and nothing else takes one: say so at build, not at the first run.
            if (_kind == SystemKind.Equations && !indexed && equations.Count != unknowns.Count)
                _diagnostics.Add(DiagnosticInfo.Create(SystemDiagnostics.NotSquare, _name, _symbol.Name,
                    Count(equations.Count, "equation"), Count(unknowns.Count, "unknown"), string.Join(", ", unknowns)));

            var spec = new SystemSpec(_kind, Namespace(), containers.ToEquatableArray(), _symbol.Name, Accessibility(),
                formulaLanguage ? Signature() : null, time, unknowns.ToEquatableArray(), indexed, parameters.ToEquatableArray(),
                formulaTexts.ToEquatableArray(), equations.ToEquatableArray(), formulaLanguage, _name);
            var (_, problems) = SystemFrontEnd.Analyze(spec);
            foreach (var problem in problems)
            {
                var descriptor = SystemDiagnostics.For(problem.Kind, _kind);
                // A constant that is not finite or a zero divisor is quoted as written, which only the front end knows.
                string subject = problem.Kind is ProblemKind.NotFinite or ProblemKind.DivideByZero
                    ? (formulaLanguage ? texts[problem.Equation].Substring(problem.Start, problem.Length)
                                       : _method.SyntaxTree.GetText(_cancellation).ToString(new TextSpan(problem.Start, problem.Length)))
                    : problem.Subject;
                if (problem.Kind is ProblemKind.UnusedParameter or ProblemKind.UnusedUnknown)
                    _diagnostics.Add(DiagnosticInfo.Create(descriptor, ParameterLocation(problem.Subject), problem.Subject, _symbol.Name));
                else
                    _diagnostics.Add(DiagnosticInfo.Create(descriptor, locate(problem.Equation, problem.Start, problem.Length), subject, problem.Detail,
                        SystemDiagnostics.Inputs(_kind)));
            }
            return problems.Any(p => p.IsError) ? null : spec;
        }

        private string Example(string array) => _kind switch
        {
            SystemKind.Ode => $"{array}[i]' = …",
            SystemKind.Objective => $"sum(i, 0, n-1, {array}[i]^2)",
            _ => $"F[i] = …",
        };

        // ---- Shape ----

        private bool CheckMethod()
        {
            bool ok = true;
            if (!_symbol.IsStatic)
            {
                Shape(_name, $"{_what} method '{_symbol.Name}' must be static: add the 'static' modifier");
                ok = false;
            }
            if (_symbol.IsGenericMethod)
            {
                Shape(LocationInfo.From(_method.TypeParameterList!), $"{_what} method '{_symbol.Name}' must not be generic: its unknowns are all double; remove the type parameters");
                ok = false;
            }
            return ok;
        }

        /// <summary>The time (the one parameter before the first state), the states or unknowns, and the model parameters.</summary>
        private (string? Time, List<string> Unknowns, bool Indexed, List<string> Parameters)? ReadParameters()
        {
            var all = _symbol.Parameters;
            bool ok = true;
            var arrays = all.Where(p => IsArray(p.Type) && p.RefKind == RefKind.None && !p.IsParams).ToList();
            foreach (var (parameter, syntax) in all.Zip(_method.ParameterList.Parameters, (p, s) => (p, s)))
            {
                bool byValue = parameter.RefKind == RefKind.None && !parameter.IsParams;
                bool allowedArray = IsArray(parameter.Type) && (_kind != SystemKind.Ode || IsState(parameter));
                if (byValue && (parameter.Type.SpecialType == SpecialType.System_Double || allowedArray))
                    continue;
                string expected = _kind == SystemKind.Ode
                    ? (IsState(parameter) ? "a 'double', or one 'double[]' or 'ReadOnlySpan<double>' for an indexed state" : "a 'double'")
                    : "a 'double', or one 'double[]' or 'ReadOnlySpan<double>' for an indexed unknown";
                Shape(LocationInfo.From(syntax), $"Parameter '{parameter.Name}' of {_what} method '{_symbol.Name}' must be {expected}, passed by value (not ref, out, in or params)");
                ok = false;
            }
            if (!ok)
                return null;

            if (_kind != SystemKind.Ode)
            {
                if (all.Length == 0)
                {
                    Shape(_name, $"{_what} method '{_symbol.Name}' has no unknown: add double parameters, or one double[] for an indexed {(_kind == SystemKind.Objective ? "objective" : "system")}");
                    return null;
                }
                if (arrays.Count > 0 && all.Length > 1)
                {
                    Shape(ParameterLocation(arrays[0].Name), $"{_what} method '{_symbol.Name}' has an array unknown, so it must be its only parameter");
                    return null;
                }
                return (null, all.Select(p => p.Name).ToList(), arrays.Count == 1, new List<string>());
            }

            int first = all.TakeWhile(p => !IsState(p)).Count();
            if (first == all.Length)
                first = -1;
            if (first < 0)
            {
                Shape(_name, $"ODE method '{_symbol.Name}' has no state: mark its states with [State]");
                return null;
            }
            if (first > 1)
            {
                Shape(ParameterLocation(all[1].Name),
                    $"ODE method '{_symbol.Name}' has {first} parameters before its first state: only the time may come before the states; move '{all[1].Name}' after them");
                return null;
            }
            var states = all.Where(IsState).ToList();
            var stateArrays = states.Where(p => IsArray(p.Type)).ToList();
            if (stateArrays.Count > 0 && states.Count > 1)
            {
                Shape(ParameterLocation(stateArrays.Count > 1 ? stateArrays[1].Name : states.First(s => !IsArray(s.Type)).Name),
                    $"ODE method '{_symbol.Name}' has an array state, so it must be its only state");
                return null;
            }
            string? time = first == 1 ? all[0].Name : null;
            var parameters = all.Skip(first).Where(p => !IsState(p)).Select(p => p.Name).ToList();
            // x' = −k·x·t with t after the states: t is a parameter, the system autonomous, and y(1) came out 1 where e⁻¹ was meant.
            if (time is null && parameters.FirstOrDefault(p => p is "t" or "time") is { } late)
                _diagnostics.Add(DiagnosticInfo.Create(SystemDiagnostics.TimeAfterStates, ParameterLocation(late), late, _symbol.Name));
            bool indexed = stateArrays.Count == 1;
            if (indexed)
            {
                foreach (var reserved in parameters.Concat(time is null ? Enumerable.Empty<string>() : new[] { time }).Where(n => n is "n" or "i"))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, ParameterLocation(reserved),
                        $"Parameter '{reserved}' of an indexed system has the name of {(reserved == "n" ? "n, the array's length" : "i, the row index")}; rename it"));
                    return null;
                }
            }
            return (time, states.Select(p => p.Name).ToList(), indexed, parameters);
        }

        private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

        private static bool IsState(IParameterSymbol parameter) =>
            parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == GeneratorInfo.StateAttribute);

        private static bool IsArray(ITypeSymbol type) =>
            type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double }
            || (type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span
                && span.ContainingNamespace.ToDisplayString() == "System" && span.TypeArguments[0].SpecialType == SpecialType.System_Double);

        /// <summary>The return type a partial method must have: the tuple of the derivatives or residuals (a double for one),
        /// double for an objective, double[] for an indexed system.</summary>
        private bool CheckReturn(bool indexed, int count, List<string> unknowns)
        {
            bool ok = _kind == SystemKind.Objective ? IsDouble(_symbol.ReturnType)
                : indexed ? _symbol.ReturnType is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double }
                : ReturnsDoubles(count);
            if (!ok)
                ReturnShapeError(indexed, count, unknowns);
            return ok && _symbol.RefKind == RefKind.None;
        }

        private bool ReturnsDoubles(int count)
        {
            var type = _symbol.ReturnType;
            if (_symbol.RefKind != RefKind.None)
                return false;
            if (count == 1)
                return IsDouble(type);
            return type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length == count
                && tuple.TupleElements.All(e => IsDouble(e.Type));
        }

        private void ReturnShapeError(bool indexed, int count, List<string> unknowns)
        {
            string expected = _kind == SystemKind.Objective ? "'double'"
                : indexed ? "'double[]', the " + (_kind == SystemKind.Ode ? "derivatives" : "residuals")
                : count == 1 ? "'double', the " + (_kind == SystemKind.Ode ? $"derivative of {unknowns[0]}" : "residual")
                : $"'({string.Join(", ", Enumerable.Repeat("double", count))})', the {(_kind == SystemKind.Ode ? "derivatives of " + string.Join(", ", unknowns) : count + " residuals")}";
            Shape(LocationInfo.From(_method.ReturnType), $"The return type of {_what} method '{_symbol.Name}' must be {expected}");
        }

        private static bool IsDouble(ITypeSymbol type) => type.SpecialType == SpecialType.System_Double;

        private List<ContainingType> ContainingTypes(out bool ok)
        {
            ok = true;
            var containers = new List<ContainingType>();
            for (var type = _method.Parent as TypeDeclarationSyntax; type is not null; type = type.Parent as TypeDeclarationSyntax)
            {
                if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ContainingTypeNotPartial, LocationInfo.From(type.Identifier),
                        type.Identifier.Text, TypeName));
                    ok = false;
                }
                string keyword = type is RecordDeclarationSyntax record
                    ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? " struct" : "")
                    : type.Keyword.Text;
                containers.Insert(0, new ContainingType(keyword, type.Identifier.Text, type.TypeParameterList?.ToString() ?? ""));
            }
            return containers;
        }

        /// <summary>One generated type per name: overloads and user members named like it clash.</summary>
        private bool CheckUnique()
        {
            var type = _symbol.ContainingType;
            if (type.GetMembers(TypeName).Any())
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, _name,
                    $"Type '{type.Name}' already has a member named '{TypeName}', the name of the type generated for '{_symbol.Name}'; rename one of them"));
                return false;
            }
            string attribute = _kind switch
            {
                SystemKind.Ode => GeneratorInfo.OdeAttribute,
                SystemKind.Objective => GeneratorInfo.ObjectiveAttribute,
                _ => GeneratorInfo.EquationsAttribute,
            };
            bool earlier = type.GetMembers(_symbol.Name).OfType<IMethodSymbol>()
                .Where(m => !SymbolEqualityComparer.Default.Equals(m, _symbol))
                .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute))
                .Any(m => IsBefore(m, _symbol));
            if (earlier)
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, _name,
                    $"Another method named '{_symbol.Name}' with [{_attribute}] is declared earlier in '{type.Name}'; each generates '{TypeName}', so the names must be unique within a type"));
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

        // ---- Formulas ----

        private List<string> AttributeTexts()
        {
            var argument = _context.Attributes[0].ConstructorArguments.FirstOrDefault();
            if (argument.Kind == TypedConstantKind.Array)
                return argument.Values.Select(v => v.Value as string ?? "").ToList();
            return argument.Value is string text ? new List<string> { text } : new List<string>();
        }

        /// <summary>
        /// Maps a span of the k-th formula to the characters of its string literal, when the literal spells the formula
        /// character by character; otherwise to the whole argument.
        /// </summary>
        private System.Func<int, int, LocationInfo> TextLocator(int k)
        {
            var attribute = _context.Attributes[0].ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
            var arguments = attribute?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            var argument = arguments is not null && k < arguments.Count ? arguments[k].Expression : null;
            if (argument is null)
                return (_, _) => _name;
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

        // ---- Helpers ----

        private void Shape(LocationInfo? location, string message) =>
            _diagnostics.Add(DiagnosticInfo.Create(SystemDiagnostics.ShapeFor(_kind), location, message));

        private void Report(DiagnosticDescriptorData descriptor, LocationInfo location) =>
            _diagnostics.Add(descriptor == SystemDiagnostics.OdeNotPartial || descriptor == SystemDiagnostics.OdeNoEquations
                ? DiagnosticInfo.Create(descriptor, location, _symbol.Name)
                : DiagnosticInfo.Create(descriptor, location, _attribute, _symbol.Name));

        private LocationInfo? ParameterLocation(string parameter) =>
            LocationInfo.From(_symbol.Parameters.First(p => p.Name == parameter).Locations.FirstOrDefault());

        private string? Namespace() =>
            _symbol.ContainingNamespace.IsGlobalNamespace ? null : _symbol.ContainingNamespace.ToDisplayString();

        /// <summary>The user's declaration, as the implementing part must repeat it.</summary>
        private string Signature()
        {
            string modifiers = string.Join(" ", _method.Modifiers.Select(m => m.Text));
            string parameters = string.Join(", ", _symbol.Parameters.Select(p =>
                p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + " " + Emit.NameScope.Identifier(p.Name)));
            return $"{modifiers} {_symbol.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)} {Emit.NameScope.Identifier(_symbol.Name)}({parameters})";
        }

        private string Accessibility() => _symbol.DeclaredAccessibility switch
        {
            Microsoft.CodeAnalysis.Accessibility.Public => "public",
            Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
            Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
            Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
            Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };
    }
}
