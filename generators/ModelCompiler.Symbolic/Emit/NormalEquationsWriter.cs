// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes <c>AccumulateNormalEquations</c>: the fused value-and-Jacobian statements of a model, vectorized over the
/// points, with the Jacobian row of each vector of points kept in locals and folded at once into JᵀJ (upper
/// triangle), Jᵀr and rᵀr accumulators, so that a least-squares pass stores the residuals (when asked) and nothing else. Each
/// accumulator sums its lanes separately; the lanes and the scalar tail are added at the end. The vector loops live
/// in methods of their own which, as the lane kernel's, are optimized from their first call where the loop compiles
/// well without a profile (exp and log on their short paths, rerun on the general ones when a point is out of range):
/// a fresh process's first fits of a million points otherwise ran their kernel unoptimized.
/// </summary>
internal sealed class NormalEquationsWriter
{
    /// <summary>
    /// Above this many parameters the P(P+1)/2 accumulators no longer fit in registers by far, and the kernel
    /// delegates to the runtime's version over <c>EvaluateWithJacobian</c>.
    /// </summary>
    public const int MaxFusedParameters = 12;

    private static readonly Lanes[] VectorWidths = { Lanes.Vector512, Lanes.Vector256 };

    private readonly CompiledModel _model;
    private readonly Schedule _schedule;
    private readonly KernelLocals _locals;
    private readonly NameScope _scope;
    private readonly string _xs, _stride, _parameters, _ys, _weights, _residuals, _sums, _n, _i, _weighted, _store, _residual, _weight;
    private readonly string _laneSums, _outOfRange;
    private readonly bool _speculative;         // the loop computes exp or log, first on their short paths
    private readonly bool _shortOptimizedFromStart, _generalOptimizedFromStart;  // which loops compile well without a profile
    private readonly string[] _row;             // the Jacobian row: one local per parameter
    private readonly string?[] _unweightedRow;  // the row without weights: null where a column is 1 at every point
    private readonly string?[] _invariant;      // the scalar holding an output (value, then ∂f/∂p_j) that is the same at every point
    private readonly string[] _gram;            // accumulator of (JᵀJ)_ab, a ≤ b, in NormalEquationsLayout order
    private readonly string[] _gradient;        // accumulators of (Jᵀr)_a
    private readonly string _squares;           // accumulator of rᵀr
    private readonly string?[] _scales;         // the local of a Jacobian column's point-invariant factor, or null where it is 1
    private readonly IReadOnlyList<(int A, int B)> _layout;  // the columns each accumulator multiplies
    private readonly string[] _columns;         // the span of each variable's column (xs itself for one variable)

    private NormalEquationsWriter(CompiledModel model)
    {
        _model = model;
        _schedule = model.ValueAndScaledJacobian;
        var spec = model.Spec;
        _locals = new KernelLocals(spec);
        _scope = _locals.Scope;
        _xs = _scope.Claim("xs");
        _stride = _scope.Claim("xStride");
        _parameters = _scope.Claim("parameters");
        _ys = _scope.Claim("ys");
        _weights = _scope.Claim("sqrtWeights");
        _residuals = _scope.Claim("residuals");
        _sums = _scope.Claim("sums");
        _n = _scope.Claim("n");
        _i = _scope.Claim("i");
        _weighted = _scope.Claim("weighted");
        _store = _scope.Claim("storeResiduals");
        _residual = _scope.Claim("residual");
        _weight = _scope.Claim("weight");
        _laneSums = _scope.Claim("laneSums");
        _outOfRange = _scope.Claim("outOfRange");
        _rows = _scope.Claim("rows");
        _partial = _scope.Claim("partial");
        _k = _scope.Claim("k");
        _count = _scope.Claim("count");
        var calls = PointLoopCalls.Count(_schedule, r => _schedule.Roots[r].DependsOnVariables);
        _speculative = calls.ShortPaths > 0;
        _shortOptimizedFromStart = PointLoopCalls.CompileWellWithoutProfile(calls);
        _generalOptimizedFromStart = PointLoopCalls.CompileWellWithoutProfile((0, calls.ShortPaths + calls.Others));
        var suffixes = spec.Parameters.Select(Capitalized).ToArray();
        _row = suffixes.Select(s => _scope.Claim("d" + s)).ToArray();
        _invariant = new string?[_row.Length + 1];
        _unweightedRow = NormalEquationsSums.UnweightedRow(_row, _schedule);
        _columns = _locals.Variables.Length == 1 ? new[] { _xs } : spec.Variables.Select(v => _scope.Claim(v + "Column")).ToArray();
        var gram = new List<string>();
        for (int b = 0; b < suffixes.Length; b++)
            for (int a = 0; a <= b; a++)
                gram.Add(_scope.Claim("sum" + suffixes[a] + suffixes[b]));
        _gram = gram.ToArray();
        _gradient = suffixes.Select(s => _scope.Claim("sum" + s + "R")).ToArray();
        _squares = _scope.Claim("sumRR");
        _scales = NormalEquationsSums.ScaleNames(model.ColumnScales, suffixes, _scope);
        _layout = NormalEquationsSums.Layout(_row.Length);
        foreach (string sum in Accumulators)
            _vectorSums[sum] = _scope.Claim(sum + "V");
    }

