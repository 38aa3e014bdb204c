// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// A problem of a model's formula, as the front ends report it: a diagnostic of the core's table with its arguments,
/// about characters of the formula (<see cref="Start"/>, <see cref="Length"/>), or about a declared variable or
/// parameter when <see cref="Name"/> is set (the generator puts it on the method's parameter).
/// </summary>
internal sealed record FormulaFinding(DiagnosticDescriptorData Descriptor, int Start, int Length, string? Name, EquatableArray<string> Arguments)
{
    public bool IsError => Descriptor.Severity == Severity.Error;

    public string Message => Descriptor.Format(Arguments.Cast<object>().ToArray());

    public static FormulaFinding At(DiagnosticDescriptorData descriptor, int start, int length, params string[] arguments) =>
        new(descriptor, start, length, null, arguments.ToEquatableArray());

    public static FormulaFinding About(DiagnosticDescriptorData descriptor, string name, params string[] arguments) =>
        new(descriptor, 0, 0, name, arguments.ToEquatableArray());
}

/// <summary>
/// The checks of a model's formula against its variables and parameters that both front ends make, so the source
/// generator and the run-time compiler report the same ids and messages for the same formula.
/// </summary>
internal static class FormulaChecks
{
    /// <summary>A parse error as MC0001.</summary>
    public static FormulaFinding Syntax(FormulaError error) =>
        FormulaFinding.At(Diagnostics.FormulaSyntax, error.Start, error.Length, error.Message);

    /// <summary>Declared names that are the formula language's constants (pi, e): MC0012 each.</summary>
    public static IEnumerable<FormulaFinding> ConstantClashes(IEnumerable<string> variables, IEnumerable<string> parameters) =>
        parameters.Select(name => (Name: name, Role: "Parameter")).Concat(variables.Select(name => (Name: name, Role: "Variable")))
            .Where(declared => Functions.Constants.ContainsKey(declared.Name))
            .Select(clash => FormulaFinding.About(Diagnostics.DuplicateName, clash.Name,
                $"{clash.Role} '{clash.Name}' has the name of the formula constant {clash.Name}; rename it so the formula is not ambiguous"));

    /// <summary>Types the emitted kernels name without qualification, which a variable or parameter of that name would hide.</summary>
    public static readonly string[] ReservedNames = { "Math", "Vector256", "Vector512" };

    /// <summary>The same for the generator's model types, which also name MemoryMarshal.</summary>
    private static readonly string[] GeneratedModelTypeNames = { "Math", "MemoryMarshal", "Vector256", "Vector512" };

    /// <summary>
    /// Members of a generated model type that its kernels call or read by simple name (and a type parameter of theirs),
    /// which a parameter's local of that name would hide: a parameter named ParameterCount failed to compile with CS0841
    /// in the generated file.
    /// </summary>
    public static readonly string[] ModelMemberNames =
    {
        "Formula", "ParameterCount", "VariableCount", "ParameterNames", "VariableNames", "IsLinearInParameters",
        "MayHaveExchangeableTerms", "MayHaveRoundingNoiseColumns", "Evaluate", "EvaluateWithJacobian", "AccumulateNormalEquations", "AccumulateNormalEquations256",
        "AccumulateNormalEquations512", "AccumulateWeightedNormalEquations256", "AccumulateWeightedNormalEquations512",
        "AccumulateNormalEquations256ShortPaths", "AccumulateNormalEquations512ShortPaths", "AccumulateWeightedNormalEquations256ShortPaths",
        "AccumulateWeightedNormalEquations512ShortPaths", "AccumulateNormalEquationsLanes", "AccumulateLanes256", "AccumulateLanes512",
        "AccumulateWeightedLanes256", "AccumulateWeightedLanes512", "TPaths",
    };

    /// <summary>
    /// Declared names that are <see cref="ReservedNames"/>, or for a model the generator emits (<paramref name="generatedModel"/>)
    /// one of the types and <see cref="ModelMemberNames"/> its code names: MC0012 each.
    /// </summary>
    public static IEnumerable<FormulaFinding> ReservedNameClashes(IEnumerable<string> variables, IEnumerable<string> parameters,
                                                                  bool generatedModel = false)
    {
        var types = generatedModel ? GeneratedModelTypeNames : ReservedNames;
        foreach (string name in variables.Concat(parameters))
        {
            if (System.Array.IndexOf(types, name) >= 0)
                yield return FormulaFinding.About(Diagnostics.DuplicateName, name,
                    $"'{name}' is the name of a type the generated code uses ({string.Join(", ", types)}); rename this variable or parameter");
            else if (generatedModel && System.Array.IndexOf(ModelMemberNames, name) >= 0)
                yield return FormulaFinding.About(Diagnostics.DuplicateName, name,
                    $"'{name}' is the name of a member of the generated model type, which its code calls; rename this variable or parameter");
        }
    }

