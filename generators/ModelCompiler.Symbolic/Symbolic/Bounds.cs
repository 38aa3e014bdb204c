// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// The bounds of a sum: whole-number expressions in n with + - * and division by a positive whole number, evaluated
/// as C# int arithmetic (division truncates), both at compile time (to check a sum's range for every size) and in the
/// generated code.
/// </summary>
internal static class Bounds
{
    /// <summary>The bound for <paramref name="n"/>, or null with the reason it is not a bound.</summary>
    public static int? Evaluate(FormulaSyntax syntax, int n, out string? why)
    {
        why = null;
        switch (syntax)
        {
            case NumberSyntax number when number.Value == System.Math.Floor(number.Value) && System.Math.Abs(number.Value) < 1e6:
                return (int)number.Value;
            case NumberSyntax:
                why = "a bound is a whole number";
                return null;
            case ReferenceSyntax { Name: "n" }:
                return n;
            case ReferenceSyntax reference:
                why = $"'{reference.Name}' cannot appear in a bound, which is made of n and whole numbers";
                return null;
            case NegateSyntax negate:
                return -Evaluate(negate.Operand, n, out why);
            case BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } binary:
            {
                var left = Evaluate(binary.Left, n, out why);
                if (left is null)
                    return null;
                var right = Evaluate(binary.Right, n, out why);
                if (right is null)
                    return null;
                if (binary.Operator == BinaryOperator.Divide && !(binary.Right is NumberSyntax { Value: > 0 }))
                {
                    why = "a bound divides only by a positive whole number, as n/2";
                    return null;
                }
                return binary.Operator switch
                {
                    BinaryOperator.Add => left + right,
                    BinaryOperator.Subtract => left - right,
                    BinaryOperator.Multiply => left * right,
                    _ => left / right,
                };
            }
            default:
                why = "a bound is made of n, whole numbers, + - * and division by a whole number";
                return null;
        }
    }

    /// <summary>The bound as a C# int expression over <paramref name="count"/>, the run-time n.</summary>
    public static string CSharp(FormulaSyntax syntax, string count) => syntax switch
    {
        NumberSyntax number => ((int)number.Value).ToString(CultureInfo.InvariantCulture),
        ReferenceSyntax => count,
        NegateSyntax negate => "-" + Operand(negate.Operand, count, 3),
        BinarySyntax binary => binary.Operator switch
        {
            BinaryOperator.Add => CSharp(binary.Left, count) + " + " + Operand(binary.Right, count, 2),
            BinaryOperator.Subtract => CSharp(binary.Left, count) + " - " + Operand(binary.Right, count, 2),
            BinaryOperator.Multiply => Operand(binary.Left, count, 2) + " * " + Operand(binary.Right, count, 3),
            _ => Operand(binary.Left, count, 2) + " / " + Operand(binary.Right, count, 3),
        },
        _ => "0",
    };

    /// <summary>The bound as written, for comments: <c>n-2</c>.</summary>
    public static string Text(FormulaSyntax syntax) => CSharp(syntax, "n").Replace(" ", "");

    private static string Operand(FormulaSyntax syntax, string count, int level)
    {
        int own = syntax switch
        {
            BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => 1,
            BinarySyntax => 2,
            NegateSyntax => 3,
            _ => 4,
        };
        string text = CSharp(syntax, count);
        return own < level ? "(" + text + ")" : text;
    }
}
