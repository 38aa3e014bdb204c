// SPDX-License-Identifier: MIT
using System.Collections.Generic;
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Symbolic;

/// <summary>What is wrong with a system's formulas, found by <see cref="SystemFrontEnd"/>.</summary>
internal enum ProblemKind
{
    UnknownName,
    UnknownFunction,
    WrongArgumentCount,
    NonDifferentiable,
    NotAState,
    DuplicateEquation,
    MissingEquation,
    BadEquation,
    BadIndex,
    OutsideArray,
    BadSum,
    UnusedParameter,
    UnusedUnknown,
    NotFinite,
    DivideByZero,
}

/// <summary>A problem at characters <c>Start … Start+Length</c> of equation <c>Equation</c> (−1: the method itself;
/// for an unused parameter or unknown, <c>Subject</c> names it).</summary>
internal sealed record SystemProblem(ProblemKind Kind, int Equation, int Start, int Length, string Subject, string Detail)
{
    public bool IsError => Kind is not (ProblemKind.NonDifferentiable or ProblemKind.UnusedParameter or ProblemKind.UnusedUnknown);
}

/// <summary>The equation of one row at a fixed position: a named system's k-th equation, or a boundary row of an indexed one.</summary>
internal sealed record RowDefinition(Position Position, Node Value, string Label);

/// <summary>The equation of every interior row i of an indexed system, over elements relative to i.</summary>
internal sealed record StencilDefinition(Node Value, string Index);

/// <summary>One <c>sum(i, from, to, summand)</c> term of an indexed objective, subtracted when <c>Negated</c>.</summary>
internal sealed record SumDefinition(bool Negated, FormulaSyntax Lower, FormulaSyntax Upper, string Index, Node Summand, string Text);

/// <summary>
/// A system's formulas bound into one hash-consed graph: the rows of a system of equations (named, or the boundary
/// rows of an indexed one) and its interior stencil, or the terms of an objective. Built by <see cref="SystemFrontEnd"/>;
/// the emitters differentiate it.
/// </summary>
internal sealed class SystemDefinition
{
    public SystemDefinition(SystemSpec spec, Graph graph, LeafTable leaves, IReadOnlyList<RowDefinition> rows, StencilDefinition? interior,
                            int leading, int trailing, Node? fixedTerm, IReadOnlyList<SumDefinition> sums, int minimumCount)
    {
        Spec = spec;
        Graph = graph;
        Leaves = leaves;
        Rows = rows;
        Interior = interior;
        Leading = leading;
        Trailing = trailing;
        Fixed = fixedTerm;
        Sums = sums;
        MinimumCount = minimumCount;
    }

    public SystemSpec Spec { get; }

    public Graph Graph { get; }

    public LeafTable Leaves { get; }

    /// <summary>Equations at fixed positions, in row order: every row of a named system; the first
    /// <see cref="Leading"/> and last <see cref="Trailing"/> rows of an indexed one.</summary>
    public IReadOnlyList<RowDefinition> Rows { get; }

    /// <summary>The rows Leading … n−Trailing−1 of an indexed system; null for a named one or an objective.</summary>
    public StencilDefinition? Interior { get; }

    public int Leading { get; }

    public int Trailing { get; }

    /// <summary>The part of an objective outside its sums (the whole objective when it has none).</summary>
    public Node? Fixed { get; }

    public IReadOnlyList<SumDefinition> Sums { get; }

    /// <summary>The fewest unknowns the system is defined for (the count itself for named unknowns).</summary>
    public int MinimumCount { get; }

    public bool Indexed => Spec.Indexed;

    public string Print(Node node) => FormulaPrinter.Print(node, p => Leaves.ParameterNames[p], v => Leaves.VariableNames[v]);
}
