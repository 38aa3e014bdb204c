// SPDX-License-Identifier: MIT
using System;
using System.Collections.Generic;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// Builds hash-consed <see cref="Node"/>s and applies the local simplifications that matter for speed and
/// readability as it builds: constant folding, x+0, x*1, x^1, x^0, double negation, constants first in
/// products, negations pulled outward, and 0·u, 0/u and u − u to 0 where that is what the written formula
/// computes: only for u provably finite (0·log(x) is NaN at x = 0 and stays). No heroic algebra: exp(a)*exp(b)
/// stays as written. Constant parts fold even when they are not finite (log(0) to −∞), for the binder to report.
/// </summary>
internal sealed class Graph
{
    private readonly Dictionary<Key, Node> _nodes = new();
    private readonly int _maxNodes;

    /// <param name="maxNodes">How many distinct nodes the graph may hold before <see cref="GraphLimitException"/>: a bound
    /// on the symbolic work for formulas from untrusted sources.</param>
    public Graph(int maxNodes = int.MaxValue) => _maxNodes = maxNodes;

    /// <summary>The distinct nodes built so far.</summary>
    public int Count => _nodes.Count;

    public Node Constant(double value) => Intern(Op.Constant, value, 0);

    public Node Parameter(int index) => Intern(Op.Parameter, 0, index);

    public Node Variable(int index) => Intern(Op.Variable, 0, index);

