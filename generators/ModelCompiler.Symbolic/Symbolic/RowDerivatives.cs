// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>One structurally nonzero entry of a Jacobian row: its column (a position, or the offset k of x[i+k]) and ∂F/∂x.</summary>
internal sealed record JacobianEntry(Position Column, Node Derivative);

/// <summary>A row's value with every derivative the emitters need: ∂/∂x (its sparsity), ∂/∂t, ∂/∂p and (∂/∂x)·v.</summary>
internal sealed record RowKernel(Node Value, IReadOnlyList<JacobianEntry> Jacobian, Node TimeDerivative,
                                 IReadOnlyList<Node> ParameterDerivatives, Node JacobianTimes);

/// <summary>
/// The derivatives of a system of equations or an ODE system, from the one differentiator: every row at a fixed
/// position and the interior stencil, differentiated with respect to each element it reads (which gives the sparsity
/// pattern: an entry exists when its derivative is not identically zero), the time and every parameter.
/// </summary>
internal sealed class RowDerivatives
{
    private RowDerivatives(IReadOnlyList<RowKernel> rows, RowKernel? interior, bool dependsOnTime)
    {
        Rows = rows;
        Interior = interior;
        DependsOnTime = dependsOnTime;
    }

    /// <summary>In the order of <see cref="SystemDefinition.Rows"/>; columns ascending.</summary>
    public IReadOnlyList<RowKernel> Rows { get; }

    /// <summary>The stencil of the interior rows; a column's <see cref="Position.Offset"/> is k of x[i+k].</summary>
    public RowKernel? Interior { get; }

    public bool DependsOnTime { get; }

    public static RowDerivatives Compute(SystemDefinition definition)
    {
        var g = definition.Graph;
        var leaves = definition.Leaves;
        var spec = definition.Spec;
        Node? time = spec.Time is not null && leaves.TryGet(spec.Time, out var t) ? t : null;
        var parameters = spec.Parameters.Select(p => leaves.TryGet(p, out var leaf) ? leaf : null).ToList();

        RowKernel Kernel(Node value, IEnumerable<(Position Column, Node Leaf, Node Direction)> columns)
        {
            var entries = new List<JacobianEntry>();
            var product = g.Constant(0);
            foreach (var (column, leaf, direction) in columns.OrderBy(c => c.Column))
            {
                var derivative = Differentiator.Derive(g, value, leaf);
                if (derivative.IsConstantValue(0))
                    continue;
                entries.Add(new JacobianEntry(column, derivative));
                product = g.Add(product, g.Multiply(derivative, direction));
            }
            var dt = time is null ? g.Constant(0) : Differentiator.Derive(g, value, time);
            var dp = parameters.Select(p => p is null ? g.Constant(0) : Differentiator.Derive(g, value, p)).ToList();
            return new RowKernel(value, entries, dt, dp, product);
        }

        var rows = new List<RowKernel>();
        foreach (var row in definition.Rows)
        {
            if (definition.Indexed)
            {
                var fixedLeaves = Reachable(row.Value).Where(n => n.Op == Op.Parameter && leaves[n].Kind == LeafKind.FixedElement).ToList();
                rows.Add(Kernel(row.Value, fixedLeaves.Select(n =>
                {
                    var position = leaves[n].Position;
                    var direction = leaves.Get(new Leaf(LeafKind.FixedDirection, $"v[{position}]", Position: position));
                    return (position, n, direction);
                })));
            }
            else
            {
                rows.Add(Kernel(row.Value, spec.Unknowns.Select((name, k) =>
                    (Position.Start(k), leaves.Get(new Leaf(LeafKind.Unknown, name, Slot: k)),
                     leaves.Get(new Leaf(LeafKind.FixedDirection, $"v[{name}]", Slot: k))))));
            }
        }
        RowKernel? interior = null;
        if (definition.Interior is { } stencil)
        {
            var elements = Reachable(stencil.Value).Where(n => n.Op == Op.Variable && leaves[n].Kind == LeafKind.Element).ToList();
            interior = Kernel(stencil.Value, elements.Select(n =>
            {
                int offset = leaves[n].Offset;
                var direction = leaves.Get(new Leaf(LeafKind.Direction, $"v[{Leaf.RelativeIndex(stencil.Index, 1, offset)}]", Stride: 1, Offset: offset));
                return (Position.Start(offset), n, direction);
            }));
        }
        bool dependsOnTime = rows.Concat(interior is null ? Enumerable.Empty<RowKernel>() : new[] { interior })
            .Any(r => !r.TimeDerivative.IsConstantValue(0));
        return new RowDerivatives(rows, interior, dependsOnTime);
    }

    public static IEnumerable<Node> Reachable(Node root)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
                continue;
            yield return node;
            foreach (var arg in node.Args)
                stack.Push(arg);
        }
    }
}
