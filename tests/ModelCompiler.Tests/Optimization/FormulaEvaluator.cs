using System.Globalization;

namespace ModelCompiler.Tests.Optimization;

/// <summary>
/// A direct evaluator of the formula language for reference texts (problems.json): numbers, names, + - * / ^ (right
/// associative, binding tighter than unary minus), parentheses, pi, e and the functions the references use. It is
/// independent of the generator on purpose: a second reading of the same text.
/// </summary>
internal static class FormulaEvaluator
{
    public static Func<IReadOnlyDictionary<string, double>, double> Parse(string text)
    {
        var reader = new Reader(text);
        var result = reader.Sum();
        if (!reader.AtEnd)
            throw new FormatException($"Unexpected '{text[reader.Position]}' at {reader.Position} in {text}");
        return result;
    }

    private sealed class Reader(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd
        {
            get
            {
                Skip();
                return Position >= text.Length;
            }
        }

        private char Peek() => AtEnd ? '\0' : text[Position];

        private void Skip()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position]))
                Position++;
        }

        public Func<IReadOnlyDictionary<string, double>, double> Sum()
        {
            var left = Product();
            while (Peek() is '+' or '-')
            {
                char op = text[Position++];
                var (a, b) = (left, Product());
                left = op == '+' ? v => a(v) + b(v) : v => a(v) - b(v);
            }
            return left;
        }

        private Func<IReadOnlyDictionary<string, double>, double> Product()
        {
            var left = Unary();
            while (Peek() is '*' or '/')
            {
                char op = text[Position++];
                var (a, b) = (left, Unary());
                left = op == '*' ? v => a(v) * b(v) : v => a(v) / b(v);
            }
            return left;
        }

        private Func<IReadOnlyDictionary<string, double>, double> Unary()
        {
            if (Peek() == '-')
            {
                Position++;
                var operand = Unary();
                return v => -operand(v);
            }
            return Power();
        }

        private Func<IReadOnlyDictionary<string, double>, double> Power()
        {
            var @base = Primary();
            if (Peek() != '^')
                return @base;
            Position++;
            var exponent = Unary();
            return v => Math.Pow(@base(v), exponent(v));
        }

        private Func<IReadOnlyDictionary<string, double>, double> Primary()
        {
            char c = Peek();
            if (c == '(')
            {
                Position++;
                var inner = Sum();
                Expect(')');
                return inner;
            }
            int start = Position;
            if (char.IsDigit(c) || c == '.')
            {
                while (Position < text.Length && (char.IsDigit(text[Position]) || text[Position] == '.'
                       || ((text[Position] is 'e' or 'E') && Position + 1 < text.Length && (char.IsDigit(text[Position + 1]) || text[Position + 1] is '-' or '+'))
                       || ((text[Position] is '-' or '+') && text[Position - 1] is 'e' or 'E')))
                    Position++;
                double number = double.Parse(text.AsSpan(start, Position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
                return _ => number;
            }
            while (Position < text.Length && (char.IsLetterOrDigit(text[Position]) || text[Position] == '_'))
                Position++;
            string name = text[start..Position];
            if (name.Length == 0)
                throw new FormatException($"Unexpected '{c}' at {start} in {text}");
            if (Peek() != '(')
            {
                return name switch
                {
                    "pi" => _ => Math.PI,
                    "e" => _ => Math.E,
                    _ => v => v[name],
                };
            }
            Position++;
            var arguments = new List<Func<IReadOnlyDictionary<string, double>, double>> { Sum() };
            while (Peek() == ',')
            {
                Position++;
                arguments.Add(Sum());
            }
            Expect(')');
            var a = arguments[0];
            var b = arguments.Count > 1 ? arguments[1] : a;
            return name switch
            {
                "exp" => v => Math.Exp(a(v)),
                "log" => v => Math.Log(a(v)),
                "sqrt" => v => Math.Sqrt(a(v)),
                "sin" => v => Math.Sin(a(v)),
                "cos" => v => Math.Cos(a(v)),
                "atan" => v => Math.Atan(a(v)),
                "atan2" => v => Math.Atan2(a(v), b(v)),
                "abs" => v => Math.Abs(a(v)),
                "pow" => v => Math.Pow(a(v), b(v)),
                _ => throw new FormatException($"Unknown function '{name}' in {text}"),
            };
        }

        private void Expect(char c)
        {
            if (Peek() != c)
                throw new FormatException($"Expected '{c}' at {Position} in {text}");
            Position++;
        }
    }
}
