// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Marks a static method as an objective f(x) to minimize. The generator emits a nested <c>{Method}Objective</c>
/// struct implementing <see cref="Optimization.IObjective"/> (and <see cref="Optimization.IScalarFunction"/> when there is one unknown): f,
/// the gradient fused with f in one pass, the Hessian in its sparsity pattern and Hessian–vector products.
/// </summary>
/// <remarks>
/// <para>The unknowns are the method's parameters: named <c>double</c>s, or one <c>double[]</c> /
/// <c>ReadOnlySpan&lt;double&gt;</c> x whose length n is chosen at run time by the start.</para>
/// <para>An indexed objective is a sum of terms, each either free of i (reading x[0], x[n-1], …) or a sum
/// <c>sum(i, from, to, summand)</c> over i = from … to inclusive, where the bounds are integer expressions in n
/// (<c>n-2</c>, <c>n/2 - 1</c>) and the summand reads x[i], x[i+1], x[2*i+1], …. The summand is differentiated once,
/// and the Hessian's sparsity follows from which pairs of its elements have a nonzero second derivative.</para>
/// <para>The formula is given here on a <c>static partial</c> method returning <c>double</c>, or is the method's
/// expression body (named unknowns only).</para>
/// </remarks>
/// <example>
/// <code>
/// [Objective("sum(i, 0, n-2, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)")]
/// public static partial double Rosenbrock(double[] x);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ObjectiveAttribute : Attribute
{
    /// <summary>The objective is the method's expression body.</summary>
    public ObjectiveAttribute() { }

    /// <summary>The objective, in the formula language (see the README).</summary>
    public ObjectiveAttribute(string formula) => Formula = formula;

    /// <summary>The formula, or null when the method's expression body is the objective.</summary>
    public string? Formula { get; }
}
