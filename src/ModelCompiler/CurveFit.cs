// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ModelCompiler.LeastSquares;
using ModelCompiler.Optimization;

namespace ModelCompiler;

/// <summary>
/// Nonlinear least-squares curve fitting of a compiled model, the counterpart of scipy's
/// <c>curve_fit</c>: minimizes Σwᵢ(f(xᵢ; p) − yᵢ)² by MINPACK-style Levenberg–Marquardt
/// (see <see cref="CurveFitOptions"/>) and reports the covariance as curve_fit defines it.
/// The model is a type parameter, so every call is specialized by the JIT.
/// </summary>
/// <remarks>
/// Bad input (length mismatches, non-finite data, non-positive sigma, too few points, initial
/// values outside the bounds or where the model is not finite) throws <see cref="ArgumentException"/>
/// naming the argument and index. Non-convergence is not an exception: check
/// <see cref="CurveFitResult.Termination"/>. Cancellation throws <see cref="OperationCanceledException"/>.
/// Caller arrays are copied, never modified.
/// </remarks>
public static partial class CurveFit
{
    /// <summary>Fits a one-variable model (or a multi-variable one with x column-major n×V).</summary>
    /// <remarks>
    /// This overload wins when the fourth argument is the literal <c>null</c>, which would otherwise fit
    /// the sigma and setup overloads as well: <c>Fit(x, y, initial, null)</c> means default options.
    /// </remarks>
    [OverloadResolutionPriority(2)]
    public static CurveFitResult Fit<TModel>(double[] x, double[] y, double[] initial, CurveFitOptions? options = null,
                                             CancellationToken cancellationToken = default)
        where TModel : IModel
        => Fit<TModel>(x, y, initial, FitSetup.None, options, null, cancellationToken);

    /// <summary>
    /// Fits with per-point standard deviations, as <c>curve_fit(f, x, y, p0, sigma)</c>; a null
    /// <paramref name="sigma"/> is <c>sigma=None</c>, an unweighted fit. This overload wins over the setup
    /// overload for a literal <c>null</c>, as in <c>Fit(x, y, initial, null, options)</c>.
    /// </summary>
    [OverloadResolutionPriority(1)]
    public static CurveFitResult Fit<TModel>(double[] x, double[] y, double[] initial, double[]? sigma,
                                             CurveFitOptions? options = null, CancellationToken cancellationToken = default)
        where TModel : IModel
        => Fit<TModel>(x, y, initial, sigma is null ? FitSetup.None : new FitSetup { Sigma = sigma }, options, null, cancellationToken);