    /// <summary>
    /// Binds the formula and reports its problems: unknown names and functions, wrong argument counts, constant parts that
    /// are not finite, divisions by zero (errors); functions not differentiable everywhere (info); and, when there is no
    /// error, unused variables and parameters (warnings).
    /// </summary>
    /// <param name="methodName">The model's name, which the unused-name warnings quote.</param>
    /// <param name="textAt">The formula's characters at a span, which value problems quote.</param>
    public static List<FormulaFinding> Bind(FormulaSyntax syntax, IReadOnlyList<string> variables, IReadOnlyList<string> parameters,
                                            bool formulaLanguage, string methodName, System.Func<int, int, string> textAt)
    {
        var graph = new Graph();
        var bound = Binder.Bind(graph, syntax, variables, parameters, formulaLanguage);
        var findings = new List<FormulaFinding>();
        foreach (var problem in bound.Problems)
        {
            var descriptor = problem.Kind switch
            {
                BindErrorKind.UnknownName => Diagnostics.UnknownName,
                BindErrorKind.UnknownFunction => Diagnostics.UnknownFunction,
                BindErrorKind.WrongArgumentCount => Diagnostics.WrongArgumentCount,
                BindErrorKind.NotFinite => Diagnostics.NotFinite,
                BindErrorKind.DivideByZero => Diagnostics.DivideByZero,
                _ => Diagnostics.NonDifferentiable,
            };
            // Value problems quote the characters they are about, which only the front end knows.
            string subject = problem.Kind is BindErrorKind.NotFinite or BindErrorKind.DivideByZero
                ? textAt(problem.Start, problem.Length)
                : problem.Subject;
            findings.Add(FormulaFinding.At(descriptor, problem.Start, problem.Length, subject, problem.Detail));
        }
        if (findings.Any(f => f.IsError))
            return findings;
        for (int v = 0; v < variables.Count; v++)
            if (!bound.UsedVariables.Contains(v))
                findings.Add(FormulaFinding.About(Diagnostics.UnusedVariable, variables[v], variables[v], methodName));
        for (int p = 0; p < parameters.Count; p++)
            if (!bound.UsedParameters.Contains(p))
                findings.Add(FormulaFinding.About(Diagnostics.UnusedParameter, parameters[p], parameters[p], methodName));
        findings.AddRange(SameColumns(graph, bound, variables, parameters, methodName));
        return findings;
    }

    /// <summary>
    /// Parameters whose Jacobian columns are constant multiples of one expression (b and c of … + b + c, a and c of
    /// a·x^b + c·x^b), or multiples by factors of the parameters alone (A and t0 of A·exp(−(t − t0)/τ), a and b of
    /// a·b·x): the formula changes only with one combination of them, and a fit from a guessed start moved them to
    /// ±1e13, where the model's rounding showed a sum of squares below the least possible. MC0036 on the later one.
    /// </summary>
    private static IEnumerable<FormulaFinding> SameColumns(Graph graph, BoundFormula bound, IReadOnlyList<string> variables,
                                                           IReadOnlyList<string> parameters, string methodName)
    {
        var first = new Dictionary<Node, (int Parameter, double Factor)>();
        var firstShape = new Dictionary<string, int>();
        for (int p = 0; p < parameters.Count; p++)
        {
            if (!bound.UsedParameters.Contains(p))
                continue;
            var column = Differentiator.Derive(graph, bound.Value, p);
            if (column.IsConstantValue(0))
                continue;
            // Columns that differ by a constant factor act alike: a + 2·b depends on a and b through a + 2·b alone.
            var (key, factor) = ConstantFactor(graph, column);
            var (shape, pointFactors) = PointFactors(column);
            if (first.TryGetValue(key, out var earlier))
            {
                string columns = key.Op == Op.Constant
                    ? "constants"
                    : "constant multiples of " + (FormulaPrinter.Print(key, j => parameters[j], v => variables[v], 80) ?? "one expression");
                string combination = Term(earlier.Factor, parameters[earlier.Parameter], first: true) + Term(factor, parameters[p], first: false);
                yield return FormulaFinding.About(Diagnostics.SameColumn, parameters[p], parameters[p], parameters[earlier.Parameter], methodName,
                                                  columns, combination);
            }
            // A formula of no variable (MC0024) has only columns constant over the points; that warning says enough.
            else if (bound.Value.DependsOnVariables && firstShape.TryGetValue(shape, out int earlierParameter))
            {
                // The ratio of the columns is the same at every point, whatever the parameters: the Jacobian is rank-deficient everywhere.
                string columns = pointFactors.Count == 0
                    ? "constant over the points"
                    : "multiples of " + (FormulaPrinter.Print(Product(graph, pointFactors), j => parameters[j], v => variables[v], 80) ?? "one expression")
                      + " by factors of the parameters alone";
                yield return FormulaFinding.About(Diagnostics.SameColumn, parameters[p], parameters[p], parameters[earlierParameter], methodName,
                                                  columns, "one combination of them");
            }
            if (!first.ContainsKey(key))
                first.Add(key, (p, factor));
            if (!firstShape.ContainsKey(shape))
                firstShape.Add(shape, p);
        }
    }

