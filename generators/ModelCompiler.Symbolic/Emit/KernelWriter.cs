// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes the kernels of a compiled model: <c>Evaluate</c> and the fused <c>EvaluateWithJacobian</c>, each a
/// loop over points that runs on the widest accelerated vectors and finishes with a scalar tail; and the
/// straight-line body of a partial model method.
/// </summary>
internal sealed class KernelWriter
{
    private static readonly Lanes[] VectorWidths = { Lanes.Vector512, Lanes.Vector256 };

    private readonly CompiledModel _model;
    private readonly Schedule _schedule;
    private readonly bool _withJacobian;
    private readonly KernelLocals _locals;
    private readonly NameScope _scope;
    private readonly string _xs, _parameters, _values, _jacobian, _n, _i;
    private string[] _outputs = System.Array.Empty<string>();
    private string[] _columns = System.Array.Empty<string>();
    private string[] _variableColumns = System.Array.Empty<string>();

    private KernelWriter(CompiledModel model, bool withJacobian)
    {
        _model = model;
        _withJacobian = withJacobian;
        _schedule = withJacobian ? model.ValueAndJacobian : model.ValueOnly;
        _locals = new KernelLocals(model.Spec);
        _scope = _locals.Scope;
        _xs = _scope.Claim("xs");
        _parameters = _scope.Claim("parameters");
        _values = _scope.Claim("values");
        _jacobian = _scope.Claim("jacobian");
        _n = _scope.Claim("n");
        _i = _scope.Claim("i");
    }

    private static string Signature(string name, bool withJacobian, string xs, string parameters, string values, string jacobian) =>
        $"public static void {name}(ReadOnlySpan<double> {xs}, ReadOnlySpan<double> {parameters}, Span<double> {values}"
        + (withJacobian ? $", Span<double> {jacobian})" : ")");

    public static void WriteEvaluate(SourceWriter w, CompiledModel model) => new KernelWriter(model, false).Write(w);

    public static void WriteEvaluateWithJacobian(SourceWriter w, CompiledModel model) => new KernelWriter(model, true).Write(w);

    /// <summary>Statements and return of a partial model method: the value at one point, in the user's names.</summary>
    public static void WriteStraightLineBody(SourceWriter w, CompiledModel model)
    {
        var schedule = model.StraightLineValue;
        var scope = new NameScope(model.Spec.Variables.Concat(model.Spec.Parameters));
        var names = new Dictionary<Node, string>();
        var writer = new ExpressionWriter(Lanes.Scalar, node => LeafOrNamed(node, names, model));
        foreach (var node in schedule.PerPoint)
        {
            string definition = writer.WriteDefinition(node);
            names[node] = scope.Numbered(Stem(node));
            w.Line($"{ScalarType(node)} {names[node]} = {definition};");
        }
        w.Line($"return {writer.Write(schedule.Roots[0])};");
    }

    private static string? LeafOrNamed(Node node, Dictionary<Node, string> names, CompiledModel model) => node.Op switch
    {
        Op.Variable => NameScope.Identifier(model.Spec.Variables[node.Index]),
        Op.Parameter => NameScope.Identifier(model.Spec.Parameters[node.Index]),
        _ => names.TryGetValue(node, out string? name) ? name : null,
    };

    private void Write(SourceWriter w)
    {
        string method = _withJacobian ? "EvaluateWithJacobian" : "Evaluate";
        w.Open(Signature(method, _withJacobian, _xs, _parameters, _values, _jacobian));
        w.Line($"int {_n} = {_values}.Length;");
        w.Line(_withJacobian
            ? $"global::ModelCompiler.Kernels.KernelGuard.CheckLayout({_xs}.Length, {_parameters}.Length, {_n}, {_jacobian}.Length, VariableCount, ParameterCount);"
            : $"global::ModelCompiler.Kernels.KernelGuard.CheckLayout({_xs}.Length, {_parameters}.Length, {_n}, VariableCount, ParameterCount);");

        foreach (int p in _schedule.LeafIndices(Op.Parameter))
            w.Line($"double {_locals.Parameters[p]} = {_parameters}[{p}];");
        _locals.WriteHoisted(w, _schedule);
        DeclareOutputs(w);
        WriteInvariantOutputs(w);

        var varyingRoots = Enumerable.Range(0, _schedule.Roots.Count).Where(r => _schedule.Roots[r].DependsOnVariables).ToList();
        if (varyingRoots.Count > 0)
        {
            var variables = _schedule.LeafIndices(Op.Variable);
            var columns = DeclareVariableColumns(w, variables);
            _variableColumns = columns;
            DeclareRefs(w, variables, columns, varyingRoots);
            w.Line();
            w.Line("// The widest accelerated vectors take the points in blocks; the scalar loop finishes the tail.");
            w.Line($"int {_i} = 0;");
            for (int k = 0; k < VectorWidths.Length; k++)
                WriteVectorLoop(w, VectorWidths[k], k == 0, variables, varyingRoots);
            WriteScalarLoop(w, variables, columns, varyingRoots);
        }
        w.Close();
    }

    private void DeclareOutputs(SourceWriter w)
    {
        var outputs = new List<string> { _values };
        if (_withJacobian)
        {
            _columns = _model.Spec.Parameters.Select(p => _scope.Claim("d" + char.ToUpperInvariant(p[0]) + p.Substring(1))).ToArray();
            for (int j = 0; j < _columns.Length; j++)
                w.Line($"Span<double> {_columns[j]} = {_jacobian}.Slice({(j == 0 ? "0" : j == 1 ? _n : $"{j} * {_n}")}, {_n});");
            outputs.AddRange(_columns);
        }
        _outputs = outputs.ToArray();
    }

