// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace ModelCompiler.Optimization;

/// <summary>
/// The options of one minimization method; the record's type selects the method passed to
/// <see cref="Minimizer.Minimize{TObjective}(double[], MinimizerOptions?, Bounds?, IProgress{MinimizationProgress}?, CancellationToken)"/>.
/// Each method's record states its stopping tests as formulas, has the defaults we recommend and, where the
/// algorithm is scipy's, a <c>Scipy</c> preset with scipy 1.10's defaults. A record holds only the options its
/// method uses, so nothing given is silently ignored.
/// </summary>
/// <remarks>n below is the number of free (non-fixed) unknowns.</remarks>
public abstract record MinimizerOptions
{
    private protected MinimizerOptions()
    {
    }

    /// <summary>The method's name, e.g. "BFGS".</summary>
    public abstract string Method { get; }

    /// <summary>Stops after this many iterations; null for the method's default (stated on each record).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Stops once this many values of f have been computed (finite-difference evaluations included); null
    /// for the method's default (stated on each record). A method checks the budget before each evaluation.</summary>
    public int? MaxFunctionEvaluations { get; init; }

    /// <summary>Whether the method honours finite bounds (every method honours fixed unknowns).</summary>
    public abstract bool AllowsBounds { get; }

    /// <summary>Returns false with a message naming the first invalid option.</summary>
    public bool IsValid([NotNullWhen(false)] out string? error)
    {
        error = MaxIterations is < 1 ? $"{nameof(MaxIterations)} must be ≥ 1 when set, got {MaxIterations}."
            : MaxFunctionEvaluations is < 1 ? $"{nameof(MaxFunctionEvaluations)} must be ≥ 1 when set, got {MaxFunctionEvaluations}."
            : MethodError();
        return error is null;
    }

    /// <summary>The first invalid method-specific option, or null.</summary>
    private protected abstract string? MethodError();

    /// <summary>The iteration limit when <see cref="MaxIterations"/> is null.</summary>
    private protected abstract int DefaultMaxIterations(int n);

    /// <summary>The evaluation budget when <see cref="MaxFunctionEvaluations"/> is null.</summary>
    private protected virtual int DefaultMaxFunctionEvaluations(int n) => int.MaxValue;

    internal int IterationLimit(int n) => MaxIterations ?? DefaultMaxIterations(n);

    internal int EvaluationLimit(int n) => MaxFunctionEvaluations ?? DefaultMaxFunctionEvaluations(n);

    internal void Validate()
    {
        if (!IsValid(out string? error))
            throw new ArgumentException($"{Method} options: {error}", "options");
    }

    /// <summary>"name must be finite and &gt; 0" when <paramref name="value"/> is not, else null.</summary>
    private protected static string? Positive(double value, string name)
        => value > 0 && double.IsFinite(value) ? null : $"{name} must be finite and > 0, got {value}.";

    /// <summary>"name must be finite and ≥ 0" when <paramref name="value"/> is not, else null.</summary>
    private protected static string? NonNegative(double value, string name)
        => value >= 0 && double.IsFinite(value) ? null : $"{name} must be finite and ≥ 0, got {value}.";

    /// <summary>An error when the value lies outside the open interval (<paramref name="low"/>, <paramref name="high"/>).</summary>
    private protected static string? Between(double value, double low, double high, string name)
        => value > low && value < high ? null : $"{name} must lie in ({low}, {high}), got {value}.";

    /// <summary>Multiplies with saturation at int.MaxValue.</summary>
    private protected static int Scaled(int perUnknown, int n) => (int)Math.Min(int.MaxValue, (long)perUnknown * n);
}

/// <summary>
/// How a gradient is approximated when the objective supplies only values. In the steps below, the 1 in max(1, |xᵢ|)
/// is |xᵢ| at the start instead when that lies strictly between 0 and 1: an unknown started near 1e-30 is measured
/// in its own units (scipy's steps near 1e-5 would read a zero gradient there and stop at the start).
/// </summary>
public enum FiniteDifferences
{
    /// <summary>
    /// Central differences (fᵢ₊ − fᵢ₋)/(xᵢ₊ − xᵢ₋) with xᵢ± = xᵢ ± hᵢ, hᵢ = ε^(1/3)·max(1, |xᵢ|) (scipy's '3-point'):
    /// 2n evaluations, about two thirds of the digits. Near a bound, the one-sided three-point formula
    /// (−3f₀ + 4f(x + hᵢeᵢ) − f(x + 2hᵢeᵢ))/(2hᵢ) pointing into the box.
    /// </summary>
    Central,

    /// <summary>
    /// Forward differences (f(x + hᵢeᵢ) − f(x))/hᵢ with hᵢ = √ε·max(1, |xᵢ|)·sign(xᵢ) taken as the exactly
    /// representable (xᵢ + hᵢ) − xᵢ (scipy's '2-point'): n evaluations, about half of the digits. Near a
    /// bound the step is reversed to stay inside the box.
    /// </summary>
    Forward,
}
