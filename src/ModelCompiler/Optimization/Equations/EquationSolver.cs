// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Optimization;

/// <summary>
/// Solves a square system of nonlinear equations F(x) = 0, the counterpart of scipy's <c>fsolve</c> and <c>root</c>:
/// Powell's hybrid method (default), Levenberg–Marquardt, Broyden's method, or Newton's method on the Jacobian's
/// banded structure (see <see cref="EquationMethod"/>). The system is a generated <see cref="IEquationSystem"/>
/// (its Jacobian and sparsity derived at build time; a type parameter, so the JIT specializes every call) or
/// delegates, with a Jacobian delegate or differences (<see cref="FiniteDifferenceScheme"/>), grouped by a sparsity
/// pattern when one is given.
/// </summary>
/// <remarks>
/// Bad input throws <see cref="ArgumentException"/> naming the argument and index: a start of the wrong length or
/// with a non-finite entry, F or its Jacobian not finite at the start, a system that is not square, invalid options.
/// Not converging is an <see cref="EquationTermination"/>. Cancellation throws <see cref="OperationCanceledException"/>.
/// The start is copied, never modified.
/// </remarks>
public static class EquationSolver
{
    /// <summary>Solves the generated system <typeparamref name="TSystem"/> from <paramref name="x0"/>.</summary>
    public static EquationSolverResult Solve<TSystem>(double[] x0, EquationSolverOptions? options = null,
                                                      IProgress<EquationSolverProgress>? progress = null,
                                                      CancellationToken cancellationToken = default)
        where TSystem : IEquationSystem
    {
        ArgumentNullException.ThrowIfNull(x0);
        options ??= EquationSolverOptions.Default;
        options.Validate();
        int n = x0.Length;
        if (TSystem.ParameterCount is { } count && n != count)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"x0 has {n} entries but the system has {count} unknowns ({string.Join(", ", TSystem.ParameterNames)})."), nameof(x0));
        if (n < TSystem.MinimumParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"x0 has {n} entries; the system is defined for at least {TSystem.MinimumParameterCount} unknowns."), nameof(x0));
        int m = TSystem.EquationCount(n);
        if (m != n)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The system has {m} equations in {n} unknowns; the equation solvers need a square system (fit an over-determined one by least squares)."),
                nameof(x0));
        var pattern = TSystem.JacobianPattern(n);
        var evaluator = new GeneratedSystem<TSystem>(pattern, new EvaluationCounter());
        return Run(evaluator, x0, options, progress, cancellationToken, TSystem.Formula, TSystem.ParameterNames, TSystem.ParameterCount is null);
    }

    /// <summary>
    /// Solves <paramref name="residuals"/>(x) = 0 from <paramref name="x0"/> with a dense difference Jacobian
    /// (<see cref="EquationSolverOptions.FiniteDifferences"/>), as scipy's <c>fsolve(f, x0)</c>.
    /// </summary>
    public static EquationSolverResult Solve(SystemFunction residuals, double[] x0, EquationSolverOptions? options = null,
                                             IProgress<EquationSolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x0);
        return SolveDelegates(residuals, null, SparsityPattern.Dense(Math.Max(1, x0.Length), Math.Max(1, x0.Length)), x0, options, progress, cancellationToken);
    }

    /// <summary>
    /// Solves <paramref name="residuals"/>(x) = 0 with a difference Jacobian over <paramref name="jacobianPattern"/>:
    /// columns sharing no row are differenced together, so a banded Jacobian costs a few evaluations of F whatever n.
    /// </summary>
    public static EquationSolverResult Solve(SystemFunction residuals, SparsityPattern jacobianPattern, double[] x0,
                                             EquationSolverOptions? options = null, IProgress<EquationSolverProgress>? progress = null,
                                             CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jacobianPattern);
        ArgumentNullException.ThrowIfNull(x0);
        if (jacobianPattern.RowCount != x0.Length || jacobianPattern.ColumnCount != x0.Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The pattern is {jacobianPattern.RowCount}×{jacobianPattern.ColumnCount}; x0 has {x0.Length} entries."), nameof(jacobianPattern));
        return SolveDelegates(residuals, null, jacobianPattern, x0, options, progress, cancellationToken);
    }

    /// <summary>
    /// Solves <paramref name="residuals"/>(x) = 0 with the Jacobian <paramref name="jacobian"/> (dense, row-major), as
    /// scipy's <c>fsolve(f, x0, fprime=jac)</c>.
    /// </summary>
    public static EquationSolverResult Solve(SystemFunction residuals, SystemJacobian jacobian, double[] x0,
                                             EquationSolverOptions? options = null, IProgress<EquationSolverProgress>? progress = null,
                                             CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        ArgumentNullException.ThrowIfNull(x0);
        return SolveDelegates(residuals, jacobian, SparsityPattern.Dense(Math.Max(1, x0.Length), Math.Max(1, x0.Length)), x0, options, progress, cancellationToken);
    }

    private static EquationSolverResult SolveDelegates(SystemFunction residuals, SystemJacobian? jacobian, SparsityPattern pattern,
                                                       double[] x0, EquationSolverOptions? options,
                                                       IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        options ??= EquationSolverOptions.Default;
        options.Validate();
        var differences = jacobian is null ? new FiniteDifferenceJacobian(pattern, options.FiniteDifferences) : null;
        var evaluator = new DelegateSystem(residuals, jacobian, differences, pattern, new EvaluationCounter());
        return Run(evaluator, x0, options, progress, cancellationToken, null, ["x"], true);
    }

    private static EquationSolverResult Run<TEval>(TEval evaluator, double[] x0, EquationSolverOptions options,
                                                   IProgress<EquationSolverProgress>? progress, CancellationToken cancellationToken,
                                                   string? formula, IReadOnlyList<string> names, bool indexed)
        where TEval : ISystemEvaluator
    {
        var ci = CultureInfo.InvariantCulture;
        int n = x0.Length;
        if (n == 0)
            throw new ArgumentException("x0 is empty; give a start with one entry per unknown.", nameof(x0));
        int bad = SystemChecks.FirstNonFinite(x0);
        if (bad >= 0)
            throw new ArgumentException(string.Create(ci, $"x0[{bad}] is {x0[bad]}; the start must be finite."), nameof(x0));
        var x = (double[])x0.Clone();
        var f = new double[n];
        if (!evaluator.Residuals(x, f))
        {
            int i = SystemChecks.FirstNonFinite(f);
            throw new ArgumentException(string.Create(ci, $"F[{i}] is {f[i]} at the start; start where every equation is finite."), nameof(x0));
        }
        int budget = options.EvaluationBudget(n, evaluator.UsesDifferences);
        var method = options.Method == EquationMethod.Automatic ? Choose(n, evaluator.Pattern) : options.Method;
        double initialNorm = Norms.Euclidean(f);
        EquationOutcome outcome;
        if (Norms.Max(f) == 0)
            outcome = new EquationOutcome(x, f, 0, EquationTermination.ExactSolution, EquationMessages.Exact);
        else if (options.ResidualTolerance > 0 && Norms.Max(f) <= options.ResidualTolerance)
            outcome = new EquationOutcome(x, f, 0, EquationTermination.ResidualTolerance, EquationMessages.Residual(options.ResidualTolerance));
        else
            outcome = method switch
            {
                EquationMethod.Hybrid => new HybridPowell<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
                EquationMethod.LevenbergMarquardt => new SystemLevenbergMarquardt<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
                EquationMethod.Broyden => new BroydenSolver<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
                _ => new NewtonTrustRegion<TEval>(evaluator, options, budget).Solve(x, f, progress, cancellationToken),
            };
        var final = outcome;
        outcome = outcome.Classified(initialNorm, () => JacobianNorm(evaluator, final.X, final.Residuals));
        return new EquationSolverResult(method, formula, names, indexed, outcome.X, outcome.Residuals, outcome.Iterations,
            evaluator.Counter.Residuals, evaluator.Counter.Jacobians, outcome.Termination, outcome.Message);
    }

    /// <summary>‖J‖ (Frobenius) at x, or +∞ where J is not finite (no distance to a root can be told).</summary>
    private static double JacobianNorm<TEval>(TEval evaluator, double[] x, double[] f) where TEval : ISystemEvaluator
    {
        var values = new double[evaluator.Pattern.NonzeroCount];
        return evaluator.Jacobian(x, f, values) ? Norms.Euclidean(values) : double.PositiveInfinity;
    }

    /// <summary><see cref="EquationMethod.Automatic"/>'s choice: Newton's banded LU for a large system in a narrow band.</summary>
    private static EquationMethod Choose(int n, SparsityPattern pattern) =>
        n >= 200 && pattern.LowerBandwidth + pattern.UpperBandwidth + 1 <= n / 8 ? EquationMethod.Newton : EquationMethod.Hybrid;
}