    private readonly Dictionary<string, string> _vectorSums = new();
    private readonly string _rows, _partial, _k, _count; // the blocked loop's (see WriteBlockedLoop)

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    public static void Write(SourceWriter w, CompiledModel model) => new NormalEquationsWriter(model).Write(w);

    private string Signature =>
        $"public static void AccumulateNormalEquations(ReadOnlySpan<double> {_xs}, int {_stride}, ReadOnlySpan<double> {_parameters}, " +
        $"ReadOnlySpan<double> {_ys}, ReadOnlySpan<double> {_weights}, Span<double> {_residuals}, Span<double> {_sums})";

    private void Write(SourceWriter w)
    {
        w.Open(Signature);
        if (_model.Spec.Parameters.Count > MaxFusedParameters)
        {
            w.Line($"// {_model.Spec.Parameters.Count} parameters need more accumulators than a fused kernel can keep in registers.");
            w.Line($"global::ModelCompiler.Kernels.ModelKernels.AccumulateNormalEquations<{_model.Spec.ModelTypeName}>({_xs}, {_stride}, {_parameters}, {_ys}, {_weights}, {_residuals}, {_sums});");
            w.Close();
            return;
        }
        w.Line($"int {_n} = {_ys}.Length;");
        w.Line($"global::ModelCompiler.Kernels.KernelGuard.CheckNormalEquationsLayout({_xs}.Length, {_stride}, {_parameters}.Length, {_n}, " +
               $"{_weights}.Length, {_residuals}.Length, {_sums}.Length, VariableCount, ParameterCount);");
        w.Line($"bool {_weighted} = !{_weights}.IsEmpty;");
        WritePreamble(w, _row);
        WriteScales(w);
        w.Line();
        w.Line("// JᵀJ (upper triangle), Jᵀr and rᵀr: the vector loop sums each lane apart, and the tail adds to the lanes' sum.");
        foreach (string sum in Accumulators)
            w.Line($"double {sum} = 0;");
        w.Line($"int {_i} = 0;");
        if (_speculative)
        {
            w.Line("// Exp and log take their short paths first; a point out of their range sends the loop through the general");
            w.Line("// paths, which give the same bits.");
        }
        for (int k = 0; k < VectorWidths.Length; k++)
            WriteVectorCall(w, VectorWidths[k], k == 0);
        WriteScalarLoop(w);
        int index = 0;
        foreach (string sum in Accumulators)
        {
            w.Line($"{_sums}[{index}] += {NormalEquationsSums.Scaled(sum, _layout[index], _scales)};");
            index++;
        }
        w.Close();
        foreach (var lanes in VectorWidths)
            foreach (bool weighted in new[] { false, true })
            {
                if (_speculative)
                {
                    w.Line();
                    WriteVectorLoop(w, lanes, shortPaths: true, weighted);
                }
                w.Line();
                WriteVectorLoop(w, lanes, shortPaths: false, weighted);
            }
    }

    /// <summary>
    /// What the kernel and each of its vector loops compute before the points: parameters, invariants of the value and
    /// <paramref name="row"/>, columns.
    /// </summary>
    private void WritePreamble(SourceWriter w, IReadOnlyList<string?> row)
    {
        w.Line($"bool {_store} = !{_residuals}.IsEmpty;");
        foreach (int p in _schedule.LeafIndices(Op.Parameter))
            w.Line($"double {_locals.Parameters[p]} = {_parameters}[{p}];");
        _locals.WriteHoisted(w, _schedule);
        WriteInvariantRow(w, row);
        DeclareColumns(w);
    }

