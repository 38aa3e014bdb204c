// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// A compiled model y = f(x; p). The generator implements it as a struct with static members,
/// so solvers taking the model as a type parameter are specialized by the JIT: no delegates,
/// no virtual calls, no allocation per evaluation.
/// </summary>
/// <remarks>
/// Layouts: with n = <c>values.Length</c> points and V variables, <c>x</c> is column-major n×V
/// (variable v of point i at <c>x[v * n + i]</c>); with P parameters, <c>jacobian</c> is
/// column-major n×P (∂f(x_i)/∂p_j at <c>jacobian[j * n + i]</c>).
/// </remarks>
public interface IModel
{
    /// <summary>The formula as written by the user.</summary>
    static abstract string Formula { get; }

    /// <summary>Number of fitted parameters, P.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Number of independent variables, V.</summary>
    static abstract int VariableCount { get; }

    /// <summary>Names of the fitted parameters, in declaration order.</summary>
    static abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Names of the independent variables, in declaration order.</summary>
    static abstract IReadOnlyList<string> VariableNames { get; }

    /// <summary>
    /// True when the generator proved every ∂f/∂p_j free of parameters, so that the model
    /// is linear in its parameters and least squares needs no iteration.
    /// </summary>
    static abstract bool IsLinearInParameters { get; }

    /// <summary>Writes f(x_i; p) to <c>values[i]</c> for every point.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    static abstract void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, Span<double> values);

    /// <summary>Writes f(x_i; p) and every ∂f(x_i; p)/∂p_j in one pass over the points.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    static abstract void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters,
                                              Span<double> values, Span<double> jacobian);
}
