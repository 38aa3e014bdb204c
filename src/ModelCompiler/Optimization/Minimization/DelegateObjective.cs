// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>f(x) for a minimizer.</summary>
public delegate double ObjectiveFunction(ReadOnlySpan<double> x);

/// <summary>Returns f(x) and writes ∇f(x) to <paramref name="gradient"/>.</summary>
public delegate double ObjectiveGradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Writes ∇²f(x) to <paramref name="hessian"/>: row-major n×n, or the nonzeros in the CSR order of a
/// <see cref="DelegateObjective.HessianPattern"/> when one is given.</summary>
public delegate void ObjectiveHessianFunction(ReadOnlySpan<double> x, Span<double> hessian);

/// <summary>Writes ∇²f(x)·v to <paramref name="product"/>.</summary>
public delegate void HessianVectorFunction(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product);

/// <summary>
/// An objective written as plain C# delegates, for minimizing without a generated <see cref="IObjective"/>: the value
/// alone (gradient methods then difference it as their options' <see cref="FiniteDifferences"/> say), or the value with
/// the gradient, optionally with the Hessian (dense, or sparse in a given pattern) and Hessian–vector products.
/// </summary>
/// <remarks>The delegates must not keep the spans they are given; they may return non-finite values (the
/// minimizers reject such trial points).</remarks>
public sealed class DelegateObjective
{
    /// <summary>An objective given by its value alone.</summary>
    public DelegateObjective(ObjectiveFunction value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>An objective given by its value with its gradient in one call.</summary>
    public DelegateObjective(ObjectiveGradientFunction valueAndGradient)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        ValueAndGradient = valueAndGradient;
    }

    /// <summary>An objective with a separate value function (used where no gradient is needed, e.g. in line-search
    /// trials of derivative-free methods) and a value-and-gradient function.</summary>
    public DelegateObjective(ObjectiveFunction value, ObjectiveGradientFunction valueAndGradient)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        Value = value;
        ValueAndGradient = valueAndGradient;
    }

    /// <summary>f(x) alone, or null when only <see cref="ValueAndGradient"/> was given.</summary>
    public ObjectiveFunction? Value { get; }

    /// <summary>f(x) with ∇f(x), or null when the gradient is to be differenced.</summary>
    public ObjectiveGradientFunction? ValueAndGradient { get; }

    /// <summary>The Hessian, or null.</summary>
    public ObjectiveHessianFunction? Hessian { get; init; }

    /// <summary>The Hessian's sparsity pattern (symmetric, both triangles) when <see cref="Hessian"/> writes only
    /// its nonzeros; null for a dense row-major Hessian.</summary>
    public SparsityPattern? HessianPattern { get; init; }

    /// <summary>∇²f(x)·v without forming the Hessian, or null.</summary>
    public HessianVectorFunction? HessianTimes { get; init; }
}
