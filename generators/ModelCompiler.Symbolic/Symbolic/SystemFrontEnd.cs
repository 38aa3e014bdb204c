// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// The front end of <c>[Ode]</c>, <c>[Objective]</c> and <c>[Equations]</c>: checks what each equation defines,
/// rewrites array elements into leaves (x[i+1] relative to the loop index, x[0] and x[n-1] at fixed positions),
/// derives the boundary rows of an indexed system from its stencil and its values beyond the ends, splits an
/// objective into its sums, and binds everything into one graph. Pure: the same spec gives the same result, so it
/// runs once for the diagnostics and again for emission.
/// </summary>
internal sealed class SystemFrontEnd
{
    /// <summary>Sizes tried when checking a sum's range: violations that persist up to the last are errors.</summary>
    private const int LargestCheckedSize = 300, PersistentFrom = 200;

    /// <summary>
    /// "i = n-1 it reads x[n]": the bound of a sum and the element it reads there, written in n where both are a·n + b
    /// for every checked n; otherwise at the checked <paramref name="n"/> ("i = 99 it reads x[100] for n = 200").
    /// </summary>
    private string WhereItReads(string index, FormulaSyntax bound, int stride, int offset, int n)
    {
        int At(int size) => Bounds.Evaluate(bound, size, out _)!.Value;
        int slope = At(n + 1) - At(n), intercept = At(n) - slope * n;
        bool affine = Enumerable.Range(PersistentFrom, LargestCheckedSize - PersistentFrom + 1).All(m => At(m) == slope * m + intercept);
        return affine
            ? $"{index} = {InN(slope, intercept)} it reads {_array}[{InN(stride * slope, stride * intercept + offset)}]"
            : $"{index} = {At(n)} it reads {_array}[{stride * At(n) + offset}] for n = {n}";
    }

    /// <summary>a·n + b as the formula language writes it: n-1, 2*n, -n+3, 0.</summary>
    private static string InN(int a, int b)
    {
        string n = a switch { 0 => "", 1 => "n", -1 => "-n", _ => $"{a}*n" };
        return a == 0 ? b.ToString(System.Globalization.CultureInfo.InvariantCulture)
             : b == 0 ? n
             : $"{n}{(b > 0 ? "+" : "-")}{System.Math.Abs(b)}";
    }

    private readonly SystemSpec _spec;
    private readonly Graph _graph = new();
    private readonly LeafTable _leaves;
    private readonly List<SystemProblem> _problems = new();
    private readonly HashSet<string> _usedParameters = new();
    private readonly HashSet<string> _usedUnknowns = new();
    private readonly HashSet<(int, int, Position)> _reportedMissing = new();
    private readonly string? _array;

    private SystemFrontEnd(SystemSpec spec)
    {
        _spec = spec;
        _leaves = new LeafTable(_graph);
        _array = spec.Indexed ? spec.Unknowns[0] : null;
    }

    public static (SystemDefinition? Definition, IReadOnlyList<SystemProblem> Problems) Analyze(SystemSpec spec)
    {
        var frontEnd = new SystemFrontEnd(spec);
        var definition = frontEnd.Run();
        return (frontEnd._problems.Any(p => p.IsError) ? null : definition, frontEnd._problems);
    }

    private SystemDefinition? Run()
    {
        // Leaves in a fixed order, so that the graph's parameter indices follow the declaration.
        if (!_spec.Indexed)
            for (int k = 0; k < _spec.Unknowns.Count; k++)
                _leaves.Get(new Leaf(LeafKind.Unknown, _spec.Unknowns[k], Slot: k));
        if (_spec.Time is not null)
            _leaves.Get(new Leaf(LeafKind.Time, _spec.Time));
        for (int k = 0; k < _spec.Parameters.Count; k++)
            _leaves.Get(new Leaf(LeafKind.Parameter, _spec.Parameters[k], Slot: k));

        var definition = _spec.Kind == SystemKind.Objective ? Objective() : RowSystem();
        if (_problems.Any(p => p.IsError))
            return null; // an unused parameter may only be unused because its equation was rejected
        for (int k = 0; k < _spec.Parameters.Count; k++)
            if (!_usedParameters.Contains(_spec.Parameters[k]))
                _problems.Add(new SystemProblem(ProblemKind.UnusedParameter, -1, 0, 0, _spec.Parameters[k], ""));
        // An ODE's state may be left alone by the equations (y' = 1); an objective's or a system's unknown may not.
        if (_spec.Kind != SystemKind.Ode && !_spec.Indexed)
            foreach (string unknown in _spec.Unknowns)
                if (!_usedUnknowns.Contains(unknown))
                    _problems.Add(new SystemProblem(ProblemKind.UnusedUnknown, -1, 0, 0, unknown, ""));
        return definition;
    }

