// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// One equation of a system as written: an optional left side (a name, an index, a prime) and the formula on the
/// right, <c>x' = sigma*(y - x)</c>, <c>u[-1] = 0</c>, <c>F[i] = …</c>, or a formula alone. Positions are offsets in
/// the equation's own text.
/// </summary>
internal sealed record EquationSyntax(string? Target, FormulaSyntax? TargetIndex, bool Prime, FormulaSyntax Value,
                                      int TargetStart, int TargetLength)
{
    /// <summary>An equation that is a formula alone, as from a C# tuple element.</summary>
    public static EquationSyntax Formula(FormulaSyntax value) => new(null, null, false, value, value.Start, value.Length);
}

/// <summary>Parses the text of one equation: <c>name[index]' = formula</c>, every part of the left side optional.</summary>
internal static class EquationParser
{
    public static EquationSyntax Parse(string text, bool allowIndexing, out FormulaError? error)
    {
        int equals = text.IndexOf('=');
        if (equals < 0)
        {
            var value = FormulaParser.Parse(text, allowIndexing, out error);
            return EquationSyntax.Formula(value);
        }
        var right = FormulaParser.Parse(text.Substring(equals + 1), allowIndexing, out var rightError);
        var left = ParseTarget(text, equals, allowIndexing, out error);
        if (error is null && rightError is not null)
            error = rightError with { Start = rightError.Start + equals + 1 };
        if (error is not null || left is null)
            return EquationSyntax.Formula(new NumberSyntax(0, 0, 0));
        return new EquationSyntax(left.Value.Name, left.Value.Index, left.Value.Prime, Shift(right, equals + 1), left.Value.Start, left.Value.Length);
    }

    private static (string Name, FormulaSyntax? Index, bool Prime, int Start, int Length)? ParseTarget(
        string text, int equals, bool allowIndexing, out FormulaError? error)
    {
        error = null;
        int pos = SkipSpace(text, 0, equals);
        int start = pos;
        if (pos == equals || !IsNameStart(text[pos]))
        {
            error = new FormulaError("Expected a name before '=', as in \"x' = …\"", pos, pos == equals ? 1 : 1);
            return null;
        }
        while (pos < equals && (IsNameStart(text[pos]) || char.IsDigit(text[pos])))
            pos++;
        string name = text.Substring(start, pos - start);
        pos = SkipSpace(text, pos, equals);
        FormulaSyntax? index = null;
        if (pos < equals && text[pos] == '[' && allowIndexing)
        {
            int open = pos, close = text.IndexOf(']', open);
            if (close < 0 || close > equals)
            {
                error = new FormulaError($"The '[' of '{name}[' is never closed: add a ']'", open, 1);
                return null;
            }
            index = FormulaParser.Parse(text.Substring(open + 1, close - open - 1), allowIndexing: false, out var indexError);
            if (indexError is not null)
            {
                error = indexError with { Start = indexError.Start + open + 1 };
                return null;
            }
            index = Shift(index, open + 1);
            pos = SkipSpace(text, close + 1, equals);
        }
        bool prime = pos < equals && text[pos] == '\'';
        if (prime)
            pos = SkipSpace(text, pos + 1, equals);
        if (pos < equals)
        {
            // The likeliest causes: an equation written as lhs = rhs, and a second derivative.
            error = prime && text[pos] == '\''
                ? new FormulaError($"'{name}''' is a second derivative: write it as a first-order system, as \"{name}' = v\" and \"v' = …\" with v a new state", start, pos + 1 - start)
                : new FormulaError($"Expected '=' after '{text.Substring(start, pos - start).TrimEnd()}' but found '{text[pos]}': the left side of '=' is a name alone, as in \"x' = …\" or \"F[i] = …\"; write an equation lhs = rhs as the formula lhs - (rhs)", pos, 1);
            return null;
        }
        int end = equals;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        return (name, index, prime, start, end - start);
    }

    private static int SkipSpace(string text, int pos, int end)
    {
        while (pos < end && char.IsWhiteSpace(text[pos]))
            pos++;
        return pos;
    }

    private static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    /// <summary>The same syntax with every position moved by <paramref name="offset"/>.</summary>
    public static FormulaSyntax Shift(FormulaSyntax syntax, int offset) => offset == 0 ? syntax : syntax switch
    {
        NumberSyntax n => n with { Start = n.Start + offset },
        ReferenceSyntax n => n with { Start = n.Start + offset },
        NegateSyntax n => new NegateSyntax(Shift(n.Operand, offset), n.Start + offset, n.Length),
        NotSyntax n => new NotSyntax(Shift(n.Operand, offset), n.Start + offset, n.Length),
        BinarySyntax b => new BinarySyntax(b.Operator, Shift(b.Left, offset), Shift(b.Right, offset), b.Start + offset, b.Length),
        CallSyntax c => new CallSyntax(c.Name, Model.EquatableArray.ToEquatableArray(System.Linq.Enumerable.Select(c.Arguments, a => Shift(a, offset))),
                                       c.NameStart + offset, c.NameLength, c.Start + offset, c.Length),
        ConditionalSyntax c => new ConditionalSyntax(Shift(c.Condition, offset), Shift(c.WhenTrue, offset), Shift(c.WhenFalse, offset),
                                                     c.Start + offset, c.Length),
        ElementSyntax e => new ElementSyntax(e.Name, Shift(e.Index, offset), e.Start + offset, e.Length),
        _ => syntax,
    };
}
