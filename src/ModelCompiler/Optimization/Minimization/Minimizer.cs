// SPDX-License-Identifier: MIT
namespace ModelCompiler.Optimization;

/// <summary>
/// Minimizes a scalar objective f(x) over x ∈ ℝⁿ, the counterpart of scipy's <c>minimize</c>: one door for every
/// method, the method chosen by the type of the options record (<see cref="NelderMeadOptions"/>,
/// <see cref="PowellOptions"/>, <see cref="BfgsOptions"/>, <see cref="ConjugateGradientOptions"/>,
/// <see cref="LbfgsOptions"/>, <see cref="LbfgsbOptions"/>, <see cref="NewtonCgOptions"/>,
/// <see cref="TrustExactOptions"/>). Without options: BFGS, or L-BFGS-B when there are finite bounds (scipy's choice).
/// </summary>
/// <remarks>
/// <para>A generated objective is a type parameter, so every call is specialized by the JIT: no delegates, no
/// allocation per iteration. Plain C# delegates are served through <see cref="DelegateObjective"/>.</para>
/// <para>Bad input throws <see cref="ArgumentException"/> naming the argument and index: a start of the wrong length
/// or with a non-finite component, f or ∇f not finite at the start, bounds of the wrong length, NaN or crossed, a
/// start outside its bounds, bounds given to a method that cannot honour them, every unknown fixed, invalid options,
/// or a second-order method without a gradient. Non-convergence is a result: check
/// <see cref="MinimizationResult.Termination"/>. Cancellation throws <see cref="OperationCanceledException"/>.
/// Caller arrays are copied, never modified.</para>
/// </remarks>
public static class Minimizer
{
    /// <summary>Minimizes the generated objective <typeparamref name="TObjective"/> from <paramref name="start"/>.</summary>
    /// <param name="start">The start, one value per unknown (for an indexed objective its length sets n).</param>
    /// <param name="options">The method and its options; null for BFGS (L-BFGS-B with finite bounds) with our defaults.</param>
    /// <param name="bounds">Bounds and fixed unknowns, or null.</param>
    /// <param name="progress">Receives a report per iteration, or null.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    public static MinimizationResult Minimize<TObjective>(double[] start, MinimizerOptions? options = null, Bounds? bounds = null,
        IProgress<MinimizationProgress>? progress = null, CancellationToken cancellationToken = default)
        where TObjective : IObjective
    {
        ArgumentNullException.ThrowIfNull(start);
        if (TObjective.ParameterCount is { } count)
        {
            if (start.Length != count)
                throw new ArgumentException(
                    $"start has {start.Length} values but the objective has {count} unknowns ({string.Join(", ", TObjective.ParameterNames)}).",
                    nameof(start));
        }
        else if (start.Length < TObjective.MinimumParameterCount)
        {
            throw new ArgumentException(
                $"start has {start.Length} values but the objective needs at least {TObjective.MinimumParameterCount} unknowns "
                + $"({TObjective.ParameterNames[0]} is indexed, its length is the start's).", nameof(start));
        }
        return Run(new Generated<TObjective>(), start, options, bounds, progress, cancellationToken);
    }

    /// <summary>Minimizes an objective given as delegates from <paramref name="start"/>.</summary>
    /// <param name="objective">The value, and optionally the gradient, Hessian and Hessian–vector products.</param>
    /// <param name="start">The start, one value per unknown.</param>
    /// <param name="options">The method and its options; null for BFGS (L-BFGS-B with finite bounds) with our defaults.</param>
    /// <param name="bounds">Bounds and fixed unknowns, or null.</param>
    /// <param name="progress">Receives a report per iteration, or null.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    public static MinimizationResult Minimize(DelegateObjective objective, double[] start, MinimizerOptions? options = null,
        Bounds? bounds = null, IProgress<MinimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        if (objective.HessianPattern is { } pattern && (pattern.RowCount != start.Length || pattern.ColumnCount != start.Length))
            throw new ArgumentException(
                $"The Hessian pattern is {pattern.RowCount}×{pattern.ColumnCount} but start has {start.Length} unknowns.", nameof(objective));
        return Run(new Delegates(objective, start.Length), start, options, bounds, progress, cancellationToken);
    }

    /// <summary>Minimizes f given by its value alone (gradient methods difference it, as their options say).</summary>
    public static MinimizationResult Minimize(ObjectiveFunction f, double[] start, MinimizerOptions? options = null,
        Bounds? bounds = null, IProgress<MinimizationProgress>? progress = null, CancellationToken cancellationToken = default)
        => Minimize(new DelegateObjective(f), start, options, bounds, progress, cancellationToken);

    /// <summary>Minimizes f given by its value with its gradient in one call.</summary>
    public static MinimizationResult Minimize(ObjectiveGradientFunction valueAndGradient, double[] start, MinimizerOptions? options = null,
        Bounds? bounds = null, IProgress<MinimizationProgress>? progress = null, CancellationToken cancellationToken = default)
        => Minimize(new DelegateObjective(valueAndGradient), start, options, bounds, progress, cancellationToken);

    private static MinimizationResult Run<TSource>(TSource source, double[] start, MinimizerOptions? options, Bounds? bounds,
        IProgress<MinimizationProgress>? progress, CancellationToken cancellationToken)
        where TSource : struct, IObjectiveSource
    {
        if (start.Length == 0)
            throw new ArgumentException("start is empty: there is nothing to minimize.", nameof(start));
        for (int i = 0; i < start.Length; i++)
            if (!double.IsFinite(start[i]))
                throw new ArgumentException($"start[{i}] is {start[i]}; the start must be finite.", nameof(start));
        var (isFixed, lower, upper) = BoundsCheck.Validate(bounds, start);
        bool hasBounds = bounds is not null && bounds.HasFiniteBounds(isFixed);
        options ??= hasBounds ? LbfgsbOptions.Default : BfgsOptions.Default;
        options.Validate();
        if (hasBounds && !options.AllowsBounds)
            throw new ArgumentException(
                $"{options.Method} cannot honour bounds; use L-BFGS-B, Nelder–Mead or Powell, or fix the unknowns instead.", nameof(bounds));
        if (options is NewtonCgOptions or TrustExactOptions && !source.HasGradient)
            throw new ArgumentException(
                $"{options.Method} needs the gradient; give the objective's gradient, or use a first-order or derivative-free method.",
                "objective");
        int n = start.Length - isFixed.Count(f => f);
        var (scheme, step, gradientTolerance) = options switch
        {
            BfgsOptions o => (o.FiniteDifferences, o.DifferenceStep, o.GradientTolerance),
            ConjugateGradientOptions o => (o.FiniteDifferences, o.DifferenceStep, o.GradientTolerance),
            LbfgsOptions o => (o.FiniteDifferences, o.DifferenceStep, o.GradientTolerance),
            LbfgsbOptions o => (o.FiniteDifferences, o.DifferenceStep, o.GradientTolerance),
            _ => (FiniteDifferences.Forward, (double?)null, 0.0),
        };
        var objective = new ObjectiveEvaluator<TSource>(source, start, isFixed, hasBounds ? lower : null, hasBounds ? upper : null,
                                                        options.EvaluationLimit(n), scheme, step, progress, cancellationToken);
        return options switch
        {
            // The simplex test's function tolerance is absolute, Powell's relative.
            NelderMeadOptions o => StationarityAudit.CheckDerivativeFree(objective, NelderMead.Minimize(objective, o), o.FunctionTolerance, 0),
            PowellOptions o => StationarityAudit.CheckDerivativeFree(objective, Powell.Minimize(objective, o), 0, o.FunctionTolerance),
            _ => StationarityAudit.Check(objective, RunGradientMethod(objective, options), gradientTolerance),
        };
    }

    private static MinimizationResult RunGradientMethod<TSource>(ObjectiveEvaluator<TSource> objective, MinimizerOptions options)
        where TSource : struct, IObjectiveSource
    {
        return options switch
        {
            BfgsOptions o => Bfgs.Minimize(objective, o),
            ConjugateGradientOptions o => ConjugateGradient.Minimize(objective, o),
            LbfgsOptions o => Lbfgs.Minimize(objective, o),
            LbfgsbOptions o => Lbfgsb.Minimize(objective, o),
            NewtonCgOptions o => NewtonCg.Minimize(objective, o),
            TrustExactOptions o => TrustExact.Minimize(objective, o),
            _ => throw new ArgumentException($"Unknown options type {options.GetType().Name}.", nameof(options)),
        };
    }
}