    /// <summary>Outputs that are the same at every point are filled once, outside the loop.</summary>
    private void WriteInvariantOutputs(SourceWriter w)
    {
        var writer = new ExpressionWriter(Lanes.Scalar, _locals.InvariantName);
        for (int r = 0; r < _schedule.Roots.Count; r++)
        {
            var root = _schedule.Roots[r];
            if (root.DependsOnVariables)
                continue;
            w.Line(root.IsConstantValue(0) ? $"{_outputs[r]}.Clear();" : $"{_outputs[r]}.Fill({writer.Write(root)});");
        }
    }

    private string[] DeclareVariableColumns(SourceWriter w, IReadOnlyList<int> variables)
    {
        var columns = new string[_locals.Variables.Length];
        foreach (int v in variables)
        {
            if (_locals.Variables.Length == 1)
            {
                columns[v] = _xs;
                continue;
            }
            columns[v] = _scope.Claim(_model.Spec.Variables[v] + "Column");
            w.Line($"ReadOnlySpan<double> {columns[v]} = {_xs}.Slice({(v == 0 ? "0" : v == 1 ? _n : $"{v} * {_n}")}, {_n});");
        }
        return columns;
    }

    private void DeclareRefs(SourceWriter w, IReadOnlyList<int> variables, string[] columns, IReadOnlyList<int> varyingRoots)
    {
        foreach (int v in variables)
            w.Line($"ref double {_locals.Ref(columns[v])} = ref MemoryMarshal.GetReference({columns[v]});");
        foreach (int r in varyingRoots)
            w.Line($"ref double {_locals.Ref(_outputs[r])} = ref MemoryMarshal.GetReference({_outputs[r]});");
    }

    private void WriteVectorLoop(SourceWriter w, Lanes lanes, bool first, IReadOnlyList<int> variables, IReadOnlyList<int> varyingRoots)
    {
        string v = lanes.VectorType();
        string vector = v + "<double>";
        w.Open($"{(first ? "if" : "else if")} ({v}.IsHardwareAccelerated)");
        _locals.WriteBroadcasts(w, _schedule, v);
        w.Open($"for (; {_i} <= {_n} - {vector}.Count; {_i} += {vector}.Count)");
        foreach (int k in variables)
            w.Line($"{vector} {_locals.Variables[k]} = {v}.LoadUnsafe(ref {_locals.Ref(_variableColumns[k])}, (nuint){_i});");
        var writer = new ExpressionWriter(lanes, _locals.VectorName);
        _locals.WritePerPoint(w, _schedule, writer, _ => vector);
        foreach (int r in varyingRoots)
        {
            var root = _schedule.Roots[r];
            string value = writer.Write(root);
            bool simple = _locals.VectorName(root) is not null || IsSingleCall(value);
            w.Line($"{(simple ? value : "(" + value + ")")}.StoreUnsafe(ref {_locals.Ref(_outputs[r])}, (nuint){_i});");
        }
        w.Close();
        w.Close();
    }

    private void WriteScalarLoop(SourceWriter w, IReadOnlyList<int> variables, string[] columns, IReadOnlyList<int> varyingRoots)
    {
        w.Open($"for (; {_i} < {_n}; {_i}++)");
        foreach (int k in variables)
            w.Line($"double {_locals.Variables[k]} = {columns[k]}[{_i}];");
        var writer = new ExpressionWriter(Lanes.Scalar, _locals.ScalarName);
        _locals.WritePerPoint(w, _schedule, writer, ScalarType);
        foreach (int r in varyingRoots)
            w.Line($"{_outputs[r]}[{_i}] = {writer.Write(_schedule.Roots[r])};");
        w.Close();
    }

    internal static string ScalarType(Node node) => node.Op.IsCondition() ? "bool" : "double";

    /// <summary>
    /// A variable-free value <paramref name="scalar"/> in every lane of vector type <paramref name="v"/>; a condition (a
    /// bool) as the mask a vector comparison gives, all bits set where it holds.
    /// </summary>
    internal static string Broadcast(string v, Node node, string scalar) =>
        node.Op.IsCondition() ? $"({scalar} ? {v}<double>.AllBitsSet : {v}<double>.Zero)" : $"{v}.Create({scalar})";

    /// <summary>The stem of a generated local's name, after what it holds.</summary>
    internal static string Stem(Node node) => node.Op switch
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
        Op.Log2 => "lb",
        Op.Log1p => "lp",
        Op.Expm1 => "em",
        _ when node.Op.IsCondition() => "cond",
        _ => node.Op.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether an expression is one call, <c>Name.Method(…)</c> or <c>global::Name.Method(…)</c>, that needs no parentheses before a member access.</summary>
    internal static bool IsSingleCall(string expression)
    {
        int open = expression.IndexOf('(');
        if (open <= 0 || expression[expression.Length - 1] != ')')
            return false;
        for (int c = 0; c < open; c++)
            if (!(char.IsLetterOrDigit(expression[c]) || expression[c] is '_' or '.' or ':' or '<' or '>'))
                return false;
        int depth = 0;
        for (int c = open; c < expression.Length; c++)
        {
            depth += expression[c] == '(' ? 1 : expression[c] == ')' ? -1 : 0;
            if (depth == 0 && c < expression.Length - 1)
                return false; // the first call closes before the end: something follows it
        }
        return true;
    }
}