    // ---- Systems of equations and ODEs: one equation per row ----

    private SystemDefinition? RowSystem()
    {
        if (!_spec.Indexed)
            return NamedRows();

        var ghostEquations = new Dictionary<Position, int>();
        var rowEquations = new Dictionary<Position, int>();
        int general = -1;
        string index = "i";
        for (int e = 0; e < _spec.Equations.Count; e++)
        {
            var equation = _spec.Equations[e];
            var kind = ClassifyIndexed(e, equation, out var position, out string? indexName);
            if (kind == Role.General)
            {
                if (general >= 0)
                    Report(ProblemKind.DuplicateEquation, e, equation.TargetStart, equation.TargetLength, TargetText(equation),
                        $"the equation for every row is already given by \"{_spec.Texts[general]}\"");
                else
                {
                    general = e;
                    index = indexName ?? "i";
                }
            }
            else if (kind == Role.Row)
                AddOnce(rowEquations, position, e, equation, "row " + position);
            else if (kind == Role.Ghost)
                AddOnce(ghostEquations, position, e, equation, _array + "[" + position + "]");
        }
        if (general < 0)
        {
            Report(ProblemKind.MissingEquation, -1, 0, 0, _array!, _spec.Kind == SystemKind.Ode
                ? $"add one for every i, as \"{_array}[i]' = …\""
                : $"add one for every i, as \"F[i] = …\" in terms of {_array}[i-1], {_array}[i], {_array}[i+1]…");
            return null;
        }

        var ghosts = new Dictionary<Position, FormulaSyntax>();
        foreach (var ghost in ghostEquations.OrderBy(g => g.Key))
            if (Rewrite(_spec.Equations[ghost.Value].Value, new Scope(ghost.Value)) is { } value)
                ghosts[ghost.Key] = value;
        var rows = new Dictionary<Position, (FormulaSyntax Syntax, int Equation)>();
        foreach (var given in rowEquations.OrderBy(r => r.Key))
            if (Rewrite(_spec.Equations[given.Value].Value, new Scope(given.Value) { Ghosts = ghosts }) is { } value)
                rows[given.Key] = (value, given.Value);

        var offsets = new SortedSet<int>();
        var stencil = Rewrite(_spec.Equations[general].Value, new Scope(general) { Index = index, StrideLimit = 1, Offsets = offsets });
        if (stencil is null || _problems.Any(p => p.IsError))
            return null;

        int leading = System.Math.Max(-System.Math.Min(0, offsets.Count == 0 ? 0 : offsets.Min), 0);
        int trailing = System.Math.Max(offsets.Count == 0 ? 0 : offsets.Max, 0);
        foreach (var position in rows.Keys)
        {
            if (position.FromEnd)
                trailing = System.Math.Max(trailing, -position.Offset);
            else
                leading = System.Math.Max(leading, position.Offset + 1);
        }

        var boundary = new List<(Position Row, FormulaSyntax Syntax, int Equation, bool Derived)>();
        var positions = Enumerable.Range(0, leading).Select(Position.Start)
            .Concat(Enumerable.Range(0, trailing).Reverse().Select(k => Position.End(-1 - k)));
        foreach (var row in positions)
        {
            if (rows.TryGetValue(row, out var given))
            {
                boundary.Add((row, given.Syntax, given.Equation, false));
                continue;
            }
            var scope = new Scope(general) { Index = index, Row = row, Ghosts = ghosts, Primary = false };
            if (Rewrite(_spec.Equations[general].Value, scope) is { } derived)
                boundary.Add((row, derived, general, true));
        }
        if (_problems.Any(p => p.IsError))
            return null;

        var boundRows = new List<RowDefinition>();
        foreach (var (row, syntax, e, derived) in boundary)
        {
            var value = Bind(syntax, e, report: !derived);
            boundRows.Add(new RowDefinition(row, value, _spec.Kind == SystemKind.Ode ? $"{_array}[{row}]'" : $"F[{row}]"));
        }
        foreach (var ghost in ghostEquations.OrderBy(g => g.Key))
            Bind(ghosts[ghost.Key], ghost.Value, report: true); // its functions are checked once, where it is written
        var interior = new StencilDefinition(Bind(stencil, general, report: true), index);
        int minimum = System.Math.Max(leading + trailing, boundRows.Select(r => MinimumFor(r.Value)).DefaultIfEmpty(1).Max());
        return new SystemDefinition(_spec, _graph, _leaves, boundRows, interior, leading, trailing, null,
                                    System.Array.Empty<SumDefinition>(), System.Math.Max(minimum, 1));
    }