    public Node Add(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant) return Constant(a.Value + b.Value);
        if (a.IsConstantValue(0)) return b;
        if (b.IsConstantValue(0)) return a;
        if (b.Op == Op.Negate) return Subtract(a, b[0]);
        if (a.Op == Op.Negate) return Subtract(b, a[0]);
        if (b.IsConstant && b.Value < 0) return Subtract(a, Constant(-b.Value));
        return Intern(Op.Add, 0, 0, a, b);
    }

    public Node Subtract(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant) return Constant(a.Value - b.Value);
        if (b.IsConstantValue(0)) return a;
        if (a.IsConstantValue(0)) return Negate(b);
        if (ReferenceEquals(a, b) && a.IsFinite) return Constant(0);
        if (b.Op == Op.Negate) return Add(a, b[0]);
        if (b.IsConstant && b.Value < 0) return Add(a, Constant(-b.Value));
        return Intern(Op.Subtract, 0, 0, a, b);
    }

    public Node Multiply(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant) return Constant(a.Value * b.Value);
        if (b.IsConstant) (a, b) = (b, a);
        if (a.IsConstantValue(0) && b.IsFinite) return a;
        if (a.IsConstantValue(1)) return b;
        // Signs travel outward as negations, where they cancel or turn sums into differences.
        if (a.IsConstant && a.Value < 0) return Negate(Multiply(Constant(-a.Value), b));
        if (a.Op == Op.Negate) return Negate(Multiply(a[0], b));
        if (b.Op == Op.Negate) return Negate(Multiply(a, b[0]));
        if (a.IsConstant && b.Op == Op.Multiply && b[0].IsConstant) return Multiply(Constant(a.Value * b[0].Value), b[1]);
        // Constant factors rise to the front of a product, where they meet and fold.
        if (!a.IsConstant && b.Op == Op.Multiply && b[0].IsConstant) return Multiply(b[0], Multiply(a, b[1]));
        if (a.Op == Op.Multiply && a[0].IsConstant) return Multiply(a[0], Multiply(a[1], b));
        if (a.Op == Op.Divide && a[0].IsConstantValue(1)) return Divide(b, a[1]);
        if (b.Op == Op.Divide && b[0].IsConstantValue(1)) return Divide(a, b[1]);
        return Intern(Op.Multiply, 0, 0, a, b);
    }

    public Node Divide(Node a, Node b)
    {
        if (a.IsConstant && b.IsConstant) return Constant(a.Value / b.Value);
        if (b.IsConstantValue(1)) return a;
        if (b.IsConstantValue(-1)) return Negate(a);
        if (a.IsConstantValue(0) && b.IsConstant && b.IsFinite && b.Value != 0) return a;
        if (a.Op == Op.Negate) return Negate(Divide(a[0], b));
        if (b.Op == Op.Negate) return Negate(Divide(a, b[0]));
        return Intern(Op.Divide, 0, 0, a, b);
    }

    public Node Negate(Node a)
    {
        if (a.IsConstant) return Constant(-a.Value);
        if (a.Op == Op.Negate) return a[0];
        if (a.Op == Op.Subtract) return Subtract(a[1], a[0]);
        return Intern(Op.Negate, 0, 0, a);
    }

    public Node Power(Node a, Node b)
    {
        if (b.IsConstantValue(1)) return a;
        if (b.IsConstantValue(0)) return Constant(1);
        if (a.IsConstantValue(1)) return a;
        if (a.IsConstant && b.IsConstant) return Constant(Math.Pow(a.Value, b.Value));
        return Intern(Op.Power, 0, 0, a, b);
    }

    /// <summary>A function of one or two arguments (<see cref="OpFacts.IsFunction"/>).</summary>
    public Node Function(Op op, Node a, Node? b = null)
    {
        if (a.IsConstant && (b is null || b.IsConstant))
        {
            if (TryFold(op, a.Value, b?.Value ?? 0, out double folded))
                return Constant(folded);
            // Left to run time, but a constant argument outside the domain is an error to report now.
            double outside = NonFiniteValue(op, a.Value, b?.Value ?? 0);
            if (double.IsNaN(outside) || double.IsInfinity(outside))
                return Constant(outside);
        }
        if (op == Op.Abs && a.Op is Op.Negate or Op.Abs) return Function(Op.Abs, a[0]);
        return b is null ? Intern(op, 0, 0, a) : Intern(op, 0, 0, a, b);
    }

    /// <summary>A comparison or logical operation, constant-folded to 1 (true) or 0 (false) when it can be.</summary>
    public Node Condition(Op op, Node a, Node? b = null)
    {
        if (a.IsConstant && (b is null || b.IsConstant))
            return Constant(EvaluateCondition(op, a.Value, b?.Value ?? 0) ? 1 : 0);
        return b is null ? Intern(op, 0, 0, a) : Intern(op, 0, 0, a, b);
    }

    /// <summary>Piecewise value: <paramref name="whenTrue"/> where the condition holds, else <paramref name="whenFalse"/>.</summary>
    public Node Select(Node condition, Node whenTrue, Node whenFalse)
    {
        if (ReferenceEquals(whenTrue, whenFalse)) return whenTrue;
        if (condition.IsConstant) return condition.Value != 0 ? whenTrue : whenFalse;
        return Intern(Op.Select, 0, 0, condition, whenTrue, whenFalse);
    }

    /// <summary>Rebuilds a node of this graph's kind with new arguments, through the simplifying constructors.</summary>
    public Node Rebuild(Node node, IReadOnlyList<Node> args) => node.Op switch
    {
        Op.Constant or Op.Variable or Op.Parameter => node,
        Op.Add => Add(args[0], args[1]),
        Op.Subtract => Subtract(args[0], args[1]),
        Op.Multiply => Multiply(args[0], args[1]),
        Op.Divide => Divide(args[0], args[1]),
        Op.Negate => Negate(args[0]),
        Op.Power => Power(args[0], args[1]),
        Op.Select => Select(args[0], args[1], args[2]),
        _ when node.Op.IsFunction() => Function(node.Op, args[0], args.Count > 1 ? args[1] : null),
        _ => Condition(node.Op, args[0], args.Count > 1 ? args[1] : null),
    };

    /// <summary>
    /// A node exactly as given, without simplification: for lowering passes whose output the
    /// simplifier would undo (x·(1/k) must stay a product for the reciprocal to be hoisted).
    /// </summary>
    public Node Raw(Op op, params Node[] args) => Intern(op, 0, 0, args);

    /// <summary>The value of a function of constants, where the generator computes it as the runtime would.</summary>
    private static bool TryFold(Op op, double a, double b, out double value)
    {
        double? folded = op switch
        {
            Op.Exp => Math.Exp(a),
            Op.Log => Math.Log(a),
            Op.Log10 => Math.Log10(a),
            Op.Sqrt => Math.Sqrt(a),
            Op.Abs => Math.Abs(a),
            Op.Sign => a > 0 ? 1 : a < 0 ? -1 : a == 0 ? 0 : double.NaN,
            Op.Sin => Math.Sin(a),
            Op.Cos => Math.Cos(a),
            Op.Tan => Math.Tan(a),
            Op.Asin => Math.Asin(a),
            Op.Acos => Math.Acos(a),
            Op.Atan => Math.Atan(a),
            Op.Atan2 => Math.Atan2(a, b),
            Op.Sinh => Math.Sinh(a),
            Op.Cosh => Math.Cosh(a),
            Op.Tanh => Math.Tanh(a),
            Op.Min => a < b ? a : b < a ? b : double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a,
            Op.Max => a > b ? a : b > a ? b : double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a,
            // erf, erfc, expm1, log1p, log2, cbrt and hypot are left to run time rather than carry a second
            // implementation here (netstandard2.0 lacks Math.Log2, Math.Cbrt, double.Hypot, and has no accurate expm1).
            _ => null,
        };
        value = folded ?? double.NaN;
        return folded is not null;
    }

    /// <summary>
    /// For a function left to run time: its value at constant arguments where that is NaN or ±∞, computed well
    /// enough to tell which; 0 where it is finite.
    /// </summary>
    private static double NonFiniteValue(Op op, double a, double b)
    {
        double value = op switch
        {
            Op.Erf or Op.Erfc => double.IsNaN(a) ? a : 0,
            Op.Cbrt => a,
            Op.Expm1 => Math.Exp(a) - 1,
            Op.Log1p => a < -1 ? double.NaN : a == -1 ? double.NegativeInfinity : a,
            Op.Log2 => Math.Log(a),
            Op.Hypot => double.IsInfinity(a) || double.IsInfinity(b) ? double.PositiveInfinity : double.IsNaN(a) ? a : b,
            _ => 0,
        };
        return double.IsNaN(value) || double.IsInfinity(value) ? value : 0;
    }

    private static bool EvaluateCondition(Op op, double a, double b) => op switch
    {
        Op.Less => a < b,
        Op.LessOrEqual => a <= b,
        Op.Greater => a > b,
        Op.GreaterOrEqual => a >= b,
        Op.Equal => a == b,
        Op.NotEqual => a != b,
        Op.And => a != 0 && b != 0,
        Op.Or => a != 0 || b != 0,
        Op.Not => a == 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private Node Intern(Op op, double value, int index, params Node[] args)
    {
        var key = new Key(op, BitConverter.DoubleToInt64Bits(value), index, args);
        if (!_nodes.TryGetValue(key, out var node))
        {
            if (_nodes.Count >= _maxNodes)
                throw new GraphLimitException(_maxNodes);
            node = new Node(op, value, index, args, _nodes.Count);
            _nodes.Add(key, node);
        }
        return node;
    }

    private readonly struct Key : IEquatable<Key>
    {
        private readonly Op _op;
        private readonly long _bits;
        private readonly int _index;
        private readonly Node[] _args;

        public Key(Op op, long bits, int index, Node[] args)
        {
            _op = op;
            _bits = bits;
            _index = index;
            _args = args;
        }

        public bool Equals(Key other)
        {
            if (_op != other._op || _bits != other._bits || _index != other._index || _args.Length != other._args.Length)
                return false;
            for (int i = 0; i < _args.Length; i++)
                if (!ReferenceEquals(_args[i], other._args[i]))
                    return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            int hash = ((int)_op * 397) ^ _bits.GetHashCode() ^ (_index * 7919);
            foreach (var arg in _args)
                hash = unchecked(hash * 31 + arg.Id);
            return hash;
        }
    }
}

/// <summary>The graph would grow past its node limit.</summary>
internal sealed class GraphLimitException(int limit) : Exception($"The symbolic graph would have more than {limit} nodes")
{
    public int Limit { get; } = limit;
}
