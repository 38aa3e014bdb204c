// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes <c>AccumulateNormalEquationsLanes</c>: the fused value-and-Jacobian statements vectorized across curves
/// instead of points. Every lane of a vector carries its own curve's parameters, so what is free of the variables
/// is computed once per call for all lanes, and the loop over the points folds each lane's Jacobian row into that
/// lane's JᵀJ, Jᵀr and rᵀr. No arithmetic crosses lanes: a curve's sums do not depend on its neighbours.
/// </summary>
internal sealed class LaneKernelWriter
{
    private static readonly Lanes[] VectorWidths = { Lanes.Vector512, Lanes.Vector256 };

    private readonly CompiledModel _model;
    private readonly Schedule _schedule;
    private readonly NameScope _scope;
    private readonly Dictionary<Node, string> _names = new();
    private readonly string[] _variableLocals, _parameterLocals;
    private readonly string _xs, _parameters, _ys, _weights, _sums, _lanes, _n, _shared, _weighted, _i, _lane, _residual, _weight;
    private readonly string _pathsType, _outOfRange;
    private readonly string _rows, _partial, _start, _k, _count;  // the blocked loop's (see WriteBlockedLoop)
    private readonly bool _speculative;    // the loop computes exp or log, first on their short paths
    private readonly string[] _row, _accumulators;
    private readonly string?[] _unweightedRow;  // the row without weights: null where a column is 1 at every point
    private readonly string?[] _scales;      // the local of a Jacobian column's point-invariant factor, or null where it is 1
    private readonly IReadOnlyList<(int A, int B)> _layout;  // the columns each accumulator multiplies
    private readonly string?[] _invariant;    // an output (value, then ∂f/∂p_j) free of the variables, computed once
    private readonly Dictionary<string, string> _refs = new();

