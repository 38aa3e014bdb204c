// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Model;

/// <summary>The three kinds of declaration beside <c>[Model]</c>, each with its own front end and emitter.</summary>
internal enum SystemKind
{
    Ode,
    Objective,
    Equations,
}

/// <summary>
/// Everything the emitter needs about one <c>[Ode]</c>, <c>[Objective]</c> or <c>[Equations]</c> method, as plain
/// equatable data (no symbols, no syntax nodes), so the incremental pipeline can skip unchanged declarations.
/// </summary>
/// <param name="PartialSignature">The declaration to implement when the formulas are in the attribute; null when
/// the method has its own body.</param>
/// <param name="Time">The time parameter of an ODE system, or null (autonomous, and for the other kinds).</param>
/// <param name="Unknowns">The states (ODE) or unknowns, in order; for an indexed system the one array's name.</param>
/// <param name="Indexed">True when the unknowns are one array whose length is chosen at run time.</param>
/// <param name="Parameters">The model parameters of an ODE system, in declaration order (none for the other kinds).</param>
/// <param name="Texts">The equations or the objective as written, one entry per attribute string or tuple element.</param>
/// <param name="Equations">The parsed form of each text.</param>
/// <param name="AllowsNamedConstants">True for the formula language, where <c>pi</c> and <c>e</c> are constants.</param>
internal sealed record SystemSpec(
    SystemKind Kind,
    string? Namespace,
    EquatableArray<ContainingType> Containers,
    string MethodName,
    string Accessibility,
    string? PartialSignature,
    string? Time,
    EquatableArray<string> Unknowns,
    bool Indexed,
    EquatableArray<string> Parameters,
    EquatableArray<string> Texts,
    EquatableArray<EquationSyntax> Equations,
    bool AllowsNamedConstants,
    LocationInfo Location)
{
    /// <summary>The generated type: <c>LorenzSystem</c>, <c>RosenbrockObjective</c>, <c>BroydenEquations</c>.</summary>
    public string TypeName => MethodName + Suffix(Kind);

    public static string Suffix(SystemKind kind) => kind switch
    {
        SystemKind.Ode => "System",
        SystemKind.Objective => "Objective",
        _ => "Equations",
    };

    public static string AttributeName(SystemKind kind) => kind switch
    {
        SystemKind.Ode => "Ode",
        SystemKind.Objective => "Objective",
        _ => "Equations",
    };
}
