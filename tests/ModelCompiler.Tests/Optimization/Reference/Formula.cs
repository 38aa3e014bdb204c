// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler;

namespace ModelCompiler.Tests.Optimization.Reference;

/// <summary>
/// A reference problem's formula text (the reference set's language: numbers, x1..xn, + − * / ^ with ^ right
/// associative and binding tighter than unary minus, pi, e, exp log sqrt sin cos tan atan atan2 abs) compiled to
/// postfix code evaluated over any <see cref="IReal{T}"/>: values, exact gradients and Hessians by forward-mode
/// (hyper-)dual numbers. Test scaffolding until the generator emits these objectives.
/// </summary>
public sealed class Formula
{
    private enum Op { Constant, Variable, Add, Subtract, Multiply, Divide, Negate, PowerInt, Power, Exp, Log, Sqrt, Sin, Cos, Tan, Atan, Abs, Atan2 }

    /// <summary>One operation in single-assignment form: its value is slot k; operands are earlier slots.</summary>
    private readonly record struct Instruction(Op Op, int A = -1, int B = -1, double Value = 0);

    private abstract record Node;
    private sealed record Number(double Value) : Node;
    private sealed record Var(int Index) : Node;
    private sealed record Binary(char Op, Node Left, Node Right) : Node;
    private sealed record Neg(Node Operand) : Node;
    private sealed record Call(string Name, Node[] Arguments) : Node;

    private readonly Instruction[] _code;

    private Formula(Instruction[] code, int variables, SparsityPattern pattern)
    {
        _code = code;
        VariableCount = variables;
        HessianPattern = pattern;
    }

    public int VariableCount { get; }

    /// <summary>The union, over the top-level additive terms, of the squares of their variable sets (with the diagonal).</summary>
    public SparsityPattern HessianPattern { get; }

    public static Formula Parse(string text, int n)
    {
        var parser = new Parser(text);
        var root = parser.Expression();
        parser.End();
        var code = new List<Instruction>();
        Emit(root, code);
        var entries = new HashSet<(int, int)>();
        for (int i = 0; i < n; i++)
            entries.Add((i, i));
        foreach (var term in Terms(root))
        {
            var vars = new SortedSet<int>();
            Variables(term, vars);
            foreach (int a in vars)
                foreach (int b in vars)
                    entries.Add((a, b));
        }
        return new Formula(code.ToArray(), n, SparsityPattern.FromEntries(n, n, entries));
    }

    /// <summary>f(x).</summary>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : unmanaged, IReal<T>
    {
        var values = new T[_code.Length];
        Forward(x, values);
        return values[^1];
    }

