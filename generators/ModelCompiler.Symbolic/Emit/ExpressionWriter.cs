// SPDX-License-Identifier: MIT
using System;
using System.Text;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>Whether an expression computes one point as <c>double</c>, or a vector of points.</summary>
internal enum Lanes
{
    Scalar,
    Vector256,
    Vector512,
}

internal static class LanesExtensions
{
    /// <summary>The vector type of a vector width: <c>Vector512</c> or <c>Vector256</c>.</summary>
    public static string VectorType(this Lanes lanes) => lanes == Lanes.Vector512 ? "Vector512" : "Vector256";
}

/// <summary>
/// Writes one graph expression as C#, inlining every node that has no local of its own. Parentheses follow
/// the tree exactly: floating-point addition and multiplication are not associative, so (a*b)*c and a*(b*c)
/// are different programs.
/// </summary>
internal sealed class ExpressionWriter
{
    private const int Or = 1, And = 2, Equality = 3, Relational = 4, Additive = 5, Multiplicative = 6, Unary = 7, Primary = 8;

    private readonly Lanes _lanes;
    private readonly Func<Node, string?> _localName;
    private readonly (string Type, string Flag)? _paths;

    /// <param name="localName">The local holding a node's value in this context, or null to write it inline.</param>
    /// <param name="paths">In vector code, the <c>IElementaryPaths</c> type that computes exp and log, and the vector
    /// of lanes out of its range; null to call VectorMath.</param>
    public ExpressionWriter(Lanes lanes, Func<Node, string?> localName, (string Type, string Flag)? paths = null)
    {
        _lanes = lanes;
        _localName = localName;
        _paths = paths;
    }

    private string V => _lanes.VectorType();

    private bool IsVector => _lanes != Lanes.Scalar;

