// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>A problem found while binding names and calls, at a span of the front end's coordinates.</summary>
internal sealed record BindError(BindErrorKind Kind, int Start, int Length, string Subject, string Detail);

internal enum BindErrorKind
{
    UnknownName,
    UnknownFunction,
    WrongArgumentCount,
    NonDifferentiable,
    /// <summary>A constant part of the formula folds to NaN or ±∞; the detail is that value.</summary>
    NotFinite,
    /// <summary>A divisor folds to the constant 0.</summary>
    DivideByZero,
}

/// <summary>
/// What binding produced: the value graph and what the checks need to know. The used parameters and variables
/// are those the simplified value still depends on: in (x − x)·a neither is.
/// </summary>
internal sealed record BoundFormula(Node Value, IReadOnlyList<BindError> Problems, IReadOnlyCollection<int> UsedParameters,
                                    IReadOnlyCollection<int> UsedVariables);

/// <summary>
/// Turns formula syntax into a graph: names become variables, parameters or constants, calls become
/// operations. Unknown names and functions, wrong argument counts, constant parts that fold to NaN or ±∞ and
/// divisors that fold to 0 are reported, not thrown; a problem is reported where it arises, not again by the
/// expressions around it.
/// </summary>
internal sealed class Binder
{
    private readonly Graph _graph;
    private readonly IReadOnlyList<string> _variables;
    private readonly IReadOnlyList<string> _parameters;
    private readonly bool _allowNamedConstants;
    private readonly List<BindError> _problems = new();

    private Binder(Graph graph, IReadOnlyList<string> variables, IReadOnlyList<string> parameters, bool allowNamedConstants)
    {
        _graph = graph;
        _variables = variables;
        _parameters = parameters;
        _allowNamedConstants = allowNamedConstants;
    }

    /// <param name="allowNamedConstants">True for the formula language, where <c>pi</c> and <c>e</c> are constants.</param>
    public static BoundFormula Bind(Graph graph, FormulaSyntax syntax, IReadOnlyList<string> variables,
                                    IReadOnlyList<string> parameters, bool allowNamedConstants)
    {
        var binder = new Binder(graph, variables, parameters, allowNamedConstants);
        var value = binder.Visit(syntax);
        var (usedParameters, usedVariables) = Leaves(value);
        return new BoundFormula(value, binder._problems, usedParameters, usedVariables);
    }

    private Node Visit(FormulaSyntax syntax)
    {
        int before = _problems.Count;
        var node = VisitSyntax(syntax);
        if (node.IsConstant && !node.IsFinite && !HasErrorsSince(before))
            _problems.Add(new BindError(BindErrorKind.NotFinite, syntax.Start, syntax.Length, "",
                double.IsNaN(node.Value) ? "NaN" : node.Value > 0 ? "+∞" : "-∞"));
        return node;
    }

    private Node VisitSyntax(FormulaSyntax syntax) => syntax switch
    {
        NumberSyntax n => _graph.Constant(n.Value),
        ReferenceSyntax n => BindName(n),
        NegateSyntax n => _graph.Negate(Visit(n.Operand)),
        NotSyntax n => _graph.Condition(Op.Not, Visit(n.Operand)),
        BinarySyntax b => BindBinary(b),
        CallSyntax c => BindCall(c),
        ConditionalSyntax c => _graph.Select(Visit(c.Condition), Visit(c.WhenTrue), Visit(c.WhenFalse)),
        _ => throw new System.InvalidOperationException("Unknown syntax " + syntax.GetType().Name),
    };

    private Node BindName(ReferenceSyntax name)
    {
        int v = IndexOf(_variables, name.Name);
        if (v >= 0)
            return _graph.Variable(v);
        int p = IndexOf(_parameters, name.Name);
        if (p >= 0)
            return _graph.Parameter(p);
        if (_allowNamedConstants && Functions.Constants.TryGetValue(name.Name, out double constant))
            return _graph.Constant(constant);
        string hint = Functions.ByName.ContainsKey(name.Name) ? $"; '{name.Name}' is a function: call it as '{name.Name}(…)'" : "";
        var inScope = _variables.Concat(_parameters).Concat(_allowNamedConstants ? new[] { "pi", "e" } : Enumerable.Empty<string>()).Distinct().ToList();
        if (hint.Length == 0 && Suggest(name.Name == "π" ? "pi" : name.Name, inScope) is { } suggestion)
            hint = $"; did you mean '{suggestion}'?";
        _problems.Add(new BindError(BindErrorKind.UnknownName, name.Start, name.Length, name.Name,
            $"the names in scope are {string.Join(", ", inScope)}{hint}"));
        return _graph.Constant(0);
    }