    /// <summary>Fits a multi-variable model; <paramref name="x"/>[i, v] is variable v of point i.</summary>
    public static CurveFitResult Fit<TModel>(double[,] x, double[] y, double[] initial, FitSetup? setup = null,
                                             CurveFitOptions? options = null, IProgress<FitProgress>? progress = null,
                                             CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        return Fit<TModel>(ColumnMajorVariables<TModel>(x), y, initial, setup ?? FitSetup.None, options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits with everything: weights or sigma, bounds and fixed parameters in <paramref name="setup"/>,
    /// a progress report per accepted step, and cancellation.
    /// </summary>
    public static CurveFitResult Fit<TModel>(double[] x, double[] y, double[] initial, FitSetup setup,
                                             CurveFitOptions? options = null, IProgress<FitProgress>? progress = null,
                                             CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        options ??= CurveFitOptions.Default;
        var problem = CheckedProblem<TModel>(x, y, initial, setup, options);
        CurveFitResult fit = Solve<TModel>(problem, options, progress, cancellationToken);
        return options.KeepStartLabels ? ExchangeableTerms.Relabel<TModel>(fit, problem) : fit;
    }

    /// <summary>
    /// Fits a model that is linear in its parameters (<see cref="IModel.IsLinearInParameters"/>) in one
    /// direct solve, without initial values or iteration. Weights or sigma in <paramref name="setup"/>
    /// apply; bounds and fixed parameters need <see cref="Fit{TModel}(double[], double[], double[], FitSetup, CurveFitOptions?, IProgress{FitProgress}?, CancellationToken)"/>.
    /// </summary>
    public static CurveFitResult FitLinear<TModel>(double[] x, double[] y, FitSetup? setup = null, CurveFitOptions? options = null)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        setup ??= FitSetup.None;
        options ??= CurveFitOptions.Default;
        options.Validate();
        if (!TModel.IsLinearInParameters)
            throw new ArgumentException($"The model '{TModel.Formula}' is not linear in its parameters; use CurveFit.Fit with initial values.", nameof(TModel));
        if (setup.LowerBounds is not null || setup.UpperBounds is not null || setup.Fixed is not null)
            throw new ArgumentException("A linear fit takes no bounds or fixed parameters; use CurveFit.Fit for those.", nameof(setup));

        int p = TModel.ParameterCount;
        var problem = InputValidation.Build(x, TModel.VariableCount, y, new double[p], p, TModel.ParameterNames, setup);
        var evaluator = new ResidualEvaluator<TModel>(problem);
        int n = problem.PointCount;
        var offset = new double[n];
        var design = new double[n * p];
        if (!evaluator.ResidualsAndJacobian(new double[p], offset, design))
            throw new ArgumentException($"The model value at point {evaluator.FirstNonFiniteValue()} is not finite.", nameof(x));
        double[] solution = LinearLeastSquares.Solve(n, p, design, offset);

        var residuals = new double[n];
        var jacobian = new double[n * p];
        evaluator.ResidualsAndJacobian(solution, residuals, jacobian);
        var covariance = CovarianceEstimate.FromJacobian(jacobian, n, p, TModel.ParameterNames);
        return FitResultBuilder.Build(TModel.Formula, TModel.ParameterNames, problem, solution,
                                      DataSums.SquaresAbout(residuals, 0, default), covariance,
                                      FitTermination.DirectSolution, "solved directly by linear least squares", 0,
                                      evaluator.FunctionEvaluations, evaluator.JacobianEvaluations, options);
    }

    // projectFirst runs the projected iteration first (the extra starts of a multi-start fit, whose amplitudes are random
    // draws anyway), and Levenberg–Marquardt from the start only if that looks stuck.
    internal static CurveFitResult Solve<TModel>(LeastSquaresProblem problem, CurveFitOptions options,
                                                 IProgress<FitProgress>? progress, CancellationToken cancellationToken,
                                                 bool projectFirst = false)
        where TModel : IModel
    {
        if (options.Method == LeastSquaresMethod.MinpackLmdif)
            return SolveLmdif<TModel>(problem, options, progress, cancellationToken);
        var fit = SolveFrom<TModel>(problem, options, progress, cancellationToken, projectFirst);
        if (!fit.IsConverged || fit.IsCovarianceDefined || fit.DegreesOfFreedom == 0)
            return fit;
        var (start, probes) = ZeroColumnEscape<TModel>(problem, fit);   // one Jacobian and the probes' values
        if (start is null)
            return fit.WithEarlierWork(0, 1, probes);
        var again = SolveFrom<TModel>(problem.WithInitial(start), options, progress, cancellationToken, projectFirst);
        return Better(fit, again.WithEarlierWork(0, 1, probes));
    }

    /// <summary>
    /// A start from which to fit again (null when none lowers the sum of squares), and the values of f it took. A converged
    /// fit where a free parameter's Jacobian column vanishes at every point may sit on a stationary point by symmetry, not
    /// a minimum. Gauss–Newton sees no curvature along that parameter:
    /// (a·x)² + c from a = 0, or a·exp(−(k·x)²) from k = 0, stopped there with the gradient test met. Such a parameter is
    /// moved by ±10ᵉ·max(1, |θ|) (e from −12 to 6), and the lowest sum of squares found, if it falls, is the new start.
    /// Only a fit whose covariance is undefined is looked at, so an ordinary fit evaluates nothing.
    /// </summary>
    private static (double[]? Start, int Evaluations) ZeroColumnEscape<TModel>(LeastSquaresProblem problem, CurveFitResult fit)
        where TModel : IModel
    {
        int n = problem.PointCount, p = problem.ParameterCount, k = problem.FreeCount;
        double[] parameters = fit.Parameters;
        var values = new double[n];
        var jacobian = new double[n * p];
        TModel.EvaluateWithJacobian(problem.X, parameters, values, jacobian);
        var evaluator = new ResidualEvaluator<TModel>(problem);
        var free = new double[k];
        var residuals = new double[n];
        for (int a = 0; a < k; a++)
            free[a] = parameters[problem.FreeIndices[a]];
        double best = fit.ResidualSumOfSquares;
        double[]? start = null;
        for (int a = 0; a < k; a++)
        {
            int j = problem.FreeIndices[a];
            if (jacobian.AsSpan(j * n, n).ContainsAnyExcept(0.0))
                continue;
            double at = free[a];
            var lower = AxisProbe.Lowest(at, -12, 6, problem.Lower?[a] ?? double.NegativeInfinity, problem.Upper?[a] ?? double.PositiveInfinity,
                                         value =>
                                         {
                                             free[a] = value;
                                             return evaluator.Residuals(free, residuals) ? DenseOps.Dot(residuals, residuals) : double.NaN;
                                         }, best * (1 - 1e-8));
            free[a] = at;
            if (lower is { } found)
            {
                best = found.F;
                start = (double[])parameters.Clone();
                start[j] = found.Value;
            }
        }
        return (start, evaluator.FunctionEvaluations);
    }

    /// <summary>Levenberg–Marquardt, with variable projection where the options and the problem call for it.</summary>
    private static CurveFitResult SolveFrom<TModel>(LeastSquaresProblem problem, CurveFitOptions options, IProgress<FitProgress>? progress,
                                                    CancellationToken cancellationToken, bool projectFirst)
        where TModel : IModel
    {
        if (!options.VariableProjection)
            return SolveLevenbergMarquardt<TModel>(problem, options, progress, cancellationToken);
        // The second attempt has what the first left of the caller's budget: a retry with a budget of its own had taken
        // a fit limited to 3 evaluations to 69 (40 values, 29 with the Jacobian).
        int budget = options.EvaluationBudget(problem.FreeCount);
        if (projectFirst)
        {
            var first = SolveProjected<TModel>(problem, options, progress, cancellationToken, out int spent);
            if (first is not null && (!VariableProjection.LooksStuck(first, problem) || Spent(first) >= budget))
                return first;
            int used = first is null ? spent : Spent(first);
            var second = SolveLevenbergMarquardt<TModel>(problem, options with { MaxFunctionEvaluations = Math.Max(1, budget - used) },
                                                         progress, cancellationToken);
            return first is null ? second.WithEarlierWork(0, spent) : Better(first, second);
        }
        var direct = SolveLevenbergMarquardt<TModel>(problem, options, progress, cancellationToken);
        if (!VariableProjection.LooksStuck(direct, problem) || Spent(direct) >= budget)
            return direct;
        // The fit ended where the amplitudes' own minima trap Levenberg–Marquardt (terms merged or dead, a parameter run
        // away): the projected iteration starts again from the caller's nonlinear parameters.
        var projected = SolveProjected<TModel>(problem, options with { MaxFunctionEvaluations = budget - Spent(direct) }, null,
                                               cancellationToken, out int searched);
        return projected is null ? direct.WithEarlierWork(0, searched) : Better(direct, projected);
    }

    /// <summary>The evaluations a fit counts against its budget.</summary>
    private static int Spent(CurveFitResult fit) => fit.FunctionEvaluations + fit.JacobianEvaluations;

    /// <summary>
    /// The projected iteration, then Levenberg–Marquardt from where it ends; null when projection does not apply or ends
    /// where the model or its Jacobian is not finite (on the edge of the model's domain), with <paramref name="spent"/> the
    /// evaluations that found out.
    /// </summary>
    private static CurveFitResult? SolveProjected<TModel>(LeastSquaresProblem problem, CurveFitOptions options,
                                                          IProgress<FitProgress>? progress, CancellationToken cancellationToken,
                                                          out int spent)
        where TModel : IModel
    {
        if (VariableProjection.Start<TModel>(problem, options, cancellationToken, out spent, out int iterations) is not { } start)
            return null;
        try
        {
            int budget = options.EvaluationBudget(problem.FreeCount);
            return SolveLevenbergMarquardt<TModel>(problem.WithInitial(start), options with { MaxFunctionEvaluations = Math.Max(1, budget - spent) },
                                                   progress, cancellationToken)
                .WithEarlierWork(iterations, spent);
        }
        catch (ArgumentException e) when (e.ParamName == "initial")
        {
            // The solver refuses a start where the model or its Jacobian is not finite, as it should the caller's; this
            // start is ours, and the caller's fit stands.
            return null;
        }
    }

    /// <summary>The fit with the lower sum of squares (the first on ties), carrying the other's work.</summary>
    private static CurveFitResult Better(CurveFitResult first, CurveFitResult second) =>
        second.ResidualSumOfSquares < first.ResidualSumOfSquares
            ? second.WithEarlierWork(first.Iterations, first.FunctionEvaluations + first.JacobianEvaluations)
            : first.WithEarlierWork(second.Iterations, second.FunctionEvaluations + second.JacobianEvaluations);

    /// <summary>Levenberg–Marquardt from the problem's start.</summary>
    private static CurveFitResult SolveLevenbergMarquardt<TModel>(LeastSquaresProblem problem, CurveFitOptions options,
                                                                  IProgress<FitProgress>? progress, CancellationToken cancellationToken)
        where TModel : IModel
    {
        var solver = new LevenbergMarquardt<TModel>(problem, options, cancellationToken);
        var outcome = solver.Solve(progress, cancellationToken);

        string[] freeNames = FitResultBuilder.FreeNames(TModel.ParameterNames, problem);
        var covariance = WithUndeterminedParameters<TModel>(problem, outcome.FreeParameters, solver.CovarianceAt(outcome.FreeParameters, freeNames));
        var termination = Stationarity.Judge(outcome.Termination, covariance.Alignment, problem.WeightedResponseNorm, problem.ModelNoise,
                                             outcome.StepLeavesDomain);
        string message = termination == FitTermination.Stalled
            ? Stationarity.Describe(outcome.Termination, covariance.Alignment, freeNames, outcome.StepLeavesDomain)
            : FitResultBuilder.Describe(termination);
        return FitResultBuilder.Build(
            TModel.Formula, TModel.ParameterNames, problem, outcome.FreeParameters, solver.ResidualSquares, covariance,
            termination, message, outcome.Iterations,
            solver.Evaluator.FunctionEvaluations, solver.Evaluator.JacobianEvaluations, options);
    }

    /// <summary>
    /// The estimate, undefined where a parameter acts only through a term below the data's rounding (<see cref="NegligibleTerms"/>)
    /// or through a column that is its formula's rounding (<see cref="RoundingNoiseColumns"/>).
    /// </summary>
    private static CovarianceEstimate WithUndeterminedParameters<TModel>(LeastSquaresProblem problem, ReadOnlySpan<double> free, CovarianceEstimate estimate)
        where TModel : IModel
    {
        if (estimate.Matrix is null)
            return estimate;
        double[] values = (double[])problem.Initial.Clone();
        for (int j = 0; j < free.Length; j++)
            values[problem.FreeIndices[j]] = free[j];
        if (NegligibleTerms.Find<TModel>(problem.X, problem.PointCount, values, problem.FreeIndices, estimate.ColumnNorms,
                                         problem.WeightedResponseNorm, out bool[] vanished) is { } why)
        {
            int rank = problem.FreeCount - vanished.Count(v => v);
            return NegligibleTerms.WithoutVanished<TModel>(problem.X, problem.PointCount, values, problem.FreeIndices, problem.SqrtWeights,
                                                           vanished) is { } part
                ? estimate.UndefinedExcept(why, part.Rank, part.Covariance, part.Errors)
                : estimate.Undefined(why, rank);
        }
        return TModel.MayHaveRoundingNoiseColumns &&
               RoundingNoiseColumns.Find<TModel>(problem.X, problem.PointCount, values, problem.FreeIndices, out int noisy) is { } noise
            ? estimate.Undefined(noise, problem.FreeCount - noisy)
            : estimate;
    }

    private static CurveFitResult SolveLmdif<TModel>(LeastSquaresProblem problem, CurveFitOptions options,
                                                     IProgress<FitProgress>? progress, CancellationToken cancellationToken)
        where TModel : IModel
    {
        var solver = new MinpackLmdif<TModel>(problem, options);
        var outcome = solver.Solve(progress, cancellationToken);
        var covariance = solver.FinalCovariance(FitResultBuilder.FreeNames(TModel.ParameterNames, problem));
        return FitResultBuilder.Build(
            TModel.Formula, TModel.ParameterNames, problem, outcome.FreeParameters, solver.ResidualSquares, covariance,
            outcome.Termination, FitResultBuilder.Describe(outcome.Termination), outcome.Iterations,
            solver.Evaluator.FunctionEvaluations, solver.Evaluator.JacobianEvaluations, options);
    }

    /// <summary>The checks every fit from a start makes at its boundary, and the problem they admit.</summary>
    private static LeastSquaresProblem CheckedProblem<TModel>(double[] x, double[] y, double[] initial, FitSetup setup,
                                                              CurveFitOptions options)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(setup);
        options.Validate();
        return InputValidation.Build(x, TModel.VariableCount, y, initial, TModel.ParameterCount, TModel.ParameterNames, setup,
                                     options.MaxDegreeOfParallelism);
    }

    /// <summary>Rows-as-points x of a multi-variable model, checked against its variables, in column-major order.</summary>
    private static double[] ColumnMajorVariables<TModel>(double[,] x) where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.GetLength(1) != TModel.VariableCount)
            throw new ArgumentException(
                $"x has {x.GetLength(1)} columns but the model has {TModel.VariableCount} variables ({string.Join(", ", TModel.VariableNames)}).",
                nameof(x));
        return ToColumnMajor(x);
    }

    internal static double[] ToColumnMajor(double[,] x)
    {
        int n = x.GetLength(0), v = x.GetLength(1);
        var flat = new double[n * v];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < v; j++)
                flat[j * n + i] = x[i, j];
        return flat;
    }
}