    private SystemDefinition? NamedRows()
    {
        var values = new FormulaSyntax?[_spec.Kind == SystemKind.Ode ? _spec.Unknowns.Count : _spec.Equations.Count];
        var equations = new int[values.Length];
        for (int e = 0; e < _spec.Equations.Count; e++)
        {
            var equation = _spec.Equations[e];
            int row = e;
            if (_spec.Kind == SystemKind.Ode && !_spec.AllowsNamedConstants)
            {
                // A C# body's tuple holds the derivatives in the order of the states.
            }
            else if (_spec.Kind == SystemKind.Ode)
            {
                row = OdeTarget(e, equation);
                if (row < 0)
                    continue;
                if (values[row] is not null)
                {
                    Report(ProblemKind.DuplicateEquation, e, equation.TargetStart, equation.TargetLength, equation.Target + "'",
                        $"'{equation.Target}' already has the equation \"{_spec.Texts[equations[row]]}\"");
                    continue;
                }
            }
            else if (equation.Target is not null)
            {
                Report(ProblemKind.BadEquation, e, equation.TargetStart, equation.TargetLength, TargetText(equation),
                    "write each equation as the formula that is zero at the solution, as \"x1 - 1\"");
                continue;
            }
            values[row] = Rewrite(equation.Value, new Scope(e)) ?? new NumberSyntax(0, 0, 0);
            equations[row] = e;
        }
        if (_spec.Kind == SystemKind.Ode && !_problems.Any(p => p.IsError))
            for (int k = 0; k < values.Length; k++)
                if (values[k] is null)
                    Report(ProblemKind.MissingEquation, -1, 0, 0, _spec.Unknowns[k], $"add \"{_spec.Unknowns[k]}' = …\"");
        if (_problems.Any(p => p.IsError))
            return null;
        var rows = values.Select((syntax, k) => new RowDefinition(Position.Start(k), Bind(syntax!, equations[k], report: true),
            _spec.Kind == SystemKind.Ode ? _spec.Unknowns[k] + "'" : "F" + (k + 1))).ToList();
        return new SystemDefinition(_spec, _graph, _leaves, rows, null, 0, 0, null, System.Array.Empty<SumDefinition>(), values.Length);
    }

    private enum Role
    {
        Invalid,
        General,
        Row,
        Ghost,
    }

    /// <summary>What an equation of an indexed system defines: every row, one row, or a value beyond the ends.</summary>
    private Role ClassifyIndexed(int e, EquationSyntax equation, out Position position, out string? index)
    {
        position = default;
        index = null;
        bool ode = _spec.Kind == SystemKind.Ode;
        if (equation.Target is null)
        {
            if (!ode)
                return Role.General;
            Report(ProblemKind.BadEquation, e, equation.Value.Start, equation.Value.Length, _spec.Texts[e],
                $"write it as the derivative of an element of {_array}, as \"{_array}[i]' = …\"");
            return Role.Invalid;
        }
        string target = TargetText(equation);
        bool isArray = equation.Target == _array;
        if (ode && !isArray)
        {
            Report(ProblemKind.NotAState, e, equation.TargetStart, equation.Target.Length, equation.Target,
                $"the state of this system is {_array}[…]");
            return Role.Invalid;
        }
        if (equation.TargetIndex is null)
        {
            Report(ProblemKind.BadEquation, e, equation.TargetStart, equation.TargetLength, target,
                $"index it: '{equation.Target}[i]' for every row, or a fixed row as '{equation.Target}[0]'");
            return Role.Invalid;
        }
        if (!ode && equation.Prime)
        {
            Report(ProblemKind.BadEquation, e, equation.TargetStart, equation.TargetLength, target,
                "an equation has no derivative: drop the '");
            return Role.Invalid;
        }
        bool defines = ode ? equation.Prime : !isArray;
        if (defines && equation.TargetIndex is ReferenceSyntax name && name.Name != "n")
        {
            index = name.Name;
            return Role.General;
        }
        var fixedPosition = FixedPosition(equation.TargetIndex, e);
        if (fixedPosition is null)
            return Role.Invalid;
        position = fixedPosition.Value;
        if (defines && !position.IsInside)
        {
            Report(ProblemKind.BadEquation, e, equation.TargetIndex.Start, equation.TargetIndex.Length, target,
                $"row {position} is outside {_array}, whose rows are 0 … n-1");
            return Role.Invalid;
        }
        if (!defines && position.IsInside)
        {
            Report(ProblemKind.BadEquation, e, equation.TargetStart, equation.TargetLength, target,
                ode ? $"{_array}[{position}] is a state: give its derivative as \"{_array}[{position}]' = …\"; only values beyond the ends, as {_array}[-1] or {_array}[n], can be set"
                    : $"{_array}[{position}] is an unknown; only values beyond the ends, as {_array}[-1] or {_array}[n], can be set");
            return Role.Invalid;
        }
        return defines ? Role.Row : Role.Ghost;
    }

