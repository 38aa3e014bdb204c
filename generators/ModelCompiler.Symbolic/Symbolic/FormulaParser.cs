// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>A formula parse error: the message and the characters it is about.</summary>
/// <param name="TooDeep">True when the formula nests deeper than the parser's limit.</param>
internal sealed record FormulaError(string Message, int Start, int Length, bool TooDeep = false);

/// <summary>
/// Recursive-descent parser for the formula language: numbers, names, calls, parentheses,
/// <c>+ - * /</c>, and <c>^</c>, which is right associative and binds tighter than unary minus
/// (<c>-x^2</c> is <c>-(x^2)</c>; <c>2^-x</c> is <c>2^(-x)</c>). Names are C# identifiers (α, τ, 振幅, @in);
/// numbers use the digits 0-9.
/// </summary>
internal sealed class FormulaParser
{
    private readonly string _text;
    private readonly bool _allowIndexing;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;

    /// <summary>
    /// How deep operands may nest (parentheses, calls, signs, powers) by default: far beyond any formula written by hand,
    /// and shallow enough that parsing, binding and differentiating stay well inside a thread's stack.
    /// </summary>
    public const int DefaultMaxDepth = 256;

    private FormulaParser(string text, bool allowIndexing, int maxDepth)
    {
        _text = text;
        _allowIndexing = allowIndexing;
        _maxDepth = maxDepth;
    }

    public static FormulaSyntax Parse(string text, out FormulaError? error) => Parse(text, allowIndexing: false, out error);

    /// <param name="allowIndexing">True for systems over arrays, where <c>x[i+1]</c> names an element.</param>
    /// <param name="maxDepth">The deepest nesting of operands accepted; deeper is an error with <see cref="FormulaError.TooDeep"/>.</param>
    public static FormulaSyntax Parse(string text, bool allowIndexing, out FormulaError? error, int maxDepth = DefaultMaxDepth)
    {
        var parser = new FormulaParser(text, allowIndexing, maxDepth);
        try
        {
            parser.SkipSpace();
            if (parser.AtEnd)
                throw new ParseException("The formula is empty: write an expression such as 'a*exp(-b*x)'", 0, text.Length);
            var result = parser.ParseAdditive();
            parser.SkipSpace();
            if (!parser.AtEnd)
                throw parser.Unexpected("an operator");
            error = null;
            return result;
        }
        catch (ParseException e)
        {
            error = new FormulaError(e.Message, e.Start, e.Length, e.TooDeep);
            return new NumberSyntax(0, 0, 0);
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private FormulaSyntax ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            SkipSpace();
            if (AtEnd || (Current != '+' && Current != '-'))
                return left;
            var op = Current == '+' ? BinaryOperator.Add : BinaryOperator.Subtract;
            _pos++;
            var right = ParseMultiplicative();
            left = new BinarySyntax(op, left, right, left.Start, right.Start + right.Length - left.Start);
        }
    }

