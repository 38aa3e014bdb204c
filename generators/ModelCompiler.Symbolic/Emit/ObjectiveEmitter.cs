// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes the <c>{Method}Objective</c> of an <c>[Objective]</c> method (<c>IObjective</c>, and <c>IScalarFunction</c> for
/// one unknown). Named unknowns give straight-line code; an indexed objective's sums become loops: the summand is
/// differentiated once with respect to each element it reads, its gradient is scattered into x's slots, and its
/// second derivatives fill the Hessian through positions computed once per size with the pattern.
/// </summary>
internal sealed class ObjectiveEmitter
{
    private readonly SourceWriter _w;
    private readonly SystemDefinition _definition;
    private readonly SystemSpec _spec;
    private readonly Graph _g;
    private readonly Term? _fixed;
    private readonly List<(SumDefinition Sum, Term Term)> _sums = new();

    /// <summary>One differentiable part of the objective: its value, and per element it reads (in order) the gradient
    /// entry, the nonzero second derivatives as (first, second, value) with first ≤ second, and the entry of H·v.</summary>
    private sealed record Term(Node Value, IReadOnlyList<Node> Elements, IReadOnlyList<Node> Gradient,
                               IReadOnlyList<(int First, int Second, Node Value)> Hessian, IReadOnlyList<Node> HessianTimes);

    private ObjectiveEmitter(SourceWriter w, SystemDefinition definition)
    {
        _w = w;
        _definition = definition;
        _spec = definition.Spec;
        _g = definition.Graph;
        var leaves = definition.Leaves;
        if (definition.Fixed is { } fixedValue)
        {
            var elements = _spec.Indexed
                ? RowDerivatives.Reachable(fixedValue).Where(n => n.Op == Op.Parameter && leaves[n].Kind == LeafKind.FixedElement)
                    .OrderBy(n => leaves[n].Position).ToList()
                : _spec.Unknowns.Select((name, k) => leaves.Get(new Leaf(LeafKind.Unknown, name, Slot: k))).ToList();
            var directions = elements.Select(n => leaves[n].Kind == LeafKind.Unknown
                ? leaves.Get(new Leaf(LeafKind.FixedDirection, $"v[{leaves[n].Name}]", Slot: leaves[n].Slot))
                : leaves.Get(new Leaf(LeafKind.FixedDirection, $"v[{leaves[n].Position}]", Position: leaves[n].Position))).ToList();
            _fixed = Differentiate(fixedValue, elements, directions);
        }
        foreach (var sum in definition.Sums)
        {
            var summand = sum.Negated ? _g.Negate(sum.Summand) : sum.Summand;
            var elements = RowDerivatives.Reachable(summand).Where(n => n.Op == Op.Variable && leaves[n].Kind == LeafKind.Element)
                .OrderBy(n => leaves[n].Stride).ThenBy(n => leaves[n].Offset).ToList();
            var directions = elements.Select(n => leaves.Get(new Leaf(LeafKind.Direction,
                $"v[{Leaf.RelativeIndex(sum.Index, leaves[n].Stride, leaves[n].Offset)}]", Stride: leaves[n].Stride, Offset: leaves[n].Offset))).ToList();
            _sums.Add((sum, Differentiate(summand, elements, directions)));
        }
    }

    public static void Write(SourceWriter w, SystemDefinition definition) => new ObjectiveEmitter(w, definition).Write();

    private bool Indexed => _spec.Indexed;

    private int N => _spec.Unknowns.Count;

    private Term Differentiate(Node value, IReadOnlyList<Node> elements, IReadOnlyList<Node> directions)
    {
        var gradient = elements.Select(e => Differentiator.Derive(_g, value, e)).ToList();
        var hessian = new List<(int, int, Node)>();
        var byPair = new Dictionary<(int, int), Node>();
        for (int a = 0; a < elements.Count; a++)
        {
            for (int b = a; b < elements.Count; b++)
            {
                var second = Differentiator.Derive(_g, gradient[a], elements[b]);
                if (second.IsConstantValue(0))
                    continue;
                hessian.Add((a, b, second));
                byPair[(a, b)] = second;
                byPair[(b, a)] = second;
            }
        }
        var times = new List<Node>();
        for (int a = 0; a < elements.Count; a++)
        {
            var product = _g.Constant(0);
            for (int b = 0; b < elements.Count; b++)
                if (byPair.TryGetValue((a, b), out var second))
                    product = _g.Add(product, _g.Multiply(second, directions[b]));
            times.Add(product);
        }
        return new Term(value, elements, gradient, hessian, times);
    }