    private LaneKernelWriter(CompiledModel model)
    {
        _model = model;
        _schedule = model.ValueAndScaledJacobian;
        var spec = model.Spec;
        _variableLocals = spec.Variables.Select(NameScope.Identifier).ToArray();
        _parameterLocals = spec.Parameters.Select(NameScope.Identifier).ToArray();
        _scope = new NameScope(spec.Variables.Concat(spec.Parameters));
        _xs = _scope.Claim("xs");
        _parameters = _scope.Claim("parameters");
        _ys = _scope.Claim("ys");
        _weights = _scope.Claim("sqrtWeights");
        _sums = _scope.Claim("sums");
        _lanes = _scope.Claim("lanes");
        _n = _scope.Claim("n");
        _shared = _scope.Claim("sharedX");
        _weighted = _scope.Claim("weighted");
        _i = _scope.Claim("i");
        _lane = _scope.Claim("lane");
        _residual = _scope.Claim("residual");
        _weight = _scope.Claim("weight");
        _pathsType = _scope.Claim("TPaths");
        _outOfRange = _scope.Claim("outOfRange");
        _rows = _scope.Claim("rows");
        _partial = _scope.Claim("partial");
        _start = _scope.Claim("start");
        _k = _scope.Claim("k");
        _count = _scope.Claim("count");
        var suffixes = spec.Parameters.Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)).ToArray();
        _row = suffixes.Select(s => _scope.Claim("d" + s)).ToArray();
        var sums = new List<string>();
        for (int b = 0; b < suffixes.Length; b++)
            for (int a = 0; a <= b; a++)
                sums.Add(_scope.Claim("sum" + suffixes[a] + suffixes[b]));
        sums.AddRange(suffixes.Select(s => _scope.Claim("sum" + s + "R")));
        sums.Add(_scope.Claim("sumRR"));
        _accumulators = sums.ToArray();
        _invariant = new string?[_row.Length + 1];
        for (int r = 0; r < _invariant.Length; r++)
            if (!_schedule.Roots[r].DependsOnVariables)
                _invariant[r] = _scope.Claim((r == 0 ? "value" : _row[r - 1]) + "Invariant");
        _unweightedRow = NormalEquationsSums.UnweightedRow(_row, _schedule);
        _scales = NormalEquationsSums.ScaleNames(model.ColumnScales, suffixes, _scope);
        _layout = NormalEquationsSums.Layout(_row.Length);
        _speculative = CallsPerPoint().ShortPaths > 0;
    }

    public static void Write(SourceWriter w, CompiledModel model) => new LaneKernelWriter(model).Write(w);

    private void Write(SourceWriter w)
    {
        bool fused = _model.Spec.Parameters.Count <= NormalEquationsWriter.MaxFusedParameters;
        w.Open($"public static void AccumulateNormalEquationsLanes(ReadOnlySpan<double> {_xs}, ReadOnlySpan<double> {_parameters}, " +
               $"ReadOnlySpan<double> {_ys}, ReadOnlySpan<double> {_weights}, Span<double> {_sums})");
        if (!fused)
        {
            w.Line($"// {_model.Spec.Parameters.Count} parameters need more accumulators than a fused kernel can keep in registers.");
            w.Line($"global::ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquationsLanes<{_model.Spec.ModelTypeName}>({_xs}, {_parameters}, {_ys}, {_weights}, {_sums});");
            w.Close();
            return;
        }
        w.Line($"var ({_lanes}, {_n}, {_shared}) = global::ModelCompiler.Kernels.KernelGuard.CheckLaneLayout({_xs}.Length, {_parameters}.Length, " +
               $"{_ys}.Length, {_weights}.Length, {_sums}.Length, VariableCount, ParameterCount);");
        w.Line();
        w.Line("// One curve per lane: parameters, sums and (unless shared) points are interleaved by lane.");
        if (_speculative)
        {
            w.Line("// Exp and log take their short paths first; a lane out of their range sends the call through the general");
            w.Line("// paths, which give every lane the same bits.");
        }
        for (int k = 0; k < VectorWidths.Length; k++)
        {
            string v = VectorWidths[k].VectorType();
            w.Open($"{(k == 0 ? "if" : "else if")} ({_lanes} == {v}<double>.Count && {v}.IsHardwareAccelerated)");
            string unweighted = $"({_xs}, {_parameters}, {_ys}, {_sums}, {_n}, {_shared})";
            string weighted = $"({_xs}, {_parameters}, {_ys}, {_weights}, {_sums}, {_n}, {_shared})";
            if (_speculative)
            {
                w.Open($"if ({_weights}.IsEmpty)");
                w.Line($"if (!{Helper(VectorWidths[k], false)}<global::ModelCompiler.Kernels.ShortPaths>{unweighted})");
                w.Line($"    {Helper(VectorWidths[k], false)}<global::ModelCompiler.Kernels.GeneralPaths>{unweighted};");
                w.Close();
                w.Line($"else if (!{Helper(VectorWidths[k], true)}<global::ModelCompiler.Kernels.ShortPaths>{weighted})");
                w.Line($"    {Helper(VectorWidths[k], true)}<global::ModelCompiler.Kernels.GeneralPaths>{weighted};");
            }
            else
            {
                w.Line($"if ({_weights}.IsEmpty)");
                w.Line($"    {Helper(VectorWidths[k], false)}{unweighted};");
                w.Line("else");
                w.Line($"    {Helper(VectorWidths[k], true)}{weighted};");
            }
            w.Close();
        }
        WriteScalarPath(w);
        w.Close();
        foreach (var lanes in VectorWidths)
            foreach (bool weighted in new[] { false, true })
            {
                w.Line();
                WriteVectorPath(w, lanes, weighted);
            }
    }

    private static string Helper(Lanes lanes, bool weighted) =>
        "Accumulate" + (weighted ? "Weighted" : "") + "Lanes" + (lanes == Lanes.Vector512 ? "512" : "256");

    /// <summary>The VectorMath calls of the loop over the points.</summary>
    private (int ShortPaths, int Others) CallsPerPoint() => PointLoopCalls.Count(_schedule, r => _invariant[r] is null);

    private string Ref(string span)
    {
        if (!_refs.TryGetValue(span, out string? name))
            _refs[span] = name = _scope.Claim(span + "Ref");
        return name;
    }

    /// <summary>
    /// The loop over the points for one vector width, with or without weights, in a method of its own so that it can be
    /// optimized from its first call; with exp or log, generic in their paths, and false (nothing added) when a lane was
    /// out of range. Without weights a column that is 1 at every point (an additive offset's) is no local: its products
    /// are additions and its square the count of points, the bits of the multiply-adds they replace.
    /// </summary>
    private void WriteVectorPath(SourceWriter w, Lanes lanes, bool weighted)
    {
        string v = lanes.VectorType();
        string vector = v + "<double>";
        string count = vector + ".Count";
        string?[] row = weighted ? _row : _unweightedRow;
        if (PointLoopCalls.CompileWellWithoutProfile(CallsPerPoint()))
            w.Line(PointLoopCalls.AggressiveOptimization);
        string weights = weighted ? $"ReadOnlySpan<double> {_weights}, " : "";
        string signature = $"(ReadOnlySpan<double> {_xs}, ReadOnlySpan<double> {_parameters}, ReadOnlySpan<double> {_ys}, " +
                           $"{weights}Span<double> {_sums}, int {_n}, bool {_shared})";
        if (_speculative)
        {
            w.Line($"private static bool {Helper(lanes, weighted)}<{_pathsType}>{signature}");
            w.Open($"    where {_pathsType} : global::ModelCompiler.Kernels.IElementaryPaths");
        }
        else
        {
            w.Open($"private static void {Helper(lanes, weighted)}{signature}");
        }
        foreach (string span in weighted ? new[] { _xs, _parameters, _ys, _weights, _sums } : new[] { _xs, _parameters, _ys, _sums })
            w.Line($"ref double {Ref(span)} = ref MemoryMarshal.GetReference({span});");
        foreach (int p in _schedule.LeafIndices(Op.Parameter))
            w.Line($"{vector} {_parameterLocals[p]} = {v}.LoadUnsafe(ref {_refs[_parameters]}, (nuint)({p} * {count}));");
        if (_speculative)
            w.Line($"{vector} {_outOfRange} = {vector}.Zero;");
        var writer = new ExpressionWriter(lanes, Name, _speculative ? (_pathsType, _outOfRange) : null);
        WriteInvariants(w, writer, vector, row);
        WriteScales(w, writer, vector);
        var tiles = NormalEquationsSums.Tiles(_layout, row, lanes);
        NormalEquationsSums.WriteUnitColumns(w, _model.Spec.Parameters, row);
        if (tiles.Count == 1)
        {
            foreach (int s in tiles[0])
                w.Line($"{vector} {_accumulators[s]} = {vector}.Zero;");
            w.Open($"for (int {_i} = 0; {_i} < {_n}; {_i}++)");
            WritePointRow(w, writer, lanes, row, weighted);
            foreach (var (sum, left, right) in Products(row).Where((_, s) => tiles[0].Contains(s)))
                w.Line(NormalEquationsSums.Accumulation(v, sum, left, right));
            w.Close();
        }
        else
        {
            WriteBlockedLoop(w, writer, lanes, tiles, row, weighted);
        }
        if (_speculative)
        {
            w.Line($"if ({_outOfRange} != {vector}.Zero)");
            w.Line("    return false;");
        }
        for (int s = 0; s < _accumulators.Length; s++)
        {
            string sum = NormalEquationsSums.CountsPoints(_layout[s], row) ? $"{v}.Create((double){_n})"
                         : tiles.Count == 1 ? _accumulators[s] : $"{_partial}[{s}]";
            w.Line($"({v}.LoadUnsafe(ref {_refs[_sums]}, (nuint)({s} * {count})) + {Scaled(sum, s)}).StoreUnsafe(ref {_refs[_sums]}, (nuint)({s} * {count}));");
        }
        if (_speculative)
            w.Line("return true;");
        w.Close();
    }

    /// <summary>Point <c>i</c>'s Jacobian row <paramref name="row"/> and residual, weighed when there are weights.</summary>
    private void WritePointRow(SourceWriter w, ExpressionWriter writer, Lanes lanes, IReadOnlyList<string?> row, bool weighted)
    {
        string v = lanes.VectorType(), vector = v + "<double>", count = vector + ".Count";
        foreach (int k in _schedule.LeafIndices(Op.Variable))
        {
            string index = k == 0 ? _i : $"{k} * {_n} + {_i}", scaled = k == 0 ? _i : $"({index})";
            w.Line($"{vector} {_variableLocals[k]} = {_shared} ? {v}.Create({_xs}[{index}]) : {v}.LoadUnsafe(ref {_refs[_xs]}, (nuint)({scaled} * {count}));");
        }
        WritePerPoint(w, writer, _ => vector);
        string at = $"(nuint)({_i} * {count})";
        for (int j = 0; j < row.Count; j++)
            if (row[j] is { } entry)
                w.Line($"{vector} {entry} = {Output(j + 1, writer)};");
        w.Line($"{vector} {_residual} = {Output(0, writer)} - {v}.LoadUnsafe(ref {_refs[_ys]}, {at});");
        if (weighted)
        {
            w.Line($"{vector} {_weight} = {v}.LoadUnsafe(ref {_refs[_weights]}, {at});");
            WriteWeighing(w);
        }
    }

    /// <summary>
    /// The loop over the points when its sums and a Jacobian row outnumber the registers (the fused loop would keep
    /// spilling and reloading its sums): a block of points stores its rows, then each group of sums is loaded,
    /// advanced over the block in registers and stored. Every sum still adds the points in order, so the bits are
    /// those of the fused loop.
    /// </summary>
    private void WriteBlockedLoop(SourceWriter w, ExpressionWriter writer, Lanes lanes, List<List<int>> tiles, IReadOnlyList<string?> row, bool weighted)
    {
        int block = NormalEquationsSums.BlockVectors;
        NormalEquationsSums.WriteBlockBuffers(w, lanes, tiles.Sum(tile => tile.Count), _accumulators.Length,
                                              row.Count(entry => entry is not null), _rows, _partial, "points stores its");
        w.Open($"for (int {_start} = 0; {_start} < {_n}; {_start} += {block})");
        w.Line($"int {_count} = global::System.Math.Min({block}, {_n} - {_start});");
        w.Open($"for (int {_k} = 0; {_k} < {_count}; {_k}++)");
        w.Line($"int {_i} = {_start} + {_k};");
        WritePointRow(w, writer, lanes, row, weighted);
        NormalEquationsSums.WriteRowStores(w, row, _residual, _rows, _k);
        w.Close();
        NormalEquationsSums.WriteGroups(w, lanes, tiles, _layout, _accumulators, row, _residual, _rows, _partial, _k, _count);
        w.Close();
    }

    /// <summary>Any lane count, and the machines without vectors: one lane after another.</summary>
    private void WriteScalarPath(SourceWriter w)
    {
        w.Open("else");
        w.Line($"bool {_weighted} = !{_weights}.IsEmpty;");
        w.Open($"for (int {_lane} = 0; {_lane} < {_lanes}; {_lane}++)");
        foreach (int p in _schedule.LeafIndices(Op.Parameter))
            w.Line($"double {_parameterLocals[p]} = {_parameters}[{p} * {_lanes} + {_lane}];");
        var writer = new ExpressionWriter(Lanes.Scalar, Name);
        WriteInvariants(w, writer, null, _row);
        WriteScales(w, writer, null);
        foreach (string sum in _accumulators)
            w.Line($"double {sum} = 0;");
        w.Open($"for (int {_i} = 0; {_i} < {_n}; {_i}++)");
        foreach (int k in _schedule.LeafIndices(Op.Variable))
        {
            string index = k == 0 ? _i : $"{k} * {_n} + {_i}", scaled = k == 0 ? _i : $"({index})";
            w.Line($"double {_variableLocals[k]} = {_shared} ? {_xs}[{index}] : {_xs}[{scaled} * {_lanes} + {_lane}];");
        }
        WritePerPoint(w, writer, KernelWriter.ScalarType);
        string at = $"{_i} * {_lanes} + {_lane}";
        for (int j = 0; j < _row.Length; j++)
            w.Line($"double {_row[j]} = {Output(j + 1, writer)};");
        w.Line($"double {_residual} = {Output(0, writer)} - {_ys}[{at}];");
        w.Open($"if ({_weighted})");
        w.Line($"double {_weight} = {_weights}[{at}];");
        WriteWeighing(w);
        w.Close();
        foreach (var (sum, left, right) in Products(_row))
            w.Line($"{sum} += {left} * {right};");
        w.Close();
        for (int s = 0; s < _accumulators.Length; s++)
            w.Line($"{_sums}[{s} * {_lanes} + {_lane}] += {Scaled(_accumulators[s], s)};");
        w.Close();
        w.Close();
    }

    /// <summary>
    /// What is free of the variables, for every lane at once: the hoisted nodes and the invariant outputs the value and
    /// <paramref name="row"/> use.
    /// </summary>
    private void WriteInvariants(SourceWriter w, ExpressionWriter writer, string? vector, IReadOnlyList<string?> row)
    {
        foreach (var node in _schedule.Hoisted)
        {
            string definition = writer.WriteDefinition(node);
            if (!_names.ContainsKey(node))
                _names[node] = _scope.Numbered(KernelWriter.Stem(node));
            w.Line($"{vector ?? KernelWriter.ScalarType(node)} {_names[node]} = {definition};");
        }
        for (int r = 0; r < _invariant.Length; r++)
            if (_invariant[r] is { } name && (r == 0 || row[r - 1] is not null))
                w.Line($"{vector ?? "double"} {name} = {writer.Write(_schedule.Roots[r])};");
    }

    /// <summary>The Jacobian columns' point-invariant factors, which multiply the sums once the loop is done.</summary>
    private void WriteScales(SourceWriter w, ExpressionWriter writer, string? vector) =>
        NormalEquationsSums.WriteScales(w, _scales, _model.ColumnScales, writer, vector ?? "double");

    private string Scaled(string sum, int s) => NormalEquationsSums.Scaled(sum, _layout[s], _scales);

    private void WritePerPoint(SourceWriter w, ExpressionWriter writer, System.Func<Node, string> type)
    {
        foreach (var node in _schedule.PerPoint)
        {
            string definition = writer.WriteDefinition(node);
            if (!_names.ContainsKey(node))
                _names[node] = _scope.Numbered(KernelWriter.Stem(node));
            w.Line($"{type(node)} {_names[node]} = {definition};");
        }
    }

    private string Output(int r, ExpressionWriter writer)
    {
        if (_invariant[r] is { } invariant)
            return invariant;
        var root = _schedule.Roots[r];
        string expression = writer.Write(root);
        return r > 0 || Name(root) is not null || KernelWriter.IsSingleCall(expression) ? expression : "(" + expression + ")";
    }

    private void WriteWeighing(SourceWriter w)
    {
        w.Line($"{_residual} *= {_weight};");
        foreach (string entry in _row)
            w.Line($"{entry} *= {_weight};");
    }

    /// <summary>Each accumulator with the two factors it sums, in <c>NormalEquationsLayout</c> order (null: a unit column).</summary>
    private IEnumerable<(string Sum, string? Left, string? Right)> Products(IReadOnlyList<string?> row) =>
        NormalEquationsSums.Products(_accumulators, _layout, row, _residual);

    /// <summary>Every leaf and named node is a local of the same name in the vector and the scalar paths.</summary>
    private string? Name(Node node) => node.Op switch
    {
        Op.Variable => _variableLocals[node.Index],
        Op.Parameter => _parameterLocals[node.Index],
        _ => _names.TryGetValue(node, out string? name) ? name : null,
    };
}
