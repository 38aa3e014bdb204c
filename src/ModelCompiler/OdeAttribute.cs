// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Marks a static method as a system of ordinary differential equations dy/dt = f(t, y; p). The generator emits a
/// nested <c>{Method}System</c> struct implementing <see cref="Ode.IOdeSystem"/>: f, the Jacobian ∂f/∂y in its sparsity
/// pattern, ∂f/∂t, ∂f/∂p and Jacobian–vector products, all derived symbolically at build time.
/// </summary>
/// <remarks>
/// <para>The method's parameters: the states carry <see cref="StateAttribute"/>; a single parameter before the
/// first state is the time t (a system without one is autonomous); every other <c>double</c> parameter is a model
/// parameter p, in declaration order.</para>
/// <para>Named states: one equation per state, <c>"x' = sigma*(y - x)"</c>, on a <c>static partial</c> method that
/// returns a tuple of the derivatives (a <c>double</c> for one state); or no equations here and an expression body
/// returning that tuple, <c>=&gt; (sigma*(y - x), …)</c>.</para>
/// <para>An indexed state (one <c>[State] double[]</c> or <c>ReadOnlySpan&lt;double&gt;</c>, of a length n chosen at
/// run time by the initial state) takes an equation for every i, <c>"u[i]' = alpha*(u[i-1] - 2*u[i] + u[i+1])/h^2"</c>,
/// where <c>i</c> and <c>n</c> may also appear as numbers; rows the stencil cannot reach are covered by values beyond
/// the ends, <c>"u[-1] = 0"</c>, <c>"u[n] = u[n-1]"</c>, or by equations of their own, <c>"u[0]' = …"</c>,
/// <c>"u[n-1]' = …"</c>. The partial method then returns <c>double[]</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// [Ode("x' = sigma*(y - x)", "y' = x*(rho - z) - y", "z' = x*y - beta*z")]
/// public static partial (double, double, double) Lorenz(double t, [State] double x, [State] double y, [State] double z,
///                                                       double sigma, double rho, double beta);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OdeAttribute : Attribute
{
    /// <summary>The equations are the method's expression body: a tuple of the states' derivatives.</summary>
    public OdeAttribute() => Equations = [];

    /// <summary>One equation per state, <c>x' = …</c>, in the formula language (see the README).</summary>
    public OdeAttribute(params string[] equations) => Equations = equations;

    /// <summary>The equations as given; empty when the method's body holds them.</summary>
    public IReadOnlyList<string> Equations { get; }
}
