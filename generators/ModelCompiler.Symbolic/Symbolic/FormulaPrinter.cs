// SPDX-License-Identifier: MIT
using System;
using System.Globalization;
using System.Text;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// Prints a graph in the formula language with the fewest parentheses, for the comments and remarks of the
/// generated code. Lowered forms read back as the user would write them: x·x as x^2, a·(1/b) as a/b.
/// </summary>
internal static class FormulaPrinter
{
    private const int Sum = 1, Product = 2, Unary = 3, PowerLevel = 4, Atom = 5;

    public static string Print(Node node, Func<int, string> parameterName, Func<int, string> variableName) =>
        Print(node, parameterName, variableName, int.MaxValue)!;

    /// <summary>
    /// The formula, or null when it is longer than <paramref name="maxLength"/>: a graph with shared nodes prints as a
    /// tree, which can be exponentially larger, so printing stops as soon as the text passes the limit.
    /// </summary>
    public static string? Print(Node node, Func<int, string> parameterName, Func<int, string> variableName, int maxLength)
    {
        var text = new StringBuilder();
        Write(node, text, parameterName, variableName, maxLength);
        return text.Length <= maxLength ? text.ToString() : null;
    }

    public static string Number(double value)
    {
        if (value == Math.PI) return "pi";
        if (value == Math.E) return "e";
        return Literals.Shortest(value);
    }

    private static void Write(Node n, StringBuilder t, Func<int, string> p, Func<int, string> v, int maxLength)
    {
        if (t.Length > maxLength)
            return;

        void Child(Node child, int minLevel)
        {
            bool parens = Level(child) < minLevel;
            if (parens) t.Append('(');
            Write(child, t, p, v, maxLength);
            if (parens) t.Append(')');
        }

        void Infix(Node left, string op, Node right, int level, bool rightAssociative = false)
        {
            Child(left, rightAssociative ? level + 1 : level);
            t.Append(op);
            Child(right, rightAssociative ? level : level + 1);
        }

        switch (n.Op)
        {
            case Op.Constant: t.Append(Number(n.Value)); break;
            case Op.Parameter: t.Append(p(n.Index)); break;
            case Op.Variable: t.Append(v(n.Index)); break;
            case Op.Add: Infix(n[0], " + ", n[1], Sum); break;
            case Op.Subtract: Infix(n[0], " - ", n[1], Sum); break;
            case Op.Multiply when ReferenceEquals(n[0], n[1]):
                Child(n[0], Atom);
                t.Append("^2");
                break;
            case Op.Multiply when n[1].Op == Op.Divide && n[1][0].IsConstantValue(1):
                Infix(n[0], "/", n[1][1], Product);
                break;
            case Op.Multiply: Infix(n[0], "*", n[1], Product); break;
            case Op.Divide: Infix(n[0], "/", n[1], Product); break;
            case Op.Negate:
                t.Append('-');
                Child(n[0], Unary);
                break;
            case Op.Power:
                Child(n[0], Atom);
                t.Append('^');
                Child(n[1], n[1].IsConstant && n[1].Value < 0 ? Atom + 1 : PowerLevel);
                break;
            case Op.Select:
                t.Append("if(");
                Write(n[0], t, p, v, maxLength);
                t.Append(", ");
                Write(n[1], t, p, v, maxLength);
                t.Append(", ");
                Write(n[2], t, p, v, maxLength);
                t.Append(')');
                break;
            case Op.Less: Infix(n[0], " < ", n[1], Sum); break;
            case Op.LessOrEqual: Infix(n[0], " <= ", n[1], Sum); break;
            case Op.Greater: Infix(n[0], " > ", n[1], Sum); break;
            case Op.GreaterOrEqual: Infix(n[0], " >= ", n[1], Sum); break;
            case Op.Equal: Infix(n[0], " == ", n[1], Sum); break;
            case Op.NotEqual: Infix(n[0], " != ", n[1], Sum); break;
            case Op.And: Infix(n[0], " and ", n[1], 0); break;
            case Op.Or: Infix(n[0], " or ", n[1], 0); break;
            case Op.Not:
                t.Append("not ");
                Child(n[0], Atom);
                break;
            default:
                t.Append(Functions.NameOf(n.Op)).Append('(');
                for (int i = 0; i < n.Args.Count; i++)
                {
                    if (i > 0) t.Append(", ");
                    Write(n[i], t, p, v, maxLength);
                }
                t.Append(')');
                break;
        }
    }

    private static int Level(Node n) => n.Op switch
    {
        Op.Add or Op.Subtract => Sum,
        Op.Multiply when ReferenceEquals(n[0], n[1]) => PowerLevel,
        Op.Multiply or Op.Divide => Product,
        Op.Negate => Unary,
        Op.Power => PowerLevel,
        Op.Constant when n.Value < 0 => Unary,
        Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual or Op.Equal or Op.NotEqual => Sum,
        Op.And or Op.Or => 0,
        _ => Atom,
    };
}