    /// <summary>
    /// f(x) with ∇f(x) by one reverse sweep over the recorded values. Over <see cref="Dual"/> numbers seeded with a
    /// direction v, the gradient's derivative parts are ∇²f(x)·v (forward over reverse).
    /// </summary>
    public T Gradient<T>(ReadOnlySpan<T> x, Span<T> gradient) where T : unmanaged, IReal<T>
    {
        int count = _code.Length;
        var values = new T[count];
        var adjoint = new T[count];
        Forward(x, values);
        T zero = T.Constant(0);
        for (int k = 0; k < count; k++)
            adjoint[k] = zero;
        adjoint[count - 1] = T.Constant(1);
        gradient.Fill(zero);
        for (int k = count - 1; k >= 0; k--)
        {
            var ins = _code[k];
            T w = adjoint[k];
            switch (ins.Op)
            {
                case Op.Constant:
                    break;
                case Op.Variable:
                    gradient[(int)ins.Value] = T.Add(gradient[(int)ins.Value], w);
                    break;
                case Op.Add:
                    adjoint[ins.A] = T.Add(adjoint[ins.A], w);
                    adjoint[ins.B] = T.Add(adjoint[ins.B], w);
                    break;
                case Op.Subtract:
                    adjoint[ins.A] = T.Add(adjoint[ins.A], w);
                    adjoint[ins.B] = T.Subtract(adjoint[ins.B], w);
                    break;
                case Op.Multiply:
                    adjoint[ins.A] = T.Add(adjoint[ins.A], T.Multiply(w, values[ins.B]));
                    adjoint[ins.B] = T.Add(adjoint[ins.B], T.Multiply(w, values[ins.A]));
                    break;
                case Op.Divide:
                {
                    T inverse = Reciprocal(values[ins.B]);
                    adjoint[ins.A] = T.Add(adjoint[ins.A], T.Multiply(w, inverse));
                    adjoint[ins.B] = T.Subtract(adjoint[ins.B], T.Multiply(w, T.Multiply(values[k], inverse)));
                    break;
                }
                case Op.Negate:
                    adjoint[ins.A] = T.Subtract(adjoint[ins.A], w);
                    break;
                case Op.Atan2:
                {
                    // ∂atan2(y, x)/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²).
                    T y = values[ins.A], xx = values[ins.B];
                    T inverse = Reciprocal(T.Add(T.Multiply(xx, xx), T.Multiply(y, y)));
                    adjoint[ins.A] = T.Add(adjoint[ins.A], T.Multiply(w, T.Multiply(xx, inverse)));
                    adjoint[ins.B] = T.Subtract(adjoint[ins.B], T.Multiply(w, T.Multiply(y, inverse)));
                    break;
                }
                case Op.Power:
                {
                    // a^b: ∂/∂a = b·a^b/a, ∂/∂b = log(a)·a^b.
                    T a = values[ins.A], b = values[ins.B], v = values[k];
                    adjoint[ins.A] = T.Add(adjoint[ins.A], T.Multiply(w, T.Multiply(b, T.Multiply(v, Reciprocal(a)))));
                    adjoint[ins.B] = T.Add(adjoint[ins.B], T.Multiply(w, T.Multiply(Unary(Op.Log, a), v)));
                    break;
                }
                default:
                    adjoint[ins.A] = T.Add(adjoint[ins.A], T.Multiply(w, Derivative(ins, values[ins.A], values[k])));
                    break;
            }
        }
        return values[count - 1];
    }

    private void Forward<T>(ReadOnlySpan<T> x, T[] values) where T : unmanaged, IReal<T>
    {
        for (int k = 0; k < _code.Length; k++)
        {
            var ins = _code[k];
            values[k] = ins.Op switch
            {
                Op.Constant => T.Constant(ins.Value),
                Op.Variable => x[(int)ins.Value],
                Op.Add => T.Add(values[ins.A], values[ins.B]),
                Op.Subtract => T.Subtract(values[ins.A], values[ins.B]),
                Op.Multiply => T.Multiply(values[ins.A], values[ins.B]),
                Op.Divide => T.Multiply(values[ins.A], Reciprocal(values[ins.B])),
                Op.Negate => T.Negate(values[ins.A]),
                Op.PowerInt => PowerInt(values[ins.A], (int)ins.Value),
                Op.Power => Unary(Op.Exp, T.Multiply(values[ins.B], Unary(Op.Log, values[ins.A]))),
                Op.Atan2 => Atan2(values[ins.A], values[ins.B]),
                _ => Unary(ins.Op, values[ins.A]),
            };
        }
    }

    /// <summary>The derivative of a one-operand operation at its operand a (with its value v), as a T.</summary>
    private static T Derivative<T>(Instruction ins, T a, T v) where T : unmanaged, IReal<T> => ins.Op switch
    {
        Op.PowerInt => ins.Value == 0 ? T.Constant(0) : T.Multiply(T.Constant(ins.Value), PowerInt(a, (int)ins.Value - 1)),
        Op.Exp => v,
        Op.Log => Reciprocal(a),
        Op.Sqrt => T.Multiply(T.Constant(0.5), Reciprocal(v)),
        Op.Sin => Unary(Op.Cos, a),
        Op.Cos => T.Negate(Unary(Op.Sin, a)),
        Op.Tan => T.Add(T.Constant(1), T.Multiply(v, v)),
        Op.Atan => Reciprocal(T.Add(T.Constant(1), T.Multiply(a, a))),
        Op.Abs => T.Constant(Math.Sign(T.ValueOf(a))),
        _ => throw new NotSupportedException(ins.Op.ToString()),
    };