    private FormulaSyntax ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (AtEnd || (Current != '*' && Current != '/'))
                return left;
            if (Current == '*' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
                throw new ParseException("'**' is not an operator here: write powers with '^', as in 'x^2'", _pos, 2);
            var op = Current == '*' ? BinaryOperator.Multiply : BinaryOperator.Divide;
            _pos++;
            var right = ParseUnary();
            left = new BinarySyntax(op, left, right, left.Start, right.Start + right.Length - left.Start);
        }
    }

    private FormulaSyntax ParseUnary()
    {
        // Every recursion of the parser passes through here: the depth is bounded before the stack is.
        if (++_depth > _maxDepth)
            throw new ParseException($"The formula nests deeper than {_maxDepth} levels (parentheses, calls, signs and powers): simplify it",
                                     System.Math.Min(_pos, _text.Length), _pos < _text.Length ? 1 : 0) { TooDeep = true };
        try
        {
            return ParseUnaryAt();
        }
        finally
        {
            _depth--;
        }
    }

    private FormulaSyntax ParseUnaryAt()
    {
        SkipSpace();
        if (!AtEnd && (Current == '-' || Current == '+'))
        {
            int start = _pos;
            bool negate = Current == '-';
            _pos++;
            var operand = ParseUnary();
            return negate ? new NegateSyntax(operand, start, operand.Start + operand.Length - start) : operand;
        }
        return ParsePower();
    }

    private FormulaSyntax ParsePower()
    {
        var @base = ParsePrimary();
        SkipSpace();
        if (AtEnd || Current != '^')
            return @base;
        _pos++;
        var exponent = ParseUnary(); // right associative, and admits a sign: 2^-x
        return new BinarySyntax(BinaryOperator.Power, @base, exponent, @base.Start, exponent.Start + exponent.Length - @base.Start);
    }

    private FormulaSyntax ParsePrimary()
    {
        SkipSpace();
        if (AtEnd)
            throw new ParseException("The formula ends where an operand was expected", _text.Length, 0);
        char c = Current;
        if (IsDigit(c) || (c == '.' && _pos + 1 < _text.Length && IsDigit(_text[_pos + 1])))
            return ParseNumber();
        if (IsNameStart(c) || (c == '@' && _pos + 1 < _text.Length && IsNameStart(_text[_pos + 1])))
            return ParseNameOrCall();
        if (c == '(')
        {
            int start = _pos++;
            var inner = ParseAdditive();
            SkipSpace();
            if (AtEnd)
                throw new ParseException("The '(' here is never closed: add a ')'", start, 1);
            if (Current != ')')
                throw Unexpected("')' or an operator");
            _pos++;
            return inner;
        }
        throw Unexpected("a number, a name or '('");
    }

    private FormulaSyntax ParseNumber()
    {
        int start = _pos;
        while (!AtEnd && IsDigit(Current)) _pos++;
        if (!AtEnd && Current == '.')
        {
            _pos++;
            while (!AtEnd && IsDigit(Current)) _pos++;
        }
        if (!AtEnd && (Current == 'e' || Current == 'E'))
        {
            _pos++;
            if (!AtEnd && (Current == '+' || Current == '-')) _pos++;
            if (AtEnd || !IsDigit(Current))
                throw new ParseException("The exponent of this number has no digits: write it as in '1e-3'", start, _pos - start);
            while (!AtEnd && IsDigit(Current)) _pos++;
        }
        string literal = _text.Substring(start, _pos - start);
        double value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
            throw new ParseException($"The number '{literal}' is too large for a double", start, literal.Length);
        if (!AtEnd && IsNameStart(Current))
            throw new ParseException($"A number cannot run into a name: write '{literal}*{Current}…' for a product", start, _pos + 1 - start);
        return new NumberSyntax(value, start, literal.Length);
    }

    private FormulaSyntax ParseNameOrCall()
    {
        int start = _pos;
        if (Current == '@')
            _pos++; // a verbatim identifier, as in C#: @in is the parameter named in
        while (!AtEnd && IsNamePart(Current)) _pos++;
        string name = NameOf(_text.Substring(start, _pos - start));
        int nameEnd = _pos;
        SkipSpace();
        if (_allowIndexing && !AtEnd && Current == '[')
            return ParseElement(name, start);
        if (AtEnd || Current != '(')
        {
            _pos = nameEnd;
            return new ReferenceSyntax(name, start, nameEnd - start);
        }
        int open = _pos++;
        var arguments = new List<FormulaSyntax>();
        SkipSpace();
        if (!AtEnd && Current == ')')
        {
            _pos++;
            return new CallSyntax(name, arguments.ToEquatableArray(), start, nameEnd - start, start, _pos - start);
        }
        while (true)
        {
            arguments.Add(ParseAdditive());
            SkipSpace();
            if (AtEnd)
                throw new ParseException($"The '(' of '{name}(' is never closed: add a ')'", open, 1);
            if (Current == ',')
            {
                _pos++;
                continue;
            }
            if (Current == ')')
            {
                _pos++;
                return new CallSyntax(name, arguments.ToEquatableArray(), start, nameEnd - start, start, _pos - start);
            }
            throw Unexpected("',' or ')'");
        }
    }

    /// <summary>An element of an array, <c>x[i+1]</c>: the index is any expression, checked by the binder.</summary>
    private FormulaSyntax ParseElement(string name, int start)
    {
        int open = _pos++;
        var index = ParseAdditive();
        SkipSpace();
        if (AtEnd)
            throw new ParseException($"The '[' of '{name}[' is never closed: add a ']'", open, 1);
        if (Current != ']')
            throw Unexpected("']' or an operator");
        _pos++;
        return new ElementSyntax(name, index, start, _pos - start);
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>A C# identifier-start character: a letter (Lu, Ll, Lt, Lm, Lo), a letter number (Nl) or '_'.</summary>
    private static bool IsNameStart(char c) => c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    /// <summary>A C# identifier-part character: a start character, a decimal digit, a connector, a combining or formatting mark.</summary>
    private static bool IsNamePart(char c) => IsNameStart(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format;

    /// <summary>The name an identifier stands for, as C# compares them: without a leading '@' and without formatting characters.</summary>
    private static string NameOf(string identifier)
    {
        var name = new StringBuilder(identifier.Length);
        foreach (char c in identifier.StartsWith("@", System.StringComparison.Ordinal) ? identifier.Substring(1) : identifier)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
                name.Append(c);
        return name.ToString();
    }

    /// <summary>What to write instead of a character from typeset mathematics or another script.</summary>
    private static string? Instead(char c) => c switch
    {
        '·' or '⋅' or '∙' or '×' => "write '*' for a product",
        '÷' or '∕' => "write '/' for a division",
        '−' or '–' or '—' => "write '-', the ASCII minus, to subtract or negate",
        '²' => "write '^2' for a power",
        '³' => "write '^3' for a power",
        '¹' or '⁰' or (>= '⁴' and <= '⁹') or '⁻' => "write powers with '^', as in 'x^4'",
        '√' => "write 'sqrt(…)' for a square root",
        (>= '₀' and <= '₉') => $"a subscript cannot be part of a name (as in C#): write '{(char)('0' + (c - '₀'))}' or '_{(char)('0' + (c - '₀'))}' instead",
        _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber => "write numbers with the digits 0-9",
        _ => null,
    };

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current)) _pos++;
    }

    private ParseException Unexpected(string expected)
    {
        if (AtEnd)
            return new ParseException($"The formula ends where {expected} was expected", _text.Length, 0);
        char c = Current;
        string found = c == ')' ? "')' without a matching '('" : $"'{c}'";
        string hint = Instead(c) is { } instead ? ": " + instead : "";
        return new ParseException($"Expected {expected} but found {found}{hint}", _pos, 1);
    }

    private sealed class ParseException : System.Exception
    {
        public ParseException(string message, int start, int length) : base(message)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }

        public int Length { get; }

        public bool TooDeep { get; init; }
    }
}
