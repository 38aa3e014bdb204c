// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// A compiled scalar objective f(x) to minimize. The generator implements it for an <c>[Objective]</c> method as a
/// struct with static members, with the gradient, the Hessian (and its sparsity) and Hessian–vector products
/// derived symbolically at build time, so minimizers taking it as a type parameter are specialized by the JIT.
/// </summary>
/// <remarks>
/// <para>The unknowns are the method's parameters: named scalars (x1, x2, …) or one indexed array whose length
/// is chosen at run time by the start (e.g. extended Rosenbrock as a sum over i).</para>
/// <para>The Hessian is written as the nonzero values of <see cref="HessianPattern"/>(n) in its CSR order. The
/// pattern is symmetric and lists both triangles.</para>
/// <para>Implementations neither allocate nor keep state between calls and never throw for non-finite values,
/// only for spans whose lengths do not match.</para>
/// </remarks>
public interface IObjective
{
    /// <summary>The objective as written by the user.</summary>
    static abstract string Formula { get; }

    /// <summary>The unknowns' names in order; for an indexed objective, the one array's name.</summary>
    static abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The number of unknowns when they are named scalars; null for an indexed objective, whose size is
    /// the length of the start.</summary>
    static abstract int? ParameterCount { get; }

    /// <summary>The fewest unknowns the objective is defined for.</summary>
    static abstract int MinimumParameterCount { get; }

    /// <summary>f(x).</summary>
    static abstract double Evaluate(ReadOnlySpan<double> x);

    /// <summary>Returns f(x) and writes ∇f(x) to <paramref name="gradient"/>, in one pass.</summary>
    static abstract double EvaluateWithGradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The positions of the structurally nonzero entries of ∇²f for <paramref name="parameterCount"/> unknowns
    /// (symmetric, both triangles).</summary>
    static abstract SparsityPattern HessianPattern(int parameterCount);

    /// <summary>Writes the nonzeros of ∇²f(x) in the CSR order of <see cref="HessianPattern"/>(x.Length).</summary>
    static abstract void Hessian(ReadOnlySpan<double> x, Span<double> hessian);

    /// <summary>Writes ∇²f(x)·v without forming the Hessian.</summary>
    static abstract void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product);
}