    private static string Helper(Lanes lanes, bool weighted, bool shortPaths = false) =>
        "Accumulate" + (weighted ? "Weighted" : "") + "NormalEquations" + (lanes == Lanes.Vector512 ? "512" : "256") + (shortPaths ? "ShortPaths" : "");

    /// <summary>The call of one width's vector loop, with or without weights, whose lanes' sums start the accumulators.</summary>
    private void WriteVectorCall(SourceWriter w, Lanes lanes, bool first)
    {
        string v = lanes.VectorType();
        w.Open($"{(first ? "if" : "else if")} ({v}.IsHardwareAccelerated)");
        w.Line($"Span<double> {_laneSums} = stackalloc double[{Accumulators.Count()}];");
        foreach (bool weighted in new[] { true, false })
        {
            w.Open(weighted ? $"if ({_weighted})" : "else");
            string weights = weighted ? $"{_weights}, " : "";
            string arguments = $"({_xs}, {_stride}, {_parameters}, {_ys}, {weights}{_residuals}, {_laneSums})";
            if (_speculative)
            {
                w.Line($"{_i} = {Helper(lanes, weighted, shortPaths: true)}{arguments};");
                w.Line($"if ({_i} < 0)");
                w.Line($"    {_i} = {Helper(lanes, weighted)}{arguments};");
            }
            else
            {
                w.Line($"{_i} = {Helper(lanes, weighted)}{arguments};");
            }
            w.Close();
        }
        int index = 0;
        foreach (string sum in Accumulators)
            w.Line($"{sum} = {_laneSums}[{index++}];");
        w.Close();
    }

    private IEnumerable<string> Accumulators => _gram.Concat(_gradient).Concat(new[] { _squares });

    /// <summary>The Jacobian columns' point-invariant factors, which multiply the sums once the loop is done.</summary>
    private void WriteScales(SourceWriter w) =>
        NormalEquationsSums.WriteScales(w, _scales, _model.ColumnScales, new ExpressionWriter(Lanes.Scalar, _locals.InvariantName), "double");

    /// <summary>
    /// Outputs that are the same at every point (a linear parameter's derivative, say) are computed once: the value and
    /// the entries of <paramref name="row"/>.
    /// </summary>
    private void WriteInvariantRow(SourceWriter w, IReadOnlyList<string?> row)
    {
        var writer = new ExpressionWriter(Lanes.Scalar, _locals.InvariantName);
        for (int r = 0; r < _invariant.Length; r++)
        {
            var root = _schedule.Roots[r];
            if (root.DependsOnVariables || r > 0 && row[r - 1] is null)
                continue;
            _invariant[r] ??= _scope.Claim((r == 0 ? "value" : _row[r - 1]) + "Invariant");
            w.Line($"double {_invariant[r]} = {writer.Write(root)};");
        }
    }

    /// <summary>Output r (the value, then ∂f/∂p_j) in vector or scalar code.</summary>
    private string Output(int r, ExpressionWriter writer, string? vector, System.Func<Node, string?> name)
    {
        if (_invariant[r] is { } invariant)
            return vector is null ? invariant : $"{vector}.Create({invariant})";
        string expression = writer.Write(_schedule.Roots[r]);
        return r > 0 || name(_schedule.Roots[r]) is not null || KernelWriter.IsSingleCall(expression) ? expression : "(" + expression + ")";
    }

    private void DeclareColumns(SourceWriter w)
    {
        if (_locals.Variables.Length == 1)
            return;
        foreach (int v in _schedule.LeafIndices(Op.Variable))
            w.Line($"ReadOnlySpan<double> {_columns[v]} = {_xs}.Slice({(v == 0 ? "0" : v == 1 ? _stride : $"{v} * {_stride}")}, {_n});");
    }

    /// <summary>The vector loop's refs to the starts of the columns, y, √w (when weighted) and the residuals.</summary>
    private void DeclareRefs(SourceWriter w, bool weighted)
    {
        foreach (int v in _schedule.LeafIndices(Op.Variable))
            w.Line($"ref double {_locals.Ref(_columns[v])} = ref MemoryMarshal.GetReference({_columns[v]});");
        foreach (string span in weighted ? new[] { _ys, _weights, _residuals } : new[] { _ys, _residuals })
            w.Line($"ref double {_locals.Ref(span)} = ref MemoryMarshal.GetReference({span});");
    }

