// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// A compiled system of equations F(x) = 0. The generator implements it for an <c>[Equations]</c> method as a
/// struct with static members, with the Jacobian and its sparsity derived symbolically at build time.
/// </summary>
/// <remarks>
/// <para>The unknowns are the method's parameters: named scalars or one indexed array whose length is chosen
/// at run time by the start; an indexed system has one equation per unknown.</para>
/// <para>The Jacobian (row i = equation i, column j = unknown j) is written as the nonzero values of
/// <see cref="JacobianPattern"/>(n) in its CSR order.</para>
/// <para>Implementations neither allocate nor keep state between calls and never throw for non-finite values,
/// only for spans whose lengths do not match.</para>
/// </remarks>
public interface IEquationSystem
{
    /// <summary>The equations as written by the user, one per line.</summary>
    static abstract string Formula { get; }

    /// <summary>The unknowns' names in order; for an indexed system, the one array's name.</summary>
    static abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The number of unknowns when they are named scalars; null for an indexed system.</summary>
    static abstract int? ParameterCount { get; }

    /// <summary>The fewest unknowns the system is defined for.</summary>
    static abstract int MinimumParameterCount { get; }

    /// <summary>The number of equations for <paramref name="parameterCount"/> unknowns.</summary>
    static abstract int EquationCount(int parameterCount);

    /// <summary>Writes F(x) to <paramref name="residuals"/>.</summary>
    static abstract void Evaluate(ReadOnlySpan<double> x, Span<double> residuals);

    /// <summary>The positions of the structurally nonzero entries of ∂F/∂x for <paramref name="parameterCount"/> unknowns.</summary>
    static abstract SparsityPattern JacobianPattern(int parameterCount);

    /// <summary>Writes the nonzeros of ∂F/∂x in the CSR order of <see cref="JacobianPattern"/>(x.Length).</summary>
    static abstract void Jacobian(ReadOnlySpan<double> x, Span<double> jacobian);
}
