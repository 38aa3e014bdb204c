// SPDX-License-Identifier: MIT
using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// Rewrites a differentiated graph into the operations the emitted code should perform: integer powers
/// become multiplications (x^4 = (x·x)·(x·x), so x·x is computed once), half-integer powers use sqrt, and a
/// per-point value divided by a loop-invariant one is multiplied by the invariant's reciprocal, which is then
/// computed once per call instead of once per point.
/// </summary>
internal sealed class Lowering
{
    private const int MaxUnrolledExponent = 32;

    private readonly Graph _g;
    private readonly bool _reciprocals;
    private readonly Dictionary<Node, Node> _memo = new();

    private Lowering(Graph graph, bool reciprocals)
    {
        _g = graph;
        _reciprocals = reciprocals;
    }

    /// <param name="reciprocals">Whether to turn division by an invariant into multiplication by its reciprocal:
    /// worth it in a loop over points, not in straight-line code.</param>
    public static IReadOnlyList<Node> Lower(Graph graph, IReadOnlyList<Node> roots, bool reciprocals)
    {
        var lowering = new Lowering(graph, reciprocals);
        return roots.Select(lowering.Visit).ToArray();
    }

    private Node Visit(Node node)
    {
        if (node.Op.IsLeaf())
            return node;
        if (_memo.TryGetValue(node, out var done))
            return done;
        var args = node.Args.Select(Visit).ToArray();
        var result = node.Op switch
        {
            Op.Power when args[1].IsConstant => LowerPower(args[0], args[1].Value) ?? _g.Raw(Op.Power, args),
            Op.Divide when _reciprocals && args[0].DependsOnVariables && !args[1].DependsOnVariables && !args[1].IsConstant =>
                _g.Raw(Op.Multiply, args[0], _g.Raw(Op.Divide, _g.Constant(1), args[1])),
            _ => _g.Raw(node.Op, args),
        };
        _memo.Add(node, result);
        return result;
    }

    private Node? LowerPower(Node a, double exponent)
    {
        double magnitude = Math.Abs(exponent);
        Node? positive = null;
        if (magnitude == Math.Floor(magnitude) && magnitude >= 1 && magnitude <= MaxUnrolledExponent)
            positive = IntegerPower(a, (int)magnitude);
        else if (magnitude == 0.5)
            positive = _g.Raw(Op.Sqrt, a);
        else if (magnitude - 0.5 == Math.Floor(magnitude) && magnitude <= MaxUnrolledExponent)
            positive = _g.Raw(Op.Multiply, IntegerPower(a, (int)Math.Floor(magnitude)), _g.Raw(Op.Sqrt, a));
        if (positive is null)
            return null;
        return exponent > 0 ? positive : _g.Raw(Op.Divide, _g.Constant(1), positive);
    }

    /// <summary>a^k by repeated squaring, so the hash-consed squares are shared.</summary>
    private Node IntegerPower(Node a, int k)
    {
        if (k == 1)
            return a;
        var half = IntegerPower(a, k / 2);
        var square = _g.Raw(Op.Multiply, half, half);
        return k % 2 == 0 ? square : _g.Raw(Op.Multiply, square, a);
    }
}
