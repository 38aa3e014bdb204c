// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// The evaluation order of a set of outputs over one graph. Every non-leaf node used more than once gets a
/// local, so a shared subexpression is computed once; loop-invariant nodes (free of the variables) that the
/// per-point work needs are hoisted out of the loop; everything else is written inline where it is used.
/// </summary>
internal sealed class Schedule
{
    private Schedule(IReadOnlyList<Node> roots, IReadOnlyList<Node> hoisted, IReadOnlyList<Node> perPoint)
    {
        Roots = roots;
        Hoisted = hoisted;
        PerPoint = perPoint;
        Named = new HashSet<Node>(hoisted.Concat(perPoint));
    }

    public IReadOnlyList<Node> Roots { get; }

    /// <summary>Invariant nodes computed once per call, in dependency order.</summary>
    public IReadOnlyList<Node> Hoisted { get; }

    /// <summary>Per-point nodes computed once per point, in dependency order.</summary>
    public IReadOnlyList<Node> PerPoint { get; }

    /// <summary>Every non-leaf node that has a local of its own.</summary>
    public ISet<Node> Named { get; }

    /// <param name="hoist">False for straight-line code, where there is no loop to hoist out of.</param>
    public static Schedule Build(IReadOnlyList<Node> roots, bool hoist = true)
    {
        var uses = new Dictionary<Node, int>();
        var hasVaryingParent = new HashSet<Node>();
        var reachable = new List<Node>();
        var stack = new Stack<Node>(roots);
        foreach (var root in roots)
            uses[root] = uses.TryGetValue(root, out int u) ? u + 1 : 1;
        var seen = new HashSet<Node>();
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
                continue;
            reachable.Add(node);
            foreach (var arg in node.Args)
            {
                uses[arg] = uses.TryGetValue(arg, out int u) ? u + 1 : 1;
                if (node.DependsOnVariables)
                    hasVaryingParent.Add(arg);
                stack.Push(arg);
            }
        }

        var ordered = reachable.Where(n => !n.Op.IsLeaf()).OrderBy(n => n.Id).ToList();
        if (!hoist)
            return new Schedule(roots, new List<Node>(), ordered.Where(n => uses[n] > 1).ToList());
        var hoisted = ordered.Where(n => !n.DependsOnVariables && (uses[n] > 1 || hasVaryingParent.Contains(n))).ToList();
        var perPoint = ordered.Where(n => n.DependsOnVariables && uses[n] > 1).ToList();
        return new Schedule(roots, hoisted, perPoint);
    }

    /// <summary>Leaves of the given kind reachable from the roots, by index.</summary>
    public IReadOnlyList<int> LeafIndices(Op leaf)
    {
        var found = new SortedSet<int>();
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(Roots);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
                continue;
            if (node.Op == leaf)
                found.Add(node.Index);
            foreach (var arg in node.Args)
                stack.Push(arg);
        }
        return found.ToList();
    }

    /// <summary>Invariant values (parameters and hoisted nodes) that per-point expressions read.</summary>
    public IReadOnlyList<Node> InvariantsReadPerPoint()
    {
        var result = new List<Node>();
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(Roots.Where(r => r.DependsOnVariables));
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
                continue;
            if (!node.DependsOnVariables)
            {
                if (node.Op == Op.Parameter || Named.Contains(node))
                    result.Add(node);
                continue; // hoisted or inline constant: its insides belong to the once-per-call part
            }
            foreach (var arg in node.Args)
                stack.Push(arg);
        }
        return result.OrderBy(n => n.Op == Op.Parameter ? n.Index : int.MaxValue).ThenBy(n => n.Id).ToList();
    }
}
