// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Parsing;

/// <summary>
/// Lowers a C# method body into formula syntax: <c>Math.*</c> calls, <c>double</c> operators, literals and
/// constants, locals (const or assigned once), and <c>?:</c> with comparisons as a piecewise node. Positions
/// are spans of the C# syntax tree, so diagnostics point at the exact sub-expression.
/// </summary>
internal sealed class CSharpLowering
{
    private static readonly Dictionary<string, string> MathFunctions = new()
    {
        ["Exp"] = "exp", ["Log"] = "log", ["Log10"] = "log10", ["Sqrt"] = "sqrt", ["Abs"] = "abs", ["Pow"] = "pow",
        ["Sin"] = "sin", ["Cos"] = "cos", ["Tan"] = "tan", ["Asin"] = "asin", ["Acos"] = "acos", ["Atan"] = "atan",
        ["Atan2"] = "atan2", ["Sinh"] = "sinh", ["Cosh"] = "cosh", ["Tanh"] = "tanh", ["Log2"] = "log2", ["Cbrt"] = "cbrt",
        ["Max"] = "max", ["Min"] = "min", ["Sign"] = "sign",
    };

    /// <summary>
    /// double's static functions: Math's, and those Math lacks. double.ExpM1 and double.LogP1 become expm1 and log1p,
    /// which the generated code computes without the cancellation .NET's own versions have near 0.
    /// </summary>
    private static readonly Dictionary<string, string> DoubleFunctions = MathFunctions
        .Concat(new Dictionary<string, string> { ["Hypot"] = "hypot", ["ExpM1"] = "expm1", ["LogP1"] = "log1p" })
        .ToDictionary(kv => kv.Key, kv => kv.Value);

    private static readonly Dictionary<string, string> ScalarMathFunctions = new()
    {
        ["Erf"] = "erf", ["Erfc"] = "erfc", ["Expm1"] = "expm1", ["Log1p"] = "log1p", ["Sign"] = "sign",
    };

    private readonly SemanticModel _semantics;
    private readonly IMethodSymbol _method;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<ISymbol, FormulaSyntax> _locals = new(SymbolEqualityComparer.Default);
    private bool _failed;
    private List<(FormulaSyntax? Syntax, string Text)>? _tupleElements;