    private void Write()
    {
        WriteDocumentation();
        string interfaces = "global::ModelCompiler.Optimization.IObjective";
        bool scalar = !Indexed && N == 1;
        if (scalar)
            interfaces += ", global::ModelCompiler.Optimization.IScalarFunction";
        _w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"ModelCompiler.Generators\", \"{GeneratorInfo.Version}\")]");
        _w.Open($"{_spec.Accessibility} readonly struct {_spec.TypeName} : {interfaces}");
        WriteProperties();
        WriteEvaluate();
        WriteEvaluateWithGradient();
        WritePattern();
        WriteHessian();
        WriteHessianTimes();
        if (scalar)
            ScalarFunctionWriter.Write(_w, _definition, _definition.Fixed!);
        _w.Close();
    }

    // ---- Documentation and properties ----

    private void WriteDocumentation()
    {
        _w.Line("/// <summary>");
        _w.Line($"/// The compiled objective <c>{_spec.MethodName}</c>: f({SystemEmitter.Xml(Indexed ? _spec.Unknowns[0] + "[0 … n-1]" : string.Join(", ", _spec.Unknowns))}) = <c>{SystemEmitter.Xml(SystemEmitter.Shorten(_spec.Texts[0]))}</c>");
        _w.Line("/// </summary>");
        _w.Line("/// <remarks>");
        _w.Line("/// Derivatives, as generated:");
        _w.Line("/// <list type=\"bullet\">");
        var items = new List<string>();
        if (_fixed is { } fixedTerm)
        {
            string Name(int k) => _definition.Leaves.Name(fixedTerm.Elements[k]);
            if (Indexed && _sums.Count > 0)
                items.Add("outside the sums: " + _definition.Print(fixedTerm.Value));
            for (int k = 0; k < fixedTerm.Elements.Count; k++)
                items.Add($"∂f/∂{Name(k)} = {_definition.Print(fixedTerm.Gradient[k])}");
            foreach (var (a, b, value) in fixedTerm.Hessian)
                items.Add($"∂²f/∂{Name(a)}∂{Name(b)} = {_definition.Print(value)}");
        }
        foreach (var (sum, term) in _sums)
        {
            string Name(int k) => _definition.Leaves.Name(term.Elements[k]);
            items.Add($"{(sum.Negated ? "subtracted: " : "")}{sum.Text}: summand s = {_definition.Print(sum.Summand)}");
            for (int k = 0; k < term.Elements.Count; k++)
                items.Add($"∂s/∂{Name(k)} = {_definition.Print(term.Gradient[k])}");
            foreach (var (a, b, value) in term.Hessian)
                items.Add($"∂²s/∂{Name(a)}∂{Name(b)} = {_definition.Print(value)}");
        }
        SystemEmitter.WriteItems(_w, items);
        _w.Line("/// </list>");
        _w.Line($"/// The Hessian's pattern is {PatternDescription()}.");
        _w.Line("/// </remarks>");
    }

    private string PatternDescription()
    {
        if (!Indexed)
        {
            int entries = _fixed!.Hessian.Sum(h => h.First == h.Second ? 1 : 2);
            return entries == N * N ? $"dense ({N}×{N})" : $"sparse, {entries} of {N * N} entries";
        }
        var strides = _sums.SelectMany(s => s.Term.Elements.Select(e => _definition.Leaves[e].Stride)).Distinct().ToList();
        if (_fixed is null || _fixed.Hessian.Count == 0)
        {
            if (strides.Count <= 1 && strides.All(s => s == 1))
            {
                int band = _sums.SelectMany(s => s.Term.Hessian.Select(h =>
                    System.Math.Abs(_definition.Leaves[s.Term.Elements[h.Second]].Offset - _definition.Leaves[s.Term.Elements[h.First]].Offset)))
                    .DefaultIfEmpty(0).Max();
                return $"banded: {band} below and {band} above the diagonal";
            }
            return "block structured, from the pairs of elements each summand reads";
        }
        return "sparse: the sums' pairs of elements and those of the terms outside them";
    }

    private void WriteProperties()
    {
        SystemEmitter.Inherit(_w);
        _w.Line($"public static string Formula => {SystemEmitter.StringLiteral(_spec.Texts[0])};");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Line($"public static IReadOnlyList<string> ParameterNames {{ get; }} = {SystemEmitter.StringArray(_spec.Unknowns)};");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Line($"public static int? ParameterCount => {(Indexed ? "null" : N.ToString(CultureInfo.InvariantCulture))};");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Line($"public static int MinimumParameterCount => {_definition.MinimumCount};");
    }

    // ---- Methods ----

    private sealed class Names
    {
        public Names(SystemSpec spec)
        {
            Scope = new NameScope(spec.Unknowns.Concat(spec.Indexed ? new[] { "n" } : System.Array.Empty<string>()));
            X = spec.Indexed ? NameScope.Identifier(spec.Unknowns[0]) : Scope.Claim(spec.Unknowns.Contains("x") ? "point" : "x");
            Count = Scope.Claim(spec.Indexed ? "count" : "n");
        }

        public NameScope Scope { get; }

        public string X { get; }

        public string Count { get; }
    }

    private SystemMethodWriter Body(Names names, string? directions = null) =>
        new(_w, _definition, names.Scope, leaf => leaf.Kind switch
        {
            LeafKind.Unknown => $"{names.X}[{leaf.Slot}]",
            LeafKind.Size => names.Count,
            LeafKind.FixedElement => $"{names.X}[{leaf.Position.CSharp(names.Count)}]",
            LeafKind.Element => names.X,
            LeafKind.Direction => directions!,
            LeafKind.FixedDirection => Indexed ? $"{directions}[{leaf.Position.CSharp(names.Count)}]" : $"{directions}[{leaf.Slot}]",
            _ => "",
        });

    private void Open(string signature, Names names, params (string Span, string Argument, string Length, string Layout)[] checks)
    {
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open(signature);
        if (Indexed)
        {
            _w.Line($"int {names.Count} = {names.X}.Length;");
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckCount({names.Count}, MinimumParameterCount, \"x\");");
        }
        else
        {
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength({names.X}.Length, {N}, \"x\", \"{SystemEmitter.Escape(SystemEmitter.Counted(_spec.Unknowns, "unknown"))}\");");
        }
        foreach (var (span, argument, length, layout) in checks)
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength({span}.Length, {length}, \"{argument}\", \"{layout}\");");
    }

    private string Size(Names names) => Indexed ? names.Count : N.ToString(CultureInfo.InvariantCulture);

    private void WriteEvaluate()
    {
        var names = new Names(_spec);
        Open($"public static double Evaluate(ReadOnlySpan<double> {names.X})", names);
        var body = Body(names);
        if (!Indexed)
        {
            body.StraightLine(new[] { _fixed!.Value }, new[] { "return {0};" });
            _w.Close();
            return;
        }
        string value = names.Scope.Claim("value");
        Start(body, value, _fixed is null ? new List<(Node, string)>() : new List<(Node, string)>(), _fixed?.Value);
        foreach (var (sum, term) in _sums)
            SumLoop(body, names, sum, term, new[] { term.Value }, new Output[] { new Output.Reduce(value) });
        _w.Line($"return {value};");
        _w.Close();
    }

    private void WriteEvaluateWithGradient()
    {
        var names = new Names(_spec);
        string gradient = names.Scope.Claim("gradient");
        Open($"public static double EvaluateWithGradient(ReadOnlySpan<double> {names.X}, Span<double> {gradient})", names,
            (gradient, "gradient", Size(names), "one entry per unknown"));
        var body = Body(names);
        if (!Indexed)
        {
            var roots = _fixed!.Gradient.Append(_fixed.Value).ToList();
            body.StraightLine(roots, _fixed.Gradient.Select((_, k) => $"{gradient}[{k}] = {{0}};").Append("return {0};").ToList());
            _w.Close();
            return;
        }
        _w.Line($"{gradient}.Clear();");
        string value = names.Scope.Claim("value");
        var fixedGradient = _fixed is null ? new List<(Node, string)>()
            : _fixed.Elements.Select((e, k) => (_fixed.Gradient[k], $"{gradient}[{_definition.Leaves[e].Position.CSharp(names.Count)}] += {{0}};")).ToList();
        Start(body, value, fixedGradient, _fixed?.Value);
        foreach (var (sum, term) in _sums)
        {
            var outputs = new List<Output> { new Output.Reduce(value) };
            outputs.AddRange(term.Elements.Select(e => (Output)new Output.Accumulate(gradient, _definition.Leaves[e].Stride, _definition.Leaves[e].Offset)));
            SumLoop(body, names, sum, term, term.Gradient.Prepend(term.Value).ToList(), outputs);
        }
        _w.Line($"return {value};");
        _w.Close();
    }

    /// <summary>Declares the running value, starting from the part outside the sums (with its own gradient entries).</summary>
    private void Start(SystemMethodWriter body, string value, List<(Node Root, string Statement)> fixedOutputs, Node? fixedValue)
    {
        if (fixedValue is null)
        {
            _w.Line($"double {value} = 0.0;");
            return;
        }
        var roots = fixedOutputs.Select(o => o.Root).Append(fixedValue).ToList();
        body.StraightLine(roots, fixedOutputs.Select(o => o.Statement).Append($"double {value} = {{0}};").ToList(), "The terms outside the sums");
    }

    private void SumLoop(SystemMethodWriter body, Names names, SumDefinition sum, Term term, IReadOnlyList<Node> roots, IReadOnlyList<Output> outputs,
                         IReadOnlyList<string>? afterEach = null, bool vectorize = true)
    {
        body.Loop(sum.Index, Bounds.CSharp(sum.Lower, names.Count), ExclusiveBound(sum.Upper, names.Count), roots, outputs,
            vectorize && term.Elements.All(e => _definition.Leaves[e].Stride == 1), SystemEmitter.Shorten(sum.Text), afterEach);
    }

    /// <summary>One past the inclusive upper bound: <c>count - 1</c> for n-2, <c>count</c> for n-1.</summary>
    private static string ExclusiveBound(FormulaSyntax upper, string count)
    {
        if (upper is BinarySyntax { Operator: BinaryOperator.Subtract, Right: NumberSyntax { Value: var c } } difference && c >= 1 && c == System.Math.Floor(c))
        {
            string left = Bounds.CSharp(difference.Left, count);
            bool simple = difference.Left is ReferenceSyntax or NumberSyntax;
            string shifted = simple ? left : "(" + left + ")";
            return c == 1 ? left : $"{shifted} - {(int)c - 1}";
        }
        return Bounds.CSharp(upper, count) + " + 1";
    }

    // ---- Hessian ----

    private void WritePattern()
    {
        _w.Line();
        if (!Indexed)
        {
            var (starts, columns) = NamedPattern();
            _w.Line("private static readonly global::ModelCompiler.SparsityPattern s_hessianPattern = global::ModelCompiler.SparsityPattern.FromCsr(");
            _w.Line($"    {N}, {N}, {SystemEmitter.IntArray(starts)}, {SystemEmitter.IntArray(columns)});");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Open("public static global::ModelCompiler.SparsityPattern HessianPattern(int parameterCount)");
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength(parameterCount, {N}, nameof(parameterCount), \"the number of unknowns\");");
            _w.Line("return s_hessianPattern;");
            _w.Close();
            return;
        }
        _w.Line("/// <summary>The Hessian's pattern for one size, and where each second derivative the Hessian writes goes in it.</summary>");
        _w.Line("private sealed record HessianLayout(global::ModelCompiler.SparsityPattern Pattern, int[] Positions);");
        _w.Line();
        _w.Line("private static readonly global::ModelCompiler.Kernels.SizeCache<HessianLayout> s_hessianLayouts = new(BuildHessianLayout);");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open("public static global::ModelCompiler.SparsityPattern HessianPattern(int parameterCount)");
        _w.Line("global::ModelCompiler.Kernels.SystemGuard.CheckCount(parameterCount, MinimumParameterCount, nameof(parameterCount));");
        _w.Line("return s_hessianLayouts.Get(parameterCount).Pattern;");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>Lists the entries of every second derivative in the order <see cref=\"Hessian\"/> adds them, merges them into the pattern,");
        _w.Line("/// and finds each one's position in the pattern's CSR order.</summary>");
        _w.Open("private static HessianLayout BuildHessianLayout(int count)");
        _w.Line("var entries = new List<(int Row, int Column)>();");
        if (_fixed is { } fixedTerm)
        {
            foreach (var (a, b, _) in fixedTerm.Hessian)
            {
                string row = _definition.Leaves[fixedTerm.Elements[a]].Position.CSharp("count");
                string column = _definition.Leaves[fixedTerm.Elements[b]].Position.CSharp("count");
                _w.Line(a == b ? $"entries.Add(({row}, {column}));" : $"entries.Add(({row}, {column})); entries.Add(({column}, {row}));");
            }
        }
        foreach (var (sum, term) in _sums)
        {
            if (term.Hessian.Count == 0)
                continue;
            _w.Open($"for (int i = {Bounds.CSharp(sum.Lower, "count")}; i < {ExclusiveBound(sum.Upper, "count")}; i++)");
            foreach (var (a, b, _) in term.Hessian)
            {
                string row = Element(term.Elements[a], "i"), column = Element(term.Elements[b], "i");
                _w.Line(a == b ? $"entries.Add(({row}, {column}));" : $"entries.Add(({row}, {column})); entries.Add(({column}, {row}));");
            }
            _w.Close();
        }
        _w.Line("var pattern = global::ModelCompiler.SparsityPattern.FromEntries(count, count, entries);");
        _w.Line("int[] positions = new int[entries.Count];");
        _w.Line("for (int k = 0; k < positions.Length; k++)");
        _w.Line("    positions[k] = pattern.IndexOf(entries[k].Row, entries[k].Column);");
        _w.Line("return new HessianLayout(pattern, positions);");
        _w.Close();
    }

    private string Element(Node leaf, string i)
    {
        var info = _definition.Leaves[leaf];
        string scaled = info.Stride == 1 ? i : $"{info.Stride} * {i}";
        return info.Offset == 0 ? scaled : info.Offset > 0 ? $"{scaled} + {info.Offset}" : $"{scaled} - {-info.Offset}";
    }

    /// <summary>The named Hessian's CSR arrays: both triangles of every nonzero second derivative.</summary>
    private (List<int> Starts, List<int> Columns) NamedPattern()
    {
        var starts = new List<int> { 0 };
        var columns = new List<int>();
        for (int row = 0; row < N; row++)
        {
            columns.AddRange(Enumerable.Range(0, N).Where(c => Second(row, c) is not null));
            starts.Add(columns.Count);
        }
        return (starts, columns);
    }

    private Node? Second(int a, int b)
    {
        int first = System.Math.Min(a, b), second = System.Math.Max(a, b);
        return _fixed!.Hessian.Where(h => h.First == first && h.Second == second).Select(h => h.Value).FirstOrDefault();
    }

    private void WriteHessian()
    {
        var names = new Names(_spec);
        string hessian = names.Scope.Claim("hessian");
        if (!Indexed)
        {
            var (_, columns) = NamedPattern();
            Open($"public static void Hessian(ReadOnlySpan<double> {names.X}, Span<double> {hessian})", names,
                (hessian, "hessian", columns.Count.ToString(CultureInfo.InvariantCulture), "the nonzeros of HessianPattern, row by row"));
            var roots = new List<Node>();
            for (int row = 0; row < N; row++)
                roots.AddRange(Enumerable.Range(0, N).Select(c => Second(row, c)).Where(h => h is not null).Select(h => h!));
            Body(names).StraightLine(roots, roots.Select((_, k) => $"{hessian}[{k}] = {{0}};").ToList());
            _w.Close();
            return;
        }
        string layout = names.Scope.Claim("layout");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open($"public static void Hessian(ReadOnlySpan<double> {names.X}, Span<double> {hessian})");
        _w.Line($"int {names.Count} = {names.X}.Length;");
        _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckCount({names.Count}, MinimumParameterCount, \"x\");");
        _w.Line($"HessianLayout {layout} = s_hessianLayouts.Get({names.Count});");
        _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength({hessian}.Length, {layout}.Pattern.NonzeroCount, \"hessian\", \"the nonzeros of HessianPattern(x.Length)\");");
        string at = names.Scope.Claim("at");
        _w.Line($"ReadOnlySpan<int> {at} = {layout}.Positions;");
        _w.Line($"{hessian}.Clear();");
        var body = Body(names);
        int slot = 0;
        if (_fixed is { Hessian.Count: > 0 } fixedTerm)
        {
            var roots = new List<Node>();
            var statements = new List<string>();
            foreach (var (a, b, value) in fixedTerm.Hessian)
            {
                foreach (var _ in a == b ? new[] { 0 } : new[] { 0, 1 })
                {
                    roots.Add(value);
                    statements.Add($"{hessian}[{at}[{slot++}]] += {{0}};");
                }
            }
            body.StraightLine(roots, statements, "The terms outside the sums");
        }
        string position = names.Scope.Claim("slot");
        bool declared = false;
        foreach (var (sum, term) in _sums)
        {
            if (term.Hessian.Count == 0)
                continue;
            _w.Line(declared ? $"// The next sum's entries follow the previous one's." : $"int {position} = {slot};");
            declared = true;
            var roots = new List<Node>();
            var outputs = new List<Output>();
            int k = 0;
            foreach (var (a, b, value) in term.Hessian)
            {
                foreach (var _ in a == b ? new[] { 0 } : new[] { 0, 1 })
                {
                    roots.Add(value);
                    outputs.Add(new Output.Statement($"{hessian}[{at}[{(k == 0 ? position : position + " + " + k)}]] += {{0}};"));
                    k++;
                }
            }
            SumLoop(body, names, sum, term, roots, outputs, new[] { $"{position} += {k};" }, vectorize: false);
        }
        _w.Close();
    }

    private void WriteHessianTimes()
    {
        var names = new Names(_spec);
        string v = names.Scope.Claim("v"), product = names.Scope.Claim("product");
        Open($"public static void HessianTimes(ReadOnlySpan<double> {names.X}, ReadOnlySpan<double> {v}, Span<double> {product})", names,
            (v, "v", Size(names), "one entry per unknown"), (product, "product", Size(names), "one entry per unknown"));
        var body = Body(names, v);
        if (!Indexed)
        {
            body.StraightLine(_fixed!.HessianTimes, _fixed.HessianTimes.Select((_, k) => $"{product}[{k}] = {{0}};").ToList());
            _w.Close();
            return;
        }
        _w.Line($"{product}.Clear();");
        if (_fixed is { } fixedTerm)
        {
            var used = Enumerable.Range(0, fixedTerm.Elements.Count).Where(k => !fixedTerm.HessianTimes[k].IsConstantValue(0)).ToList();
            body.StraightLine(used.Select(k => fixedTerm.HessianTimes[k]).ToList(),
                used.Select(k => $"{product}[{_definition.Leaves[fixedTerm.Elements[k]].Position.CSharp(names.Count)}] += {{0}};").ToList(),
                "The terms outside the sums");
        }
        foreach (var (sum, term) in _sums)
        {
            var used = Enumerable.Range(0, term.Elements.Count).Where(k => !term.HessianTimes[k].IsConstantValue(0)).ToList();
            if (used.Count == 0)
                continue;
            SumLoop(body, names, sum, term, used.Select(k => term.HessianTimes[k]).ToList(),
                used.Select(k => (Output)new Output.Accumulate(product, _definition.Leaves[term.Elements[k]].Stride, _definition.Leaves[term.Elements[k]].Offset)).ToList());
        }
        _w.Close();
    }
}