    /// <summary>
    /// One width's loop over the points, with or without weights, in a method of its own: the points it covered (a whole
    /// number of vectors), and its lanes' sums in <c>laneSums</c>. On <paramref name="shortPaths"/>, exp and log take
    /// their short paths and the loop gives up (−1, nothing summed) at the first point out of their range; it is
    /// optimized from its first call. The loop on the general paths is left to the JIT's tiers, whose profile serves its
    /// out-of-line parts (data far in a Gaussian's tails go there at every call) better than a first-call optimization
    /// can. Without weights a column that is 1 at every point (an additive offset's) is no local: its products are
    /// additions and its square the count of points, the bits of the multiply-adds they replace.
    /// </summary>
    private void WriteVectorLoop(SourceWriter w, Lanes lanes, bool shortPaths, bool weighted)
    {
        string v = lanes.VectorType();
        string vector = v + "<double>";
        string at = $"(nuint){_i}";
        string?[] row = weighted ? _row : _unweightedRow;
        if (shortPaths ? _shortOptimizedFromStart : _generalOptimizedFromStart)
            w.Line(PointLoopCalls.AggressiveOptimization);
        string weights = weighted ? $"ReadOnlySpan<double> {_weights}, " : "";
        w.Open($"private static int {Helper(lanes, weighted, shortPaths)}(ReadOnlySpan<double> {_xs}, int {_stride}, ReadOnlySpan<double> {_parameters}, " +
               $"ReadOnlySpan<double> {_ys}, {weights}Span<double> {_residuals}, Span<double> {_laneSums})");
        w.Line($"int {_n} = {_ys}.Length;");
        WritePreamble(w, row);
        DeclareRefs(w, weighted);
        _locals.WriteBroadcasts(w, _schedule, v);
        if (shortPaths)
            w.Line($"{vector} {_outOfRange} = {vector}.Zero;");
        var writer = new ExpressionWriter(lanes, _locals.VectorName, shortPaths ? ("global::ModelCompiler.Kernels.ShortPaths", _outOfRange) : null);
        var tiles = NormalEquationsSums.Tiles(_layout, row, lanes);
        NormalEquationsSums.WriteUnitColumns(w, _model.Spec.Parameters, row);
        var sums = Accumulators.Select(sum => _vectorSums[sum]).ToArray();
        if (tiles.Count == 1)
        {
            foreach (int s in tiles[0])
                w.Line($"{vector} {sums[s]} = {vector}.Zero;");
            w.Line($"int {_i} = 0;");
            w.Open($"for (; {_i} <= {_n} - {vector}.Count; {_i} += {vector}.Count)");
            WritePointRow(w, writer, lanes, row, weighted);
            if (shortPaths)
            {
                w.Line($"if ({_outOfRange} != {vector}.Zero)");
                w.Line("    return -1;");
            }
            w.Line($"if ({_store})");
            w.Line($"    {_residual}.StoreUnsafe(ref {_locals.Ref(_residuals)}, {at});");
            foreach (var (sum, left, right) in NormalEquationsSums.Products(sums, _layout, row, _residual).Where((_, s) => tiles[0].Contains(s)))
                w.Line(NormalEquationsSums.Accumulation(v, sum, left, right));
            w.Close();
        }
        else
        {
            WriteBlockedLoop(w, writer, lanes, tiles, sums, row, weighted, shortPaths);
        }
        for (int s = 0; s < sums.Length; s++)
        {
            string sum = NormalEquationsSums.CountsPoints(_layout[s], row) ? _i : $"{v}.Sum({(tiles.Count == 1 ? sums[s] : $"{_partial}[{s}]")})";
            w.Line($"{_laneSums}[{s}] = {sum};");
        }
        w.Line($"return {_i};");
        w.Close();
    }