    private CSharpLowering(SemanticModel semantics, IMethodSymbol method, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
    {
        _semantics = semantics;
        _method = method;
        _diagnostics = diagnostics;
        _cancellation = cancellation;
    }

    /// <summary>The formula of a method body, or null after reporting why it cannot be one.</summary>
    public static FormulaSyntax? Lower(MethodDeclarationSyntax method, SemanticModel semantics, IMethodSymbol symbol,
                                       List<DiagnosticInfo> diagnostics, CancellationToken cancellation, out string text)
    {
        var lowering = new CSharpLowering(semantics, symbol, diagnostics, cancellation);
        var result = lowering.LowerBody(method, out text);
        return lowering._failed ? null : result;
    }

    /// <summary>
    /// The formulas of a method body returning a tuple, one per element (or the one formula of a body returning a
    /// single value), or null after reporting why they cannot be formulas.
    /// </summary>
    public static IReadOnlyList<(FormulaSyntax Syntax, string Text)>? LowerElements(MethodDeclarationSyntax method, SemanticModel semantics,
        IMethodSymbol symbol, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
    {
        var lowering = new CSharpLowering(semantics, symbol, diagnostics, cancellation) { _tupleElements = new() };
        var single = lowering.LowerBody(method, out string text);
        if (lowering._failed)
            return null;
        if (lowering._tupleElements.Count == 0)
            return single is null ? null : new[] { (single, text) };
        return lowering._tupleElements.All(e => e.Syntax is not null) ? lowering._tupleElements.Select(e => (e.Syntax!, e.Text)).ToList() : null;
    }

    /// <summary>A returned expression: a tuple's elements are lowered one by one when the caller asked for them.</summary>
    private FormulaSyntax? LowerReturned(ExpressionSyntax returned)
    {
        if (_tupleElements is null || returned is not TupleExpressionSyntax tuple)
            return Lower(returned);
        foreach (var argument in tuple.Arguments)
            _tupleElements.Add((Lower(argument.Expression), argument.Expression.ToString()));
        return new NumberSyntax(0, returned.SpanStart, 0);
    }

    private FormulaSyntax? LowerBody(MethodDeclarationSyntax method, out string text)
    {
        if (method.ExpressionBody is { } arrow)
        {
            text = arrow.Expression.ToString();
            return LowerReturned(arrow.Expression);
        }
        text = "";
        var statements = method.Body!.Statements;
        for (int s = 0; s < statements.Count; s++)
        {
            switch (statements[s])
            {
                case LocalDeclarationStatementSyntax declaration when s < statements.Count - 1:
                    foreach (var variable in declaration.Declaration.Variables)
                    {
                        if (variable.Initializer is null)
                            return Unsupported(variable, $"'{variable.Identifier.Text}'", "a local must be initialized where it is declared");
                        var local = _semantics.GetDeclaredSymbol(variable, _cancellation);
                        var value = Lower(variable.Initializer.Value);
                        if (local is not null && value is not null)
                            _locals[local] = value;
                    }
                    break;
                case ReturnStatementSyntax { Expression: { } returned } when s == statements.Count - 1:
                    text = returned.ToString();
                    return LowerReturned(returned);
                default:
                    return Unsupported(statements[s], "This statement",
                        "a model body holds only local declarations followed by one 'return' of the formula");
            }
        }
        return Unsupported(method.Body, "This body", "it must end with 'return' and the formula");
    }

    private FormulaSyntax? Lower(ExpressionSyntax expression)
    {
        _cancellation.ThrowIfCancellationRequested();
        var constant = _semantics.GetConstantValue(expression, _cancellation);
        if (constant.HasValue && IsNumber(constant.Value))
            return new NumberSyntax(System.Convert.ToDouble(constant.Value, System.Globalization.CultureInfo.InvariantCulture),
                                    expression.SpanStart, expression.Span.Length);
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Lower(parenthesized.Expression);
            case CastExpressionSyntax cast when IsDouble(_semantics.GetTypeInfo(cast, _cancellation).Type):
                return Lower(cast.Expression);
            case PrefixUnaryExpressionSyntax unary:
                return LowerUnary(unary);
            case BinaryExpressionSyntax binary:
                return LowerBinary(binary);
            case ConditionalExpressionSyntax conditional:
            {
                var (condition, whenTrue, whenFalse) = (Lower(conditional.Condition), Lower(conditional.WhenTrue), Lower(conditional.WhenFalse));
                return condition is null || whenTrue is null || whenFalse is null
                    ? null
                    : new ConditionalSyntax(condition, whenTrue, whenFalse, conditional.SpanStart, conditional.Span.Length);
            }
            case IdentifierNameSyntax identifier:
                return LowerName(identifier);
            case InvocationExpressionSyntax invocation:
                return LowerCall(invocation);
            default:
                return Unsupported(expression, $"'{Shorten(expression)}'",
                    "a model formula uses only parameters, numbers, constants, + - * /, comparisons with ?:, and Math functions");
        }
    }

    private FormulaSyntax? LowerUnary(PrefixUnaryExpressionSyntax unary)
    {
        var operand = Lower(unary.Operand);
        if (operand is null)
            return null;
        return unary.Kind() switch
        {
            SyntaxKind.UnaryMinusExpression => new NegateSyntax(operand, unary.SpanStart, unary.Span.Length),
            SyntaxKind.UnaryPlusExpression => operand,
            SyntaxKind.LogicalNotExpression => new NotSyntax(operand, unary.SpanStart, unary.Span.Length),
            _ => Unsupported(unary, $"The operator '{unary.OperatorToken.Text}'", "it has no meaning in a formula"),
        };
    }

    private FormulaSyntax? LowerBinary(BinaryExpressionSyntax binary)
    {
        BinaryOperator? op = binary.Kind() switch
        {
            SyntaxKind.AddExpression => BinaryOperator.Add,
            SyntaxKind.SubtractExpression => BinaryOperator.Subtract,
            SyntaxKind.MultiplyExpression => BinaryOperator.Multiply,
            SyntaxKind.DivideExpression => BinaryOperator.Divide,
            SyntaxKind.LessThanExpression => BinaryOperator.Less,
            SyntaxKind.LessThanOrEqualExpression => BinaryOperator.LessOrEqual,
            SyntaxKind.GreaterThanExpression => BinaryOperator.Greater,
            SyntaxKind.GreaterThanOrEqualExpression => BinaryOperator.GreaterOrEqual,
            SyntaxKind.EqualsExpression => BinaryOperator.Equal,
            SyntaxKind.NotEqualsExpression => BinaryOperator.NotEqual,
            SyntaxKind.LogicalAndExpression => BinaryOperator.And,
            SyntaxKind.LogicalOrExpression => BinaryOperator.Or,
            _ => null,
        };
        if (op is null)
            return Unsupported(binary.OperatorToken, $"The operator '{binary.OperatorToken.Text}'",
                "a model formula uses + - * /, comparisons, && and ||");
        // Integer operands (Math.Sign returns int) divide with truncation in C#; the formula would divide exactly.
        if (op == BinaryOperator.Divide && !IsDouble(_semantics.GetTypeInfo(binary, _cancellation).Type))
            return Unsupported(binary, $"Integer division '{Shorten(binary)}'",
                "a formula divides doubles; write 2.0 or cast to double to divide as the model would");
        // A float result is rounded to 24 bits by C# at every operation; the model would compute it in double.
        if (op <= BinaryOperator.Divide && _semantics.GetTypeInfo(binary, _cancellation).Type?.SpecialType == SpecialType.System_Single)
            return Unsupported(binary, $"Float arithmetic '{Shorten(binary)}'",
                "C# rounds each float result to 7 digits, which the model's double arithmetic would not; declare the locals double");
        var (left, right) = (Lower(binary.Left), Lower(binary.Right));
        return left is null || right is null ? null : new BinarySyntax(op.Value, left, right, binary.SpanStart, binary.Span.Length);
    }

    private FormulaSyntax? LowerName(IdentifierNameSyntax identifier)
    {
        var symbol = _semantics.GetSymbolInfo(identifier, _cancellation).Symbol;
        if (symbol is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method))
            return new ReferenceSyntax(parameter.Name, identifier.SpanStart, identifier.Span.Length);
        if (symbol is not null && _locals.TryGetValue(symbol, out var value))
            return value;
        return Unsupported(identifier, $"'{identifier.Identifier.Text}'",
            "it is neither a parameter of the model, a local defined before it, nor a constant");
    }

