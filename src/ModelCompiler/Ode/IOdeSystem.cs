// SPDX-License-Identifier: MIT
namespace ModelCompiler.Ode;

/// <summary>
/// A compiled system of ordinary differential equations dy/dt = f(t, y; p). The generator implements it for an
/// <c>[Ode]</c> method as a struct with static members, with ∂f/∂y, ∂f/∂t and ∂f/∂p derived symbolically at
/// build time, so integrators taking the system as a type parameter are specialized by the JIT.
/// </summary>
/// <remarks>
/// <para>Layouts, with n states and P parameters: <c>y</c>, <c>dydt</c> and <c>dfdt</c> have length n;
/// the Jacobian ∂f/∂y is written as the nonzero values of <see cref="JacobianPattern"/>(n) in its CSR order
/// (row i = equation i, column j = state j); ∂f/∂p is column-major n×P (∂f_i/∂p_k at <c>dfdp[k * n + i]</c>).</para>
/// <para>A system of named states has a fixed <see cref="StateCount"/>. An indexed system (an array state, such as a
/// method-of-lines discretization) takes its size from the initial state at run time; its pattern, built for
/// that size, is banded or sparse as the stencil dictates.</para>
/// <para>Implementations neither allocate nor keep state between calls; they never throw for non-finite
/// values (the integrator checks what it needs), only for spans whose lengths do not match the layout.</para>
/// </remarks>
public interface IOdeSystem
{
    /// <summary>The equations as written by the user, one per line.</summary>
    static abstract string Formula { get; }

    /// <summary>The states' names in order; for an indexed system, the one array's name.</summary>
    static abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>The model parameters' names, in declaration order.</summary>
    static abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The number of model parameters, P.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>The number of states of a system of named states; null for an indexed system, whose size is the
    /// length of the initial state.</summary>
    static abstract int? StateCount { get; }

    /// <summary>The fewest states the system is defined for (its <see cref="StateCount"/> when that is fixed;
    /// for an indexed system, what its boundary rules and stencil need).</summary>
    static abstract int MinimumStateCount { get; }

    /// <summary>True when f does not depend on t, so that ∂f/∂t is identically zero.</summary>
    static abstract bool IsAutonomous { get; }

    /// <summary>Writes f(t, y; p) to <paramref name="dydt"/>.</summary>
    static abstract void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters, Span<double> dydt);

    /// <summary>The positions of the structurally nonzero entries of ∂f/∂y for <paramref name="stateCount"/> states.</summary>
    static abstract SparsityPattern JacobianPattern(int stateCount);

    /// <summary>Writes the nonzeros of ∂f/∂y at (t, y) in the CSR order of <see cref="JacobianPattern"/>(y.Length).</summary>
    static abstract void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters, Span<double> jacobian);

    /// <summary>Writes ∂f/∂t at (t, y); zeros when <see cref="IsAutonomous"/>.</summary>
    static abstract void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters, Span<double> dfdt);

    /// <summary>Writes ∂f/∂p at (t, y), column-major n×P.</summary>
    static abstract void ParameterJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters, Span<double> dfdp);

    /// <summary>Writes (∂f/∂y)·v at (t, y) without forming the Jacobian (the directional derivative of f along v).</summary>
    static abstract void JacobianTimes(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters,
                                       ReadOnlySpan<double> v, Span<double> product);
}
