// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// The syntax tree both front ends produce: the formula parser and the lowering of C# expression bodies.
/// Positions are offsets in the front end's own coordinates (the formula text, or the C# syntax tree);
/// the binder maps them to source locations. Records give value equality for pipeline caching.
/// </summary>
internal abstract record FormulaSyntax(int Start, int Length);

internal sealed record NumberSyntax(double Value, int Start, int Length) : FormulaSyntax(Start, Length);

internal sealed record ReferenceSyntax(string Name, int Start, int Length) : FormulaSyntax(Start, Length);

internal sealed record NegateSyntax(FormulaSyntax Operand, int Start, int Length) : FormulaSyntax(Start, Length);

internal sealed record NotSyntax(FormulaSyntax Operand, int Start, int Length) : FormulaSyntax(Start, Length);

internal sealed record BinarySyntax(BinaryOperator Operator, FormulaSyntax Left, FormulaSyntax Right, int Start, int Length)
    : FormulaSyntax(Start, Length);

internal sealed record CallSyntax(string Name, EquatableArray<FormulaSyntax> Arguments, int NameStart, int NameLength, int Start, int Length)
    : FormulaSyntax(Start, Length);

internal sealed record ConditionalSyntax(FormulaSyntax Condition, FormulaSyntax WhenTrue, FormulaSyntax WhenFalse, int Start, int Length)
    : FormulaSyntax(Start, Length);

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}