    private FormulaSyntax? LowerCall(InvocationExpressionSyntax invocation)
    {
        var method = _semantics.GetSymbolInfo(invocation, _cancellation).Symbol as IMethodSymbol;
        if (method is null)
            return Unsupported(invocation.Expression, $"'{Shorten(invocation.Expression)}'", "it does not resolve to a method here");
        string? container = method?.ContainingType?.ToDisplayString();
        string? name = container switch
        {
            "System.Math" when MathFunctions.TryGetValue(method!.Name, out var f) => f,
            "double" when DoubleFunctions.TryGetValue(method!.Name, out var f) => f,
            "ModelCompiler.Kernels.ScalarMath" when ScalarMathFunctions.TryGetValue(method!.Name, out var f) => f,
            _ => null,
        };
        if (name is null || method!.Parameters.Any(p => !IsDouble(p.Type)))
            return Unsupported(invocation, $"The call '{Shorten(invocation.Expression)}(…)'",
                "the supported functions are Math." + string.Join(", Math.", MathFunctions.Keys)
                + ", the same functions of double with double.Hypot, double.ExpM1 and double.LogP1, and ScalarMath.Erf, Erfc, Expm1 and Log1p");

        var arguments = invocation.ArgumentList.Arguments.Select(a => Lower(a.Expression)).ToList();
        if (arguments.Any(a => a is null))
            return null;
        var nameSpan = invocation.Expression is MemberAccessExpressionSyntax member ? member.Name.Span : invocation.Expression.Span;
        if (name == "log" && arguments.Count == 2)
        {
            // Math.Log(a, newBase) = ln a / ln newBase
            var ln = (FormulaSyntax a) => new CallSyntax("log", new[] { a }.ToEquatableArray(), nameSpan.Start, nameSpan.Length, a.Start, a.Length);
            return new BinarySyntax(BinaryOperator.Divide, ln(arguments[0]!), ln(arguments[1]!), invocation.SpanStart, invocation.Span.Length);
        }
        return new CallSyntax(name, arguments.Select(a => a!).ToEquatableArray(), nameSpan.Start, nameSpan.Length,
                              invocation.SpanStart, invocation.Span.Length);
    }

    private FormulaSyntax? Unsupported(SyntaxNode node, string what, string reason)
    {
        _failed = true;
        _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedConstruct, LocationInfo.From(node), what, reason));
        return null;
    }

    private FormulaSyntax? Unsupported(SyntaxToken token, string what, string reason)
    {
        _failed = true;
        _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedConstruct, LocationInfo.From(token), what, reason));
        return null;
    }

    private static bool IsNumber(object? value) => value is double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal;

    private static bool IsDouble(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Double;

    private static string Shorten(SyntaxNode node)
    {
        string text = node.ToString();
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
