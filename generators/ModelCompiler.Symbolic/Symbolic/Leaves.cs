// SPDX-License-Identifier: MIT
using System;
using System.Collections.Generic;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>What a leaf of a system's graph stands for.</summary>
internal enum LeafKind
{
    /// <summary>A named state or unknown (<see cref="Leaf.Slot"/> = its index).</summary>
    Unknown,
    /// <summary>The time t of an ODE system.</summary>
    Time,
    /// <summary>A model parameter (<see cref="Leaf.Slot"/> = its index).</summary>
    Parameter,
    /// <summary>n, the length of the array.</summary>
    Size,
    /// <summary>The loop index i, as a number.</summary>
    Index,
    /// <summary>x[Stride·i + Offset], relative to the loop index.</summary>
    Element,
    /// <summary>x at a fixed position (<see cref="Leaf.Position"/>).</summary>
    FixedElement,
    /// <summary>v[Stride·i + Offset] of a Jacobian– or Hessian–vector product.</summary>
    Direction,
    /// <summary>v at a fixed position, or (for named unknowns) v[Slot].</summary>
    FixedDirection,
}

/// <summary>A position in an array of run-time length n: <c>Offset</c> from the start, or <c>n + Offset</c> from the
/// end (<c>n - 1</c> is Offset −1). Positions from the start come first; the minimum size keeps the two apart.</summary>
internal readonly record struct Position(bool FromEnd, int Offset) : IComparable<Position>
{
    public static Position Start(int offset) => new(false, offset);

    public static Position End(int offset) => new(true, offset);

    /// <summary>True for positions inside 0 … n−1.</summary>
    public bool IsInside => FromEnd ? Offset < 0 : Offset >= 0;

    public int CompareTo(Position other) =>
        FromEnd != other.FromEnd ? (FromEnd ? 1 : -1) : Offset.CompareTo(other.Offset);

    /// <summary>As written in formulas: <c>0</c>, <c>n-1</c>, <c>n</c>, <c>-1</c>.</summary>
    public override string ToString() => !FromEnd ? Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Offset == 0 ? "n" : Offset > 0 ? "n+" + Offset : "n" + Offset;

    /// <summary>As a C# int expression over the run-time length <paramref name="count"/>.</summary>
    public string CSharp(string count) => !FromEnd ? Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Offset == 0 ? count : Offset > 0 ? $"{count} + {Offset}" : $"{count} - {-Offset}";
}

/// <summary>One leaf of a system's graph: a graph <see cref="Op.Variable"/> when it changes from one loop iteration
/// to the next (elements relative to i, and i), a graph <see cref="Op.Parameter"/> otherwise.</summary>
internal sealed record Leaf(LeafKind Kind, string Name, int Slot = 0, int Stride = 0, int Offset = 0, Position Position = default)
{
    public bool VariesInLoop => Kind is LeafKind.Element or LeafKind.Index or LeafKind.Direction;

    /// <summary>The element's index as written, <c>i-1</c>, <c>2*i+1</c>.</summary>
    public static string RelativeIndex(string index, int stride, int offset) =>
        (stride == 1 ? index : stride + "*" + index) + (offset == 0 ? "" : offset > 0 ? "+" + offset : offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The leaves of one system, each with its graph node: the binder finds them by name, the emitter by node.</summary>
internal sealed class LeafTable
{
    private readonly Graph _graph;
    private readonly Dictionary<string, Node> _byName = new();
    private readonly Dictionary<Node, Leaf> _byNode = new();
    private readonly List<string> _variables = new();
    private readonly List<string> _parameters = new();

    public LeafTable(Graph graph) => _graph = graph;

    /// <summary>Names of the variable leaves by index, for the binder.</summary>
    public IReadOnlyList<string> VariableNames => _variables;

    /// <summary>Names of the parameter leaves by index, for the binder.</summary>
    public IReadOnlyList<string> ParameterNames => _parameters;

    /// <summary>The node of <paramref name="leaf"/>, registered on first use under its name.</summary>
    public Node Get(Leaf leaf)
    {
        if (_byName.TryGetValue(leaf.Name, out var node))
            return node;
        if (leaf.VariesInLoop)
        {
            node = _graph.Variable(_variables.Count);
            _variables.Add(leaf.Name);
        }
        else
        {
            node = _graph.Parameter(_parameters.Count);
            _parameters.Add(leaf.Name);
        }
        _byName.Add(leaf.Name, node);
        _byNode.Add(node, leaf);
        return node;
    }

    public Leaf this[Node node] => _byNode[node];

    public bool TryGet(string name, out Node node) => _byName.TryGetValue(name, out node!);

    /// <summary>The display name of a leaf node, for the remarks of the generated code.</summary>
    public string Name(Node node) => _byNode[node].Name;
}
