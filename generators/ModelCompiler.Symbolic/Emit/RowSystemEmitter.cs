// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes the <c>{Method}System</c> of an <c>[Ode]</c> method (<c>IOdeSystem</c>) and the <c>{Method}Equations</c>
/// of an <c>[Equations]</c> method (<c>IEquationSystem</c>): one equation per row, the Jacobian in the CSR order of
/// its pattern. A named system is straight-line code; an indexed one writes its boundary rows straight-line and its
/// interior rows as a loop, vectorized where every output is contiguous.
/// </summary>
internal sealed class RowSystemEmitter
{
    private readonly SourceWriter _w;
    private readonly SystemDefinition _definition;
    private readonly RowDerivatives _derivatives;
    private readonly SystemSpec _spec;
    private readonly bool _ode;

    private RowSystemEmitter(SourceWriter w, SystemDefinition definition)
    {
        _w = w;
        _definition = definition;
        _spec = definition.Spec;
        _ode = _spec.Kind == SystemKind.Ode;
        _derivatives = RowDerivatives.Compute(definition);
    }

    public static void Write(SourceWriter w, SystemDefinition definition) => new RowSystemEmitter(w, definition).Write();

    private int N => _spec.Unknowns.Count;

    private int P => _spec.Parameters.Count;

    private bool Indexed => _spec.Indexed;