    private int OdeTarget(int e, EquationSyntax equation)
    {
        if (equation.Target is null)
        {
            Report(ProblemKind.BadEquation, e, equation.Value.Start, equation.Value.Length, _spec.Texts[e],
                $"write it as the derivative of a state, as \"{_spec.Unknowns[0]}' = …\"");
            return -1;
        }
        int state = IndexOf(_spec.Unknowns, equation.Target);
        if (state < 0)
        {
            Report(ProblemKind.NotAState, e, equation.TargetStart, equation.Target.Length, equation.Target,
                "the states of this system are " + string.Join(", ", _spec.Unknowns));
            return -1;
        }
        if (equation.TargetIndex is not null || !equation.Prime)
        {
            Report(ProblemKind.BadEquation, e, equation.TargetStart, equation.TargetLength, TargetText(equation),
                $"the left side is the derivative of a state, as \"{equation.Target}' = …\"");
            return -1;
        }
        return state;
    }

    private void AddOnce(Dictionary<Position, int> map, Position position, int e, EquationSyntax equation, string what)
    {
        if (map.TryGetValue(position, out int earlier))
            Report(ProblemKind.DuplicateEquation, e, equation.TargetStart, equation.TargetLength, TargetText(equation),
                $"{what} is already given by \"{_spec.Texts[earlier]}\"");
        else
            map[position] = e;
    }

    // ---- Objectives ----

    private SystemDefinition? Objective()
    {
        var syntax = _spec.Equations[0];
        if (syntax.Target is not null)
        {
            Report(ProblemKind.BadEquation, 0, syntax.TargetStart, syntax.TargetLength, TargetText(syntax),
                "an objective is one formula, without '='");
            return null;
        }
        if (!_spec.Indexed)
        {
            var value = Rewrite(syntax.Value, new Scope(0));
            if (value is null || _problems.Any(p => p.IsError))
                return null;
            return new SystemDefinition(_spec, _graph, _leaves, System.Array.Empty<RowDefinition>(), null, 0, 0,
                Bind(value, 0, report: true), System.Array.Empty<SumDefinition>(), _spec.Unknowns.Count);
        }

        var terms = new List<(bool Negated, FormulaSyntax Term)>();
        SplitTerms(syntax.Value, false, terms);
        FormulaSyntax? fixedPart = null;
        var sums = new List<(bool Negated, CallSyntax Call, string Index, FormulaSyntax Summand, int Minimum)>();
        foreach (var (negated, term) in terms)
        {
            if (term is CallSyntax { Name: "sum" } call)
            {
                if (ReadSum(call) is { } sum)
                    sums.Add((negated, call, sum.Index, sum.Summand, sum.Minimum));
                continue;
            }
            var rewritten = Rewrite(term, new Scope(0));
            if (rewritten is null)
                continue;
            fixedPart = fixedPart is null
                ? (negated ? new NegateSyntax(rewritten, term.Start, term.Length) : rewritten)
                : new BinarySyntax(negated ? BinaryOperator.Subtract : BinaryOperator.Add, fixedPart, rewritten, fixedPart.Start,
                                   term.Start + term.Length - fixedPart.Start);
        }
        if (_problems.Any(p => p.IsError))
            return null;

        var fixedValue = fixedPart is null ? null : Bind(fixedPart, 0, report: true);
        int minimum = fixedValue is null ? 1 : MinimumFor(fixedValue);
        var definitions = new List<SumDefinition>();
        foreach (var (negated, call, index, summand, sumMinimum) in sums)
        {
            minimum = System.Math.Max(minimum, sumMinimum);
            definitions.Add(new SumDefinition(negated, call.Arguments[1], call.Arguments[2], index, Bind(summand, 0, report: true),
                _spec.Texts[0].Length >= call.Start + call.Length ? _spec.Texts[0].Substring(call.Start, call.Length) : "sum"));
        }
        return new SystemDefinition(_spec, _graph, _leaves, System.Array.Empty<RowDefinition>(), null, 0, 0, fixedValue, definitions, minimum);
    }

    private static void SplitTerms(FormulaSyntax syntax, bool negated, List<(bool, FormulaSyntax)> terms)
    {
        switch (syntax)
        {
            case BinarySyntax { Operator: BinaryOperator.Add } add:
                SplitTerms(add.Left, negated, terms);
                SplitTerms(add.Right, negated, terms);
                break;
            case BinarySyntax { Operator: BinaryOperator.Subtract } subtract:
                SplitTerms(subtract.Left, negated, terms);
                SplitTerms(subtract.Right, !negated, terms);
                break;
            case NegateSyntax negate:
                SplitTerms(negate.Operand, !negated, terms);
                break;
            default:
                terms.Add((negated, syntax));
                break;
        }
    }

