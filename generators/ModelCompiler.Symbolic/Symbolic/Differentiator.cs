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
                return g.Add(Times(D(f[0]), f[1]), Times(f[0], D(f[1])));
            case Op.Divide:
            {
                // (a/b)' = a'/b − (a/b)·b'/b, which reuses the quotient itself.
                var da = D(f[0]);
                var db = D(f[1]);
                return g.Subtract(Over(da, f[1]), Over(Times(f, db), f[1]));
            }
            case Op.Power:
                return PowerRule(f);
            case Op.Exp:
                return Times(f, D(f[0]));
            case Op.Log:
                return Over(D(f[0]), f[0]);
            case Op.Log10:
                return Over(D(f[0]), g.Multiply(g.Constant(Math.Log(10)), f[0]));
            case Op.Sqrt:
                // √u' = u'/(2√u), or √u·(u'/u)/2 where u'/u needs no division by u: at u = 0 the first is 0/0
                // whenever u' vanishes there too, as ∂√(x·k)/∂k at x = 0, whose limit is 0.
                return LogDerivative(f[0]) is { } sqrtLog
                    ? g.Divide(Times(f, sqrtLog), g.Constant(2))
                    : Over(D(f[0]), g.Multiply(g.Constant(2), f));
            case Op.Abs:
                return Times(g.Function(Op.Sign, f[0]), D(f[0]));
            case Op.Sign:
                return g.Constant(0);
            case Op.Sin:
                return Times(g.Function(Op.Cos, f[0]), D(f[0]));
            case Op.Cos:
                return g.Negate(Times(g.Function(Op.Sin, f[0]), D(f[0])));
            case Op.Tan:
                return Times(g.Add(g.Constant(1), g.Power(f, g.Constant(2))), D(f[0]));
            case Op.Asin:
                return Over(D(f[0]), OneMinusSquareRoot(f[0]));
            case Op.Acos:
                return g.Negate(Over(D(f[0]), OneMinusSquareRoot(f[0])));
            case Op.Atan:
                return Over(D(f[0]), g.Add(g.Constant(1), g.Power(f[0], g.Constant(2))));
            case Op.Atan2:
            {
                // atan2(y, x)' = (x·y' − y·x') / (x² + y²)
                var (y, x) = (f[0], f[1]);
                var numerator = g.Subtract(Times(x, D(y)), Times(y, D(x)));
                return Over(numerator, g.Add(g.Power(x, g.Constant(2)), g.Power(y, g.Constant(2))));
            }
            case Op.Sinh:
                return Times(g.Function(Op.Cosh, f[0]), D(f[0]));
            case Op.Cosh:
                return Times(g.Function(Op.Sinh, f[0]), D(f[0]));
            case Op.Tanh:
                // tanh' = 1/cosh²: 1 − tanh² is 0 for |u| > 19 and has lost half its digits by |u| = 10.
                return Over(D(f[0]), g.Power(g.Function(Op.Cosh, f[0]), g.Constant(2)));
            case Op.Erf:
            case Op.Erfc:
            {
                // erf(u)' = 2/√π · exp(−u²) · u'
                var gaussian = g.Function(Op.Exp, g.Negate(g.Power(f[0], g.Constant(2))));
                var scale = g.Constant((f.Op == Op.Erf ? 2 : -2) / Math.Sqrt(Math.PI));
                return Times(g.Multiply(scale, gaussian), D(f[0]));
            }
            case Op.Expm1:
                // e^u, not expm1(u) + 1, which cancels where u is very negative.
                return Times(g.Function(Op.Exp, f[0]), D(f[0]));
            case Op.Log1p:
                return Over(D(f[0]), g.Add(g.Constant(1), f[0]));
            case Op.Log2:
                return Over(D(f[0]), g.Multiply(g.Constant(Math.Log(2)), f[0]));
            case Op.Cbrt:
                // ∛u' = u'/(3∛u²), or ∛u·(u'/u)/3 where u'/u needs no division by u, as for √u.
                return LogDerivative(f[0]) is { } cbrtLog
                    ? g.Divide(Times(f, cbrtLog), g.Constant(3))
                    : Over(D(f[0]), g.Multiply(g.Constant(3), g.Power(f, g.Constant(2))));
            case Op.Hypot:
            {
                // hypot(u, v)' = (u·u' + v·v')/hypot(u, v), taken as 0 where both are 0 (a kink, as abs has).
                var numerator = g.Add(Times(f[0], D(f[0])), Times(f[1], D(f[1])));
                if (IsZero(numerator))
                    return numerator;
                return g.Select(g.Condition(Op.Equal, f, g.Constant(0)), g.Constant(0), g.Divide(numerator, f));
            }
            case Op.Min:
            case Op.Max:
                return MinMaxRule(f);
            case Op.Select:
                return g.Select(f[0], D(f[1]), D(f[2]));
            default:
                // Conditions are 0/1-valued and piecewise constant: they contribute no derivative.
                if (f.Op.IsCondition())
                    return g.Constant(0);
                throw new InvalidOperationException("No derivative rule for " + f.Op);
        }
    }

    /// <summary>
    /// (a^b)' = b'·a^b·ln a + b·a^b·a'/a, each term only where its factor b' or a' is not zero. The first term's
    /// a^b·ln a has the limit 0 where a^b is 0 (a = 0 with b &gt; 0). The second is c·a^(c−1)·a' for a whole exponent
    /// c ≥ 1: a few multiplications, and finite where a is 0. Otherwise a'/a is taken without dividing by a where the
    /// structure allows (∂(x/c)^b/∂c at x = 0), else as b·a^(b−1)·a' for an exponent free of parameters, else as
    /// a^b·b·a'/a; the two that divide are 0 where a^b is 0 and b &gt; 1, the limit there, where they would give 0·∞ = NaN
    /// (∂(k·x)^2.5/∂k at k = 0, ∂(x − x0)^p/∂x0 at x = x0 with p = 2).
    /// </summary>
    private Node PowerRule(Node f)
    {
        var g = _g;
        var (a, b) = (f[0], f[1]);
        var (da, db) = (D(a), D(b));
        var byExponent = Times(PowerTimesLog(f, a), db);
        if (IsZero(da))
            return byExponent;
        bool wholeExponent = b.IsConstant && b.Value >= 1 && b.Value == Math.Floor(b.Value);
        bool dividesByAZero = false;
        var baseLog = wholeExponent ? null : LogDerivative(a, out dividesByAZero);
        if (baseLog is null && !b.DependsOnParameters)
        {
            // (a^c)' = c·a^(c−1)·a'
            var exponent = b.IsConstant ? g.Constant(b.Value - 1) : g.Subtract(b, g.Constant(1));
            return g.Add(byExponent, Times(g.Multiply(b, g.Power(a, exponent)), da));
        }
        var byBase = baseLog is not null ? g.Multiply(g.Multiply(b, f), baseLog) : Times(f, Over(Times(b, da), a));
        if (baseLog is not null && !dividesByAZero)
            return g.Add(byExponent, byBase);   // (x/c)^b by c: f is 0 only at x = 0, where b·f·(−1/c) is 0 already
        var vanishes = g.Condition(Op.Equal, f, g.Constant(0));
        if (!b.IsConstant)
            byBase = g.Select(g.Condition(Op.And, vanishes, g.Condition(Op.Greater, b, g.Constant(1))), g.Constant(0), byBase);
        else if (b.Value > 1)
            byBase = g.Select(vanishes, g.Constant(0), byBase);
        return g.Add(byExponent, byBase);
    }

    /// <summary>
    /// a^b·ln a for f = a^b, written to be 0 where f is 0: there a = 0 and b &gt; 0 (or f underflowed), and 0 is the
    /// limit, where the plain product is 0·(−∞) = NaN. A positive constant base needs no guard.
    /// </summary>
    private Node PowerTimesLog(Node f, Node a)
    {
        var g = _g;
        var product = g.Multiply(f, g.Function(Op.Log, a));
        if (a.IsConstant && a.Value > 0)
            return product;
        return g.Select(g.Condition(Op.Equal, f, g.Constant(0)), g.Constant(0), product);
    }

    /// <summary>
    /// The logarithmic derivative u'/u built without dividing by u, when u is a product, quotient or power of factors
    /// some of which do not depend on the parameter: their log-derivative is 0, and their zeros (x = 0 in x/c) are
    /// then no longer 0/0 in the derivative. Null when u has another shape, or when no such factor was absorbed
    /// (then u'/u is as good as this, and a bare parameter's 1/p would be worse where p = 0).
    /// </summary>
    private Node? LogDerivative(Node u) => LogDerivative(u, out _);

    /// <summary>
    /// <see cref="LogDerivative(Node)"/>, and whether it divides by a factor whose zero makes u zero (k in k·x, where
    /// 1/k meets u = 0 as 0·∞); a divisor's own 1/c (c in x/c) only meets u = ∞.
    /// </summary>
    private Node? LogDerivative(Node u, out bool dividesByAZeroOfU)
    {
        var (log, absorbed, divides) = LogDerivativeParts(u, inverted: false);
        dividesByAZeroOfU = divides;
        return log is not null && absorbed ? log : null;
    }

    /// <summary>The parts of <see cref="LogDerivative(Node, out bool)"/> for a factor that is a divisor when <paramref name="inverted"/>.</summary>
    private (Node? Log, bool Absorbed, bool DividesByAZero) LogDerivativeParts(Node u, bool inverted)
    {
        var g = _g;
        var du = D(u);
        if (IsZero(du))
            return (g.Constant(0), !u.IsConstant, false);
        switch (u.Op)
        {
            case Op.Parameter:
            case Op.Variable:
                return (g.Divide(g.Constant(1), u), false, !inverted);
            case Op.Negate:
                return LogDerivativeParts(u[0], inverted);
            case Op.Exp:
                return (du, false, false);
            case Op.Multiply:
            case Op.Divide:
            {
                var (left, leftAbsorbed, leftDivides) = LogDerivativeParts(u[0], inverted);
                var (right, rightAbsorbed, rightDivides) = LogDerivativeParts(u[1], u.Op == Op.Divide ? !inverted : inverted);
                if (left is null || right is null)
                    return (null, false, false);
                return (u.Op == Op.Multiply ? g.Add(left, right) : g.Subtract(left, right), leftAbsorbed || rightAbsorbed,
                        leftDivides || rightDivides);
            }
            case Op.Power when IsZero(D(u[1])):
            {
                // A negative constant exponent turns its base's factors into divisors; an exponent that varies may be either.
                var exponent = u[1];
                var (inner, absorbed, divides) = LogDerivativeParts(u[0], exponent.IsConstant && exponent.Value < 0 ? !inverted : inverted);
                return (inner is null ? null : g.Multiply(exponent, inner), absorbed, divides || !exponent.IsConstant);
            }
            case Op.Sqrt:
            case Op.Cbrt:
            {
                var (inner, absorbed, divides) = LogDerivativeParts(u[0], inverted);
                return (inner is null ? null : g.Divide(inner, g.Constant(u.Op == Op.Sqrt ? 2 : 3)), absorbed, divides);
            }
            case Op.Abs:
                return LogDerivativeParts(u[0], inverted); // |u|'/|u| = sign(u)·u'/|u| = u'/u
            default:
                return (null, false, false);
        }
    }

    /// <summary>√(1 − u²) as √((1 − u)(1 + u)): 1 − u is exact near |u| = 1, where 1 − u² loses the digits asin' needs.</summary>
    private Node OneMinusSquareRoot(Node u)
    {
        var g = _g;
        return g.Function(Op.Sqrt, g.Multiply(g.Subtract(g.Constant(1), u), g.Add(g.Constant(1), u)));
    }

    private static bool IsZero(Node node) => node.IsConstantValue(0);

    /// <summary>
    /// min or max: the derivative of the argument it takes. At a tie it takes the first's, unless the other's is a
    /// structural zero: then that one, the flat side, so that √max(x − c, 0) at x = c has ∂/∂c = 0 rather than the −∞
    /// of its other side, and a start with c on a data point can be fitted.
    /// </summary>
    private Node MinMaxRule(Node f)
    {
        var g = _g;
        var (first, second) = (D(f[0]), D(f[1]));
        bool max = f.Op == Op.Max;
        if (IsZero(second) && !IsZero(first))
            return g.Select(g.Condition(max ? Op.Greater : Op.Less, f[0], f[1]), first, second);
        return g.Select(g.Condition(max ? Op.GreaterOrEqual : Op.LessOrEqual, f[0], f[1]), first, second);
    }

    /// <summary>
    /// a·b, zero where either is a structural zero. A piecewise factor with a zero piece keeps that piece zero when the
    /// other factor varies from point to point (and so may have a pole there): on the flat side of max(x − c, 0), ∂/∂c
    /// of log or a power of it is 0, not the pole times 0, which is NaN. A factor the same at every point stays
    /// outside, where the kernels take it out of the sums as the column's scale.
    /// </summary>
    private Node Times(Node a, Node b)
    {
        if (IsZero(a) || IsZero(b))
            return _g.Constant(0);
        if (HasZeroPiece(b) && a.DependsOnVariables)
            return _g.Select(b[0], Times(a, b[1]), Times(a, b[2]));
        if (HasZeroPiece(a) && b.DependsOnVariables)
            return _g.Select(a[0], Times(a[1], b), Times(a[2], b));
        return _g.Multiply(a, b);
    }

    /// <summary>
    /// A derivative over a denominator, zero where the derivative is a structural zero, piece by piece where it is
    /// piecewise with a zero piece: ∂√max(x − c, 0)/∂c is 0 where x &lt; c, not 0/0.
    /// </summary>
    private Node Over(Node derivative, Node denominator)
    {
        if (IsZero(derivative))
            return derivative;
        if (HasZeroPiece(derivative) && denominator.DependsOnVariables)
            return _g.Select(derivative[0], Over(derivative[1], denominator), Over(derivative[2], denominator));
        return _g.Divide(derivative, denominator);
    }

    /// <summary>A choice between pieces made point by point, one of which is a structural zero.</summary>
    private static bool HasZeroPiece(Node node) =>
        node.Op == Op.Select && node.DependsOnVariables && (IsZero(node[1]) || IsZero(node[2]));
}