    private Node BindBinary(BinarySyntax b)
    {
        int before = _problems.Count;
        var left = Visit(b.Left);
        var right = Visit(b.Right);
        if (b.Operator == BinaryOperator.Divide && right.IsConstantValue(0) && !HasErrorsSince(before))
            _problems.Add(new BindError(BindErrorKind.DivideByZero, b.Right.Start, b.Right.Length, "", ""));
        return b.Operator switch
        {
            BinaryOperator.Add => _graph.Add(left, right),
            BinaryOperator.Subtract => _graph.Subtract(left, right),
            BinaryOperator.Multiply => _graph.Multiply(left, right),
            BinaryOperator.Divide => _graph.Divide(left, right),
            BinaryOperator.Power => _graph.Power(left, right),
            BinaryOperator.Less => _graph.Condition(Op.Less, left, right),
            BinaryOperator.LessOrEqual => _graph.Condition(Op.LessOrEqual, left, right),
            BinaryOperator.Greater => _graph.Condition(Op.Greater, left, right),
            BinaryOperator.GreaterOrEqual => _graph.Condition(Op.GreaterOrEqual, left, right),
            BinaryOperator.Equal => _graph.Condition(Op.Equal, left, right),
            BinaryOperator.NotEqual => _graph.Condition(Op.NotEqual, left, right),
            BinaryOperator.And => _graph.Condition(Op.And, left, right),
            BinaryOperator.Or => _graph.Condition(Op.Or, left, right),
            _ => throw new System.InvalidOperationException("Unknown operator " + b.Operator),
        };
    }

    private Node BindCall(CallSyntax call)
    {
        var args = call.Arguments.Select(Visit).ToArray();
        if (!Functions.ByName.TryGetValue(call.Name, out var function))
        {
            string hint = Functions.Constants.ContainsKey(call.Name) || IndexOf(_parameters, call.Name) >= 0 || IndexOf(_variables, call.Name) >= 0
                ? $"; '{call.Name}' is a value, not a function: write '{call.Name}*(…)' for a product"
                : Suggest(call.Name, Functions.ByName.Keys) is { } suggestion ? $"; did you mean '{suggestion}'?" : "";
            _problems.Add(new BindError(BindErrorKind.UnknownFunction, call.NameStart, call.NameLength, call.Name,
                $"the supported functions are {Functions.List}{hint}"));
            return _graph.Constant(0);
        }
        if (args.Length != function.Arity)
        {
            _problems.Add(new BindError(BindErrorKind.WrongArgumentCount, call.Start, call.Length, call.Name,
                $"'{call.Name}' takes {function.Arity} argument{(function.Arity == 1 ? "" : "s")} but is given {args.Length}"));
            return _graph.Constant(0);
        }
        if (Functions.NonDifferentiability(function.Op) is { } nonDifferentiable)
            _problems.Add(new BindError(BindErrorKind.NonDifferentiable, call.NameStart, call.NameLength, call.Name, nonDifferentiable));
        return function.Op == Op.Power ? _graph.Power(args[0], args[1]) : _graph.Function(function.Op, args[0], args.Length > 1 ? args[1] : null);
    }

    /// <summary>Whether an error (not an information) was reported after the first <paramref name="count"/> problems.</summary>
    private bool HasErrorsSince(int count)
    {
        for (int i = count; i < _problems.Count; i++)
            if (_problems[i].Kind != BindErrorKind.NonDifferentiable)
                return true;
        return false;
    }

    /// <summary>The parameters and variables a graph depends on, by index.</summary>
    private static (HashSet<int> Parameters, HashSet<int> Variables) Leaves(Node root)
    {
        var (parameters, variables) = (new HashSet<int>(), new HashSet<int>());
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
                continue;
            if (node.Op == Op.Parameter)
                parameters.Add(node.Index);
            else if (node.Op == Op.Variable)
                variables.Add(node.Index);
            foreach (var arg in node.Args)
                stack.Push(arg);
        }
        return (parameters, variables);
    }

    /// <summary>The name in scope that differs from <paramref name="name"/> only in letter case, if there is exactly one.</summary>
    /// <summary>The one name in scope that differs from <paramref name="name"/> only in case, or null.</summary>
    internal static string? Suggest(string name, IEnumerable<string> inScope)
    {
        var matches = inScope.Where(n => string.Equals(n, name, System.StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name)
                return i;
        return -1;
    }
}
