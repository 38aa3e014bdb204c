// SPDX-License-Identifier: MIT
using System.Collections.Generic;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// Whether a Jacobian column could be the rounding of its own formula, as sin(πx)'s is at integer x: the fits find such
/// columns by moving x by 8 ulps and asking whether a column changed by more than 1e-4 of itself. A column computed to
/// within a modest multiple of ε of itself at every point cannot be that, so the fits can skip the check for it. Such
/// are the variables, a difference or sum of two of the formula's leaves (x − x0: exact operands, one rounding), a sum
/// of two such terms that cannot be negative ((x − x0)² + (y − y0)²), and products and quotients, negation and abs, exp
/// and the other functions that do not cancel, roots and constant powers, min and max of such terms. Other sums and
/// differences can cancel, as can logarithms near 1, the trigonometric functions near their zeros, and a branch taken
/// on the variables can flip: a column with any of them where it depends on the variables may be rounding noise.
/// </summary>
internal static class ColumnSensitivity
{
    /// <summary>Past this |c| a constant power's relative change (|c| times its base's) is no longer negligible.</summary>
    private const double MaxExponent = 1e6;

    public static bool MayBeRoundingNoise(IEnumerable<Node> columns)
    {
        var known = new Dictionary<Node, bool>();
        foreach (var column in columns)
            if (!IsStable(column, known))
                return true;
        return false;
    }

    private static bool IsStable(Node node, Dictionary<Node, bool> known)
    {
        if (!node.DependsOnVariables)
            return true;   // the same bits at both abscissas, whatever it computes
        if (known.TryGetValue(node, out bool stable))
            return stable;
        stable = node.Op switch
        {
            Op.Variable => true,
            Op.Add or Op.Subtract => IsLeaf(node[0]) && IsLeaf(node[1])
                                     || node.Op == Op.Add && IsNonNegative(node[0]) && IsNonNegative(node[1])
                                        && IsStable(node[0], known) && IsStable(node[1], known),
            Op.Multiply or Op.Divide or Op.Min or Op.Max or Op.Hypot => IsStable(node[0], known) && IsStable(node[1], known),
            // exp, sinh, cosh, expm1 and erfc change by at most |u|·(u's relative change), and |u| is below ~745 where they are finite.
            Op.Negate or Op.Abs or Op.Exp or Op.Sqrt or Op.Cbrt or Op.Tanh or Op.Atan or Op.Erf or Op.Erfc or Op.Sinh or Op.Cosh
                or Op.Expm1 => IsStable(node[0], known),
            Op.Power => node[1].IsConstant && System.Math.Abs(node[1].Value) <= MaxExponent && IsStable(node[0], known),
            _ => false,
        };
        known.Add(node, stable);
        return stable;
    }

    /// <summary>A variable, parameter or constant, or its negation: exact, so a sum of two such is rounded once.</summary>
    private static bool IsLeaf(Node node) => node.Op is Op.Variable or Op.Parameter or Op.Constant || node.Op == Op.Negate && IsLeaf(node[0]);

    /// <summary>Whether <paramref name="node"/> is ≥ 0 wherever it is defined, so that a sum of two such cannot cancel.</summary>
    private static bool IsNonNegative(Node node) => node.Op switch
    {
        Op.Constant => node.Value >= 0,
        Op.Exp or Op.Sqrt or Op.Abs or Op.Cosh or Op.Hypot => true,
        // An even integer power; u·u.
        Op.Power => node[1].IsConstant && node[1].Value % 2 == 0,
        Op.Multiply => ReferenceEquals(node[0], node[1]) || IsNonNegative(node[0]) && IsNonNegative(node[1]),
        Op.Add or Op.Divide or Op.Min or Op.Max => IsNonNegative(node[0]) && IsNonNegative(node[1]),
        _ => false,
    };
}
