// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode.Integration;

/// <summary>
/// What an integrator needs from a right-hand side: f, ∂f/∂y in the CSR order of <see cref="JacobianPattern"/>,
/// and ∂f/∂t. Implemented by value types (a generated system, or a delegate with finite differences), so the
/// integrators, generic over the implementing struct, are specialized by the JIT.
/// </summary>
internal interface IOdeFunction
{
    /// <summary>The number of states n.</summary>
    int StateCount { get; }

    /// <summary>
    /// The structurally nonzero entries of ∂f/∂y (n×n), or, when <see cref="JacobianBlocks"/> is more than one, of one of
    /// its identical diagonal blocks ((n/blocks)×(n/blocks)).
    /// </summary>
    SparsityPattern JacobianPattern { get; }

    /// <summary>
    /// The number of identical diagonal blocks the implicit methods may take ∂f/∂y to be (1 for a plain system): a system
    /// augmented with its sensitivities uses ∂f/∂y of the state in every block, so that one factorization of the state's
    /// iteration matrix serves them all. <see cref="Jacobian"/> then writes one block.
    /// </summary>
    int JacobianBlocks { get; }

    /// <summary>True when f does not depend on t.</summary>
    bool IsAutonomous { get; }

    /// <summary>True when <see cref="Jacobian"/> is exact rather than a difference quotient.</summary>
    bool HasAnalyticJacobian { get; }

    /// <summary>Writes f(t, y).</summary>
    void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt);

    /// <summary>
    /// Writes ∂f/∂y at (t, y) in pattern order (one block when there are several), given <paramref name="fy"/> = f(t, y) and a typical magnitude
    /// <paramref name="scale"/> of every state (for difference increments). Returns the number of evaluations of f spent.
    /// </summary>
    int Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, ReadOnlySpan<double> scale, Span<double> values);

    /// <summary>Writes ∂f/∂t at (t, y) given <paramref name="fy"/> = f(t, y); returns the number of evaluations of f spent.</summary>
    int TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> fy, Span<double> dfdt);
}
