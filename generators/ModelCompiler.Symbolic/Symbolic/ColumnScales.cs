// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// Splits each Jacobian column of a lowered graph into a factor that is the same at every point and the product that
/// varies: ∂f/∂x0 = a·(e·(2·d·k)) is (2·a·k)·(e·d). The normal-equation kernels sum products of the varying parts
/// and multiply each sum by its columns' factors once per call, (JᵀJ)_ab = c_a·c_b·Σ g_a·g_b, instead of multiplying
/// every point's row: fewer operations and fewer live registers in the loop over the points.
/// </summary>
internal static class ColumnScales
{
    /// <summary>
    /// The varying part and the point-invariant factor (null when it is 1) of <paramref name="column"/>. A column that is
    /// a product of varying values alone (give or take its sign), or that does not vary at all, is returned whole.
    /// </summary>
    public static (Node Varying, Node? Scale) Split(Graph graph, Node column)
    {
        if (!column.DependsOnVariables)
            return (column, null);
        var varying = new List<Node>();
        var invariant = new List<Node>();
        bool negative = false;
        if (!Collect(column, varying, invariant, ref negative) || invariant.Count == 0)
            return (column, null);   // a sign alone is not worth a factor: the loop negates as cheaply
        // Raw products: the simplifier would turn x·(1/k) back into a division in the loop.
        Node product = varying.Skip(1).Aggregate(varying[0], (left, right) => graph.Raw(Op.Multiply, left, right));
        Node scale = invariant.Skip(1).Aggregate(invariant[0], (left, right) => graph.Raw(Op.Multiply, left, right));
        return (product, negative ? graph.Raw(Op.Negate, scale) : scale);
    }

    /// <summary>
    /// A product's factors, to <see cref="MaxFactors"/>: the graph shares a power's squares, (k·x)^(2^d) is d nodes, and
    /// flattening them as a tree would write 2^d factors. False when there are more.
    /// </summary>
    private static bool Collect(Node node, List<Node> varying, List<Node> invariant, ref bool negative)
    {
        switch (node.Op)
        {
            case Op.Multiply when node.DependsOnVariables:
                return Collect(node[0], varying, invariant, ref negative) && Collect(node[1], varying, invariant, ref negative);
            case Op.Negate when node.DependsOnVariables:
                negative = !negative;
                return Collect(node[0], varying, invariant, ref negative);
            default:
                (node.DependsOnVariables ? varying : invariant).Add(node);
                return varying.Count + invariant.Count <= MaxFactors;
        }
    }

    private const int MaxFactors = 32;
}
