// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators;

/// <summary>
/// The diagnostics of <c>[Ode]</c> (MC0100–MC0149) and of <c>[Objective]</c> and <c>[Equations]</c> (MC0150–MC0199).
/// Problems shared with <c>[Model]</c> keep their ids: MC0001 (parse), MC0003 (function), MC0004 (arguments),
/// MC0005 (C# construct), MC0011 (containing type), MC0012 (duplicate name), MC0014 (not differentiable), MC9999.
/// </summary>
internal static class SystemDiagnostics
{
    private const string Formula = "ModelCompiler.Formula";
    private const string Shape = "ModelCompiler.Shape";

    private static DiagnosticDescriptorData Error(string id, string title, string message, string category) =>
        new(id, title, message, category, Severity.Error);

    // ---- [Ode] ----

    public static DiagnosticDescriptorData OdeNoEquations { get; } = Error("MC0100", "ODE system has no equations",
        "ODE method '{0}' has no equations: give them as [Ode(\"x' = …\", …)] on a partial declaration, or return the tuple of the derivatives from the method's expression body", Shape);

    public static DiagnosticDescriptorData OdeNotPartial { get; } = Error("MC0101", "Equations in the attribute need a partial declaration",
        "ODE method '{0}' has its equations in [Ode(...)], so it must be declared 'static partial' without a body; the generator writes the body", Shape);

    public static DiagnosticDescriptorData OdeShape { get; } = Error("MC0102", "ODE method has the wrong shape", "{0}", Shape);

    public static DiagnosticDescriptorData OdeUnknownName { get; } = Error("MC0103", "Unknown name in ODE equations",
        "'{0}' is not a state, the time, a parameter or a constant of this system: {1}", Formula);

    public static DiagnosticDescriptorData OdeNotAState { get; } = Error("MC0104", "Equation for something that is not a state",
        "'{0}' is not a state of this system: {1}", Formula);

    public static DiagnosticDescriptorData OdeDuplicateEquation { get; } = Error("MC0105", "Two equations for one state",
        "Two equations for {0}: {1}", Formula);

    public static DiagnosticDescriptorData OdeMissingEquation { get; } = Error("MC0106", "State without an equation",
        "State {0} has no equation: {1}", Formula);

    public static DiagnosticDescriptorData OdeBadEquation { get; } = Error("MC0107", "Not an equation of this system",
        "'{0}' is not an equation this system can use: {1}", Formula);

    public static DiagnosticDescriptorData OdeBadIndex { get; } = Error("MC0108", "Index outside the stencil's rules",
        "'{0}' has an index this system cannot use: {1}", Formula);

    public static DiagnosticDescriptorData OdeOutsideArray { get; } = Error("MC0109", "Read outside the state array",
        "'{0}' reads outside the array: {1}", Formula);

    public static DiagnosticDescriptorData OdeSum { get; } = Error("MC0110", "Sum in an ODE system",
        "'{0}' cannot be used here: {1}", Formula);

    public static DiagnosticDescriptorData OdeUnusedParameter { get; } = new("MC0111", "ODE parameter not used",
        "Parameter '{0}' is never used by the equations of '{1}': its column of ∂f/∂p is zero and a fit cannot determine it; remove it or use it",
        Formula, Severity.Warning);

    // ---- [Objective] and [Equations] ----

    public static DiagnosticDescriptorData NoFormula { get; } = Error("MC0150", "Objective or equations without a formula",
        "{0} method '{1}' has no formula: give it as [{0}(\"…\")] on a partial declaration, or write it as the method's expression body", Shape);

    public static DiagnosticDescriptorData NotPartial { get; } = Error("MC0151", "Formula in the attribute needs a partial declaration",
        "{0} method '{1}' has its formula in [{0}(...)], so it must be declared 'static partial' without a body; the generator writes the body", Shape);

    public static DiagnosticDescriptorData Shape_ { get; } = Error("MC0152", "Objective or equations method has the wrong shape", "{0}", Shape);

    public static DiagnosticDescriptorData UnknownName { get; } = Error("MC0153", "Unknown name in formula",
        "'{0}' is not an unknown or a constant here: {1}", Formula);

    public static DiagnosticDescriptorData DuplicateEquation { get; } = Error("MC0154", "Two equations for one row",
        "Two equations for {0}: {1}", Formula);

