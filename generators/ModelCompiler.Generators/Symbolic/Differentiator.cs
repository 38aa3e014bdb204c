// SPDX-License-Identifier: MIT
using System;
using System.Collections.Generic;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// Symbolic forward differentiation with respect to one parameter at a time, memoized per node. Derivatives
/// are built in the same hash-consed graph as the value, so they reuse the value's subexpressions (the
/// derivative of exp(u) is exp(u)·u', the very node of the value).
/// </summary>
internal sealed class Differentiator
{
    private readonly Graph _g;
    private readonly Node _leaf;
    private readonly Dictionary<Node, Node> _memo = new();

    private Differentiator(Graph graph, Node leaf)
    {
        _g = graph;
        _leaf = leaf;
    }

    /// <summary>∂<paramref name="f"/>/∂p_<paramref name="parameter"/>.</summary>
    public static Node Derive(Graph graph, Node f, int parameter) => Derive(graph, f, graph.Parameter(parameter));

    /// <summary>∂<paramref name="f"/>/∂<paramref name="leaf"/>, for a variable or parameter leaf of the same graph.
    /// Differentiating a derivative again gives second derivatives.</summary>
    public static Node Derive(Graph graph, Node f, Node leaf) => new Differentiator(graph, leaf).D(f);

    private Node D(Node f)
    {
        if (_leaf.Op == Op.Parameter ? !f.DependsOnParameters : !f.DependsOnVariables)
            return _g.Constant(0);
        if (_memo.TryGetValue(f, out var cached))
            return cached;
        var result = Rule(f);
        _memo.Add(f, result);
        return result;
    }

    private Node Rule(Node f)
    {
        var g = _g;
        switch (f.Op)
        {
            case Op.Parameter:
            case Op.Variable:
                return g.Constant(ReferenceEquals(f, _leaf) ? 1 : 0);
            case Op.Add:
                return g.Add(D(f[0]), D(f[1]));
            case Op.Subtract:
                return g.Subtract(D(f[0]), D(f[1]));
            case Op.Negate:
                return g.Negate(D(f[0]));
            case Op.Multiply:
                return g.Add(g.Multiply(D(f[0]), f[1]), g.Multiply(f[0], D(f[1])));
            case Op.Divide:
            {
                // (a/b)' = a'/b − (a/b)·b'/b, which reuses the quotient itself.
                var da = D(f[0]);
                var db = D(f[1]);
                return g.Subtract(g.Divide(da, f[1]), g.Divide(g.Multiply(f, db), f[1]));
            }
            case Op.Power:
                return PowerRule(f);
            case Op.Exp:
                return g.Multiply(f, D(f[0]));
            case Op.Log:
                return g.Divide(D(f[0]), f[0]);
            case Op.Log10:
                return g.Divide(D(f[0]), g.Multiply(g.Constant(Math.Log(10)), f[0]));
            case Op.Sqrt:
                return g.Divide(D(f[0]), g.Multiply(g.Constant(2), f));
            case Op.Abs:
                return g.Multiply(g.Function(Op.Sign, f[0]), D(f[0]));
            case Op.Sign:
                return g.Constant(0);
            case Op.Sin:
                return g.Multiply(g.Function(Op.Cos, f[0]), D(f[0]));
            case Op.Cos:
                return g.Negate(g.Multiply(g.Function(Op.Sin, f[0]), D(f[0])));
            case Op.Tan:
                return g.Multiply(g.Add(g.Constant(1), g.Power(f, g.Constant(2))), D(f[0]));
            case Op.Asin:
                return g.Divide(D(f[0]), g.Function(Op.Sqrt, g.Subtract(g.Constant(1), g.Power(f[0], g.Constant(2)))));
            case Op.Acos:
                return g.Negate(g.Divide(D(f[0]), g.Function(Op.Sqrt, g.Subtract(g.Constant(1), g.Power(f[0], g.Constant(2))))));
            case Op.Atan:
                return g.Divide(D(f[0]), g.Add(g.Constant(1), g.Power(f[0], g.Constant(2))));
            case Op.Atan2:
            {
                // atan2(y, x)' = (x·y' − y·x') / (x² + y²)
                var (y, x) = (f[0], f[1]);
                var numerator = g.Subtract(g.Multiply(x, D(y)), g.Multiply(y, D(x)));
                return g.Divide(numerator, g.Add(g.Power(x, g.Constant(2)), g.Power(y, g.Constant(2))));
            }
            case Op.Sinh:
                return g.Multiply(g.Function(Op.Cosh, f[0]), D(f[0]));
            case Op.Cosh:
                return g.Multiply(g.Function(Op.Sinh, f[0]), D(f[0]));
            case Op.Tanh:
                return g.Multiply(g.Subtract(g.Constant(1), g.Power(f, g.Constant(2))), D(f[0]));
            case Op.Erf:
            case Op.Erfc:
            {
                // erf(u)' = 2/√π · exp(−u²) · u'
                var gaussian = g.Function(Op.Exp, g.Negate(g.Power(f[0], g.Constant(2))));
                var scale = g.Constant((f.Op == Op.Erf ? 2 : -2) / Math.Sqrt(Math.PI));
                return g.Multiply(g.Multiply(scale, gaussian), D(f[0]));
            }
            case Op.Select:
                return g.Select(f[0], D(f[1]), D(f[2]));
            default:
                // Conditions are 0/1-valued and piecewise constant: they contribute no derivative.
                if (f.Op.IsCondition())
                    return g.Constant(0);
                throw new InvalidOperationException("No derivative rule for " + f.Op);
        }
    }

    private Node PowerRule(Node f)
    {
        var g = _g;
        var (a, b) = (f[0], f[1]);
        if (!b.DependsOnParameters)
        {
            // (a^c)' = c·a^(c−1)·a'
            var exponent = b.IsConstant ? g.Constant(b.Value - 1) : g.Subtract(b, g.Constant(1));
            return g.Multiply(g.Multiply(b, g.Power(a, exponent)), D(a));
        }
        if (!a.DependsOnParameters)
            return g.Multiply(g.Multiply(f, g.Function(Op.Log, a)), D(b)); // (c^b)' = c^b·ln c·b'
        // (a^b)' = a^b·(b'·ln a + b·a'/a)
        var inner = g.Add(g.Multiply(D(b), g.Function(Op.Log, a)), g.Divide(g.Multiply(b, D(a)), a));
        return g.Multiply(f, inner);
    }
}
