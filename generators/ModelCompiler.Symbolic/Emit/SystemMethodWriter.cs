// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>Where the result of one root goes, inside a loop over i or in straight-line code.</summary>
internal abstract record Output
{
    /// <summary><c>span[Base + i] = value</c> in a loop (<c>span[Base]</c> in straight-line code); vectorizable.</summary>
    public sealed record Store(string Span, string Base) : Output;

    /// <summary><c>span[Stride·i + Offset] += value</c>; vectorizable when the stride is 1.</summary>
    public sealed record Accumulate(string Span, int Stride, int Offset) : Output;

    /// <summary><c>total += value</c> over the loop; vectorized with one accumulator per lane.</summary>
    public sealed record Reduce(string Total) : Output;

    /// <summary>A scalar statement, <c>{0}</c> standing for the value: <c>jacobian[at + 1] = {0};</c>.</summary>
    public sealed record Statement(string Format) : Output;
}

/// <summary>
/// Writes the body of one generated method of a system: loads the leaves it reads (states, parameters, fixed
/// elements) into locals named after them, then straight-line blocks (named systems, boundary rows) and loops over
/// the interior rows or a sum's range, on the widest accelerated vectors with a scalar tail where every output
/// allows it. The value and all derivative outputs of one block are scheduled as one statement list, so shared
/// subexpressions are computed once.
/// </summary>
internal sealed class SystemMethodWriter
{
    private static readonly Lanes[] VectorWidths = { Lanes.Vector512, Lanes.Vector256 };

    private readonly SourceWriter _w;
    private readonly SystemDefinition _definition;
    private readonly NameScope _scope;
    private readonly System.Func<Leaf, string> _source;
    private readonly Dictionary<Node, string> _names = new();
    private readonly Dictionary<Node, string> _loopLeafNames = new();
    private readonly Dictionary<string, string> _refs = new();
    private readonly HashSet<string> _declaredRefs = new();

    /// <param name="source">The C# expression a leaf is read from, e.g. <c>parameters[1]</c> or <c>u[count - 1]</c>; for a
    /// leaf relative to i, the span it is loaded from.</param>
    public SystemMethodWriter(SourceWriter w, SystemDefinition definition, NameScope scope, System.Func<Leaf, string> source)
    {
        _w = w;
        _definition = definition;
        _scope = scope;
        _source = source;
    }

    private Graph Graph => _definition.Graph;

    private LeafTable Leaves => _definition.Leaves;

    /// <summary>Gives a leaf a name that needs no load (the time parameter of the method).</summary>
    public void Name(Node leaf, string name) => _names[leaf] = name;