    /// <summary>A vector of points' Jacobian row <paramref name="row"/> and residuals, weighed when there are weights.</summary>
    private void WritePointRow(SourceWriter w, ExpressionWriter writer, Lanes lanes, IReadOnlyList<string?> row, bool weighted)
    {
        string v = lanes.VectorType(), vector = v + "<double>", at = $"(nuint){_i}";
        foreach (int k in _schedule.LeafIndices(Op.Variable))
            w.Line($"{vector} {_locals.Variables[k]} = {v}.LoadUnsafe(ref {_locals.Ref(_columns[k])}, {at});");
        _locals.WritePerPoint(w, _schedule, writer, _ => vector);
        for (int j = 0; j < row.Count; j++)
            if (row[j] is { } entry)
                w.Line($"{vector} {entry} = {Output(j + 1, writer, v, _locals.VectorName)};");
        w.Line($"{vector} {_residual} = {Output(0, writer, v, _locals.VectorName)} - {v}.LoadUnsafe(ref {_locals.Ref(_ys)}, {at});");
        if (weighted)
        {
            w.Line($"{vector} {_weight} = {v}.LoadUnsafe(ref {_locals.Ref(_weights)}, {at});");
            WriteWeighing(w);
        }
    }

    /// <summary>
    /// The loop over the points when its sums and a Jacobian row outnumber the registers (the fused loop would keep
    /// spilling and reloading its sums): a block of vectors of points stores its rows, then each group of sums is
    /// loaded, advanced over the block in registers and stored. Every lane's sum still adds its points in order, so
    /// the bits are those of the fused loop.
    /// </summary>
    private void WriteBlockedLoop(SourceWriter w, ExpressionWriter writer, Lanes lanes, List<List<int>> tiles, string[] sums, IReadOnlyList<string?> row,
                                  bool weighted, bool shortPaths)
    {
        string vector = lanes.VectorType() + "<double>";
        NormalEquationsSums.WriteBlockBuffers(w, lanes, tiles.Sum(tile => tile.Count), sums.Length, row.Count(entry => entry is not null),
                                              _rows, _partial, "vectors of points stores its");
        w.Line($"int {_i} = 0;");
        w.Open($"while ({_i} <= {_n} - {vector}.Count)");
        w.Line($"int {_count} = global::System.Math.Min({NormalEquationsSums.BlockVectors}, ({_n} - {_i}) / {vector}.Count);");
        w.Open($"for (int {_k} = 0; {_k} < {_count}; {_k}++, {_i} += {vector}.Count)");
        WritePointRow(w, writer, lanes, row, weighted);
        w.Line($"if ({_store})");
        w.Line($"    {_residual}.StoreUnsafe(ref {_locals.Ref(_residuals)}, (nuint){_i});");
        NormalEquationsSums.WriteRowStores(w, row, _residual, _rows, _k);
        w.Close();
        if (shortPaths)
        {
            w.Line($"if ({_outOfRange} != {vector}.Zero)");
            w.Line("    return -1;");
        }
        NormalEquationsSums.WriteGroups(w, lanes, tiles, _layout, sums, row, _residual, _rows, _partial, _k, _count);
        w.Close();
    }

    private void WriteScalarLoop(SourceWriter w)
    {
        w.Open($"for (; {_i} < {_n}; {_i}++)");
        foreach (int k in _schedule.LeafIndices(Op.Variable))
            w.Line($"double {_locals.Variables[k]} = {_columns[k]}[{_i}];");
        var writer = new ExpressionWriter(Lanes.Scalar, _locals.ScalarName);
        _locals.WritePerPoint(w, _schedule, writer, KernelWriter.ScalarType);
        for (int j = 0; j < _row.Length; j++)
            w.Line($"double {_row[j]} = {Output(j + 1, writer, null, _locals.ScalarName)};");
        w.Line($"double {_residual} = {Output(0, writer, null, _locals.ScalarName)} - {_ys}[{_i}];");
        w.Open($"if ({_weighted})");
        w.Line($"double {_weight} = {_weights}[{_i}];");
        WriteWeighing(w);
        w.Close();
        w.Line($"if ({_store})");
        w.Line($"    {_residuals}[{_i}] = {_residual};");
        foreach (var (sum, left, right) in Products())
            w.Line($"{sum} += {left} * {right};");
        w.Close();
    }

    private void WriteWeighing(SourceWriter w)
    {
        w.Line($"{_residual} *= {_weight};");
        foreach (string entry in _row)
            w.Line($"{entry} *= {_weight};");
    }

    /// <summary>Each accumulator with the two factors it sums, in <c>NormalEquationsLayout</c> order.</summary>
    private IEnumerable<(string Sum, string? Left, string? Right)> Products() =>
        NormalEquationsSums.Products(Accumulators, _layout, _row, _residual);
}