    private static T Reciprocal<T>(T x) where T : unmanaged, IReal<T>
    {
        double v = T.ValueOf(x);
        return T.Chain(x, 1 / v, -1 / (v * v), 2 / (v * v * v));
    }

    private static T PowerInt<T>(T x, int k) where T : unmanaged, IReal<T>
    {
        if (k < 0)
            return Reciprocal(PowerInt(x, -k));
        T result = T.Constant(1);
        T power = x;
        bool first = true;
        while (k > 0)
        {
            if ((k & 1) != 0)
            {
                result = first ? power : T.Multiply(result, power);
                first = false;
            }
            k >>= 1;
            if (k > 0)
                power = T.Multiply(power, power);
        }
        return result;
    }

    private static T Atan2<T>(T y, T x) where T : unmanaged, IReal<T>
    {
        // Derivatives of atan(y/x) (or −atan(x/y) where |y| > |x|) equal atan2's; the value is atan2's.
        double yv = T.ValueOf(y), xv = T.ValueOf(x);
        T local = Math.Abs(xv) >= Math.Abs(yv)
            ? Unary(Op.Atan, T.Multiply(y, Reciprocal(x)))
            : T.Negate(Unary(Op.Atan, T.Multiply(x, Reciprocal(y))));
        return T.WithValue(local, Math.Atan2(yv, xv));
    }

    private static T Unary<T>(Op op, T x) where T : unmanaged, IReal<T>
    {
        double v = T.ValueOf(x);
        switch (op)
        {
            case Op.Exp: { double e = Math.Exp(v); return T.Chain(x, e, e, e); }
            case Op.Log: return T.Chain(x, Math.Log(v), 1 / v, -1 / (v * v));
            case Op.Sqrt: { double s = Math.Sqrt(v); return T.Chain(x, s, 0.5 / s, -0.25 / (s * v)); }
            case Op.Sin: return T.Chain(x, Math.Sin(v), Math.Cos(v), -Math.Sin(v));
            case Op.Cos: return T.Chain(x, Math.Cos(v), -Math.Sin(v), -Math.Cos(v));
            case Op.Tan: { double t = Math.Tan(v), s = 1 + t * t; return T.Chain(x, t, s, 2 * t * s); }
            case Op.Atan: { double d = 1 / (1 + v * v); return T.Chain(x, Math.Atan(v), d, -2 * v * d * d); }
            case Op.Abs: return T.Chain(x, Math.Abs(v), Math.Sign(v), 0);
            default: throw new NotSupportedException(op.ToString());
        }
    }

    private static IEnumerable<Node> Terms(Node node)
    {
        if (node is Binary { Op: '+' or '-' } b)
        {
            foreach (var t in Terms(b.Left))
                yield return t;
            foreach (var t in Terms(b.Right))
                yield return t;
        }
        else if (node is Neg neg)
        {
            foreach (var t in Terms(neg.Operand))
                yield return t;
        }
        else
        {
            yield return node;
        }
    }

    private static void Variables(Node node, SortedSet<int> vars)
    {
        switch (node)
        {
            case Var v: vars.Add(v.Index); break;
            case Binary b: Variables(b.Left, vars); Variables(b.Right, vars); break;
            case Neg n: Variables(n.Operand, vars); break;
            case Call c: foreach (var a in c.Arguments) Variables(a, vars); break;
        }
    }