    public static DiagnosticDescriptorData MissingEquation { get; } = Error("MC0155", "No equation for every row",
        "{0} has no equation for every row: {1}", Formula);

    public static DiagnosticDescriptorData BadEquation { get; } = Error("MC0156", "Not an equation of this system",
        "'{0}' is not an equation this system can use: {1}", Formula);

    public static DiagnosticDescriptorData BadIndex { get; } = Error("MC0157", "Index outside the rules",
        "'{0}' has an index this system cannot use: {1}", Formula);

    public static DiagnosticDescriptorData OutsideArray { get; } = Error("MC0158", "Read outside the unknown array",
        "'{0}' reads outside the array: {1}", Formula);

    public static DiagnosticDescriptorData BadSum { get; } = Error("MC0159", "Invalid sum",
        "Invalid '{0}': {1}", Formula);

    public static DiagnosticDescriptorData UnusedUnknown { get; } = new("MC0160", "Unknown not used",
        "Unknown '{0}' is never used by the formula of '{1}': nothing depends on it, so it cannot be determined and stays where it starts; remove it or use it",
        Formula, Severity.Warning);

    public static DiagnosticDescriptorData TimeAfterStates { get; } = new("MC0161", "Time after the states",
        "Parameter '{0}' of ODE method '{1}' comes after the states, so it is a constant parameter, not the time: the time is the one parameter before the first [State]; move '{0}' there if it is the time",
        Shape, Severity.Warning);

    public static DiagnosticDescriptorData NotSquare { get; } = new("MC0162", "Equations not square",
        "Equations method '{0}' has {1} in {2} ({3}): the equation solvers need as many equations as unknowns; add or remove equations, or, for more equations than unknowns, minimize the sum of their squares with an [Objective]",
        Shape, Severity.Warning);

    // MC0022 and MC0023 as [Model] words them, with what a system's formula depends on in place of data and parameters ({2}).
    public static DiagnosticDescriptorData NotFinite { get; } = Error("MC0022", "Constant part of the formula is not finite",
        "'{0}' is {1} whatever {2}, so the formula cannot be finite where it is used: correct this constant part of the formula", Formula);

    public static DiagnosticDescriptorData DivideByZero { get; } = Error("MC0023", "Division by zero",
        "The divisor '{0}' is 0 whatever {2}: the formula divides by zero wherever it is evaluated", Formula);

    /// <summary>What a system's formula depends on, for MC0022 and MC0023.</summary>
    public static string Inputs(SystemKind kind) => kind == SystemKind.Ode ? "the time, the states and the parameters" : "the unknowns";

    /// <summary>The descriptor of a front-end problem for the kind of declaration it was found in.</summary>
    public static DiagnosticDescriptorData For(ProblemKind problem, SystemKind kind)
    {
        bool ode = kind == SystemKind.Ode;
        return problem switch
        {
            ProblemKind.UnknownName => ode ? OdeUnknownName : UnknownName,
            ProblemKind.UnknownFunction => Diagnostics.UnknownFunction,
            ProblemKind.WrongArgumentCount => Diagnostics.WrongArgumentCount,
            ProblemKind.NonDifferentiable => Diagnostics.NonDifferentiable,
            ProblemKind.NotFinite => NotFinite,
            ProblemKind.DivideByZero => DivideByZero,
            ProblemKind.NotAState => OdeNotAState,
            ProblemKind.DuplicateEquation => ode ? OdeDuplicateEquation : DuplicateEquation,
            ProblemKind.MissingEquation => ode ? OdeMissingEquation : MissingEquation,
            ProblemKind.BadEquation => ode ? OdeBadEquation : BadEquation,
            ProblemKind.BadIndex => ode ? OdeBadIndex : BadIndex,
            ProblemKind.OutsideArray => ode ? OdeOutsideArray : OutsideArray,
            ProblemKind.BadSum => ode ? OdeSum : BadSum,
            ProblemKind.UnusedUnknown => UnusedUnknown,
            _ => OdeUnusedParameter,
        };
    }

    public static DiagnosticDescriptorData ShapeFor(SystemKind kind) => kind == SystemKind.Ode ? OdeShape : Shape_;
}
