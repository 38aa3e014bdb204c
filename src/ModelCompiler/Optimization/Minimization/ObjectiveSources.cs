// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// What a minimizer can ask of an objective, as an instance interface so that the generated objective (static
/// members) and plain delegates reach the algorithms through one generic parameter: a struct source makes the JIT
/// specialize every algorithm for it, with direct calls and nothing allocated per evaluation.
/// </summary>
/// <remarks>Vectors here have every unknown (fixed ones included); <see cref="ObjectiveEvaluator{TSource}"/> maps
/// them to the free ones.</remarks>
internal interface IObjectiveSource
{
    bool HasGradient { get; }

    /// <summary>Whether the gradient is the user's own code, which may not match f (a generated one is f's by construction).</summary>
    bool GradientIsUsers { get; }
    bool HasHessian { get; }
    bool HasHessianTimes { get; }
    double Value(ReadOnlySpan<double> x);
    double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
    SparsityPattern HessianPattern(int n);
    void Hessian(ReadOnlySpan<double> x, Span<double> values);
    void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product);
}

/// <summary>A generated <see cref="IObjective"/>: every derivative is available.</summary>
internal readonly struct Generated<TObjective> : IObjectiveSource where TObjective : IObjective
{
    public bool HasGradient => true;
    public bool GradientIsUsers => false;
    public bool HasHessian => true;
    public bool HasHessianTimes => true;
    public double Value(ReadOnlySpan<double> x) => TObjective.Evaluate(x);
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => TObjective.EvaluateWithGradient(x, gradient);
    public SparsityPattern HessianPattern(int n) => TObjective.HessianPattern(n);
    public void Hessian(ReadOnlySpan<double> x, Span<double> values) => TObjective.Hessian(x, values);
    public void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product) => TObjective.HessianTimes(x, v, product);
}

/// <summary>A <see cref="DelegateObjective"/>; the Hessian is dense row-major unless the objective gives a pattern.</summary>
internal readonly struct Delegates : IObjectiveSource
{
    private readonly DelegateObjective _objective;
    private readonly double[]? _scratchGradient;

    public Delegates(DelegateObjective objective, int n)
    {
        _objective = objective;
        _scratchGradient = objective.Value is null ? new double[n] : null;
    }

    public bool HasGradient => _objective.ValueAndGradient is not null;
    public bool GradientIsUsers => HasGradient;
    public bool HasHessian => _objective.Hessian is not null;
    public bool HasHessianTimes => _objective.HessianTimes is not null;

    public double Value(ReadOnlySpan<double> x)
        => _objective.Value is { } value ? value(x) : _objective.ValueAndGradient!(x, _scratchGradient);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => _objective.ValueAndGradient!(x, gradient);

    public SparsityPattern HessianPattern(int n) => _objective.HessianPattern ?? SparsityPattern.Dense(n, n);

    public void Hessian(ReadOnlySpan<double> x, Span<double> values) => _objective.Hessian!(x, values);

    public void HessianTimes(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product) => _objective.HessianTimes!(x, v, product);
}