    public string Write(Node node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    /// <summary>Writes <paramref name="node"/> without using its own local, e.g. as the initializer of that local.</summary>
    public string WriteDefinition(Node node)
    {
        var text = new StringBuilder();
        WriteOperation(node, text);
        return text.ToString();
    }

    private void Write(Node node, StringBuilder t)
    {
        string? local = _localName(node);
        if (local is not null)
            t.Append(local);
        else if (node.IsConstant)
            t.Append(IsVector ? VectorConstant(node.Value) : Literal(node.Value));
        else
            WriteOperation(node, t);
    }

    private void WriteOperation(Node n, StringBuilder t)
    {
        switch (n.Op)
        {
            case Op.Constant:
                t.Append(IsVector ? VectorConstant(n.Value) : Literal(n.Value));
                return;
            case Op.Add: Infix(n[0], " + ", n[1], Additive, t); return;
            case Op.Subtract: Infix(n[0], " - ", n[1], Additive, t); return;
            case Op.Multiply: Infix(n[0], " * ", n[1], Multiplicative, t, scalarConstantLeft: true, scalarConstantRight: true); return;
            case Op.Divide: Infix(n[0], " / ", n[1], Multiplicative, t, scalarConstantRight: true); return;
            case Op.Negate:
                t.Append('-');
                Operand(n[0], Unary, t);
                return;
            case Op.Less: Compare(n, "<", "LessThan", t); return;
            case Op.LessOrEqual: Compare(n, "<=", "LessThanOrEqual", t); return;
            case Op.Greater: Compare(n, ">", "GreaterThan", t); return;
            case Op.GreaterOrEqual: Compare(n, ">=", "GreaterThanOrEqual", t); return;
            case Op.Equal: Compare(n, "==", "Equals", t); return;
            case Op.NotEqual:
                if (IsVector)
                {
                    t.Append('~');
                    Call(V + ".Equals", n, t);
                }
                else
                {
                    Infix(n[0], " != ", n[1], Equality, t);
                }
                return;
            case Op.And: Infix(n[0], IsVector ? " & " : " && ", n[1], And, t); return;
            case Op.Or: Infix(n[0], IsVector ? " | " : " || ", n[1], Or, t); return;
            case Op.Not:
                t.Append(IsVector ? '~' : '!');
                Operand(n[0], Unary, t);
                return;
            case Op.Select:
                if (IsVector)
                {
                    Call(V + ".ConditionalSelect", n, t);
                }
                else
                {
                    Operand(n[0], Or, t);
                    t.Append(" ? ");
                    Write(n[1], t);
                    t.Append(" : ");
                    Write(n[2], t);
                }
                return;
            default:
                if (IsVector && _paths is { } paths && HasShortPath(n.Op))
                {
                    t.Append(paths.Type).Append('.').Append(n.Op).Append('(');
                    Write(n[0], t);
                    t.Append(", ref ").Append(paths.Flag).Append(')');
                    return;
                }
                Call(FunctionName(n.Op), n, t);
                return;
        }
    }

    private void Infix(Node left, string op, Node right, int level, StringBuilder t,
                       bool scalarConstantLeft = false, bool scalarConstantRight = false)
    {
        // Vector code multiplies and divides by a constant through the (vector, double) operators.
        if (IsVector && scalarConstantLeft && left.IsConstant && _localName(left) is null)
            t.Append(Literal(left.Value));
        else
            Operand(left, level, t);
        t.Append(op);
        if (IsVector && scalarConstantRight && right.IsConstant && _localName(right) is null)
            t.Append(Literal(right.Value));
        else
            Operand(right, level + 1, t);
    }

    private void Compare(Node n, string scalarOp, string vectorMethod, StringBuilder t)
    {
        if (IsVector)
            Call(V + "." + vectorMethod, n, t);
        else
            Infix(n[0], " " + scalarOp + " ", n[1], scalarOp is "==" or "!=" ? Equality : Relational, t);
    }

    private void Operand(Node node, int minLevel, StringBuilder t)
    {
        bool parens = Level(node) < minLevel;
        if (parens) t.Append('(');
        Write(node, t);
        if (parens) t.Append(')');
    }

    private void Call(string name, Node n, StringBuilder t)
    {
        t.Append(name).Append('(');
        for (int i = 0; i < n.Args.Count; i++)
        {
            if (i > 0) t.Append(", ");
            Write(n[i], t);
        }
        t.Append(')');
    }

    private int Level(Node n)
    {
        if (_localName(n) is not null)
            return Primary;
        return n.Op switch
        {
            Op.Constant => n.Value < 0 && !IsVector ? Unary : Primary,
            Op.Add or Op.Subtract => Additive,
            Op.Multiply or Op.Divide => Multiplicative,
            Op.Negate => Unary,
            Op.Not => Unary,
            Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual => IsVector ? Primary : Relational,
            Op.Equal => IsVector ? Primary : Equality,
            Op.NotEqual => IsVector ? Unary : Equality,
            Op.And => And,
            Op.Or => Or,
            Op.Select => IsVector ? Primary : 0,
            _ => Primary,
        };
    }

    private string FunctionName(Op op)
    {
        if (!IsVector)
        {
            return op switch
            {
                Op.Power => "global::System.Math.Pow",
                Op.Hypot => "double.Hypot",
                Op.Sign or Op.Erf or Op.Erfc or Op.Expm1 or Op.Log1p => "global::ModelCompiler.Kernels.ScalarMath." + Capitalized(op),
                _ => "global::System.Math." + Capitalized(op),
            };
        }
        if (!CallsVectorMath(op))
            return V + "." + op;
        return "global::ModelCompiler.Kernels.VectorMath." + (op == Op.Power ? "Pow" : op.ToString());
    }

    /// <summary>
    /// Whether vector code computes <paramref name="op"/> by calling VectorMath. Sqrt, Abs, Min and Max are exact in
    /// System.Runtime.Intrinsics. Exp, Log, Sin and Cos come from the kernels' VectorMath, whose lanes give the same bits
    /// however the kernel was compiled (the framework's change between precompiled and re-jitted code); the rest map
    /// each lane through Math there.
    /// </summary>
    public static bool CallsVectorMath(Op op) => op == Op.Power || op.IsFunction() && op is not (Op.Sqrt or Op.Abs or Op.Min or Op.Max);

    /// <summary>Whether <paramref name="op"/> has a branch-free short path (<c>IElementaryPaths</c>) in lane kernels.</summary>
    public static bool HasShortPath(Op op) => op is Op.Exp or Op.Log;

    private static string Capitalized(Op op) => op.ToString();

    private string VectorConstant(double value) => value switch
    {
        0 => V + "<double>.Zero",
        1 => V + "<double>.One",
        _ => $"{V}.Create({Literal(value)})",
    };

    private static string Literal(double value) => Literals.CSharp(value);
}
