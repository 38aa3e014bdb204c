// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Marks a static method as a system of equations F(x) = 0. The generator emits a nested <c>{Method}Equations</c>
/// struct implementing <see cref="Optimization.IEquationSystem"/> (and <see cref="Optimization.IScalarFunction"/> for one equation in one
/// unknown), with the Jacobian in its sparsity pattern derived symbolically at build time.
/// </summary>
/// <remarks>
/// <para>Named unknowns (the method's <c>double</c> parameters): one formula per equation,
/// <c>[Equations("1 - x1", "10*(x2 - x1^2)")]</c> on a <c>static partial</c> method returning the tuple of the
/// residuals (a <c>double</c> for one equation); or an expression body returning that tuple.</para>
/// <para>An indexed unknown (one <c>double[]</c> / <c>ReadOnlySpan&lt;double&gt;</c> x of length n) has one equation
/// per element: <c>"F[i] = (3 - 2*x[i])*x[i] - x[i-1] - 2*x[i+1] + 1"</c> for every i, with the values beyond the
/// ends given as <c>"x[-1] = 0"</c>, <c>"x[n] = 0"</c>, or rows given equations of their own, <c>"F[0] = …"</c>.
/// The partial method then returns <c>double[]</c>.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EquationsAttribute : Attribute
{
    /// <summary>The equations are the method's expression body: a tuple of the residuals.</summary>
    public EquationsAttribute() => Equations = [];

    /// <summary>The equations F_k(x) = 0, one residual formula per string (see the README).</summary>
    public EquationsAttribute(params string[] equations) => Equations = equations;

    /// <summary>The equations as given; empty when the method's body holds them.</summary>
    public IReadOnlyList<string> Equations { get; }
}