    private void Write()
    {
        WriteDocumentation();
        string interfaces = _ode ? "global::ModelCompiler.Ode.IOdeSystem" : "global::ModelCompiler.Optimization.IEquationSystem";
        bool scalar = !_ode && !Indexed && N == 1 && _definition.Rows.Count == 1;
        if (scalar)
            interfaces += ", global::ModelCompiler.Optimization.IScalarFunction";
        _w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"ModelCompiler.Generators\", \"{GeneratorInfo.Version}\")]");
        _w.Open($"{_spec.Accessibility} readonly struct {_spec.TypeName} : {interfaces}");
        WriteProperties();
        WritePattern();
        WriteEvaluate();
        WriteJacobian();
        if (_ode)
        {
            WriteTimeDerivative();
            WriteParameterJacobian();
            WriteJacobianTimes();
        }
        if (scalar)
            ScalarFunctionWriter.Write(_w, _definition, _definition.Rows[0].Value);
        _w.Close();
    }

    // ---- Documentation ----

    private void WriteDocumentation()
    {
        string kind = _ode ? "ODE system" : "system of equations";
        _w.Line("/// <summary>");
        _w.Line($"/// The compiled {kind} <c>{_spec.MethodName}</c>{(Indexed ? $" over {_spec.Unknowns[0]}[0 … n-1]" : "")}, with its Jacobian derived symbolically:");
        foreach (string text in _spec.Texts.Take(SystemEmitter.MaxListed))
            _w.Line($"/// <c>{SystemEmitter.Xml(SystemEmitter.Shorten(text))}</c>{(_ode || Indexed ? "" : " = 0")}<br/>");
        if (_spec.Texts.Count > SystemEmitter.MaxListed)
            _w.Line($"/// … and {_spec.Texts.Count - SystemEmitter.MaxListed} more.<br/>");
        _w.Line("/// </summary>");
        _w.Line("/// <remarks>");
        _w.Line("/// Derivatives, as generated:");
        _w.Line("/// <list type=\"bullet\">");
        var items = new List<string>();
        string f = _ode ? "f" : "F";
        string x = Indexed ? _spec.Unknowns[0] : "";
        if (_derivatives.Interior is { } interior)
        {
            string index = _definition.Interior!.Index;
            items.Add($"rows {_definition.Leading} … n-{_definition.Trailing + 1}: {f}[{index}] = {_definition.Print(interior.Value)}");
            foreach (var entry in interior.Jacobian)
                items.Add($"∂{f}[{index}]/∂{x}[{Leaf.RelativeIndex(index, 1, entry.Column.Offset)}] = {_definition.Print(entry.Derivative)}");
        }
        for (int r = 0; r < _derivatives.Rows.Count; r++)
        {
            var row = _derivatives.Rows[r];
            string label = Indexed ? $"{f}[{_definition.Rows[r].Position}]" : _ode ? $"{f}_{_spec.Unknowns[r]}" : $"F{r + 1}";
            if (Indexed)
                items.Add($"row {_definition.Rows[r].Position}: {label} = {_definition.Print(row.Value)}");
            foreach (var entry in row.Jacobian)
            {
                string column = Indexed ? $"{x}[{entry.Column}]" : _spec.Unknowns[entry.Column.Offset];
                items.Add($"∂{label}/∂{column} = {_definition.Print(entry.Derivative)}");
            }
        }
        SystemEmitter.WriteItems(_w, items);
        _w.Line("/// </list>");
        _w.Line($"/// The Jacobian's pattern is {PatternDescription()}.");
        _w.Line("/// </remarks>");
    }

    private string PatternDescription()
    {
        if (!Indexed)
        {
            int nonzeros = _derivatives.Rows.Sum(r => r.Jacobian.Count);
            return nonzeros == _derivatives.Rows.Count * N ? $"dense ({_derivatives.Rows.Count}×{N})" : $"sparse, {nonzeros} of {_derivatives.Rows.Count * N} entries";
        }
        var offsets = _derivatives.Interior!.Jacobian.Select(e => e.Column.Offset).ToList();
        bool fixedOutsideBand = _derivatives.Rows.Zip(_definition.Rows, (k, d) => (k, d))
            .Any(r => r.k.Jacobian.Any(e => System.Math.Abs(RowDistance(r.d.Position, e.Column)) > System.Math.Max(-offsets.DefaultIfEmpty(0).Min(), offsets.DefaultIfEmpty(0).Max())));
        int lower = System.Math.Max(0, -offsets.DefaultIfEmpty(0).Min()), upper = System.Math.Max(0, offsets.DefaultIfEmpty(0).Max());
        return fixedOutsideBand
            ? $"sparse: the stencil's offsets {string.Join(", ", offsets)} with boundary rows reaching across the array"
            : $"banded: {lower} below and {upper} above the diagonal (stencil offsets {string.Join(", ", offsets)})";
    }

    /// <summary>Column minus row, when both count from the same end; a large number when they do not.</summary>
    private static int RowDistance(Position row, Position column) =>
        row.FromEnd == column.FromEnd ? column.Offset - row.Offset : 1 << 20;

    // ---- Properties ----

    private void WriteProperties()
    {
        string texts = SystemEmitter.Escape(string.Join("\n", _spec.Texts));
        SystemEmitter.Inherit(_w);
        _w.Line($"public static string Formula => \"{texts}\";");
        _w.Line();
        // Array creation rather than collection expressions: the generated code is valid C# 11.
        string names = SystemEmitter.StringArray(_spec.Unknowns);
        string parameters = SystemEmitter.StringArray(_spec.Parameters);
        string? count = Indexed ? "null" : N.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_ode)
        {
            SystemEmitter.Inherit(_w);
            _w.Line($"public static IReadOnlyList<string> StateNames {{ get; }} = {names};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Line($"public static IReadOnlyList<string> ParameterNames {{ get; }} = {parameters};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Line($"public static int ParameterCount => {P};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Line($"public static int? StateCount => {count};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Line($"public static int MinimumStateCount => {_definition.MinimumCount};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Line($"public static bool IsAutonomous => {(_derivatives.DependsOnTime ? "false" : "true")};");
        }
        else
        {
            SystemEmitter.Inherit(_w);
            _w.Line($"public static IReadOnlyList<string> ParameterNames {{ get; }} = {names};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Line($"public static int? ParameterCount => {count};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Line($"public static int MinimumParameterCount => {_definition.MinimumCount};");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Open("public static int EquationCount(int parameterCount)");
            if (Indexed)
            {
                _w.Line("global::ModelCompiler.Kernels.SystemGuard.CheckCount(parameterCount, MinimumParameterCount, nameof(parameterCount));");
                _w.Line("return parameterCount;");
            }
            else
            {
                _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength(parameterCount, {N}, nameof(parameterCount), \"the number of unknowns\");");
                _w.Line($"return {_definition.Rows.Count};");
            }
            _w.Close();
        }
    }

    // ---- Pattern ----

    private string PatternMethod => _ode ? "JacobianPattern(int stateCount)" : "JacobianPattern(int parameterCount)";

    private string PatternArgument => _ode ? "stateCount" : "parameterCount";

    private string CountProperty => _ode ? "MinimumStateCount" : "MinimumParameterCount";

    private void WritePattern()
    {
        _w.Line();
        if (!Indexed)
        {
            var starts = new List<int> { 0 };
            var columns = new List<int>();
            foreach (var row in _derivatives.Rows)
            {
                columns.AddRange(row.Jacobian.Select(e => e.Column.Offset));
                starts.Add(columns.Count);
            }
            _w.Line($"private static readonly global::ModelCompiler.SparsityPattern s_jacobianPattern = global::ModelCompiler.SparsityPattern.FromCsr(");
            _w.Line($"    {_derivatives.Rows.Count}, {N}, {SystemEmitter.IntArray(starts)}, {SystemEmitter.IntArray(columns)});");
            _w.Line();
            SystemEmitter.Inherit(_w);
            _w.Open($"public static global::ModelCompiler.SparsityPattern {PatternMethod}");
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength({PatternArgument}, {N}, nameof({PatternArgument}), \"the number of {(_ode ? "states" : "unknowns")}\");");
            _w.Line("return s_jacobianPattern;");
            _w.Close();
            return;
        }
        _w.Line("private static readonly global::ModelCompiler.Kernels.SizeCache<global::ModelCompiler.SparsityPattern> s_jacobianPatterns = new(BuildJacobianPattern);");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open($"public static global::ModelCompiler.SparsityPattern {PatternMethod}");
        _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckCount({PatternArgument}, {CountProperty}, nameof({PatternArgument}));");
        _w.Line($"return s_jacobianPatterns.Get({PatternArgument});");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>The Jacobian's positions for <paramref name=\"count\"/> rows: boundary rows as derived, interior rows from the stencil.</summary>");
        _w.Open("private static global::ModelCompiler.SparsityPattern BuildJacobianPattern(int count)");
        _w.Line("int[] rowStarts = new int[count + 1];");
        _w.Line($"int[] columns = new int[{Nonzeros("count")}];");
        _w.Line("int at = 0;");
        int r = 0;
        foreach (var (_, kernel) in LeadingRows())
            _w.Line(PatternRow(kernel, "count") + $" rowStarts[{++r}] = at;");
        var interior = _derivatives.Interior!;
        _w.Open($"for (int i = {_definition.Leading}; i < {End("count")}; i++)");
        _w.Line(string.Concat(interior.Jacobian.Select(e => $"columns[at++] = {Shift("i", e.Column.Offset)}; ")) + "rowStarts[i + 1] = at;");
        _w.Close();
        foreach (var (row, kernel) in TrailingRows())
            _w.Line(PatternRow(kernel, "count") + $" rowStarts[{Position.End(row.Offset + 1).CSharp("count")}] = at;");
        _w.Line("return global::ModelCompiler.SparsityPattern.FromCsr(count, count, rowStarts, columns);");
        _w.Close();
    }

    private static string PatternRow(RowKernel kernel, string count) =>
        string.Join(" ", kernel.Jacobian.Select(e => $"columns[at++] = {e.Column.CSharp(count)};"));

    private IEnumerable<(Position Row, RowKernel Kernel)> LeadingRows() =>
        _definition.Rows.Select((row, k) => (row.Position, _derivatives.Rows[k])).Where(r => !r.Position.FromEnd);

    private IEnumerable<(Position Row, RowKernel Kernel)> TrailingRows() =>
        _definition.Rows.Select((row, k) => (row.Position, _derivatives.Rows[k])).Where(r => r.Position.FromEnd);

    private string End(string count) => _definition.Trailing == 0 ? count : $"{count} - {_definition.Trailing}";

    /// <summary>The number of nonzeros for <paramref name="count"/> rows, as a C# expression.</summary>
    private string Nonzeros(string count)
    {
        int boundary = _derivatives.Rows.Sum(r => r.Jacobian.Count);
        int width = _derivatives.Interior!.Jacobian.Count;
        int rows = _definition.Leading + _definition.Trailing;
        string interior = width == 0 ? "" : (rows == 0 ? count : $"({count} - {rows})") + (width == 1 ? "" : $" * {width}");
        return interior.Length == 0 ? boundary.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : boundary == 0 ? interior : $"{boundary} + {interior}";
    }

    private static string Shift(string i, int offset) => offset == 0 ? i : offset > 0 ? $"{i} + {offset}" : $"{i} - {-offset}";

    // ---- Methods ----

    /// <summary>The method's names: user names are reserved, so the spans take free names.</summary>
    private sealed class Names
    {
        public Names(SystemSpec spec)
        {
            Scope = new NameScope(spec.Unknowns.Concat(spec.Parameters).Concat(spec.Time is null ? Enumerable.Empty<string>() : new[] { spec.Time })
                );
            bool ode = spec.Kind == SystemKind.Ode;
            Time = spec.Time is null ? Scope.Claim("t") : NameScope.Identifier(spec.Time);
            var taken = new HashSet<string>(spec.Unknowns.Concat(spec.Parameters));
            State = spec.Indexed ? NameScope.Identifier(spec.Unknowns[0])
                : Scope.Claim(ode ? (taken.Contains("y") ? "state" : "y") : (taken.Contains("x") ? "point" : "x"));
            Parameters = Scope.Claim("parameters");
            Count = Scope.Claim(spec.Indexed ? "count" : "n");
        }

        public NameScope Scope { get; }

        public string Time { get; }

        public string State { get; }

        public string Parameters { get; }

        public string Count { get; }
    }

    private SystemMethodWriter Body(Names names, string? directions = null)
    {
        var writer = new SystemMethodWriter(_w, _definition, names.Scope, leaf => leaf.Kind switch
        {
            LeafKind.Unknown => $"{names.State}[{leaf.Slot}]",
            LeafKind.Parameter => $"{names.Parameters}[{leaf.Slot}]",
            LeafKind.Time => names.Time,
            LeafKind.Size => names.Count,
            LeafKind.FixedElement => $"{names.State}[{leaf.Position.CSharp(names.Count)}]",
            LeafKind.Element => names.State,
            LeafKind.Direction => directions!,
            LeafKind.FixedDirection => Indexed ? $"{directions}[{leaf.Position.CSharp(names.Count)}]" : $"{directions}[{leaf.Slot}]",
            _ => "",
        });
        if (_spec.Time is not null && _definition.Leaves.TryGet(_spec.Time, out var time))
            writer.Name(time, names.Time);
        return writer;
    }

    private string Signature(string method, Names names, params string[] spans)
    {
        string time = _ode ? $"double {names.Time}, " : "";
        string parameters = _ode ? $", ReadOnlySpan<double> {names.Parameters}" : "";
        return $"public static void {method}({time}ReadOnlySpan<double> {names.State}{parameters}, {string.Join(", ", spans)})";
    }

    /// <summary>The length checks every method starts with; the interface's argument names are the ones reported.</summary>
    private void CheckInputs(Names names, params (string Span, string Argument, string Length, string Layout)[] outputs)
    {
        string stateArgument = _ode ? "y" : "x";
        if (Indexed)
        {
            _w.Line($"int {names.Count} = {names.State}.Length;");
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckCount({names.Count}, {CountProperty}, \"{stateArgument}\");");
        }
        else
        {
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength({names.State}.Length, {N}, \"{stateArgument}\", \"{SystemEmitter.Escape(SystemEmitter.Counted(_spec.Unknowns, _ode ? "state" : "unknown"))}\");");
        }
        if (_ode)
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength({names.Parameters}.Length, {P}, \"parameters\", \"{SystemEmitter.Escape(SystemEmitter.Counted(_spec.Parameters, "parameter"))}\");");
        foreach (var (span, argument, length, layout) in outputs)
            _w.Line($"global::ModelCompiler.Kernels.SystemGuard.CheckLength({span}.Length, {length}, \"{argument}\", \"{layout}\");");
    }

    private string Rows(Names names) => Indexed ? names.Count : _definition.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void WriteEvaluate()
    {
        var names = new Names(_spec);
        string output = names.Scope.Claim(_ode ? "dydt" : "residuals");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open(Signature("Evaluate", names, $"Span<double> {output}"));
        CheckInputs(names, (output, _ode ? "dydt" : "residuals", Rows(names), _ode ? "one derivative per state" : "one residual per equation"));
        var body = Body(names);
        PerRow(body, names, k => k.Value, output);
        _w.Close();
    }

    private void WriteJacobian()
    {
        var names = new Names(_spec);
        string output = names.Scope.Claim("jacobian");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open(Signature("Jacobian", names, $"Span<double> {output}"));
        string nonzeros = Indexed ? Nonzeros(names.Count) : _derivatives.Rows.Sum(r => r.Jacobian.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        CheckInputs(names, (output, "jacobian", nonzeros, "the nonzeros of JacobianPattern, row by row"));
        var body = Body(names);
        if (!Indexed)
        {
            var roots = _derivatives.Rows.SelectMany(r => r.Jacobian.Select(e => e.Derivative)).ToList();
            body.StraightLine(roots, roots.Select((_, k) => $"{output}[{k}] = {{0}};").ToList());
            _w.Close();
            return;
        }
        int position = 0;
        foreach (var (row, kernel) in LeadingRows())
        {
            body.StraightLine(kernel.Jacobian.Select(e => e.Derivative).ToList(),
                kernel.Jacobian.Select((_, k) => $"{output}[{position + k}] = {{0}};").ToList(), $"Row {row}");
            position += kernel.Jacobian.Count;
        }
        string at = names.Scope.Claim("at");
        var interior = _derivatives.Interior!;
        _w.Line($"int {at} = {position};");
        body.Loop("i", _definition.Leading.ToString(System.Globalization.CultureInfo.InvariantCulture), End(names.Count),
            interior.Jacobian.Select(e => e.Derivative).ToList(),
            interior.Jacobian.Select((_, k) => (Output)new Output.Statement($"{output}[{Shift(at, k)}] = {{0}};")).ToList(),
            vectorize: false, comment: InteriorComment(), afterEach: new[] { $"{at} += {interior.Jacobian.Count};" });
        var trailing = TrailingRows().ToList();
        for (int t = 0; t < trailing.Count; t++)
        {
            var (row, kernel) = trailing[t];
            body.StraightLine(kernel.Jacobian.Select(e => e.Derivative).ToList(),
                kernel.Jacobian.Select((_, k) => $"{output}[{Shift(at, k)}] = {{0}};").ToList(), $"Row {row}");
            if (t < trailing.Count - 1)
                _w.Line($"{at} += {kernel.Jacobian.Count};");
        }
        _w.Close();
    }

    private void WriteTimeDerivative()
    {
        var names = new Names(_spec);
        string output = names.Scope.Claim("dfdt");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open(Signature("TimeDerivative", names, $"Span<double> {output}"));
        CheckInputs(names, (output, "dfdt", Rows(names), "one entry per state"));
        if (!_derivatives.DependsOnTime)
        {
            _w.Line("// f does not depend on t.");
            _w.Line($"{output}.Clear();");
            _w.Close();
            return;
        }
        var body = Body(names);
        PerRow(body, names, k => k.TimeDerivative, output);
        _w.Close();
    }

    private void WriteParameterJacobian()
    {
        var names = new Names(_spec);
        string output = names.Scope.Claim("dfdp");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open(Signature("ParameterJacobian", names, $"Span<double> {output}"));
        string rows = Rows(names);
        CheckInputs(names, (output, "dfdp", P == 0 ? "0" : P == 1 ? rows : $"{P} * {rows}", "∂f/∂p, column-major n×P"));
        if (P == 0)
        {
            _w.Close();
            return;
        }
        var all = _derivatives.Rows.SelectMany(r => r.ParameterDerivatives)
            .Concat(_derivatives.Interior?.ParameterDerivatives ?? Enumerable.Empty<Node>()).ToList();
        if (all.Any(d => d.IsConstantValue(0)))
            _w.Line($"{output}.Clear();");
        var body = Body(names);
        string Column(int k) => k == 0 ? "" : k == 1 ? rows : $"{k} * {rows}";
        // A named system's positions are numbers: row r of column k is at k·n + r.
        int row = 0;
        PerRowMany(body, names,
            kernel =>
            {
                var outputs = Enumerable.Range(0, P).Where(k => !kernel.ParameterDerivatives[k].IsConstantValue(0))
                    .Select(k => (kernel.ParameterDerivatives[k], Indexed
                        ? $"{output}[{Join(Column(k), "{1}")}] = {{0}};"
                        : $"{output}[{k * _definition.Rows.Count + row}] = {{0}};")).ToList();
                row++;
                return outputs;
            },
            interior =>
            {
                var used = Enumerable.Range(0, P).Where(k => !interior.ParameterDerivatives[k].IsConstantValue(0)).ToList();
                return (used.Select(k => interior.ParameterDerivatives[k]).ToList(), used.Select(k => (Output)new Output.Store(output, Column(k))).ToList());
            });
        _w.Close();
    }

    private static string Join(string column, string row) => column.Length == 0 ? row : row == "0" ? column : $"{column} + {row}";

    private void WriteJacobianTimes()
    {
        var names = new Names(_spec);
        string v = names.Scope.Claim("v");
        string output = names.Scope.Claim("product");
        _w.Line();
        SystemEmitter.Inherit(_w);
        _w.Open(Signature("JacobianTimes", names, $"ReadOnlySpan<double> {v}", $"Span<double> {output}"));
        string rows = Rows(names);
        CheckInputs(names, (v, "v", rows, "one entry per state"), (output, "product", rows, "one entry per state"));
        var body = Body(names, v);
        PerRow(body, names, k => k.JacobianTimes, output);
        _w.Close();
    }

    /// <summary>One output per row, <c>span[row] = …</c>: the rows at fixed positions straight-line, the interior as a loop.</summary>
    private void PerRow(SystemMethodWriter body, Names names, System.Func<RowKernel, Node> root, string span) =>
        PerRowMany(body, names,
            kernel => new List<(Node, string)> { (root(kernel), $"{span}[{{1}}] = {{0}};") },
            interior => (new[] { root(interior) }, new Output[] { new Output.Store(span, "") }));

    private void PerRowMany(SystemMethodWriter body, Names names, System.Func<RowKernel, List<(Node Root, string Statement)>> rowOutputs,
                            System.Func<RowKernel, (IReadOnlyList<Node> Roots, IReadOnlyList<Output> Outputs)> interiorOutputs)
    {
        if (!Indexed)
        {
            var roots = new List<Node>();
            var statements = new List<string>();
            for (int r = 0; r < _derivatives.Rows.Count; r++)
            {
                foreach (var (root, statement) in rowOutputs(_derivatives.Rows[r]))
                {
                    roots.Add(root);
                    statements.Add(statement.Replace("{1}", r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            body.StraightLine(roots, statements);
            return;
        }
        foreach (var (row, kernel) in LeadingRows())
            RowBlock(body, names, row, rowOutputs(kernel));
        var (interiorRoots, outputs) = interiorOutputs(_derivatives.Interior!);
        if (interiorRoots.Count > 0)
            body.Loop("i", _definition.Leading.ToString(System.Globalization.CultureInfo.InvariantCulture), End(names.Count), interiorRoots, outputs,
                vectorize: true, comment: InteriorComment());
        foreach (var (row, kernel) in TrailingRows())
            RowBlock(body, names, row, rowOutputs(kernel));
    }

    private void RowBlock(SystemMethodWriter body, Names names, Position row, List<(Node Root, string Statement)> outputs)
    {
        if (outputs.Count == 0)
            return;
        body.StraightLine(outputs.Select(o => o.Root).ToList(),
            outputs.Select(o => o.Statement.Replace("{1}", row.CSharp(names.Count))).ToList(), $"Row {row}");
    }

    private string InteriorComment()
    {
        string index = _definition.Interior!.Index;
        string last = _definition.Trailing == 0 ? "n-1" : $"n-{_definition.Trailing + 1}";
        return $"Rows {index} = {_definition.Leading} … {last}: the stencil";
    }
}
