// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using System.Linq;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>
/// A model taken through the symbolic pipeline: bound to a graph, differentiated with respect to every
/// parameter, simplified, and lowered for emission. Pure: the same spec always gives the same result.
/// </summary>
internal sealed class CompiledModel
{
    private CompiledModel(ModelSpec spec, Node value, IReadOnlyList<Node> gradient, Schedule straightLine,
                          Schedule valueOnly, Schedule valueAndJacobian, Schedule valueAndScaledJacobian, IReadOnlyList<Node?> columnScales)
    {
        Spec = spec;
        Value = value;
        Gradient = gradient;
        StraightLineValue = straightLine;
        ValueOnly = valueOnly;
        ValueAndJacobian = valueAndJacobian;
        ValueAndScaledJacobian = valueAndScaledJacobian;
        ColumnScales = columnScales;
        IsLinearInParameters = gradient.All(d => !d.DependsOnParameters);
        MayHaveExchangeableTerms = ParameterSymmetry.IsPossible(value, spec.Parameters.Count);
        MayHaveRoundingNoiseColumns = ColumnSensitivity.MayBeRoundingNoise(gradient);
    }

    public ModelSpec Spec { get; }

    /// <summary>The simplified value, before lowering (for documentation).</summary>
    public Node Value { get; }

    /// <summary>∂f/∂p_j for every parameter, simplified, before lowering (for documentation).</summary>
    public IReadOnlyList<Node> Gradient { get; }

    /// <summary>The value for one point as straight-line code: the body of a partial model method.</summary>
    public Schedule StraightLineValue { get; }

    public Schedule ValueOnly { get; }

    /// <summary>Roots: the value, then every Jacobian column.</summary>
    public Schedule ValueAndJacobian { get; }

    public bool IsLinearInParameters { get; }

    /// <summary>Whether some exchange of parameters could leave the formula unchanged (<see cref="ParameterSymmetry"/>).</summary>
    public bool MayHaveExchangeableTerms { get; }

    /// <summary>Whether a Jacobian column could be the rounding of its formula (<see cref="ColumnSensitivity"/>).</summary>
    public bool MayHaveRoundingNoiseColumns { get; }

    /// <summary>
    /// Roots: the value, then every Jacobian column without its point-invariant factor (<see cref="ColumnScales"/>),
    /// for the kernels that accumulate JᵀJ and Jᵀr.
    /// </summary>
    public Schedule ValueAndScaledJacobian { get; }

    /// <summary>Each Jacobian column's point-invariant factor, or null where it is 1 (<see cref="Symbolic.ColumnScales"/>).</summary>
    public IReadOnlyList<Node?> ColumnScales { get; }

    /// <param name="maxNodes">The limit of the symbolic graph (value, derivatives and lowering), past which
    /// <see cref="GraphLimitException"/> is thrown.</param>
    public static CompiledModel Compile(ModelSpec spec, int maxNodes = int.MaxValue)
    {
        var graph = new Graph(maxNodes);
        var bound = Binder.Bind(graph, spec.Syntax, spec.Variables.ToList(), spec.Parameters.ToList(), spec.AllowsNamedConstants);
        var gradient = Enumerable.Range(0, spec.Parameters.Count).Select(j => Differentiator.Derive(graph, bound.Value, j)).ToArray();
        var all = Lowering.Lower(graph, new[] { bound.Value }.Concat(gradient).ToArray(), reciprocals: true);
        var straightLine = Lowering.Lower(graph, new[] { bound.Value }, reciprocals: false);
        var split = all.Skip(1).Select(column => Symbolic.ColumnScales.Split(graph, column)).ToArray();
        var scaled = new[] { all[0] }.Concat(split.Select(s => s.Varying)).ToArray();
        return new CompiledModel(spec, bound.Value, gradient, Schedule.Build(straightLine, hoist: false),
                                 Schedule.Build(new[] { all[0] }), Schedule.Build(all), Schedule.Build(scaled),
                                 split.Select(s => s.Scale).ToArray());
    }

    public string Print(Node node) => FormulaPrinter.Print(node, p => Spec.Parameters[p], v => Spec.Variables[v]);

    /// <summary>The formula in the model's names, or null when it is longer than <paramref name="maxLength"/>.</summary>
    public string? Print(Node node, int maxLength) => FormulaPrinter.Print(node, p => Spec.Parameters[p], v => Spec.Variables[v], maxLength);
}
