// SPDX-License-Identifier: MIT
using System;
using System.Collections.Generic;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// A node of the expression graph. Nodes are immutable and hash-consed by <see cref="Graph"/>:
/// structurally equal nodes made by one graph are the same object, so shared subexpressions are
/// shared by construction and compared by reference.
/// </summary>
internal sealed class Node
{
    private static readonly Node[] NoArgs = Array.Empty<Node>();

    internal Node(Op op, double value, int index, Node[] args, int id)
    {
        Op = op;
        Value = value;
        Index = index;
        Args = args.Length == 0 ? NoArgs : args;
        Id = id;
        DependsOnVariables = op == Op.Variable || Any(args, static a => a.DependsOnVariables);
        DependsOnParameters = op == Op.Parameter || Any(args, static a => a.DependsOnParameters);
        IsFinite = op switch
        {
            Op.Constant => !double.IsNaN(value) && !double.IsInfinity(value),
            Op.Variable or Op.Parameter => true,
            _ => op.KeepsFinite() && !Any(args, static a => !a.IsFinite),
        };
    }

    public Op Op { get; }

    /// <summary>The value of a <see cref="Op.Constant"/>.</summary>
    public double Value { get; }

    /// <summary>The index of a <see cref="Op.Variable"/> or <see cref="Op.Parameter"/>.</summary>
    public int Index { get; }

    public IReadOnlyList<Node> Args { get; }

    /// <summary>Creation order within its graph: children always have smaller ids than their parents.</summary>
    public int Id { get; }

    public bool DependsOnVariables { get; }

    public bool DependsOnParameters { get; }

    /// <summary>
    /// Provably finite for all finite data and parameters, overflow aside (see <see cref="OpFacts.KeepsFinite"/>):
    /// the simplifier may fold 0·u to 0 and u − u to 0 only then, or it would hide a NaN the written formula has.
    /// </summary>
    public bool IsFinite { get; }

    public bool IsConstant => Op == Op.Constant;

    public bool IsConstantValue(double value) => Op == Op.Constant && Value.Equals(value);

    public Node this[int i] => Args[i];

    public override string ToString() => FormulaPrinter.Print(this, p => "p" + p, v => "x" + v);

    private static bool Any(Node[] args, Func<Node, bool> predicate)
    {
        foreach (var a in args)
            if (predicate(a))
                return true;
        return false;
    }
}