    /// <summary>Straight-line code: each root's value goes to its output's statement.</summary>
    public void StraightLine(IReadOnlyList<Node> roots, IReadOnlyList<string> statements, string? comment = null)
    {
        var lowered = Lowering.Lower(Graph, roots, reciprocals: false);
        var schedule = Schedule.Build(lowered, hoist: false);
        if (comment is not null)
            _w.Line("// " + comment);
        LoadLeaves(lowered);
        var writer = new ExpressionWriter(Lanes.Scalar, node => _names.TryGetValue(node, out var name) ? name : null);
        foreach (var node in schedule.PerPoint)
            Define(node, writer);
        for (int r = 0; r < lowered.Count; r++)
            _w.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, statements[r], writer.Write(lowered[r])));
    }

    /// <summary>Straight-line code for the shared parts of the roots, and each root's expression, for a <c>return</c>.</summary>
    public IReadOnlyList<string> Expressions(IReadOnlyList<Node> roots)
    {
        var lowered = Lowering.Lower(Graph, roots, reciprocals: false);
        var schedule = Schedule.Build(lowered, hoist: false);
        LoadLeaves(lowered);
        var writer = new ExpressionWriter(Lanes.Scalar, node => _names.TryGetValue(node, out var name) ? name : null);
        foreach (var node in schedule.PerPoint)
            Define(node, writer);
        return lowered.Select(writer.Write).ToList();
    }

    /// <summary>
    /// A loop over <c>index = from … to − 1</c>. Loop-invariant work is hoisted before it; with <paramref name="vectorize"/>
    /// and outputs that allow it, blocks of i run on Vector512 or Vector256, and a scalar loop finishes the rest.
    /// </summary>
    /// <param name="afterEach">Scalar statements closing every iteration, e.g. <c>at += 3;</c>.</param>
    public void Loop(string index, string from, string to, IReadOnlyList<Node> roots, IReadOnlyList<Output> outputs, bool vectorize,
                     string? comment = null, IReadOnlyList<string>? afterEach = null)
    {
        var lowered = Lowering.Lower(Graph, roots, reciprocals: true);
        var schedule = Schedule.Build(lowered, hoist: true);
        if (comment is not null)
            _w.Line("// " + comment);
        var invariantLeaves = lowered.SelectMany(Reachable).Where(n => n.Op == Op.Parameter).Distinct().OrderBy(n => n.Index);
        LoadLeaves(invariantLeaves.ToList());
        var scalarInvariant = new ExpressionWriter(Lanes.Scalar, node => _names.TryGetValue(node, out var name) ? name : null);
        foreach (var node in schedule.Hoisted)
            Define(node, scalarInvariant);
        foreach (var root in lowered)
            if (!root.DependsOnVariables && !root.Op.IsLeaf() && !_names.ContainsKey(root))
                Define(root, scalarInvariant);

        var varyingLeaves = lowered.SelectMany(Reachable).Where(n => n.Op == Op.Variable).Distinct()
            .OrderBy(n => Leaves[n].Kind).ThenBy(n => Leaves[n].Stride).ThenBy(n => Leaves[n].Offset).ToList();
        foreach (var leaf in varyingLeaves)
            if (!_loopLeafNames.ContainsKey(leaf))
                _loopLeafNames[leaf] = _scope.Claim(LocalStem(Leaves[leaf]));

        bool canVectorize = vectorize
            && varyingLeaves.All(l => Leaves[l].Kind == LeafKind.Index || Leaves[l].Stride == 1)
            && outputs.All(o => o is Output.Store or Output.Reduce || o is Output.Accumulate { Stride: 1 });
        string i = _scope.Claim(index);
        _w.Line($"int {i} = {from};");
        if (canVectorize)
        {
            foreach (var span in varyingLeaves.Where(l => Leaves[l].Kind != LeafKind.Index).Select(l => _source(Leaves[l])).Distinct()
                         .Concat(outputs.OfType<Output.Store>().Select(o => o.Span))
                         .Concat(outputs.OfType<Output.Accumulate>().Select(o => o.Span)).Distinct())
                if (_declaredRefs.Add(span))
                    _w.Line($"ref double {Ref(span)} = ref MemoryMarshal.GetReference({span});");
            for (int k = 0; k < VectorWidths.Length; k++)
                VectorLoop(VectorWidths[k], k == 0, i, to, schedule, lowered, outputs, varyingLeaves);
        }
        _w.Open($"for (; {i} < {to}; {i}++)");
        foreach (var leaf in varyingLeaves)
            _w.Line($"double {_loopLeafNames[leaf]} = {ScalarLoad(Leaves[leaf], i)};");
        var perPoint = new Dictionary<Node, string>();
        var writer = new ExpressionWriter(Lanes.Scalar, node =>
            _loopLeafNames.TryGetValue(node, out var leaf) ? leaf
            : perPoint.TryGetValue(node, out var local) ? local
            : _names.TryGetValue(node, out var name) ? name : null);
        foreach (var node in schedule.PerPoint)
        {
            string definition = writer.WriteDefinition(node);
            perPoint[node] = PerPointName(node);
            _w.Line($"{ScalarType(node)} {perPoint[node]} = {definition};");
        }
        for (int r = 0; r < lowered.Count; r++)
            _w.Line(ScalarOutput(outputs[r], writer.Write(lowered[r]), i));
        foreach (string line in afterEach ?? System.Array.Empty<string>())
            _w.Line(line);
        _w.Close();
    }

    private readonly Dictionary<Node, string> _perPointNames = new();

    /// <summary>Per-point locals keep one name across the vector and scalar loops, which are sibling scopes.</summary>
    private string PerPointName(Node node)
    {
        if (!_perPointNames.TryGetValue(node, out var name))
            _perPointNames[node] = name = _scope.Numbered(Stem(node));
        return name;
    }

    private void VectorLoop(Lanes lanes, bool first, string i, string to, Schedule schedule, IReadOnlyList<Node> roots,
                            IReadOnlyList<Output> outputs, IReadOnlyList<Node> varyingLeaves)
    {
        string v = lanes.VectorType();
        string vector = v + "<double>";
        _w.Open($"{(first ? "if" : "else if")} ({v}.IsHardwareAccelerated)");
        var broadcasts = new Dictionary<Node, string>();
        foreach (var invariant in InvariantsReadPerPoint(roots))
        {
            string scalar = _names[invariant];
            broadcasts[invariant] = _scope.Claim(scalar.TrimStart('@') + "V");
            _w.Line($"{vector} {broadcasts[invariant]} = {KernelWriter.Broadcast(v, invariant, scalar)};");
        }
        var totals = new Dictionary<string, string>();
        foreach (var reduce in outputs.OfType<Output.Reduce>().Select(o => o.Total).Distinct())
        {
            totals[reduce] = _scope.Claim(reduce + "V");
            _w.Line($"{vector} {totals[reduce]} = {vector}.Zero;");
        }
        _w.Open($"for (; {i} <= {to} - {vector}.Count; {i} += {vector}.Count)");
        foreach (var leaf in varyingLeaves)
        {
            var info = Leaves[leaf];
            string load = info.Kind == LeafKind.Index
                ? $"{v}.Create((double){i}) + {vector}.Indices"
                : $"{v}.LoadUnsafe(ref {Ref(_source(info))}, (nuint)({Offset(i, info.Offset)}))";
            _w.Line($"{vector} {_loopLeafNames[leaf]} = {load};");
        }
        var perPoint = new Dictionary<Node, string>();
        var writer = new ExpressionWriter(lanes, node =>
            _loopLeafNames.TryGetValue(node, out var leaf) ? leaf
            : broadcasts.TryGetValue(node, out var broadcast) ? broadcast
            : perPoint.TryGetValue(node, out var local) ? local : null);
        foreach (var node in schedule.PerPoint)
        {
            string definition = writer.WriteDefinition(node);
            perPoint[node] = PerPointName(node);
            _w.Line($"{vector} {perPoint[node]} = {definition};");
        }
        for (int r = 0; r < roots.Count; r++)
        {
            string value = writer.Write(roots[r]);
            string wrapped = IsIdentifier(value) || KernelWriter.IsSingleCall(value) ? value : "(" + value + ")";
            switch (outputs[r])
            {
                case Output.Store store:
                    _w.Line($"{wrapped}.StoreUnsafe(ref {Ref(store.Span)}, (nuint)({Offset(i, store.Base)}));");
                    break;
                case Output.Accumulate accumulate:
                {
                    string at = $"(nuint)({Offset(i, accumulate.Offset)})";
                    _w.Line($"({v}.LoadUnsafe(ref {Ref(accumulate.Span)}, {at}) + {wrapped}).StoreUnsafe(ref {Ref(accumulate.Span)}, {at});");
                    break;
                }
                case Output.Reduce reduce:
                    _w.Line($"{totals[reduce.Total]} += {value};");
                    break;
            }
        }
        _w.Close();
        foreach (var total in totals)
            _w.Line($"{total.Key} += {v}.Sum({total.Value});");
        _w.Close();
    }

    /// <summary>Invariant values the per-point expressions read: parameters and the locals computed before the loop.</summary>
    private IReadOnlyList<Node> InvariantsReadPerPoint(IReadOnlyList<Node> roots)
    {
        var result = new List<Node>();
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(roots);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
                continue;
            if (!node.DependsOnVariables)
            {
                if (_names.ContainsKey(node))
                    result.Add(node);
                continue;
            }
            foreach (var arg in node.Args)
                stack.Push(arg);
        }
        return result.OrderBy(n => n.Op == Op.Parameter ? n.Index : int.MaxValue).ThenBy(n => n.Id).ToList();
    }

    private string ScalarOutput(Output output, string value, string i) => output switch
    {
        Output.Store store => $"{store.Span}[{Offset(i, store.Base)}] = {value};",
        Output.Accumulate accumulate => $"{accumulate.Span}[{Offset(accumulate.Stride == 1 ? i : accumulate.Stride + " * " + i, accumulate.Offset)}] += {value};",
        Output.Reduce reduce => $"{reduce.Total} += {value};",
        Output.Statement statement => string.Format(System.Globalization.CultureInfo.InvariantCulture, statement.Format, value),
        _ => "",
    };

    private string ScalarLoad(Leaf leaf, string i) => leaf.Kind == LeafKind.Index
        ? i
        : $"{_source(leaf)}[{Offset(leaf.Stride == 1 ? i : leaf.Stride + " * " + i, leaf.Offset)}]";

    private static string Offset(string i, int offset) =>
        offset == 0 ? i : offset > 0 ? $"{i} + {offset}" : $"{i} - {-offset}";

    private static string Offset(string i, string baseExpression) => baseExpression.Length == 0 ? i : $"{baseExpression} + {i}";

    private string Ref(string span)
    {
        if (!_refs.TryGetValue(span, out string? name))
            _refs[span] = name = _scope.Claim(span.TrimStart('@') + "Ref");
        return name;
    }

    /// <summary>Loads every parameter leaf the roots read into a local, once per method.</summary>
    private void LoadLeaves(IReadOnlyList<Node> roots)
    {
        var leaves = roots.SelectMany(Reachable).Where(n => n.Op == Op.Parameter).Distinct().OrderBy(n => Leaves[n].Kind == LeafKind.FixedDirection ? 1 : 0)
            .ThenBy(n => n.Index);
        foreach (var leaf in leaves)
        {
            if (_names.ContainsKey(leaf))
                continue;
            var info = Leaves[leaf];
            string name = info.Kind is LeafKind.Unknown or LeafKind.Parameter or LeafKind.Time
                ? NameScope.Identifier(info.Name)
                : _scope.Claim(LocalStem(info));
            _names[leaf] = name;
            _w.Line($"double {name} = {_source(info)};");
        }
    }

    private void Define(Node node, ExpressionWriter writer)
    {
        if (_names.ContainsKey(node))
            return;
        string definition = writer.WriteDefinition(node);
        _names[node] = _scope.Numbered(Stem(node));
        _w.Line($"{ScalarType(node)} {_names[node]} = {definition};");
    }

    private static IEnumerable<Node> Reachable(Node root)
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

    /// <summary>A local's name after the leaf it holds: <c>u_im1</c> for u[i-1], <c>u_nm1</c> for u[n-1], <c>n</c>.</summary>
    public static string LocalStem(Leaf leaf)
    {
        string name = leaf.Name;
        int open = name.IndexOf('[');
        if (leaf.Kind == LeafKind.Size)
            return "n";
        if (leaf.Kind == LeafKind.Index)
            return name + "Value";
        if (open < 0)
            return name;
        string index = name.Substring(open + 1, name.Length - open - 2).Replace("*", "").Replace("+", "p").Replace("-", "m");
        return name.Substring(0, open) + "_" + index;
    }

    private static string ScalarType(Node node) => node.Op.IsCondition() ? "bool" : "double";

    private static string Stem(Node node) => node.Op switch
    {
        Op.Add => "sum",
        Op.Subtract => "diff",
        Op.Multiply when ReferenceEquals(node[0], node[1]) => "sq",
        Op.Multiply => "prod",
        Op.Divide when node[0].IsConstantValue(1) => "inv",
        Op.Divide => "ratio",
        Op.Negate => "neg",
        Op.Power => "pow",
        Op.Select => "piece",
        Op.Log10 => "lg",
        _ when node.Op.IsCondition() => "cond",
        _ => node.Op.ToString().ToLowerInvariant(),
    };

    private static bool IsIdentifier(string expression) => expression.All(c => char.IsLetterOrDigit(c) || c is '_' or '@');
}