    /// <summary>
    /// The factors of a column's product (and quotient) that depend on the variables, each with its power, and a key
    /// naming them: two columns with one key differ by a factor that is the same at every point.
    /// </summary>
    private static (string Key, List<(Node Factor, int Power)> Factors) PointFactors(Node column)
    {
        var powers = new SortedDictionary<int, (Node Factor, int Power)>();
        void Collect(Node node, int power)
        {
            if (!node.DependsOnVariables)
                return;
            switch (node.Op)
            {
                case Op.Multiply:
                    Collect(node[0], power);
                    Collect(node[1], power);
                    return;
                case Op.Divide:
                    Collect(node[0], power);
                    Collect(node[1], -power);
                    return;
                case Op.Negate:
                    Collect(node[0], power);
                    return;
                default:
                    powers[node.Id] = powers.TryGetValue(node.Id, out var known) ? (node, known.Power + power) : (node, power);
                    return;
            }
        }
        Collect(column, 1);
        var factors = powers.Values.Where(f => f.Power != 0).ToList();
        return (string.Join(",", factors.Select(f => f.Factor.Id + "^" + f.Power)), factors);
    }

    private static Node Product(Graph graph, List<(Node Factor, int Power)> factors)
    {
        Node? numerator = null, denominator = null;
        foreach (var (factor, power) in factors)
            for (int i = 0; i < System.Math.Abs(power); i++)
                if (power > 0)
                    numerator = numerator is null ? factor : graph.Multiply(numerator, factor);
                else
                    denominator = denominator is null ? factor : graph.Multiply(denominator, factor);
        return denominator is null ? numerator! : graph.Divide(numerator ?? graph.Constant(1), denominator);
    }

    /// <summary>The column as an expression times a constant, the constant taken out of products, quotients and negations.</summary>
    private static (Node Expression, double Factor) ConstantFactor(Graph graph, Node node)
    {
        switch (node.Op)
        {
            case Op.Constant:
                return (graph.Constant(1), node.Value);
            case Op.Negate:
            {
                var (rest, factor) = ConstantFactor(graph, node.Args[0]);
                return (rest, -factor);
            }
            case Op.Multiply when node.Args[0].Op == Op.Constant || node.Args[1].Op == Op.Constant:
            {
                bool leftConstant = node.Args[0].Op == Op.Constant;
                var (rest, factor) = ConstantFactor(graph, node.Args[leftConstant ? 1 : 0]);
                return (rest, factor * node.Args[leftConstant ? 0 : 1].Value);
            }
            case Op.Divide when node.Args[1].Op == Op.Constant:
            {
                var (rest, factor) = ConstantFactor(graph, node.Args[0]);
                return (rest, factor / node.Args[1].Value);
            }
            default:
                return (node, 1);
        }
    }

    private static string Term(double factor, string name, bool first)
    {
        string magnitude = System.Math.Abs(factor) == 1 ? name
            : System.Math.Abs(factor).ToString("G6", System.Globalization.CultureInfo.InvariantCulture) + "*" + name;
        return first ? (factor < 0 ? "-" : "") + magnitude : (factor < 0 ? " - " : " + ") + magnitude;
    }
}