    /// <summary>Checks a <c>sum(i, from, to, summand)</c>: its index, its bounds, and that every element it reads stays
    /// inside the array over the whole range, for every size from the returned minimum on.</summary>
    private (string Index, FormulaSyntax Summand, int Minimum)? ReadSum(CallSyntax call)
    {
        if (call.Arguments.Count != 4)
        {
            Report(ProblemKind.BadSum, 0, call.Start, call.Length, "sum",
                $"it takes 4 arguments, sum(i, from, to, summand), but is given {call.Arguments.Count}");
            return null;
        }
        if (call.Arguments[0] is not ReferenceSyntax { Name: var index }
            || index == "n" || index == _array || IndexOf(_spec.Unknowns, index) >= 0 || Functions.Constants.ContainsKey(index))
        {
            var first = call.Arguments[0];
            Report(ProblemKind.BadSum, 0, first.Start, first.Length, "sum",
                "its first argument names the index that runs over the range, as i in sum(i, 0, n-1, x[i]^2)");
            return null;
        }
        bool boundsOk = true;
        foreach (var bound in new[] { call.Arguments[1], call.Arguments[2] })
        {
            if (Bounds.Evaluate(bound, 10, out string? why) is null)
            {
                Report(ProblemKind.BadSum, 0, bound.Start, bound.Length, "sum", $"its bounds are whole numbers made of n, as 0 or n-2 or n/2 - 1: {why}");
                boundsOk = false;
            }
        }
        var elements = new List<(int Stride, int Offset, ElementSyntax Syntax)>();
        var summand = Rewrite(call.Arguments[3], new Scope(0) { Index = index, StrideLimit = int.MaxValue, Elements = elements });
        if (summand is null || !boundsOk)
            return null;

        int minimum = 1;
        bool everEmpty = true;
        for (int n = 1; n <= LargestCheckedSize; n++)
        {
            int lower = Bounds.Evaluate(call.Arguments[1], n, out _)!.Value, upper = Bounds.Evaluate(call.Arguments[2], n, out _)!.Value;
            bool bad = lower > upper;
            everEmpty &= bad;
            foreach (var (stride, offset, syntax) in elements)
            {
                if (lower > upper)
                    break;
                int low = stride * lower + offset, high = stride * upper + offset;
                if (low >= 0 && high <= n - 1)
                    continue;
                bad = true;
                if (n >= PersistentFrom && _reportedMissing.Add((syntax.Start, syntax.Length, default)))
                {
                    var bound = low < 0 ? call.Arguments[1] : call.Arguments[2];
                    Report(ProblemKind.OutsideArray, 0, syntax.Start, syntax.Length, FormatElement(syntax),
                        $"at {WhereItReads(index, bound, stride, offset, n)}; the sum's range must keep every index within 0 … n-1");
                }
            }
            if (bad && n < PersistentFrom)
                minimum = n + 1;
        }
        if (everEmpty)
        {
            Report(ProblemKind.BadSum, 0, call.Arguments[1].Start, call.Arguments[2].Start + call.Arguments[2].Length - call.Arguments[1].Start,
                "sum", "its range is empty for every n: the lower bound must not exceed the upper one");
            return null;
        }
        return (index, summand, minimum);
    }

    // ---- Rewriting: names and elements into leaves ----

    private sealed class Scope
    {
        public Scope(int equation) => Equation = equation;

        public int Equation { get; }

        /// <summary>The name of the loop index, when the formula holds for every i.</summary>
        public string? Index { get; init; }

        /// <summary>The largest stride of an element relative to the index: 1 for rows, any for a sum.</summary>
        public int StrideLimit { get; init; } = 1;

        /// <summary>The row whose position replaces the index, for a boundary row derived from the stencil.</summary>
        public Position? Row { get; init; }

        /// <summary>Values beyond the ends, substituted for reads outside the array.</summary>
        public IReadOnlyDictionary<Position, FormulaSyntax>? Ghosts { get; init; }

        /// <summary>False for derived rows: their problems are the stencil's, reported once where it is written.</summary>
        public bool Primary { get; init; } = true;

        public SortedSet<int>? Offsets { get; init; }

        public List<(int Stride, int Offset, ElementSyntax Syntax)>? Elements { get; init; }
    }