    /// <summary>Appends the node's code and returns the slot holding its value.</summary>
    private static int Emit(Node node, List<Instruction> code)
    {
        switch (node)
        {
            case Number num:
                code.Add(new(Op.Constant, Value: num.Value));
                break;
            case Var v:
                code.Add(new(Op.Variable, Value: v.Index));
                break;
            case Neg neg:
                code.Add(new(Op.Negate, Emit(neg.Operand, code)));
                break;
            case Binary { Op: '^', Right: Number { Value: var k } } pow when k == Math.Floor(k) && Math.Abs(k) <= 64:
                code.Add(new(Op.PowerInt, Emit(pow.Left, code), Value: k));
                break;
            case Binary b:
            {
                int left = Emit(b.Left, code), right = Emit(b.Right, code);
                code.Add(new(b.Op switch { '+' => Op.Add, '-' => Op.Subtract, '*' => Op.Multiply, '/' => Op.Divide, _ => Op.Power }, left, right));
                break;
            }
            case Call { Name: "atan2" } c:
            {
                int y = Emit(c.Arguments[0], code), x = Emit(c.Arguments[1], code);
                code.Add(new(Op.Atan2, y, x));
                break;
            }
            case Call c:
            {
                var op = c.Name switch
                {
                    "exp" => Op.Exp, "log" => Op.Log, "sqrt" => Op.Sqrt, "sin" => Op.Sin, "cos" => Op.Cos,
                    "tan" => Op.Tan, "atan" => Op.Atan, "abs" => Op.Abs,
                    _ => throw new FormatException($"Unknown function {c.Name}"),
                };
                code.Add(new(op, Emit(c.Arguments[0], code)));
                break;
            }
        }
        return code.Count - 1;
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public Node Expression()
        {
            var left = Term();
            while (Peek() is '+' or '-')
            {
                char op = text[_pos++];
                left = new Binary(op, left, Term());
            }
            return left;
        }

        public void End()
        {
            SkipSpaces();
            if (_pos != text.Length)
                throw new FormatException($"Unexpected '{text[_pos]}' at {_pos} in {text}");
        }

        private Node Term()
        {
            var left = Unary();
            while (Peek() is '*' or '/')
            {
                char op = text[_pos++];
                left = new Binary(op, left, Unary());
            }
            return left;
        }

        private Node Unary()
        {
            if (Peek() == '-')
            {
                _pos++;
                return new Neg(Unary());
            }
            if (Peek() == '+')
            {
                _pos++;
                return Unary();
            }
            return Power();
        }

        private Node Power()
        {
            var base_ = Primary();
            if (Peek() == '^')
            {
                _pos++;
                var exponent = Unary();
                if (exponent is Neg { Operand: Number num })
                    exponent = new Number(-num.Value);
                return new Binary('^', base_, exponent);
            }
            return base_;
        }

        private Node Primary()
        {
            char c = Peek();
            if (c == '(')
            {
                _pos++;
                var inner = Expression();
                Expect(')');
                return inner;
            }
            if (char.IsDigit(c) || c == '.')
            {
                int start = _pos;
                while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] == '.'))
                    _pos++;
                if (_pos < text.Length && text[_pos] is 'e' or 'E' && _pos + 1 < text.Length
                    && (char.IsDigit(text[_pos + 1]) || text[_pos + 1] is '-' or '+'))
                {
                    _pos += 2;
                    while (_pos < text.Length && char.IsDigit(text[_pos]))
                        _pos++;
                }
                return new Number(double.Parse(text[start.._pos], CultureInfo.InvariantCulture));
            }
            if (char.IsLetter(c))
            {
                int start = _pos;
                while (_pos < text.Length && char.IsLetterOrDigit(text[_pos]))
                    _pos++;
                string name = text[start.._pos];
                if (Peek() == '(')
                {
                    _pos++;
                    var args = new List<Node> { Expression() };
                    while (Peek() == ',')
                    {
                        _pos++;
                        args.Add(Expression());
                    }
                    Expect(')');
                    return new Call(name, args.ToArray());
                }
                if (name == "pi")
                    return new Number(Math.PI);
                if (name == "e")
                    return new Number(Math.E);
                if (name[0] == 'x' && int.TryParse(name[1..], out int index))
                    return new Var(index - 1);
                throw new FormatException($"Unknown name {name}");
            }
            throw new FormatException($"Unexpected '{c}' at {_pos} in {text}");
        }

        private char Peek()
        {
            SkipSpaces();
            return _pos < text.Length ? text[_pos] : '\0';
        }

        private void Expect(char c)
        {
            if (Peek() != c)
                throw new FormatException($"Expected '{c}' at {_pos} in {text}");
            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
                _pos++;
        }
    }
}