    private FormulaSyntax? Rewrite(FormulaSyntax syntax, Scope scope)
    {
        switch (syntax)
        {
            case NumberSyntax:
                return syntax;
            case ReferenceSyntax reference:
                return RewriteName(reference, scope);
            case ElementSyntax element:
                return RewriteElement(element, scope);
            case NegateSyntax negate:
                return Rewrite(negate.Operand, scope) is { } operand ? negate with { Operand = operand } : null;
            case NotSyntax not:
                return Rewrite(not.Operand, scope) is { } inner ? not with { Operand = inner } : null;
            case BinarySyntax binary:
            {
                var (left, right) = (Rewrite(binary.Left, scope), Rewrite(binary.Right, scope));
                return left is null || right is null ? null : binary with { Left = left, Right = right };
            }
            case ConditionalSyntax conditional:
            {
                var (condition, whenTrue, whenFalse) = (Rewrite(conditional.Condition, scope), Rewrite(conditional.WhenTrue, scope),
                                                        Rewrite(conditional.WhenFalse, scope));
                return condition is null || whenTrue is null || whenFalse is null
                    ? null
                    : conditional with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse };
            }
            case CallSyntax { Name: "sum" } sum:
                Report(ProblemKind.BadSum, scope, sum.NameStart, sum.NameLength, "sum",
                    _spec.Kind != SystemKind.Objective ? "sums are for objectives; an equation reads the elements it needs, as x[i-1] + x[i+1]"
                    : !_spec.Indexed ? "a sum runs over the elements of an array unknown, and this objective's unknowns are named"
                    : "a sum must be a term of the objective, added or subtracted at the top level, as in \"x[0]^2 + sum(i, …)\"");
                return null;
            case CallSyntax call:
            {
                var arguments = call.Arguments.Select(a => Rewrite(a, scope)).ToList();
                return arguments.Any(a => a is null) ? null : call with { Arguments = arguments.Select(a => a!).ToEquatableArray() };
            }
            default:
                return syntax;
        }
    }

    private FormulaSyntax? RewriteName(ReferenceSyntax reference, Scope scope)
    {
        string name = reference.Name;
        if (scope.Index == name)
        {
            if (scope.Row is not { } row)
            {
                _leaves.Get(new Leaf(LeafKind.Index, name));
                return reference;
            }
            if (!row.FromEnd)
                return new NumberSyntax(row.Offset, reference.Start, reference.Length);
            _leaves.Get(new Leaf(LeafKind.Size, "n"));
            return new BinarySyntax(BinaryOperator.Subtract, reference with { Name = "n" }, new NumberSyntax(-row.Offset, reference.Start, reference.Length),
                                    reference.Start, reference.Length);
        }
        if (_spec.Indexed && name == "n")
        {
            _leaves.Get(new Leaf(LeafKind.Size, "n"));
            return reference;
        }
        if (!_spec.Indexed && IndexOf(_spec.Unknowns, name) >= 0)
        {
            _usedUnknowns.Add(name);
            return reference;
        }
        if (name == _spec.Time)
            return reference;
        if (IndexOf(_spec.Parameters, name) >= 0)
        {
            if (scope.Primary)
                _usedParameters.Add(name);
            return reference;
        }
        if (_spec.AllowsNamedConstants && Functions.Constants.ContainsKey(name))
            return reference;
        if (name == _array)
        {
            Report(ProblemKind.BadIndex, scope, reference.Start, reference.Length, name,
                $"'{name}' is an array: name one of its elements, as {name}[{scope.Index ?? "0"}]");
            return null;
        }
        string hint = Functions.ByName.ContainsKey(name) ? $"; '{name}' is a function: call it as '{name}(…)'" : "";
        var inScope = ScopeNames(scope);
        if (hint.Length == 0 && Binder.Suggest(name, inScope) is { } suggestion)
            hint = $"; did you mean '{suggestion}'?";
        Report(ProblemKind.UnknownName, scope, reference.Start, reference.Length, name, "the names in scope are " + string.Join(", ", inScope) + hint);
        return null;
    }

    private List<string> ScopeNames(Scope scope)
    {
        var names = new List<string>();
        if (_spec.Time is not null)
            names.Add(_spec.Time);
        if (_spec.Indexed)
        {
            names.Add(_array + "[…]");
            names.Add("n");
            if (scope.Index is not null)
                names.Add(scope.Index);
        }
        else
            names.AddRange(_spec.Unknowns);
        names.AddRange(_spec.Parameters);
        if (_spec.AllowsNamedConstants)
            names.AddRange(new[] { "pi", "e" });
        return names.Distinct().ToList();   // a parameter named pi is also reported as a clash (MC0012)
    }

    private FormulaSyntax? RewriteElement(ElementSyntax element, Scope scope)
    {
        if (element.Name != _array)
        {
            Report(ProblemKind.BadIndex, scope, element.Start, element.Name.Length, element.Name,
                _array is null ? $"'{element.Name}' is not an array: this system's unknowns are named, not indexed"
                               : $"'{element.Name}' is not an array of this system; its array is {_array}");
            return null;
        }
        var form = Affine(element.Index, scope.Index, out string? why);
        if (form is not { } f)
        {
            Report(ProblemKind.BadIndex, scope, element.Index.Start, element.Index.Length, FormatElement(element), why!);
            return null;
        }
        if (f.I != 0 && f.N != 0)
        {
            Report(ProblemKind.BadIndex, scope, element.Index.Start, element.Index.Length, FormatElement(element),
                $"an index is relative to {scope.Index} (as {scope.Index}+1) or fixed (as 0 or n-1), not both");
            return null;
        }
        if (f.I != 0)
        {
            if (f.I < 0 || f.I > scope.StrideLimit)
            {
                Report(ProblemKind.BadIndex, scope, element.Index.Start, element.Index.Length, FormatElement(element),
                    scope.StrideLimit == 1 ? $"the equation of row {scope.Index} reads elements {scope.Index}+k, as {_array}[{scope.Index}-1] or {_array}[{scope.Index}+1]"
                                           : $"the index must grow with {scope.Index}, as {scope.Index}, 2*{scope.Index}+1");
                return null;
            }
            if (scope.Row is { } row)
                return Fixed(row.FromEnd ? Position.End(row.Offset + f.C) : Position.Start(row.Offset + f.C), element, scope);
            scope.Offsets?.Add(f.C);
            scope.Elements?.Add((f.I, f.C, element));
            string name = $"{_array}[{Leaf.RelativeIndex(scope.Index!, f.I, f.C)}]";
            _leaves.Get(new Leaf(LeafKind.Element, name, Stride: f.I, Offset: f.C));
            return new ReferenceSyntax(name, element.Start, element.Length);
        }
        if (f.N != 0 && f.N != 1)
        {
            Report(ProblemKind.BadIndex, scope, element.Index.Start, element.Index.Length, FormatElement(element),
                "a fixed index counts from the start (0, 1, …) or from the end (n-1, n-2, …)");
            return null;
        }
        if (scope.Index is not null && scope.Row is null)
        {
            Report(ProblemKind.BadIndex, scope, element.Index.Start, element.Index.Length, FormatElement(element),
                scope.Elements is not null ? $"a sum's summand reads elements relative to its index, as {_array}[{scope.Index}+1]"
                                           : $"the equation for every row reads elements relative to {scope.Index}, as {_array}[{scope.Index}-1]");
            return null;
        }
        return Fixed(f.N == 1 ? Position.End(f.C) : Position.Start(f.C), element, scope);
    }

    private FormulaSyntax? Fixed(Position position, ElementSyntax element, Scope scope)
    {
        if (position.IsInside)
        {
            string name = $"{_array}[{position}]";
            _leaves.Get(new Leaf(LeafKind.FixedElement, name, Position: position));
            return new ReferenceSyntax(name, element.Start, element.Length);
        }
        if (scope.Ghosts is not null && scope.Ghosts.TryGetValue(position, out var ghost))
            return ghost;
        if (scope.Row is { } row)
        {
            if (_reportedMissing.Add((element.Start, element.Length, position)))
            {
                string rowEquation = _spec.Kind == SystemKind.Ode ? $"\"{_array}[{row}]' = …\"" : $"\"F[{row}] = …\"";
                _problems.Add(new SystemProblem(ProblemKind.OutsideArray, scope.Equation, element.Start, element.Length, FormatElement(element),
                    $"row {row} reads {_array}[{position}], which is outside {_array}: give its value, as \"{_array}[{position}] = 0\", or give row {row} an equation of its own, {rowEquation}"));
            }
            return null;
        }
        Report(ProblemKind.OutsideArray, scope, element.Start, element.Length, FormatElement(element),
            $"{_array}[{position}] is outside {_array}, whose elements are {_array}[0] … {_array}[n-1]");
        return null;
    }

    private Position? FixedPosition(FormulaSyntax index, int e)
    {
        var form = Affine(index, null, out string? why);
        if (form is { I: 0, N: 0 or 1 } f)
            return f.N == 1 ? Position.End(f.C) : Position.Start(f.C);
        Report(ProblemKind.BadIndex, e, index.Start, index.Length, _spec.Texts[e].Substring(index.Start, index.Length),
            why ?? "a fixed row counts from the start (0, 1, …) or from the end (n-1, n-2, …)");
        return null;
    }

    /// <summary>An index as I·i + N·n + C with whole coefficients, or null with the reason.</summary>
    private static (int I, int N, int C)? Affine(FormulaSyntax syntax, string? index, out string? why)
    {
        why = null;
        const string Shape = "an index is a whole number, n or i times a whole number, plus a whole number, as i+1, 2*i, n-1 or 0";
        switch (syntax)
        {
            case NumberSyntax number when number.Value == System.Math.Floor(number.Value) && System.Math.Abs(number.Value) < 1e6:
                return (0, 0, (int)number.Value);
            case ReferenceSyntax reference when reference.Name == index:
                return (1, 0, 0);
            case ReferenceSyntax { Name: "n" }:
                return (0, 1, 0);
            case ReferenceSyntax reference:
                why = index is null
                    ? $"'{reference.Name}' cannot appear in this index: an index here is fixed, as 0, 1 or n-1"
                    : $"'{reference.Name}' cannot appear in an index: {Shape}";
                return null;
            case NegateSyntax negate:
                return Affine(negate.Operand, index, out why) is { } inner ? (-inner.I, -inner.N, -inner.C) : null;
            case BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } binary:
            {
                var left = Affine(binary.Left, index, out why);
                if (left is null)
                    return null;
                var right = Affine(binary.Right, index, out why);
                if (right is null)
                    return null;
                int sign = binary.Operator == BinaryOperator.Add ? 1 : -1;
                return (left.Value.I + sign * right.Value.I, left.Value.N + sign * right.Value.N, left.Value.C + sign * right.Value.C);
            }
            case BinarySyntax { Operator: BinaryOperator.Multiply } product:
            {
                var left = Affine(product.Left, index, out why);
                if (left is null)
                    return null;
                var right = Affine(product.Right, index, out why);
                if (right is null)
                    return null;
                if (left.Value is { I: 0, N: 0 } a)
                    return (a.C * right.Value.I, a.C * right.Value.N, a.C * right.Value.C);
                if (right.Value is { I: 0, N: 0 } b)
                    return (b.C * left.Value.I, b.C * left.Value.N, b.C * left.Value.C);
                why = Shape;
                return null;
            }
            default:
                why = Shape;
                return null;
        }
    }

    /// <summary>The fewest elements for which the fixed positions one formula reads are all inside the array and
    /// distinct: a position from the start must lie before every position from the end, or a column would repeat.</summary>
    private int MinimumFor(Node value)
    {
        int start = -1, end = -1;
        foreach (var leaf in RowDerivatives.Reachable(value).Where(n => n.Op == Op.Parameter && _leaves[n].Kind == LeafKind.FixedElement))
        {
            var p = _leaves[leaf].Position;
            if (p.FromEnd)
                end = System.Math.Max(end, -p.Offset - 1);
            else
                start = System.Math.Max(start, p.Offset);
        }
        return start >= 0 && end >= 0 ? start + end + 2 : System.Math.Max(1, System.Math.Max(start, end) + 1);
    }

    // ---- Binding ----

    private Node Bind(FormulaSyntax syntax, int equation, bool report)
    {
        var bound = Binder.Bind(_graph, syntax, _leaves.VariableNames, _leaves.ParameterNames, _spec.AllowsNamedConstants);
        if (report)
        {
            foreach (var problem in bound.Problems)
            {
                var kind = problem.Kind switch
                {
                    BindErrorKind.UnknownName => ProblemKind.UnknownName,
                    BindErrorKind.UnknownFunction => ProblemKind.UnknownFunction,
                    BindErrorKind.WrongArgumentCount => ProblemKind.WrongArgumentCount,
                    BindErrorKind.NotFinite => ProblemKind.NotFinite,
                    BindErrorKind.DivideByZero => ProblemKind.DivideByZero,
                    _ => ProblemKind.NonDifferentiable,
                };
                _problems.Add(new SystemProblem(kind, equation, problem.Start, problem.Length, problem.Subject, problem.Detail));
            }
        }
        return bound.Value;
    }

    private void Report(ProblemKind kind, Scope scope, int start, int length, string subject, string detail)
    {
        if (scope.Primary)
            Report(kind, scope.Equation, start, length, subject, detail);
    }

    private void Report(ProblemKind kind, int equation, int start, int length, string subject, string detail) =>
        _problems.Add(new SystemProblem(kind, equation, start, length, subject, detail));

    private string FormatElement(ElementSyntax element) =>
        element.Name + "[" + Printed(element.Index) + "]";

    private static string Printed(FormulaSyntax syntax) => syntax switch
    {
        NumberSyntax n => Literals.Shortest(n.Value),
        ReferenceSyntax r => r.Name,
        NegateSyntax n => "-" + Printed(n.Operand),
        BinarySyntax b => Printed(b.Left) + b.Operator switch
        {
            BinaryOperator.Add => "+",
            BinaryOperator.Subtract => "-",
            BinaryOperator.Multiply => "*",
            BinaryOperator.Divide => "/",
            _ => "^",
        } + (b.Right is BinarySyntax ? "(" + Printed(b.Right) + ")" : Printed(b.Right)),
        _ => "…",
    };

    private static string TargetText(EquationSyntax equation) =>
        equation.Target + (equation.TargetIndex is null ? "" : "[" + Printed(equation.TargetIndex) + "]") + (equation.Prime ? "'" : "");

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int k = 0; k < names.Count; k++)
            if (names[k] == name)
                return k;
        return -1;
    }
}
